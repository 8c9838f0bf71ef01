/*
 * fiojson.c: fio's json and json+ output (fio 2.x usec fields to 3.x ns
 * fields, client/server client_stats, text before the JSON, several
 * --status-interval documents) -> struct fsc_result, in ns, bytes and
 * bytes/s.  JSON nodes (json.c) never leave this file.
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
#include "fioscope.h"

/* One JSON document (a file may hold many, --status-interval) is at most
 * MAX_DOC bytes: fio's largest real documents (hundreds of json+ job
 * entries) are a few MiB. */
#define MAX_DOC ((size_t)64 << 20)
#define MAX_BYTES ((uint64_t)1 << 60)	/* above this a byte count is absurd */
#define MAX_NS ((uint64_t)1 << 62)

/* Parse context: the document, and where we are in it, for messages. */
struct ctx {
	const char *path;
	struct fsc_err *err;
	const struct fsc_json *j;
	char where[256];
	int usec;		/* fio 2.x units */
};

static int type_of(const struct ctx *c, uint32_t v)
{
	return c->j->n[v].type;
}

static const char *type_name(const struct ctx *c, uint32_t v)
{
	switch (type_of(c, v)) {
	case FSC_JSON_NULL: return "null";
	case FSC_JSON_FALSE: case FSC_JSON_TRUE: return "a boolean";
	case FSC_JSON_DOUBLE: return "a number";
	case FSC_JSON_INT: return "an integer";
	case FSC_JSON_OBJECT: return "an object";
	case FSC_JSON_ARRAY: return "an array";
	case FSC_JSON_STRING: return "a string";
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

static uint32_t get(const struct ctx *c, uint32_t obj, const char *key)
{
	return fsc_json_get(c->j, obj, key);
}

/* An unsigned integer value v named key.  Doubles are accepted when
 * finite (some fio versions print counters as floats). */
static int u64_of(struct ctx *c, uint32_t v, const char *key, uint64_t max,
		  uint64_t *out)
{
	double d;
	int64_t i;

	switch (type_of(c, v)) {
	case FSC_JSON_INT:
		i = c->j->n[v].u.i;
		if (i < 0)
			return bad(c, key, "%s", "negative value");
		if (i == INT64_MAX || (uint64_t)i > max)
			return bad(c, key, "%s", "absurd value");
		*out = (uint64_t)i;
		return 0;
	case FSC_JSON_DOUBLE:
		d = fsc_json_double(c->j, v);
		if (!isfinite(d))
			return bad(c, key, "%s", "not a finite number");
		if (d < 0)
			return bad(c, key, "%s", "negative value");
		if (d > (double)max)
			return bad(c, key, "%s", "absurd value");
		*out = (uint64_t)d;
		return 0;
	default:
		return bad(c, key, "expected an integer, got %s",
			   type_name(c, v));
	}
}

/* Get an unsigned integer field.  Missing: *out = dflt, or an error when
 * required. */
static int get_u64(struct ctx *c, uint32_t obj, const char *key,
		   int required, uint64_t dflt, uint64_t max, uint64_t *out)
{
	uint32_t v = get(c, obj, key);

	if (!v || type_of(c, v) == FSC_JSON_NULL) {
		*out = dflt;
		return required ? bad(c, key, "%s", "missing") : 0;
	}
	return u64_of(c, v, key, max, out);
}

static int get_i64(struct ctx *c, uint32_t obj, const char *key,
		   int64_t dflt, int64_t *out)
{
	uint32_t v = get(c, obj, key);

	*out = dflt;
	if (!v || type_of(c, v) == FSC_JSON_NULL)
		return 0;
	if (type_of(c, v) != FSC_JSON_INT)
		return bad(c, key, "expected an integer, got %s",
			   type_name(c, v));
	*out = c->j->n[v].u.i;
	if (*out == INT64_MAX || *out == INT64_MIN)
		return bad(c, key, "%s", "absurd value");
	return 0;
}

static int get_double(struct ctx *c, uint32_t obj, const char *key,
		      double max, double *out)
{
	uint32_t v = get(c, obj, key);
	int t;

	*out = 0;
	if (!v || type_of(c, v) == FSC_JSON_NULL)
		return 0;
	t = type_of(c, v);
	if (t != FSC_JSON_DOUBLE && t != FSC_JSON_INT)
		return bad(c, key, "expected a number, got %s",
			   type_name(c, v));
	*out = fsc_json_double(c->j, v);
	if (!isfinite(*out))
		return bad(c, key, "%s", "not a finite number");
	if (*out < 0 || *out > max)
		return bad(c, key, "%s", *out < 0 ? "negative value" :
			   "absurd value");
	return 0;
}

/* Copy fio's text (names, options, version) as valid UTF-8 (RFC 3629):
 * each byte of an invalid, overlong or surrogate sequence, and each NUL,
 * becomes U+FFFD, so the store's TEXT and everything printed from it is
 * UTF-8 whatever the file held. */
static char *text_dup(const char *s, size_t len)
{
	struct fsc_buf b = FSC_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t n, i;
	uint32_t cp;

	/* the usual text: ASCII without NUL, as it is */
	for (i = 0; i < len && p[i] && p[i] < 0x80; i++)
		;
	if (i == len)
		return fsc_strndup(s, len);
	fsc_buf_grow(&b, len);
	while (p < end) {
		n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 :
		    (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
		cp = n == 1 ? *p : n == 2 ? *p & 0x1fu : n == 3 ? *p & 0x0fu :
		     *p & 0x07u;
		for (i = 1; i < n && p + i < end && (p[i] & 0xc0) == 0x80; i++)
			cp = cp << 6 | (p[i] & 0x3fu);
		if (n == 0 || i < n || cp == 0 || (n == 2 && cp < 0x80) ||
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

/* A string field's text, as text_dup makes it; NULL when missing or not
 * a string. */
static char *get_str(const struct ctx *c, uint32_t obj, const char *key)
{
	uint32_t v = get(c, obj, key);
	const char *s;
	size_t n;

	if (!v || type_of(c, v) != FSC_JSON_STRING)
		return NULL;
	s = fsc_json_str(c->j, v, &n);
	return text_dup(s, n);
}

/* Is field key of obj the string s? */
static int str_is(const struct ctx *c, uint32_t obj, const char *key,
		  const char *s)
{
	uint32_t v = get(c, obj, key);
	const char *t;
	size_t n;

	if (!v || type_of(c, v) != FSC_JSON_STRING)
		return 0;
	t = fsc_json_str(c->j, v, &n);
	return n == strlen(s) && !memcmp(t, s, n);
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

/* A member key of an object as a NUL-terminated string in buf (cut to
 * fit: used for lookups of short keys and for messages). */
static const char *key_text(const struct ctx *c, uint32_t k, char *buf,
			    size_t size)
{
	size_t n;
	const char *s = fsc_json_str(c->j, k, &n);

	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

struct kv_pos {
	const char *key;
	size_t pos;
};

static int cmp_kv_pos(const void *a, const void *b)
{
	const struct kv_pos *x = a, *y = b;
	int d = strcmp(x->key, y->key);

	return d ? d : x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Keys given twice keep their last value at the place of the first, as
 * json-c did; O(n log n), for a hostile file of many options. */
static size_t kv_dedupe(struct fsc_kv *kv, size_t n)
{
	struct kv_pos *ix;
	size_t i, j, first;

	if (n < 2)
		return n;
	ix = fsc_malloc(n * sizeof(*ix));
	for (i = 0; i < n; i++) {
		ix[i].key = kv[i].key;
		ix[i].pos = i;
	}
	qsort(ix, n, sizeof(*ix), cmp_kv_pos);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(ix[j].key, ix[i].key); j++)
			;
		if (j - i < 2)
			continue;
		first = ix[i].pos;
		free(kv[first].value);
		kv[first].value = kv[ix[j - 1].pos].value;
		kv[ix[j - 1].pos].value = NULL;
		for (i++; i < j; i++) {		/* the later ones go */
			free(kv[ix[i].pos].key);
			free(kv[ix[i].pos].value);
			kv[ix[i].pos].key = NULL;
		}
	}
	free(ix);
	for (i = j = 0; i < n; i++)
		if (kv[i].key)
			kv[j++] = kv[i];
	return j;
}

/* An object of options: keys and values as text; a value that is not a
 * string keeps its JSON text; null is NULL.  A key given twice keeps its
 * last value, at the place of its first, as json-c did. */
static int kv_list(struct ctx *c, uint32_t obj, const char *key,
		   struct fsc_kv **out, size_t *nout)
{
	uint32_t o = get(c, obj, key), k, v;
	size_t n = 0, len;
	const char *s;

	*out = NULL;
	*nout = 0;
	if (!o || type_of(c, o) == FSC_JSON_NULL)
		return 0;
	if (type_of(c, o) != FSC_JSON_OBJECT)
		return bad(c, key, "expected an object, got %s",
			   type_name(c, o));
	*out = fsc_calloc((size_t)c->j->n[o].len + 1, sizeof(**out));
	for (k = o + 1; k < c->j->n[o].next; k = c->j->n[v].next) {
		v = k + 1;
		s = fsc_json_str(c->j, k, &len);
		(*out)[n].key = text_dup(s, len);
		if (type_of(c, v) == FSC_JSON_STRING)
			s = fsc_json_str(c->j, v, &len);
		else
			s = fsc_json_raw(c->j, v, &len);
		(*out)[n].value = type_of(c, v) == FSC_JSON_NULL ? NULL :
				  text_dup(s, len);
		n++;
	}
	*nout = kv_dedupe(*out, n);
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

/* A decimal bucket key: digits only, no overflow.  -1 when not one. */
static int bucket_key(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (!n || n > 19)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_bins(struct ctx *c, uint32_t bins, struct fsc_ddir_stat *d)
{
	uint64_t scale = c->usec ? 1000 : 1, bits = 0, cnt, key;
	int indexed = get(c, bins, "FIO_IO_U_PLAT_BITS") != 0;
	size_t n = 0, i, j, saved, klen;
	uint32_t k, v;
	char kbuf[64];
	const char *ks;
	int rc;

	if (type_of(c, bins) != FSC_JSON_OBJECT)
		return bad(c, "bins", "expected an object, got %s",
			   type_name(c, bins));
	if (indexed && (get_u64(c, bins, "FIO_IO_U_PLAT_BITS", 1, 0, 16,
				&bits) < 0 || bits < 1))
		return bad(c, "bins", "%s", "bad FIO_IO_U_PLAT_BITS");
	d->has_bins = 1;
	d->bins = fsc_calloc((size_t)c->j->n[bins].len + 1, sizeof(*d->bins));
	for (k = bins + 1; k < c->j->n[bins].next; k = c->j->n[v].next) {
		v = k + 1;
		ks = fsc_json_str(c->j, k, &klen);
		if (klen >= 14 && !memcmp(ks, "FIO_IO_U_PLAT_", 14))
			continue;
		if (bucket_key(ks, klen, &key) < 0)
			return bad(c, "bins", "bad bucket \"%s\"",
				   key_text(c, k, kbuf, sizeof(kbuf)));
		if (type_of(c, v) == FSC_JSON_INT && c->j->n[v].u.i >= 0 &&
		    (uint64_t)c->j->n[v].u.i <= MAX_BYTES) {
			cnt = (uint64_t)c->j->n[v].u.i;	/* the usual case */
		} else {
			/* a bad count is named clat_ns.bins.KEY */
			saved = enter(c, "bins", -1);
			rc = u64_of(c, v, key_text(c, k, kbuf, sizeof(kbuf)),
				    MAX_BYTES, &cnt);
			leave(c, saved);
			if (rc < 0)
				return -1;
		}
		if (!cnt)
			continue;
		if (indexed) {
			if (key >= (29ULL << bits))
				return bad(c, "bins", "bucket %s out of range",
					   key_text(c, k, kbuf, sizeof(kbuf)));
			key = fsc_plat_idx_to_val((unsigned)key, (unsigned)bits);
		}
		if (key > MAX_NS / scale)
			return bad(c, "bins", "absurd bucket \"%s\"",
				   key_text(c, k, kbuf, sizeof(kbuf)));
		d->bins[n].value_ns = key * scale;
		d->bins[n].count = cnt;
		n++;
	}
	/* fio writes buckets in increasing order: sort only when not */
	for (i = 1; i < n && d->bins[i - 1].value_ns < d->bins[i].value_ns; i++)
		;
	if (i < n)
		qsort(d->bins, n, sizeof(*d->bins), cmp_bin);
	/* Two buckets never share a value in fio's output, but a key given
	 * twice (or "010" beside "10") would: their counts add up. */
	for (i = j = 0; i < n; i++) {
		if (j && d->bins[j - 1].value_ns == d->bins[i].value_ns)
			d->bins[j - 1].count += d->bins[i].count;
		else
			d->bins[j++] = d->bins[i];
	}
	d->nbins = j;
	return 0;
}

/* A percentile key such as "99.900000": its value, or -1. */
static double pct_key(const struct ctx *c, uint32_t k)
{
	char buf[64], *end;
	size_t n;
	const char *s = fsc_json_str(c->j, k, &n);
	double pct;

	if (!n || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!((*buf >= '0' && *buf <= '9') || *buf == '.'))
		return -1;
	pct = strtod(buf, &end);
	return *end || !(pct >= 0 && pct <= 100) ? -1 : pct;
}

static int parse_pcts(struct ctx *c, uint32_t p, struct fsc_ddir_stat *d)
{
	uint64_t scale = c->usec ? 1000 : 1, val;
	size_t n = 0, in, i, j;
	uint32_t k, v;
	char kbuf[64];
	double pct;
	int bad_val;

	if (type_of(c, p) != FSC_JSON_OBJECT)
		return bad(c, "percentile", "expected an object, got %s",
			   type_name(c, p));
	d->pcts = fsc_calloc((size_t)c->j->n[p].len + 1, sizeof(*d->pcts));
	for (k = p + 1; k < c->j->n[p].next; k = c->j->n[v].next) {
		v = k + 1;
		key_text(c, k, kbuf, sizeof(kbuf));
		if ((pct = pct_key(c, k)) < 0)
			return bad(c, "percentile", "bad key \"%s\"", kbuf);
		if (pct == 0)
			continue;	/* fio 2.x pads with "0.00" */
		if (type_of(c, v) == FSC_JSON_INT && c->j->n[v].u.i >= 0 &&
		    (uint64_t)c->j->n[v].u.i <= MAX_NS / scale) {
			val = (uint64_t)c->j->n[v].u.i;	/* the usual case */
		} else {
			/* named clat_ns.percentile.KEY in messages */
			in = enter(c, "percentile", -1);
			bad_val = u64_of(c, v, kbuf, MAX_NS / scale, &val) < 0;
			leave(c, in);
			if (bad_val)
				return -1;
		}
		d->pcts[n].pct = pct;
		d->pcts[n].value_ns = val * scale;
		n++;
	}
	qsort(d->pcts, n, sizeof(*d->pcts), cmp_pct);
	/* a percentile given twice keeps one value */
	for (i = j = 0; i < n; i++)
		if (!j || d->pcts[j - 1].pct != d->pcts[i].pct)
			d->pcts[j++] = d->pcts[i];
	d->npcts = j;
	return 0;
}

static int parse_lat(struct ctx *c, uint32_t dir, const char *key3,
		     const char *key2, struct fsc_lat *lat,
		     struct fsc_ddir_stat *d, int main)
{
	uint64_t scale = c->usec ? 1000 : 1;
	const char *key = c->usec ? key2 : key3;
	uint32_t o = get(c, dir, key), p;
	size_t saved;
	int rc = -1;

	if (!o || type_of(c, o) == FSC_JSON_NULL)
		return 0;
	saved = enter(c, key, -1);
	if (type_of(c, o) != FSC_JSON_OBJECT) {
		leave(c, saved);
		return bad(c, key, "expected an object, got %s",
			   type_name(c, o));
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
	if (main && (p = get(c, o, "percentile")) &&
	    type_of(c, p) != FSC_JSON_NULL && parse_pcts(c, p, d) < 0)
		goto out;
	if (main && (p = get(c, o, "bins")) &&
	    type_of(c, p) != FSC_JSON_NULL && parse_bins(c, p, d) < 0)
		goto out;
	rc = 0;
out:
	leave(c, saved);
	return rc;
}

static int parse_ddir(struct ctx *c, uint32_t job, const char *name,
		      struct fsc_ddir_stat *d)
{
	uint32_t dir = get(c, job, name);
	uint64_t bw;
	size_t saved;
	int kib_io;
	int rc = -1;

	if (!dir || type_of(c, dir) == FSC_JSON_NULL)
		return 0;
	saved = enter(c, name, -1);
	if (type_of(c, dir) != FSC_JSON_OBJECT) {
		leave(c, saved);
		return bad(c, name, "expected an object, got %s",
			   type_name(c, dir));
	}
	d->present = 1;
	/* 2.x printed io_bytes in KiB; 3.x in bytes with io_kbytes beside. */
	kib_io = c->usec && !get(c, dir, "io_kbytes");
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
	if (get(c, dir, "bw_bytes")) {
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

static int parse_job(struct ctx *c, uint32_t job, int64_t end_ms,
		     struct fsc_run *r)
{
	static const char *const dnames[FSC_DDIR_NR] = { "read", "write", "trim" };
	uint64_t runtime;
	int d;

	if (type_of(c, job) != FSC_JSON_OBJECT)
		return bad(c, NULL, "expected an object, got %s",
			   type_name(c, job));
	r->jobname = get_str(c, job, "jobname");
	r->client = get_str(c, job, "hostname");
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

/* One document (node 0): "jobs" or "client_stats" entries -> runs. */
static int parse_doc(struct ctx *c, struct fsc_result *res)
{
	const uint32_t doc = 0;
	uint32_t jobs, ver, j, rd;
	const char *key = "jobs";
	int64_t end_ms = -1, ts;
	size_t i, n;
	int is_str;

	c->where[0] = '\0';
	if (type_of(c, doc) != FSC_JSON_OBJECT)
		return bad(c, NULL, "%s", "not fio output");
	ver = get(c, doc, "fio version");
	is_str = ver && type_of(c, ver) == FSC_JSON_STRING;
	if (!(jobs = get(c, doc, "jobs")) &&
	    !(jobs = get(c, doc, key = "client_stats")))
		return fsc_err_set(c->err, c->path, is_str ?
			"missing \"jobs\" and \"client_stats\"" :
			"not fio output: no \"fio version\" or \"jobs\"");
	if (!ver)
		return fsc_err_set(c->err, c->path,
				   "not fio output: no \"fio version\"");
	if (!is_str)
		return bad(c, "fio version", "%s", "expected a string");
	if (type_of(c, jobs) != FSC_JSON_ARRAY)
		return bad(c, key, "expected an array, got %s",
			   type_name(c, jobs));
	free(res->fio_version);
	res->fio_version = get_str(c, doc, "fio version");
	/* fio 2.x: usec latencies.  Decide per document from the first
	 * direction object that has a latency key. */
	c->usec = 0;
	for (j = jobs + 1; j < c->j->n[jobs].next; j = c->j->n[j].next)
		if (type_of(c, j) == FSC_JSON_OBJECT &&
		    (((rd = get(c, j, "read")) && type_of(c, rd) != FSC_JSON_NULL) ||
		     ((rd = get(c, j, "write")) && type_of(c, rd) != FSC_JSON_NULL)) &&
		    type_of(c, rd) == FSC_JSON_OBJECT) {
			c->usec = !get(c, rd, "clat_ns") && get(c, rd, "clat");
			break;
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
	if (get(c, doc, "global options")) {
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
	n = c->j->n[jobs].len;
	res->runs = fsc_calloc(n + 1, sizeof(*res->runs));
	res->nruns = 0;
	for (i = 0, j = jobs + 1; i < n; i++, j = c->j->n[j].next) {
		size_t saved;
		int rc;

		/* client/server: the "All clients" sum is not a run */
		if (!strcmp(key, "client_stats") &&
		    type_of(c, j) == FSC_JSON_OBJECT &&
		    str_is(c, j, "jobname", "All clients"))
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
	struct fsc_json j = FSC_JSON_INIT;
	struct ctx c = { .path = path, .err = err, .j = &j };
	size_t pos = 0, cap = 0, used, doclen;
	int ndocs = 0, rc = -1;
	const char *p;

	memset(res, 0, sizeof(*res));
	for (;;) {
		/* A document starts with '{' at the start of a line: text fio
		 * printed before it (normal output, warnings) is skipped. */
		while (pos < len && !(data[pos] == '{' &&
				      (pos == 0 || data[pos - 1] == '\n'))) {
			p = memchr(data + pos, '\n', len - pos);
			pos = p ? (size_t)(p - data) + 1 : len;
		}
		if (pos >= len)
			break;
		doclen = len - pos < MAX_DOC ? len - pos : MAX_DOC;
		if (fsc_json_parse(&j, data + pos, doclen, &used) < 0) {
			if (!j.err && doclen < len - pos)
				fsc_err_set(err, path,
					    "document %d is over the %zu MiB limit for one JSON document",
					    ndocs + 1, MAX_DOC >> 20);
			else if (!j.err)
				fsc_err_set(err, path,
					    "truncated JSON (document %d starts here)",
					    ndocs + 1);
			else
				fsc_err_set(err, path, "invalid JSON: %s", j.err);
			fsc_err_line(err, line_of(data, j.err ? pos + j.err_off : pos));
			goto out;
		}
		pos += used;
		if (ndocs && res->nruns)
			add_snaps(res, ndocs - 1, &cap);
		result_clear_runs(res);
		c.where[0] = '\0';
		if (parse_doc(&c, res) < 0)
			goto out;
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
	fsc_json_free(&j);
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
