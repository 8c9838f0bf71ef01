/*
 * fiojson.c: fio's json and json+ output (fio 2.x usec fields to 3.x ns
 * fields, client/server client_stats, text before the JSON, several
 * --status-interval documents) -> struct fsc_result, in ns, bytes and
 * bytes/s.  json-c trees never leave this file.
 *
 * Format facts (fio stat.c, show_ddir_status_json and json+ bins):
 * 3.x: io_bytes in bytes (io_kbytes beside it), bw_bytes, slat_ns/clat_ns/
 * lat_ns in ns, bins keyed by bucket value in ns.  2.x: io_bytes in KiB, bw
 * in KiB/s, slat/clat/lat in usec, json+ bins keyed by bucket index with
 * FIO_IO_U_PLAT_BITS/VAL/NR beside them.
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "fioscope.h"

#define MAX_DEPTH 64
/* One JSON document (a file may hold many, --status-interval) is at most
 * MAX_DOC bytes: fio's largest real documents (hundreds of json+ job
 * entries) are a few MiB.  json-c is fed DOC_SLICE bytes at a time. */
#define MAX_DOC ((size_t)64 << 20)
#define DOC_SLICE ((size_t)1 << 20)
#define MAX_BYTES ((uint64_t)1 << 60)	/* above this a byte count is absurd */
#define MAX_NS ((uint64_t)1 << 62)

/* Parse context: where we are in the document, for messages. */
struct ctx {
	const char *path;
	struct fsc_err *err;
	char where[256];
	int usec;		/* fio 2.x units */
};

static const char *type_name(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return "null";
	case json_type_boolean: return "a boolean";
	case json_type_double: return "a number";
	case json_type_int: return "an integer";
	case json_type_object: return "an object";
	case json_type_array: return "an array";
	case json_type_string: return "a string";
	}
	return "something else";
}

static int bad(struct ctx *c, const char *key, const char *fmt,
	       const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	return fsc_err_set(c->err, c->path, "%s%s%s: %s", c->where,
			   c->where[0] && key ? "." : "", key ? key : "", msg);
}

/* Get an unsigned integer field.  Missing: *out = dflt, or an error when
 * required.  Doubles are accepted when finite and integral-valued (some
 * fio versions print counters as floats). */
static int get_u64(struct ctx *c, json_object *obj, const char *key,
		   int required, uint64_t dflt, uint64_t max, uint64_t *out)
{
	json_object *v;
	double d;
	int64_t i;

	if (!json_object_object_get_ex(obj, key, &v) || !v) {
		*out = dflt;
		return required ? bad(c, key, "%s", "missing") : 0;
	}
	switch (json_object_get_type(v)) {
	case json_type_int:
		errno = 0;
		i = json_object_get_int64(v);
		if (i < 0)
			return bad(c, key, "%s", "negative value");
		if (i == INT64_MAX || (uint64_t)i > max)
			return bad(c, key, "%s", "absurd value");
		*out = (uint64_t)i;
		return 0;
	case json_type_double:
		d = json_object_get_double(v);
		if (!isfinite(d))
			return bad(c, key, "%s", "not a finite number");
		if (d < 0)
			return bad(c, key, "%s", "negative value");
		if (d > (double)max)
			return bad(c, key, "%s", "absurd value");
		*out = (uint64_t)d;
		return 0;
	default:
		return bad(c, key, "expected an integer, got %s", type_name(v));
	}
}

static int get_i64(struct ctx *c, json_object *obj, const char *key,
		   int64_t dflt, int64_t *out)
{
	json_object *v;

	*out = dflt;
	if (!json_object_object_get_ex(obj, key, &v) || !v)
		return 0;
	if (json_object_get_type(v) != json_type_int)
		return bad(c, key, "expected an integer, got %s", type_name(v));
	*out = json_object_get_int64(v);
	if (*out == INT64_MAX || *out == INT64_MIN)
		return bad(c, key, "%s", "absurd value");
	return 0;
}

static int get_double(struct ctx *c, json_object *obj, const char *key,
		      double max, double *out)
{
	json_object *v;
	enum json_type t;

	*out = 0;
	if (!json_object_object_get_ex(obj, key, &v) || !v)
		return 0;
	t = json_object_get_type(v);
	if (t != json_type_double && t != json_type_int)
		return bad(c, key, "expected a number, got %s", type_name(v));
	*out = json_object_get_double(v);
	if (!isfinite(*out))
		return bad(c, key, "%s", "not a finite number");
	if (*out < 0 || *out > max)
		return bad(c, key, "%s", *out < 0 ? "negative value" :
			   "absurd value");
	return 0;
}

/* Copy fio's text (names, options, version) as valid UTF-8 (RFC 3629):
 * each byte of an invalid, overlong or surrogate sequence becomes U+FFFD,
 * so the store's TEXT and everything printed from it is UTF-8 whatever
 * the file held.  NULL stays NULL. */
static char *text_dup(const char *s)
{
	struct fsc_buf b = FSC_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i;
	uint32_t cp;

	if (!s)
		return NULL;
	while (*p) {
		n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		cp = n == 1 ? *p : n == 2 ? *p & 0x1fu : n == 3 ? *p & 0x0fu :
		     *p & 0x07u;
		for (i = 1; i < n && (p[i] & 0xc0) == 0x80; i++)
			cp = cp << 6 | (p[i] & 0x3fu);
		if (n == 0 || i < n || (n == 2 && cp < 0x80) ||
		    (n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
			fsc_buf_add(&b, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		fsc_buf_add(&b, p, n);
		p += n;
	}
	return fsc_buf_detach(&b);
}

static const char *get_str(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    json_object_get_type(v) != json_type_string)
		return NULL;
	return json_object_get_string(v);
}

/* Descend: append ".key" or "[i]" to where; restore with the saved len. */
static size_t enter(struct ctx *c, const char *key, long idx)
{
	size_t n = strlen(c->where);

	if (idx >= 0)
		snprintf(c->where + n, sizeof(c->where) - n, "%s[%ld]", key, idx);
	else
		snprintf(c->where + n, sizeof(c->where) - n, "%s%s",
			 n ? "." : "", key);
	return n;
}

static void leave(struct ctx *c, size_t n)
{
	c->where[n] = '\0';
}

static int kv_list(struct ctx *c, json_object *obj, const char *key,
		   struct fsc_kv **out, size_t *nout)
{
	json_object *o;
	size_t n = 0;

	*out = NULL;
	*nout = 0;
	if (!json_object_object_get_ex(obj, key, &o) || !o)
		return 0;
	if (json_object_get_type(o) != json_type_object)
		return bad(c, key, "expected an object, got %s", type_name(o));
	*out = fsc_calloc((size_t)json_object_object_length(o) + 1,
			  sizeof(**out));
	{
		json_object_object_foreach(o, k, v) {
			(*out)[n].key = text_dup(k);
			(*out)[n].value = v ? text_dup(json_object_get_string(v)) :
					      NULL;
			n++;
		}
	}
	*nout = n;
	return 0;
}

static int cmp_bin(const void *a, const void *b)
{
	const struct fsc_bin *x = a, *y = b;

	return x->value_ns < y->value_ns ? -1 : x->value_ns > y->value_ns;
}

static int cmp_pct(const void *a, const void *b)
{
	const struct fsc_pct *x = a, *y = b;

	return x->pct < y->pct ? -1 : x->pct > y->pct;
}

static int parse_bins(struct ctx *c, json_object *bins,
		      struct fsc_ddir_stat *d)
{
	uint64_t scale = c->usec ? 1000 : 1, bits = 0, cnt;
	int indexed = json_object_object_get_ex(bins, "FIO_IO_U_PLAT_BITS",
						 NULL);
	size_t n = 0, i, j, saved;
	char *end;
	int rc;

	if (json_object_get_type(bins) != json_type_object)
		return bad(c, "bins", "expected an object, got %s",
			   type_name(bins));
	if (indexed && (get_u64(c, bins, "FIO_IO_U_PLAT_BITS", 1, 0, 16,
				&bits) < 0 || bits < 1))
		return bad(c, "bins", "%s", "bad FIO_IO_U_PLAT_BITS");
	d->has_bins = 1;
	d->bins = fsc_calloc((size_t)json_object_object_length(bins) + 1,
			     sizeof(*d->bins));
	{
		json_object_object_foreach(bins, k, v) {
			uint64_t key;

			(void)v;	/* looked up again by get_u64 */
			if (!strncmp(k, "FIO_IO_U_PLAT_", 14))
				continue;
			errno = 0;
			key = strtoull(k, &end, 10);
			if (*k < '0' || *k > '9' || *end || errno)
				return bad(c, "bins", "bad bucket \"%s\"", k);
			/* a bad count is named clat_ns.bins.KEY in the message */
			saved = enter(c, "bins", -1);
			rc = get_u64(c, bins, k, 1, 0, MAX_BYTES, &cnt);
			leave(c, saved);
			if (rc < 0)
				return -1;
			if (!cnt)
				continue;
			if (indexed) {
				if (key >= (29ULL << bits))
					return bad(c, "bins", "bucket %s out of range", k);
				key = fsc_plat_idx_to_val((unsigned)key, (unsigned)bits);
			}
			if (key > MAX_NS / scale)
				return bad(c, "bins", "absurd bucket \"%s\"", k);
			d->bins[n].value_ns = key * scale;
			d->bins[n].count = cnt;
			n++;
		}
	}
	qsort(d->bins, n, sizeof(*d->bins), cmp_bin);
	/* Two index buckets never share a value, but be safe: merge equals. */
	for (i = j = 0; i < n; i++) {
		if (j && d->bins[j - 1].value_ns == d->bins[i].value_ns)
			d->bins[j - 1].count += d->bins[i].count;
		else
			d->bins[j++] = d->bins[i];
	}
	d->nbins = j;
	return 0;
}

static int parse_lat(struct ctx *c, json_object *dir, const char *key3,
		     const char *key2, struct fsc_lat *lat,
		     struct fsc_ddir_stat *d, int main)
{
	json_object *o, *p;
	uint64_t scale = c->usec ? 1000 : 1;
	const char *key = c->usec ? key2 : key3;
	size_t saved;
	int rc = -1;

	if (!json_object_object_get_ex(dir, key, &o) || !o)
		return 0;
	saved = enter(c, key, -1);
	if (json_object_get_type(o) != json_type_object) {
		leave(c, saved);
		return bad(c, key, "expected an object, got %s", type_name(o));
	}
	if (get_u64(c, o, "min", 0, 0, MAX_NS / scale, &lat->min_ns) < 0 ||
	    get_u64(c, o, "max", 0, 0, MAX_NS / scale, &lat->max_ns) < 0 ||
	    get_double(c, o, "mean", (double)(MAX_NS / scale),
		       &lat->mean_ns) < 0 ||
	    get_double(c, o, "stddev", (double)(MAX_NS / scale),
		       &lat->stddev_ns) < 0 ||
	    get_u64(c, o, "N", 0, d->total_ios, MAX_BYTES, &lat->n) < 0)
		goto out;
	lat->have = 1;
	lat->min_ns *= scale;
	lat->max_ns *= scale;
	lat->mean_ns *= (double)scale;
	lat->stddev_ns *= (double)scale;
	if (main && json_object_object_get_ex(o, "percentile", &p) && p) {
		size_t n = 0;
		char *end;

		if (json_object_get_type(p) != json_type_object) {
			bad(c, "percentile", "expected an object, got %s",
			    type_name(p));
			goto out;
		}
		d->pcts = fsc_calloc((size_t)json_object_object_length(p) + 1,
				     sizeof(*d->pcts));
		{
			json_object_object_foreach(p, k, v) {
				double pct = strtod(k, &end);
				uint64_t val;
				size_t in;
				int bad_val;

				(void)v;

					if (end == k || *end || !(pct >= 0 && pct <= 100)) {
					bad(c, "percentile", "bad key \"%s\"", k);
					goto out;
				}
				if (pct == 0)
					continue;	/* fio 2.x pads with "0.00" */
				/* named clat_ns.percentile.KEY in messages */
				in = enter(c, "percentile", -1);
				bad_val = get_u64(c, p, k, 1, 0, MAX_NS / scale,
						  &val) < 0;
				leave(c, in);
				if (bad_val)
					goto out;
				d->pcts[n].pct = pct;
				d->pcts[n].value_ns = val * scale;
				n++;
			}
		}
		qsort(d->pcts, n, sizeof(*d->pcts), cmp_pct);
		d->npcts = n;
	}
	if (main && json_object_object_get_ex(o, "bins", &p) && p &&
	    parse_bins(c, p, d) < 0)
		goto out;
	rc = 0;
out:
	leave(c, saved);
	return rc;
}

static int parse_ddir(struct ctx *c, json_object *job, const char *name,
		      struct fsc_ddir_stat *d)
{
	json_object *dir;
	uint64_t bw;
	size_t saved;
	int kib_io;
	int rc = -1;

	if (!json_object_object_get_ex(job, name, &dir) || !dir)
		return 0;
	saved = enter(c, name, -1);
	if (json_object_get_type(dir) != json_type_object) {
		leave(c, saved);
		return bad(c, name, "expected an object, got %s",
			   type_name(dir));
	}
	d->present = 1;
	/* 2.x printed io_bytes in KiB; 3.x in bytes with io_kbytes beside. */
	kib_io = c->usec && !json_object_object_get_ex(dir, "io_kbytes", NULL);
	if (get_u64(c, dir, "io_bytes", 1, 0, MAX_BYTES >> 10,
		    &d->io_bytes) < 0 ||
	    get_u64(c, dir, "runtime", 1, 0, MAX_NS, &d->runtime_ms) < 0 ||
	    get_u64(c, dir, "total_ios", 1, 0, MAX_BYTES, &d->total_ios) < 0 ||
	    get_u64(c, dir, "short_ios", 0, 0, MAX_BYTES, &d->short_ios) < 0 ||
	    get_u64(c, dir, "drop_ios", 0, 0, MAX_BYTES, &d->drop_ios) < 0 ||
	    get_double(c, dir, "iops", 1e12, &d->iops) < 0)
		goto out;
	if (kib_io)
		d->io_bytes <<= 10;
	if (json_object_object_get_ex(dir, "bw_bytes", NULL)) {
		if (get_u64(c, dir, "bw_bytes", 1, 0, MAX_BYTES, &d->bw_bytes) < 0)
			goto out;
	} else {
		if (get_u64(c, dir, "bw", 1, 0, MAX_BYTES >> 10, &bw) < 0)
			goto out;
		d->bw_bytes = bw << 10;	/* KiB/s */
	}
	if (parse_lat(c, dir, "slat_ns", "slat", &d->slat, d, 0) < 0 ||
	    parse_lat(c, dir, "clat_ns", "clat", &d->clat, d, 1) < 0 ||
	    parse_lat(c, dir, "lat_ns", "lat", &d->lat, d, 0) < 0)
		goto out;
	rc = 0;
out:
	leave(c, saved);
	return rc;
}

static void run_free(struct fsc_run *r)
{
	size_t i;
	int d;

	free(r->jobname);
	free(r->client);
	for (i = 0; i < r->nopts; i++) {
		free(r->opts[i].key);
		free(r->opts[i].value);
	}
	free(r->opts);
	for (d = 0; d < FSC_DDIR_NR; d++) {
		free(r->dd[d].pcts);
		free(r->dd[d].bins);
	}
	memset(r, 0, sizeof(*r));
}

static int parse_job(struct ctx *c, json_object *job, int64_t end_ms,
		     struct fsc_run *r)
{
	static const char *const dnames[FSC_DDIR_NR] = { "read", "write", "trim" };
	const char *s;
	uint64_t runtime;
	int d;

	if (json_object_get_type(job) != json_type_object)
		return bad(c, NULL, "expected an object, got %s",
			   type_name(job));
	s = get_str(job, "jobname");
	r->jobname = text_dup(s);
	r->client = text_dup(get_str(job, "hostname"));
	if (get_i64(c, job, "port", -1, &r->port) < 0)
		return -1;
	r->end_ms = end_ms;
	if (get_i64(c, job, "groupid", 0, &r->groupid) < 0 ||
	    get_i64(c, job, "error", 0, &r->error) < 0 ||
	    /* bounded: the writer computes start = end - runtime */
	    get_u64(c, job, "job_runtime", 0, 0, MAX_NS, &runtime) < 0 ||
	    get_double(c, job, "usr_cpu", 1e9, &r->usr_cpu) < 0 ||
	    get_double(c, job, "sys_cpu", 1e9, &r->sys_cpu) < 0 ||
	    kv_list(c, job, "job options", &r->opts, &r->nopts) < 0)
		return -1;
	r->job_runtime_ms = (int64_t)runtime;
	for (d = 0; d < FSC_DDIR_NR; d++)
		if (parse_ddir(c, job, dnames[d], &r->dd[d]) < 0)
			return -1;
	return 0;
}

/* One document: "jobs" or "client_stats" entries -> runs. */
static int parse_doc(struct ctx *c, json_object *doc, struct fsc_result *res)
{
	json_object *jobs, *v;
	const char *key = "jobs", *ver;
	int64_t end_ms = -1, ts;
	size_t i, n;

	c->where[0] = '\0';
	if (json_object_get_type(doc) != json_type_object)
		return bad(c, NULL, "%s", "not fio output");
	ver = get_str(doc, "fio version");
	if (!json_object_object_get_ex(doc, "jobs", &jobs)) {
		key = "client_stats";
		if (!json_object_object_get_ex(doc, key, &jobs))
			return fsc_err_set(c->err, c->path, ver ?
				"missing \"jobs\" and \"client_stats\"" :
				"not fio output: no \"fio version\" or \"jobs\"");
	}
	if (!ver && !json_object_object_get_ex(doc, "fio version", NULL))
		return fsc_err_set(c->err, c->path,
				   "not fio output: no \"fio version\"");
	if (!ver)
		return bad(c, "fio version", "%s", "expected a string");
	if (json_object_get_type(jobs) != json_type_array)
		return bad(c, key, "expected an array, got %s", type_name(jobs));
	free(res->fio_version);
	res->fio_version = text_dup(ver);
	/* fio 2.x: usec latencies.  Decide per document from the first
	 * direction object that has a latency key. */
	c->usec = 0;
	n = json_object_array_length(jobs);
	for (i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(jobs, i), *rd;

		if (json_object_get_type(j) == json_type_object &&
		    (json_object_object_get_ex(j, "read", &rd) ||
		     json_object_object_get_ex(j, "write", &rd)) &&
		    json_object_get_type(rd) == json_type_object) {
			c->usec = !json_object_object_get_ex(rd, "clat_ns", NULL) &&
				  json_object_object_get_ex(rd, "clat", NULL);
			break;
		}
	}
	res->usec = c->usec;
	if (get_i64(c, doc, "timestamp_ms", -1, &end_ms) < 0)
		return -1;
	if (end_ms < 0) {
		if (get_i64(c, doc, "timestamp", -1, &ts) < 0)
			return -1;
		if (ts >= 0 && ts < INT64_MAX / 1000)
			end_ms = ts * 1000;
	}
	if (json_object_object_get_ex(doc, "global options", &v)) {
		size_t k;

		for (k = 0; k < res->ngopts; k++) {
			free(res->gopts[k].key);
			free(res->gopts[k].value);
		}
		free(res->gopts);
		if (kv_list(c, doc, "global options", &res->gopts,
			    &res->ngopts) < 0)
			return -1;
	}
	res->runs = fsc_calloc(n + 1, sizeof(*res->runs));
	res->nruns = 0;
	for (i = 0; i < n; i++) {
		json_object *j = json_object_array_get_idx(jobs, i);
		const char *name = json_object_get_type(j) == json_type_object ?
				   get_str(j, "jobname") : NULL;
		size_t saved;
		int rc;

		/* client/server: the "All clients" sum is not a run */
		if (name && !strcmp(key, "client_stats") &&
		    !strcmp(name, "All clients"))
			continue;
		saved = enter(c, key, (long)i);
		rc = parse_job(c, j, end_ms, &res->runs[res->nruns]);
		leave(c, saved);
		res->nruns++;
		if (rc < 0)
			return -1;
	}
	return 0;
}

static void result_clear_runs(struct fsc_result *res)
{
	size_t i;

	for (i = 0; i < res->nruns; i++)
		run_free(&res->runs[i]);
	free(res->runs);
	res->runs = NULL;
	res->nruns = 0;
}

/* Keep the cumulative figures of an earlier status-interval document. */
static void add_snaps(struct fsc_result *res, int seq, size_t *cap)
{
	size_t i;
	int d;

	for (i = 0; i < res->nruns; i++)
		for (d = 0; d < FSC_DDIR_NR; d++) {
			const struct fsc_ddir_stat *s = &res->runs[i].dd[d];
			struct fsc_snap *p;

			if (!s->present)
				continue;
			if (res->nsnaps == *cap) {
				*cap = *cap ? *cap * 2 : 16;
				res->snaps = fsc_realloc(res->snaps,
						*cap * sizeof(*res->snaps));
			}
			p = &res->snaps[res->nsnaps++];
			p->seq = seq;
			p->run = i;
			p->ddir = d;
			p->time_ms = res->runs[i].end_ms;
			p->runtime_ms = s->runtime_ms;
			p->io_bytes = s->io_bytes;
			p->total_ios = s->total_ios;
			p->clat_mean_ns = s->clat.mean_ns;
		}
}

static long line_of(const char *data, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

int fsc_fio_sniff(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;

	/* a JSON document starts on a line of its own, and fio's names
	 * follow it: text that only mentions fio (a pod log) is not output */
	while (p < end && *p != '{') {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;
		p = nl + 1;
	}
	if (p >= end)
		return 0;
	len = (size_t)(end - p);
	return memmem(p, len, "\"fio version\"", 13) != NULL ||
	       (memmem(p, len, "\"jobs\"", 6) &&
		memmem(p, len, "\"jobname\"", 9));
}

int fsc_fio_parse(const char *data, size_t len, const char *path,
		  struct fsc_result *res, struct fsc_err *err)
{
	struct ctx c = { .path = path, .err = err };
	json_tokener *tok = NULL;
	json_object *doc;
	size_t pos = 0, cap = 0, fed, slice, base;
	int ndocs = 0, rc = -1;

	memset(res, 0, sizeof(*res));
	tok = json_tokener_new_ex(MAX_DEPTH);
	if (!tok)
		return fsc_err_set(err, path, "cannot create JSON parser");
	for (;;) {
		enum json_tokener_error jerr;
		const char *p;

		/* A document starts with '{' at the start of a line: text fio
		 * printed before it (normal output, warnings) is skipped. */
		while (pos < len && !(data[pos] == '{' &&
				      (pos == 0 || data[pos - 1] == '\n'))) {
			p = memchr(data + pos, '\n', len - pos);
			pos = p ? (size_t)(p - data) + 1 : len;
		}
		if (pos >= len)
			break;
		/* Fed in slices, so that a document over MAX_DOC is refused
		 * before json-c has built it: its tree takes some 25 bytes of
		 * memory per byte of a document of many short keys. */
		json_tokener_reset(tok);
		fed = 0;
		do {
			slice = len - pos - fed < DOC_SLICE ? len - pos - fed :
							      DOC_SLICE;
			doc = json_tokener_parse_ex(tok, data + pos + fed,
						    (int)slice);
			jerr = json_tokener_get_error(tok);
			fed += slice;
		} while (!doc && jerr == json_tokener_continue &&
			 pos + fed < len && fed < MAX_DOC);
		base = pos + fed - slice;	/* json-c's offsets start here */
		if (!doc) {
			if (jerr == json_tokener_continue && pos + fed < len)
				fsc_err_set(err, path,
					    "document %d (from line %ld) is over the %zu MiB limit for one JSON document",
					    ndocs + 1, line_of(data, pos),
					    MAX_DOC >> 20);
			else if (jerr == json_tokener_continue)
				fsc_err_set(err, path,
					    "truncated JSON (document %d, from line %ld)",
					    ndocs + 1, line_of(data, pos));
			else
				fsc_err_set(err, path, "invalid JSON at line %ld: %s",
					    line_of(data, base +
						    json_tokener_get_parse_end(tok)),
					    json_tokener_error_desc(jerr));
			goto out;
		}
		pos = base + json_tokener_get_parse_end(tok);
		if (ndocs && res->nruns)
			add_snaps(res, ndocs - 1, &cap);
		result_clear_runs(res);
		c.where[0] = '\0';
		rc = parse_doc(&c, doc, res);
		json_object_put(doc);
		if (rc < 0)
			goto out;
		rc = -1;
		ndocs++;
	}
	if (!ndocs) {
		fsc_err_set(err, path, "no JSON document found");
		goto out;
	}
	res->ndocs = ndocs;
	for (cap = 0; cap < FSC_DDIR_NR * res->nruns; cap++)
		if (res->runs[cap / FSC_DDIR_NR].dd[cap % FSC_DDIR_NR].has_bins)
			res->jsonplus = 1;
	rc = 0;
out:
	json_tokener_free(tok);
	if (rc < 0)
		fsc_result_free(res);
	return rc;
}

void fsc_result_free(struct fsc_result *res)
{
	size_t i;

	result_clear_runs(res);
	for (i = 0; i < res->ngopts; i++) {
		free(res->gopts[i].key);
		free(res->gopts[i].value);
	}
	free(res->gopts);
	free(res->snaps);
	free(res->fio_version);
	memset(res, 0, sizeof(*res));
}

const char *fsc_result_opt(const struct fsc_result *res,
			   const struct fsc_run *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nopts; i++)
		if (!strcmp(r->opts[i].key, key))
			return r->opts[i].value;
	for (i = 0; i < res->ngopts; i++)
		if (!strcmp(res->gopts[i].key, key))
			return res->gopts[i].value;
	return NULL;
}
