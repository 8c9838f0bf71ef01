/* cores.c: how many threads to run at once: one per online core, at
 * least 1 and at most max (ingest's workers, the refresh's helpers, the
 * renderer's gnuplot processes). */
#include <unistd.h>
#include "fioscope.h"

int fsc_cores(int max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > max ? max : (int)n;
}
