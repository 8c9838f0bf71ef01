/*
 * terse.c: fio's terse output (--output-format=terse, --minimal), versions
 * 3, 4 and 5 -> struct fsc_result, in ns, bytes and bytes/s.  One line per
 * job, fields separated by ';' (fio's HOWTO "Terse output", stat.c
 * show_thread_status_terse_all and show_ddir_status_terse):
 *
 *   VERSION;fio-X.Y;jobname;groupid;error
 *   per direction (read, write; and trim from v4 on), 41 fields (47 in v5):
 *     io KiB; bw KiB/s; iops; runtime ms;
 *     slat min;max;mean;dev; clat min;max;mean;dev (usec);
 *     20 percentiles "P%=usec" (padded with "0%=0");
 *     lat min;max;mean;dev (usec); bw min;max;agg%;mean;dev (KiB/s);
 *     v5: bw samples; iops min;max;mean;dev;samples
 *   usr%;sys%;ctx;majf;minf; 7 io depths; 10 usec and 12 msec latency
 *   shares; then disk utilisation, error counts, description (ignored).
 *
 * Terse output has no total_ios (derived from fio's integer iops and the
 * runtime, as for fio 2.0/2.1 JSON), no job options and no timestamp;
 * latencies are whole usec (fio divides its ns by 1000, rounding down).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define NFIELDS_MAX 512		/* a line with more is not terse output */
#define MAX_BYTES ((uint64_t)1 << 60)
#define MAX_USEC ((uint64_t)1 << 52)

/* One line split into fields (pointers into a copy of the line). */
struct line {
	char *buf;
	char *f[NFIELDS_MAX];
	int n;
	long lineno;
	const char *path;
	struct fsc_err *err;
};

/* Is the line at p (len bytes, no newline) a terse line of version 3-5:
 * "3;fio-..." ?  Its version, or 0. */
static int terse_version(const char *p, size_t len)
{
	if (len < 7 || p[0] < '3' || p[0] > '5' || p[1] != ';' ||
	    memcmp(p + 2, "fio-", 4))
		return 0;
	return p[0] - '0';
}

static int bad_field(struct line *l, int i, const char *what)
{
	fsc_err_set(l->err, l->path, "terse output: field %d is %s", i + 1,
		    what);
	return fsc_err_line(l->err, l->lineno);
}

static int u64_field(struct line *l, int i, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (i >= l->n)
		return bad_field(l, i, "missing");
	if (!(*l->f[i] >= '0' && *l->f[i] <= '9'))
		return bad_field(l, i, "not an unsigned integer");
	errno = 0;
	v = strtoull(l->f[i], &end, 10);
	if (*end)
		return bad_field(l, i, "not an unsigned integer");
	if (errno || v > max)
		return bad_field(l, i, "an absurd value");
	*out = v;
	return 0;
}

/* A number, "%f" or "%f%%" (pct: the '%' is required). */
static int dbl_field(struct line *l, int i, int pct, double max, double *out)
{
	char *end;

	if (i >= l->n)
		return bad_field(l, i, "missing");
	if (!((*l->f[i] >= '0' && *l->f[i] <= '9') || *l->f[i] == '-'))
		return bad_field(l, i, "not a number");
	*out = strtod(l->f[i], &end);
	if (pct && *end == '%')
		end++;
	if (*end)
		return bad_field(l, i, "not a number");
	if (!isfinite(*out) || *out < 0 || *out > max)
		return bad_field(l, i, "an absurd value");
	return 0;
}

static int i64_field(struct line *l, int i, int64_t *out)
{
	char *end;
	long long v;

	if (i >= l->n)
		return bad_field(l, i, "missing");
	errno = 0;
	v = strtoll(l->f[i], &end, 10);
	if (end == l->f[i] || *end || errno)
		return bad_field(l, i, "not an integer");
	*out = v;
	return 0;
}

/* min;max;mean;dev in usec at field i -> lat in ns. */
static int lat_fields(struct line *l, int i, struct fsc_lat *lat)
{
	if (u64_field(l, i, MAX_USEC, &lat->min_ns) < 0 ||
	    u64_field(l, i + 1, MAX_USEC, &lat->max_ns) < 0 ||
	    dbl_field(l, i + 2, 0, (double)MAX_USEC, &lat->mean_ns) < 0 ||
	    dbl_field(l, i + 3, 0, (double)MAX_USEC, &lat->stddev_ns) < 0)
		return -1;
	lat->have = 1;
	lat->min_ns *= 1000;
	lat->max_ns *= 1000;
	lat->mean_ns *= 1000;
	lat->stddev_ns *= 1000;
	return 0;
}

/* The 20 "P%=usec" fields at i; "0%=0" pads are dropped. */
static int pct_fields(struct line *l, int i, struct fsc_ddir_stat *d)
{
	size_t n = 0;
	char *eq, *end;
	unsigned long long v;
	double pct;
	int f;

	d->pcts = fsc_calloc(21, sizeof(*d->pcts));
	for (f = i; f < i + 20; f++) {
		if (f >= l->n)
			return bad_field(l, f, "missing");
		eq = strchr(l->f[f], '=');
		if (!eq || eq == l->f[f] || eq[-1] != '%' ||
		    !(eq[1] >= '0' && eq[1] <= '9'))
			return bad_field(l, f, "not a percentile (P%=usec)");
		pct = strtod(l->f[f], &end);
		if (end != eq - 1 || !(pct >= 0 && pct <= 100))
			return bad_field(l, f, "not a percentile (P%=usec)");
		errno = 0;
		v = strtoull(eq + 1, &end, 10);
		if (*end || errno || v > MAX_USEC)
			return bad_field(l, f, "not a percentile (P%=usec)");
		if (pct == 0)
			continue;
		d->pcts[n].pct = pct;
		d->pcts[n].value_ns = (uint64_t)v * 1000;
		n++;
	}
	d->npcts = fsc_pcts_sort(d->pcts, n);
	return 0;
}

/* The direction at field i; per: its field count. */
static int ddir_fields(struct line *l, int i, struct fsc_ddir_stat *d)
{
	uint64_t kib, bw, iops;
	double n;

	d->present = 1;
	if (u64_field(l, i, MAX_BYTES >> 10, &kib) < 0 ||
	    u64_field(l, i + 1, MAX_BYTES >> 10, &bw) < 0 ||
	    u64_field(l, i + 2, MAX_BYTES, &iops) < 0 ||
	    u64_field(l, i + 3, MAX_USEC, &d->runtime_ms) < 0 ||
	    lat_fields(l, i + 4, &d->slat) < 0 ||
	    lat_fields(l, i + 8, &d->clat) < 0 ||
	    pct_fields(l, i + 12, d) < 0 ||
	    lat_fields(l, i + 32, &d->lat) < 0)
		return -1;
	d->io_bytes = kib << 10;
	d->bw_bytes = bw << 10;
	d->iops = (double)iops;
	n = d->iops * (double)d->runtime_ms / 1000;
	if (n > (double)MAX_BYTES)
		return bad_field(l, i + 2, "an absurd value");
	d->total_ios = (uint64_t)llround(n);
	d->total_ios_derived = 1;
	d->clat.n = d->slat.n = d->lat.n = d->total_ios;
	return 0;
}

static int parse_line(struct line *l, int ver, struct fsc_result *res,
		      struct fsc_run *r)
{
	const int per = ver == 5 ? 47 : 41, nd = ver == 3 ? 2 : 3;
	int d, cpu = 5 + nd * per;
	uint64_t u;

	if (l->n < cpu + 5 + 7 + 10 + 12) {
		fsc_err_set(l->err, l->path,
			    "terse output: %d fields, terse version %d has at least %d",
			    l->n, ver, cpu + 34);
		return fsc_err_line(l->err, l->lineno);
	}
	if (!res->fio_version)
		res->fio_version = fsc_text_dup(l->f[1], strlen(l->f[1]));
	r->jobname = fsc_text_dup(l->f[2], strlen(l->f[2]));
	r->port = -1;
	r->end_ms = -1;
	if (i64_field(l, 3, &r->groupid) < 0 || i64_field(l, 4, &r->error) < 0)
		return -1;
	for (d = 0; d < nd; d++)
		if (ddir_fields(l, 5 + d * per, &r->dd[d]) < 0)
			return -1;
	if (dbl_field(l, cpu, 1, 1e9, &r->usr_cpu) < 0 ||
	    dbl_field(l, cpu + 1, 1, 1e9, &r->sys_cpu) < 0 ||
	    u64_field(l, cpu + 2, MAX_BYTES, &u) < 0)
		return -1;
	/* #20: terse always has usr, sys and ctx */
	r->ctx = (int64_t)u;
	return 0;
}

int fsc_terse_sniff(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (terse_version(p, (size_t)((nl ? nl : end) - p)))
			return 1;
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

int fsc_terse_parse(const char *data, size_t len, const char *path,
		    struct fsc_result *res, struct fsc_err *err)
{
	const char *p = data, *end = data + len, *nl, *next;
	struct line l = { .path = path, .err = err };
	size_t cap = 0, n;
	char *s;
	int ver;

	memset(res, 0, sizeof(*res));
	for (l.lineno = 1; p < end; l.lineno++, p = next) {
		nl = memchr(p, '\n', (size_t)(end - p));
		next = nl ? nl + 1 : end;
		n = (size_t)((nl ? nl : end) - p);
		if (!(ver = terse_version(p, n)))
			continue;	/* fio's normal text around it */
		l.buf = fsc_strndup(p, n);
		if (n && l.buf[n - 1] == '\r')
			l.buf[n - 1] = '\0';
		for (l.n = 0, s = l.buf; l.n < NFIELDS_MAX; l.n++) {
			l.f[l.n] = s;
			if (!(s = strchr(s, ';')))
				break;
			*s++ = '\0';
		}
		l.n++;
		if (l.n > NFIELDS_MAX) {
			free(l.buf);
			fsc_err_set(err, path, "terse output: over %d fields",
				    NFIELDS_MAX);
			fsc_err_line(err, l.lineno);
			goto fail;
		}
		if (res->nruns == cap) {
			cap = cap ? cap * 2 : 8;
			res->runs = fsc_realloc(res->runs, cap * sizeof(*res->runs));
		}
		memset(&res->runs[res->nruns], 0, sizeof(*res->runs));
		res->nruns++;
		if (parse_line(&l, ver, res, &res->runs[res->nruns - 1]) < 0) {
			free(l.buf);
			goto fail;
		}
		free(l.buf);
	}
	if (!res->nruns) {
		fsc_err_set(err, path, "no terse output line found");
		goto fail;
	}
	res->usec = 1;
	res->terse = 1;
	res->ndocs = 1;
	return 0;
fail:
	fsc_result_free(res);
	return -1;
}
