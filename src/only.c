/*
 * only.c: --only KIND,...: the figure kinds (and the observations) a
 * figure-making command keeps.  The list of kinds a user may name is the
 * one of issue #17; a kind no figure family draws yet keeps nothing.
 */
#include <string.h>
#include "only.h"

const char *const fsc_only_kinds[] = {
	"bw", "iops", "lat", "cpu", "cdf", "stack", "timeline", "tl", "bar",
	"grid", "observations",
};
#define NKINDS (sizeof(fsc_only_kinds) / sizeof(fsc_only_kinds[0]))

int fsc_only_parse(const char *list, struct fsc_err *err)
{
	const char *p = list;
	size_t i;

	if (!*list)
		return fsc_err_set(err, "", "empty list of kinds");
	for (;;) {
		size_t n = strcspn(p, ",");

		for (i = 0; i < NKINDS; i++)
			if (strlen(fsc_only_kinds[i]) == n &&
			    !strncmp(fsc_only_kinds[i], p, n))
				break;
		if (i == NKINDS) {
			struct fsc_buf k = FSC_BUF_INIT;

			for (i = 0; i < NKINDS; i++)
				fsc_buf_addf(&k, "%s%s", i ? ", " : "",
					     fsc_only_kinds[i]);
			fsc_err_set(err, "", "unknown kind '%.*s' (kinds: %s)",
				    (int)(n > 64 ? 64 : n), p, k.buf);
			fsc_buf_release(&k);
			return -1;
		}
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

const char *fsc_kind_title(const char *kind)
{
	static const struct {
		const char *kind, *what;
	} t[] = {
		{ "bw", "Aggregate bandwidth" },
		{ "iops", "Aggregate IOPS" },
		{ "lat", "Completion latency (p50, p99, p99.99)" },
		{ "cpu", "CPU seconds per GiB moved" },
		{ "bar", "One value per key: bandwidth, IOPS and p99 latency" },
		{ "tl", "Throughput and p99 latency by load level, with the knee" },
		{ "grid", "Two swept keys at once" },
		{ "stack", "Per-client bandwidth, stacked" },
		{ "cdf", "Completion latency distribution" },
		{ "timeline", "Per-run timeline" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(t[i].kind, kind))
			return t[i].what;
	return kind;
}

int fsc_only_has(const char *list, const char *kind)
{
	size_t k = strlen(kind);
	const char *p = list;

	if (!list)
		return 1;
	for (;;) {
		size_t n = strcspn(p, ",");

		if (n == k && !strncmp(p, kind, n))
			return 1;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}
