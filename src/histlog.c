/*
 * histlog.c: fio's latency histogram logs (write_hist_log=NAME with
 * log_hist_msec: NAME_clat_hist.N.log).  One interval a line:
 * "time (ms), direction, block size, count, count, ..." with one count per
 * bucket of fio's completion latency histogram (stat.h: 2^6 buckets per
 * power-of-two group; 29 groups of ns in fio 3, 19 groups of usec in fio
 * 2.x; log_hist_coarseness, which sums neighbouring buckets, is refused as
 * a wrong bucket count).  Kept as the non-empty buckets with fio's value
 * of each (hist.c), in ns.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

/* Digits at *p (after blanks) up to ',' or the end of the line; -1 when
 * there are none or they do not fit. */
static int count(const char **p, const char *end, uint64_t *out)
{
	uint64_t x = 0;
	unsigned d;
	const char *q = *p;

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= end || *q < '0' || *q > '9')
		return -1;
	for (; q < end && *q >= '0' && *q <= '9'; q++) {
		d = (unsigned)(*q - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q < end && *q != ',')
		return -1;
	if (q < end)
		q++;
	*p = q;
	*out = x;
	return 0;
}

/* Parse one line (p..eol) into iv, with *nb the bucket count of the
 * log's first line (0 before it). */
static int line_of(const char *p, const char *eol, size_t *nb,
		   struct fsc_histiv *iv, int *usec, const char *path,
		   struct fsc_err *err)
{
	uint64_t v[3], c;
	size_t k = 0, cap = 0;
	int i;

	for (i = 0; i < 3; i++)
		if (count(&p, eol, &v[i]) < 0)
			return fsc_err_set(err, path, "not a fio histogram log"
					   " line (time, direction, block size,"
					   " bucket counts)");
	if (v[0] > 9000000000000000ULL || v[1] > 2 ||
	    v[2] > 9000000000000000ULL)
		return fsc_err_set(err, path, "not a fio histogram log line"
				   " (time, direction 0-2, block size)");
	memset(iv, 0, sizeof(*iv));
	iv->time_ms = (int64_t)v[0];
	iv->ddir = (int)v[1];
	iv->bs = (int64_t)v[2];
	while (p < eol) {
		if (count(&p, eol, &c) < 0) {
			free(iv->bins);
			iv->bins = NULL;
			return fsc_err_set(err, path, "bucket %zu of a fio histogram"
					   " log line is not a count", k + 1);
		}
		if (c) {
			if (iv->nbins == cap) {
				cap = cap ? cap * 2 : 32;
				iv->bins = fsc_realloc(iv->bins,
						       cap * sizeof(*iv->bins));
			}
			iv->bins[iv->nbins].value_ns = k;	/* the index, for now */
			iv->bins[iv->nbins++].count = c;
			iv->samples = iv->samples > UINT64_MAX - c ?
				      UINT64_MAX : iv->samples + c;
		}
		k++;
	}
	if (!*nb && (k == FSC_HIST_BUCKETS_FIO3 || k == FSC_HIST_BUCKETS_FIO2)) {
		*nb = k;
		*usec = k == FSC_HIST_BUCKETS_FIO2;
	}
	if (k != *nb || !k) {
		free(iv->bins);
		iv->bins = NULL;
		if (*nb)
			return fsc_err_set(err, path, "%zu buckets on a line of a"
					   " fio histogram log whose first line"
					   " has %zu (truncated?)", k, *nb);
		return fsc_err_set(err, path, "%zu buckets on a fio histogram log"
				   " line: fio writes %d (fio 3) or %d (fio 2.x;"
				   " log_hist_coarseness is not read)", k,
				   FSC_HIST_BUCKETS_FIO3, FSC_HIST_BUCKETS_FIO2);
	}
	for (i = 0; (size_t)i < iv->nbins; i++)
		iv->bins[i].value_ns = fsc_plat_idx_to_val(
			(unsigned)iv->bins[i].value_ns, 6) * (*usec ? 1000 : 1);
	return 0;
}

int fsc_histlog_parse(const char *data, size_t len, const char *path,
		      struct fsc_log *log, struct fsc_err *err)
{
	const char *p = data, *end = data + len, *eol;
	size_t cap = 0, nb = 0;
	long line = 0;

	while (fsc_log_line(&p, end, &eol, &line)) {
		if (log->niv == cap) {
			cap = cap ? cap * 2 : 32;
			log->iv = fsc_realloc(log->iv, cap * sizeof(*log->iv));
		}
		if (line_of(p, eol, &nb, &log->iv[log->niv], &log->usec, path,
			    err) < 0) {
			/* fio ends every line: one cut short is a truncated
			 * copy, whatever it looks like where it ends */
			if (eol == end)
				fsc_err_set(err, path, "truncated fio histogram"
					    " log: its last line ends without a"
					    " newline and is not a whole interval");
			return fsc_err_line(err, line);
		}
		log->niv++;
		p = eol + 1;
	}
	if (!log->niv)
		return fsc_err_set(err, path, "empty fio histogram log");
	return 0;
}
