/* stats_window.h (#20): the common window of a scenario's clients
 * (stats_window.c), for the statistics refresh (stats.c). */
#ifndef FSC_STATS_WINDOW_H
#define FSC_STATS_WINDOW_H
#include "fioscope.h"

/* One successful run of a scenario and direction: its repetition (the
 * refresh's rule), its window in ms (NAN: unknown), the bytes it moved
 * in the direction and its client's name (or NULL). */
struct fsc_win_run {
	int64_t id;
	int rep;
	double start, end, bytes;
	char *client;
};

struct fsc_win_result {
	double bw;		/* bytes/s over the common window, mean over reps */
	const char *source;	/* "logs" or "windows" (static text) */
	const char *late, *early;	/* names in w[], or NULL */
};

/* The aggregate bandwidth of runs w[0..n) in direction ddir over the
 * window all runs of a repetition share.  logs: a prepared
 * "SELECT job, time_ms, value FROM log_sample WHERE run_id = ?1 AND
 * kind = 'bw' AND ddir = ?2 ORDER BY job, time_ms" (FSC_WIN_LOGS_SQL).
 * 1: out set; 0: some repetition has no common window (or no times);
 * -1: a store error. */
#define FSC_WIN_LOGS_SQL \
	"SELECT job, time_ms, value FROM log_sample WHERE run_id = ?1" \
	" AND kind = 'bw' AND ddir = ?2 ORDER BY job, time_ms"
int fsc_stats_common(sqlite3_stmt *logs, int ddir,
		     const struct fsc_win_run *w, size_t n,
		     struct fsc_win_result *out);
#endif
