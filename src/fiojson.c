/*
 * fiojson.c: fio's json and json+ output (fio 2.x usec fields to 3.x ns
 * fields, client/server client_stats, text before the JSON, several
 * --status-interval documents) -> struct fsc_result, in ns, bytes and
 * bytes/s.  json-c parses (one json_tokener per thread, reused); its
 * objects never leave this file.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "fioscope.h"

/* json-c's nesting limit: fio nests 5 deep; a deeper file is refused. */
#define MAX_DEPTH 64
/* One JSON document (a file may hold many, --status-interval) is at most
 * MAX_DOC bytes: fio's largest real documents (hundreds of json+ job
 * entries) are a few MiB.  json-c is fed DOC_SLICE bytes at a time, so
 * that a longer one is refused before json-c has built it. */
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

static int bad(struct ctx *c, const char *key, const char *fmt, ...)
	FSC_PRINTF(3, 4);

static int bad(struct ctx *c, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fsc_err_set(c->err, c->path, "%s%s%s: %s", c->where,
			   c->where[0] && key ? "." : "", key ? key : "", msg);
}

/* Is key a member of obj (its value may be null)?  *v: the value, NULL
 * for null or when missing. */
static int member(json_object *obj, const char *key, json_object **v)
{
	*v = NULL;
	return json_object_object_get_ex(obj, key, v);
}

/* The value of key in obj; NULL when missing or null. */
static json_object *get(json_object *obj, const char *key)
{
	json_object *v;

	member(obj, key, &v);
	return v;
}

static int is_type(json_object *v, enum json_type t)
{
	return json_object_get_type(v) == t;
}

/* An unsigned integer value v named key.  Doubles are accepted when
 * finite (some fio versions print counters as floats). */
static int u64_of(struct ctx *c, json_object *v, const char *key,
		  uint64_t max, uint64_t *out)
{
	double d;
	int64_t i;

	switch (json_object_get_type(v)) {
	case json_type_int:
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

/* Get an unsigned integer field.  Missing: *out = dflt, or an error when
 * required. */
static int get_u64(struct ctx *c, json_object *obj, const char *key,
		   int required, uint64_t dflt, uint64_t max, uint64_t *out)
{
	json_object *v = get(obj, key);

	if (!v) {
		*out = dflt;
		return required ? bad(c, key, "%s", "missing") : 0;
	}
	return u64_of(c, v, key, max, out);
}

static int get_i64(struct ctx *c, json_object *obj, const char *key,
		   int64_t dflt, int64_t *out)
{
	json_object *v = get(obj, key);

	*out = dflt;
	if (!v)
		return 0;
	if (!is_type(v, json_type_int))
		return bad(c, key, "expected an integer, got %s", type_name(v));
	*out = json_object_get_int64(v);
	if (*out == INT64_MAX || *out == INT64_MIN)
		return bad(c, key, "%s", "absurd value");
	return 0;
}

static int get_double(struct ctx *c, json_object *obj, const char *key,
		      double max, double *out)
{
	json_object *v = get(obj, key);

	*out = 0;
	if (!v)
		return 0;
	if (!is_type(v, json_type_double) && !is_type(v, json_type_int))
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
 * each byte of an invalid, overlong or surrogate sequence, and each NUL,
 * becomes U+FFFD, so the store's TEXT and everything printed from it is
 * UTF-8 whatever the file held. */
char *fsc_text_dup(const char *s, size_t len)
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
static char *get_str(json_object *obj, const char *key)
{
	json_object *v = get(obj, key);

	if (!is_type(v, json_type_string))
		return NULL;
	return fsc_text_dup(json_object_get_string(v),
			(size_t)json_object_get_string_len(v));
}

/* Is field key of obj the string s? */
static int str_is(json_object *obj, const char *key, const char *s)
{
	json_object *v = get(obj, key);

	return is_type(v, json_type_string) &&
	       (size_t)json_object_get_string_len(v) == strlen(s) &&
	       !memcmp(json_object_get_string(v), s, strlen(s));
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

/* json-c keeps a key given twice once, with its last value at the place
 * of the first; keys that text_dup made equal (invalid UTF-8 spelled two
 * ways) are merged the same way here.  O(n log n), for a hostile file of
 * many options. */
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

/* Is s plain ASCII without NUL (text_dup copies it as it is)? */
static int plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* An object of options: keys and values as text; a value that is not a
 * string is its JSON text, compact (numbers as the file spells them); null
 * is NULL. */
static int kv_list(struct ctx *c, json_object *obj, const char *key,
		   struct fsc_kv **out, size_t *nout)
{
	json_object *o = get(obj, key);
	size_t n = 0;
	int all_plain = 1;

	*out = NULL;
	*nout = 0;
	if (!o)
		return 0;
	if (!is_type(o, json_type_object))
		return bad(c, key, "expected an object, got %s", type_name(o));
	*out = fsc_calloc((size_t)json_object_object_length(o) + 1,
			  sizeof(**out));
	{
		json_object_object_foreach(o, k, v) {
			all_plain = all_plain && plain(k);
			(*out)[n].key = fsc_text_dup(k, strlen(k));
			if (is_type(v, json_type_string)) {
				(*out)[n].value = fsc_text_dup(json_object_get_string(v),
					(size_t)json_object_get_string_len(v));
			} else if (v) {
				const char *s = json_object_to_json_string_ext(v,
					JSON_C_TO_STRING_PLAIN |
					JSON_C_TO_STRING_NOSLASHESCAPE);

				(*out)[n].value = fsc_text_dup(s, strlen(s));
			}
			n++;
		}
	}
	*nout = all_plain ? n : kv_dedupe(*out, n);
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

size_t fsc_pcts_sort(struct fsc_pct *p, size_t n)
{
	size_t i, j;

	qsort(p, n, sizeof(*p), cmp_pct);
	/* a percentile given twice keeps one value */
	for (i = j = 0; i < n; i++)
		if (!j || p[j - 1].pct != p[i].pct)
			p[j++] = p[i];
	return j;
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

static int parse_bins(struct ctx *c, json_object *bins, struct fsc_ddir_stat *d)
{
	uint64_t scale = c->usec ? 1000 : 1, bits = 0, cnt, key;
	json_object *ignored;
	int indexed = member(bins, "FIO_IO_U_PLAT_BITS", &ignored);
	size_t n = 0, i, j, saved;
	int64_t iv;
	int rc;

	if (!is_type(bins, json_type_object))
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
			if (!strncmp(k, "FIO_IO_U_PLAT_", 14))
				continue;
			if (bucket_key(k, strlen(k), &key) < 0)
				return bad(c, "bins", "bad bucket \"%s\"", k);
			if (is_type(v, json_type_int) &&
			    (iv = json_object_get_int64(v)) >= 0 &&
			    (uint64_t)iv <= MAX_BYTES) {
				cnt = (uint64_t)iv;	/* the usual case */
			} else {
				/* a bad count is named clat_ns.bins.KEY */
				saved = enter(c, "bins", -1);
				rc = u64_of(c, v, k, MAX_BYTES, &cnt);
				leave(c, saved);
				if (rc < 0)
					return -1;
			}
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
	/* fio writes buckets in increasing order: sort only when not */
	for (i = 1; i < n && d->bins[i - 1].value_ns < d->bins[i].value_ns; i++)
		;
	if (i < n)
		qsort(d->bins, n, sizeof(*d->bins), cmp_bin);
	/* Two buckets never share a value in fio's output, but "010" beside
	 * "10" would: their counts add up. */
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
static double pct_key(const char *k)
{
	char *end;
	double pct;

	if (!((*k >= '0' && *k <= '9') || *k == '.'))
		return -1;
	pct = strtod(k, &end);
	return *end || !(pct >= 0 && pct <= 100) ? -1 : pct;
}

static int parse_pcts(struct ctx *c, json_object *p, struct fsc_ddir_stat *d)
{
	uint64_t scale = c->usec ? 1000 : 1, val;
	size_t n = 0, in;
	int64_t iv;
	double pct;
	int bad_val;

	if (!is_type(p, json_type_object))
		return bad(c, "percentile", "expected an object, got %s",
			   type_name(p));
	d->pcts = fsc_calloc((size_t)json_object_object_length(p) + 1,
			     sizeof(*d->pcts));
	{
		json_object_object_foreach(p, k, v) {
			if ((pct = pct_key(k)) < 0) {
				char kbuf[64];

				snprintf(kbuf, sizeof(kbuf), "%s", k);
				return bad(c, "percentile", "bad key \"%s\"", kbuf);
			}
			if (pct == 0)
				continue;	/* fio 2.x pads with "0.00" */
			if (is_type(v, json_type_int) &&
			    (iv = json_object_get_int64(v)) >= 0 &&
			    (uint64_t)iv <= MAX_NS / scale) {
				val = (uint64_t)iv;	/* the usual case */
			} else {
				/* named clat_ns.percentile.KEY in messages */
				in = enter(c, "percentile", -1);
				bad_val = u64_of(c, v, k, MAX_NS / scale, &val) < 0;
				leave(c, in);
				if (bad_val)
					return -1;
			}
			d->pcts[n].pct = pct;
			d->pcts[n].value_ns = val * scale;
			n++;
		}
	}
	d->npcts = fsc_pcts_sort(d->pcts, n);
	return 0;
}

static int parse_lat(struct ctx *c, json_object *dir, const char *key3,
		     const char *key2, struct fsc_lat *lat,
		     struct fsc_ddir_stat *d, int main)
{
	uint64_t scale = c->usec ? 1000 : 1;
	const char *key = c->usec ? key2 : key3;
	json_object *o = get(dir, key), *p;
	size_t saved;
	int rc = -1;

	if (!o)
		return 0;
	saved = enter(c, key, -1);
	if (!is_type(o, json_type_object)) {
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
	if (main && (p = get(o, "percentile")) && parse_pcts(c, p, d) < 0)
		goto out;
	if (main && (p = get(o, "bins")) && parse_bins(c, p, d) < 0)
		goto out;
	rc = 0;
out:
	leave(c, saved);
	return rc;
}

static int parse_ddir(struct ctx *c, json_object *job, const char *name,
		      struct fsc_ddir_stat *d)
{
	json_object *dir = get(job, name), *ignored;
	uint64_t bw;
	size_t saved;
	int kib_io;
	int rc = -1;

	if (!dir)
		return 0;
	saved = enter(c, name, -1);
	if (!is_type(dir, json_type_object)) {
		leave(c, saved);
		return bad(c, name, "expected an object, got %s",
			   type_name(dir));
	}
	d->present = 1;
	/* 2.x printed io_bytes in KiB; 3.x in bytes with io_kbytes beside. */
	kib_io = c->usec && !member(dir, "io_kbytes", &ignored);
	if (get_u64(c, dir, "io_bytes", 1, 0, MAX_BYTES >> 10,
		    &d->io_bytes) < 0 ||
	    get_u64(c, dir, "runtime", 1, 0, MAX_NS, &d->runtime_ms) < 0 ||
	    get_u64(c, dir, "short_ios", 0, 0, MAX_BYTES, &d->short_ios) < 0 ||
	    get_u64(c, dir, "drop_ios", 0, 0, MAX_BYTES, &d->drop_ios) < 0 ||
	    get_double(c, dir, "iops", 1e12, &d->iops) < 0)
		goto out;
	if (member(dir, "total_ios", &ignored)) {
		if (get_u64(c, dir, "total_ios", 1, 0, MAX_BYTES,
			    &d->total_ios) < 0)
			goto out;
	} else {
		/* fio before 2.1.14 printed no total_ios, only iops =
		 * 1000 * total / runtime rounded down: the nearest count */
		double n = d->iops * (double)d->runtime_ms / 1000;

		if (n > (double)MAX_BYTES) {
			bad(c, "iops", "%s", "absurd value");
			goto out;
		}
		d->total_ios = (uint64_t)llround(n);
		d->total_ios_derived = 1;
	}
	if (kib_io)
		d->io_bytes <<= 10;
	if (member(dir, "bw_bytes", &ignored)) {
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
	uint64_t runtime;
	int d;

	if (!is_type(job, json_type_object))
		return bad(c, NULL, "expected an object, got %s", type_name(job));
	r->jobname = get_str(job, "jobname");
	r->client = get_str(job, "hostname");
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
	/* #20: absent CPU figures and ctx are NULL in the store, not 0 */
	if (!get(job, "usr_cpu"))
		r->usr_cpu = NAN;
	if (!get(job, "sys_cpu"))
		r->sys_cpu = NAN;
	r->ctx = -1;
	if (get(job, "ctx")) {
		uint64_t ctx;

		if (get_u64(c, job, "ctx", 1, 0, MAX_BYTES, &ctx) < 0)
			return -1;
		r->ctx = (int64_t)ctx;
	}
	for (d = 0; d < FSC_DDIR_NR; d++)
		if (parse_ddir(c, job, dnames[d], &r->dd[d]) < 0)
			return -1;
	return 0;
}

/* #20: fio's --idle-prof "cpu_idleness" object (percent). */
static int parse_idle(struct ctx *c, json_object *doc, struct fsc_result *res)
{
	json_object *o = get(doc, "cpu_idleness");
	size_t saved;
	int rc;

	res->has_idle = 0;
	if (!o)
		return 0;
	saved = enter(c, "cpu_idleness", -1);
	if (!is_type(o, json_type_object)) {
		rc = bad(c, NULL, "expected an object, got %s", type_name(o));
	} else {
		rc = get_double(c, o, "system", 100, &res->idle_system) < 0 ||
		     get_double(c, o, "unit_mean", 1e12,
				&res->idle_unit_mean) < 0 ||
		     get_double(c, o, "unit_stddev", 1e12,
				&res->idle_unit_stddev) < 0 ? -1 : 0;
		res->has_idle = rc == 0 && get(o, "system") != NULL;
	}
	leave(c, saved);
	return rc;
}

static void disks_free(struct fsc_result *res)
{
	size_t i;

	for (i = 0; i < res->ndisks; i++)
		free(res->disks[i].name);
	free(res->disks);
	res->disks = NULL;
	res->ndisks = 0;
}

/* #20: fio's "disk_util" array, one entry per device. */
static int parse_disks(struct ctx *c, json_object *doc,
		       struct fsc_result *res)
{
	static const char *const f[FSC_DISK_NR] = { "read_ios", "write_ios",
		"read_merges", "write_merges", "read_ticks", "write_ticks",
		"in_queue" };
	/* fio spells the aggregate's write merges "aggr_write_merge" */
	static const char *const af[FSC_DISK_NR] = { "aggr_read_ios",
		"aggr_write_ios", "aggr_read_merges", "aggr_write_merge",
		"aggr_read_ticks", "aggr_write_ticks", "aggr_in_queue" };
	json_object *a = get(doc, "disk_util"), *e;
	size_t i, n, saved;
	int k, rc = 0;

	disks_free(res);
	if (!a)
		return 0;
	if (!is_type(a, json_type_array))
		return bad(c, "disk_util", "expected an array, got %s",
			   type_name(a));
	n = json_object_array_length(a);
	res->disks = fsc_calloc(n + 1, sizeof(*res->disks));
	for (i = 0; i < n && !rc; i++) {
		struct fsc_disk *d = &res->disks[res->ndisks++];
		uint64_t v;

		e = json_object_array_get_idx(a, i);
		saved = enter(c, "disk_util", (long)i);
		d->util = d->aggr_util = NAN;
		if (!is_type(e, json_type_object)) {
			rc = bad(c, NULL, "expected an object, got %s",
				 type_name(e));
			leave(c, saved);
			break;
		}
		d->name = get_str(e, "name");
		for (k = 0; k < FSC_DISK_NR && !rc; k++) {
			d->v[k] = d->aggr[k] = -1;
			if (get(e, f[k])) {
				rc = get_u64(c, e, f[k], 1, 0, MAX_BYTES, &v);
				d->v[k] = (int64_t)v;
			}
			if (!rc && get(e, af[k])) {
				rc = get_u64(c, e, af[k], 1, 0, MAX_BYTES, &v);
				d->aggr[k] = (int64_t)v;
			}
		}
		if (!rc && get(e, "util"))
			rc = get_double(c, e, "util", 1e6, &d->util);
		if (!rc && get(e, "aggr_util"))
			rc = get_double(c, e, "aggr_util", 1e6, &d->aggr_util);
		leave(c, saved);
	}
	return rc ? -1 : 0;
}

/* One document: "jobs" or "client_stats" entries -> runs. */
static int parse_doc(struct ctx *c, json_object *doc, struct fsc_result *res)
{
	json_object *jobs, *ver, *j, *rd, *ignored;
	const char *key = "jobs";
	int64_t end_ms = -1, ts;
	size_t i, n;
	int is_str, has_ver, has_jobs;

	c->where[0] = '\0';
	if (!is_type(doc, json_type_object))
		return bad(c, NULL, "%s", "not fio output");
	has_ver = member(doc, "fio version", &ver);
	is_str = is_type(ver, json_type_string);
	if (!(has_jobs = member(doc, "jobs", &jobs)))
		has_jobs = member(doc, key = "client_stats", &jobs);
	if (!has_jobs)
		return fsc_err_set(c->err, c->path, is_str ?
			"missing \"jobs\" and \"client_stats\"" :
			"not fio output: no \"fio version\" or \"jobs\"");
	if (!has_ver)
		return fsc_err_set(c->err, c->path,
				   "not fio output: no \"fio version\"");
	if (!is_str)
		return bad(c, "fio version", "%s", "expected a string");
	if (!is_type(jobs, json_type_array))
		return bad(c, key, "expected an array, got %s", type_name(jobs));
	free(res->fio_version);
	res->fio_version = get_str(doc, "fio version");
	n = json_object_array_length(jobs);
	/* fio 2.x: usec latencies.  Decide per document from the first
	 * direction object that has a latency key. */
	c->usec = 0;
	for (i = 0; i < n; i++) {
		j = json_object_array_get_idx(jobs, i);
		if (is_type(j, json_type_object) &&
		    ((rd = get(j, "read")) || (rd = get(j, "write"))) &&
		    is_type(rd, json_type_object)) {
			c->usec = !member(rd, "clat_ns", &ignored) &&
				  member(rd, "clat", &ignored);
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
	if (member(doc, "global options", &ignored)) {
		size_t k;

		for (k = 0; k < res->ngopts; k++) {
			free(res->gopts[k].key);
			free(res->gopts[k].value);
		}
		free(res->gopts);
		res->gopts = NULL;
		res->ngopts = 0;
		if (kv_list(c, doc, "global options", &res->gopts,
			    &res->ngopts) < 0)
			return -1;
	}
	if (parse_idle(c, doc, res) < 0 || parse_disks(c, doc, res) < 0)
		return -1;
	res->runs = fsc_calloc(n + 1, sizeof(*res->runs));
	res->nruns = 0;
	for (i = 0; i < n; i++) {
		size_t saved;
		int rc;

		j = json_object_array_get_idx(jobs, i);
		/* client/server: the "All clients" sum is not a run */
		if (!strcmp(key, "client_stats") &&
		    is_type(j, json_type_object) &&
		    str_is(j, "jobname", "All clients"))
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

/* UTF-16 text: a byte order mark, or ASCII with a NUL beside each byte.
 * 1 little endian, 2 big endian, 0 neither. */
static int utf16(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;

	if (len < 2)
		return 0;
	if (p[0] == 0xff && p[1] == 0xfe)
		return 1;
	if (p[0] == 0xfe && p[1] == 0xff)
		return 2;
	if (len >= 4 && p[0] && !p[1] && p[2] && !p[3])
		return 1;
	if (len >= 4 && !p[0] && p[1] && !p[2] && p[3])
		return 2;
	return 0;
}

/* Does UTF-16 text (order 1 LE, 2 BE) hold the ASCII word w? */
static int utf16_has(const char *data, size_t len, int order, const char *w)
{
	char pat[64];
	size_t i, n = strlen(w);

	for (i = 0; i < n && 2 * i + 1 < sizeof(pat); i++) {
		pat[2 * i + (order == 1 ? 0 : 1)] = w[i];
		pat[2 * i + (order == 1 ? 1 : 0)] = '\0';
	}
	return memmem(data, len, pat, 2 * i) != NULL;
}

/* fio writes UTF-8; a UTF-8 byte order mark (an editor's) is skipped. */
static size_t bom_len(const char *data, size_t len)
{
	return len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
}

int fsc_fio_sniff(const char *data, size_t len)
{
	const char *p, *end = data + len, *nl;
	int order = utf16(data, len);

	/* fio output saved as UTF-16 (PowerShell's redirection does that):
	 * the parse says so */
	if (order)
		return utf16_has(data, len, order, "\"fio version\"") ||
		       utf16_has(data, len, order, "\"jobs\"");
	p = data + bom_len(data, len);
	/* a JSON document starts on a line of its own, and fio's names
	 * follow it: text that only mentions fio (a pod log) is not output */
	while (p < end && *p != '{') {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return fsc_terse_sniff(data, len);
		p = nl + 1;
	}
	if (p >= end)
		return fsc_terse_sniff(data, len);
	len = (size_t)(end - p);
	return memmem(p, len, "\"fio version\"", 13) != NULL ||
	       (memmem(p, len, "\"jobs\"", 6) &&
		memmem(p, len, "\"jobname\"", 9));
}

/* A fio time such as "3", "3s", "500ms", "2m" (seconds by default) in ms;
 * -1 when not one. */
static int64_t time_ms(const char *s)
{
	static const struct { const char *unit; double ms; } units[] = {
		{ "", 1000 }, { "s", 1000 }, { "sec", 1000 }, { "ms", 1 },
		{ "msec", 1 }, { "us", 0.001 }, { "usec", 0.001 },
		{ "m", 60000 }, { "min", 60000 }, { "h", 3600000 },
		{ "d", 86400000 },
	};
	char *end;
	double v;
	size_t i;

	if (!s || !(*s >= '0' && *s <= '9'))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || !(v >= 0 && v < 1e12))
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcasecmp(end, units[i].unit))
			return (int64_t)(v * units[i].ms);
	return -1;
}

/* Is run r of a status-interval document finished, as far as its options
 * tell: it ran its runtime (1% or 10 ms short of it), moved its io_size
 * (or size times loops; a whole number of times for numjobs grouped, when
 * a runtime is also set: more than that means a time_based job looping
 * over its file), ended with an error, or its options name no limit.  A
 * killed stream's last document is an interim snapshot, short of both. */
static int run_finished(const struct fsc_result *res, const struct fsc_run *r,
			char *why, size_t size)
{
	int64_t rt = time_ms(fsc_result_opt(res, r, "runtime"));
	int64_t target = fsc_parse_size(fsc_result_opt(res, r, "io_size"));
	int64_t loops = fsc_parse_uint(fsc_result_opt(res, r, "loops"));
	int64_t jobs = fsc_parse_uint(fsc_result_opt(res, r, "numjobs"));
	int64_t ran = r->job_runtime_ms;
	uint64_t moved = 0;
	int d;

	if (target < 0)
		target = fsc_parse_size(fsc_result_opt(res, r, "io_limit"));
	if (target < 0 && (target = fsc_parse_size(fsc_result_opt(res, r,
							"size"))) > 0 &&
	    loops > 1 && target < INT64_MAX / loops)
		target *= loops;
	if (jobs < 1)
		jobs = 1;
	for (d = 0; d < FSC_DDIR_NR; d++) {
		moved += r->dd[d].io_bytes;
		if (!r->job_runtime_ms && (int64_t)r->dd[d].runtime_ms > ran)
			ran = (int64_t)r->dd[d].runtime_ms;	/* fio 2.x */
	}
	if (r->error || (rt <= 0 && target <= 0))
		return 1;
	if (rt > 0 && ran + (rt / 100 > 10 ? rt / 100 : 10) >= rt)
		return 1;
	if (target > 0 && moved >= (uint64_t)target &&
	    (rt <= 0 || (moved % (uint64_t)target == 0 &&
			 moved / (uint64_t)target <= (uint64_t)jobs)))
		return 1;
	if (rt > 0)
		snprintf(why, size, "ran %lld of its %lld ms",
			 (long long)ran, (long long)rt);
	else
		snprintf(why, size, "moved %llu of its %lld bytes",
			 (unsigned long long)moved, (long long)target);
	return 0;
}

/* The tokener of one parse: the caller's, reset, or a new one. */
static json_tokener *tokener(json_tokener *mine, json_tokener **own)
{
	*own = NULL;
	if (mine) {
		json_tokener_reset(mine);
		return mine;
	}
	return *own = json_tokener_new_ex(MAX_DEPTH);
}

json_tokener *fsc_fio_tokener(void)
{
	return json_tokener_new_ex(MAX_DEPTH);
}

void fsc_fio_tokener_free(json_tokener *tok)
{
	if (tok)
		json_tokener_free(tok);
}

int fsc_fio_parse(json_tokener *tok, const char *data, size_t len,
		  const char *path, struct fsc_result *res, struct fsc_err *err)
{
	struct ctx c = { .path = path, .err = err };
	json_tokener *own;
	json_object *doc;
	size_t pos, cap = 0, fed, slice, base, last = 0, i;
	enum json_tokener_error jerr;
	int ndocs = 0, rc = -1, order;
	char why[96];
	const char *p;

	memset(res, 0, sizeof(*res));
	if ((order = utf16(data, len)))
		return fsc_err_set(err, path,
				   "UTF-16 text (%s), not UTF-8 as fio writes: convert it, e.g. iconv -f UTF-16 -t UTF-8",
				   order == 1 ? "little endian" : "big endian");
	if (!(tok = tokener(tok, &own)))
		return fsc_err_set(err, path, "cannot create JSON parser");
	pos = bom_len(data, len);
	for (;;) {
		/* A document starts with '{' at the start of a line: text fio
		 * printed before it (normal output, warnings) is skipped. */
		while (pos < len && !(data[pos] == '{' &&
				      (pos == bom_len(data, len) ||
				       data[pos - 1] == '\n'))) {
			p = memchr(data + pos, '\n', len - pos);
			pos = p ? (size_t)(p - data) + 1 : len;
		}
		if (pos >= len)
			break;
		/* json-c takes the document DOC_SLICE bytes at a time; it
		 * stops at the end of the document */
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
					    "document %d is over the %zu MiB limit for one JSON document",
					    ndocs + 1, MAX_DOC >> 20);
			else if (jerr == json_tokener_continue ||
				 jerr == json_tokener_success)
				fsc_err_set(err, path,
					    "truncated JSON (document %d starts here)",
					    ndocs + 1);
			else {
				fsc_err_set(err, path, "invalid JSON: %s",
					    json_tokener_error_desc(jerr));
				fsc_err_line(err, line_of(data, base +
					     json_tokener_get_parse_end(tok)));
				goto out;
			}
			fsc_err_line(err, line_of(data, pos));
			goto out;
		}
		last = pos;
		pos = base + json_tokener_get_parse_end(tok);
		if (ndocs && res->nruns)
			add_snaps(res, ndocs - 1, &cap);
		result_clear_runs(res);
		rc = parse_doc(&c, doc, res);
		json_object_put(doc);
		if (rc < 0)
			goto out;
		rc = -1;
		ndocs++;
	}
	if (!ndocs) {
		/* terse output (after fio's normal text, maybe): no JSON */
		if (fsc_terse_sniff(data, len))
			rc = fsc_terse_parse(data, len, path, res, err);
		else
			fsc_err_set(err, path, "no JSON document found");
		goto out;
	}
	/* --status-interval: the last document must be fio's final result */
	for (i = 0; ndocs > 1 && i < res->nruns; i++)
		if (!run_finished(res, &res->runs[i], why, sizeof(why))) {
			fsc_err_set(err, path,
				    "incomplete --status-interval output: the last of %d documents is an interim snapshot, %s[%zu] %s; fio's final result is missing",
				    ndocs,
				    res->runs[i].client ? "client_stats" : "jobs",
				    i, why);
			fsc_err_line(err, line_of(data, last));
			goto out;
		}
	res->ndocs = ndocs;
	for (cap = 0; cap < FSC_DDIR_NR * res->nruns; cap++)
		if (res->runs[cap / FSC_DDIR_NR].dd[cap % FSC_DDIR_NR].has_bins)
			res->jsonplus = 1;
	rc = 0;
out:
	fsc_fio_tokener_free(own);
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
	disks_free(res);
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
