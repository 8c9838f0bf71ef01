/*
 * fioscope.h: the library's one header.  Every exported symbol starts with
 * fsc_ (types, functions) or FSC_ (macros).  Ownership: _new/_open return
 * owned pointers freed by the matching _free/_close, which accept NULL;
 * getters return pointers borrowed from their handle.
 *
 * Errors: library functions never print or exit.  They return -1 (or NULL)
 * and fill a struct fsc_err that the command prints as
 * "prog: path: where: message".
 */
#ifndef FIOSCOPE_H
#define FIOSCOPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <sqlite3.h>

#define FSC_VERSION "0.1.0"
#define FSC_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* ---- buf.c: growable string; buf is never NULL and always NUL-ended ---- */
struct fsc_buf {
	char *buf;
	size_t len, alloc;
};
extern char fsc_buf_empty[];
#define FSC_BUF_INIT { fsc_buf_empty, 0, 0 }

/* Make room for at least n more bytes; aborts only on out of memory. */
void fsc_buf_grow(struct fsc_buf *b, size_t n);
/* Append n bytes of p. */
void fsc_buf_add(struct fsc_buf *b, const void *p, size_t n);
/* Append the NUL-terminated string s. */
void fsc_buf_adds(struct fsc_buf *b, const char *s);
/* Append the decimal digits of v (printf costs more than the rest of
 * storing a histogram). */
void fsc_buf_add_u64(struct fsc_buf *b, uint64_t v);
/* Write the decimal digits of v (at most 20, no NUL) to out; their
 * number. */
size_t fsc_u64_dec(uint64_t v, char *out);
/* Append printf-formatted text. */
void fsc_buf_addf(struct fsc_buf *b, const char *fmt, ...) FSC_PRINTF(2, 3);
/* Empty the buffer, keeping its memory. */
void fsc_buf_reset(struct fsc_buf *b);
/* Return the malloc'ed string and leave b empty; the caller frees it. */
char *fsc_buf_detach(struct fsc_buf *b);
/* Free the memory and leave b empty. */
void fsc_buf_release(struct fsc_buf *b);

/* Out-of-memory safe allocation: these abort with a message on failure
 * (the one place the library may stop the process). */
void *fsc_malloc(size_t n);
void *fsc_calloc(size_t n, size_t size);
void *fsc_realloc(void *p, size_t n);
char *fsc_strdup(const char *s);
char *fsc_strndup(const char *s, size_t n);

/* ---- cores.c: threads to run at once ---- */
/* The online cores, at least 1 and at most max. */
int fsc_cores(int max);

/* ---- err.c: the error record ---- */
struct fsc_err {
	char path[1024];	/* file the error is about, or "" */
	char msg[1024];		/* what is wrong, starting lowercase */
	long line;		/* line in path the error is at; 0: none */
};

/* Set err (if not NULL) to path and a formatted message; returns -1. */
int fsc_err_set(struct fsc_err *err, const char *path, const char *fmt, ...)
	FSC_PRINTF(3, 4);
/* Set err's line (when err is not NULL); returns -1. */
int fsc_err_line(struct fsc_err *err, long line);
/* Format "prog: path:line: msg" (path left out when empty, line when 0)
 * into out. */
void fsc_err_format(const struct fsc_err *err, const char *prog,
		    struct fsc_buf *out);

/* ---- suggest.c: "did you mean" ---- */
/* The name of names[0..n) within a small edit distance of word (the
 * nearest; the first of equals), or NULL. */
const char *fsc_suggest(const char *word, const char *const *names, size_t n);

/* ---- sha256.c: FIPS 180-4 SHA-256 ---- */
struct fsc_sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char blk[64];
	size_t nblk;
	/* set by init: hashes n whole 64-byte blocks (x86 SHA extensions
	 * when the CPU has them, else portable C) */
	void (*blocks)(uint32_t h[8], const unsigned char *p, size_t n);
};
/* Start a hash.  The SHA-NI path is used when the CPU has it, unless the
 * environment says FIOSCOPE_SHA256=portable (read once per process). */
void fsc_sha256_init(struct fsc_sha256 *s);
/* For tests: start a hash that always uses the portable C code. */
void fsc_sha256_init_portable(struct fsc_sha256 *s);
/* The implementation fsc_sha256_init uses: "sha-ni" or "portable". */
const char *fsc_sha256_impl(void);
void fsc_sha256_update(struct fsc_sha256 *s, const void *p, size_t n);
/* Write the 64 hex digits and a NUL into hex. */
void fsc_sha256_hex(struct fsc_sha256 *s, char hex[65]);

/* ---- json.c: one JSON document -> a flat array of nodes ---- */
enum fsc_json_type {
	FSC_JSON_NULL, FSC_JSON_FALSE, FSC_JSON_TRUE, FSC_JSON_INT,
	FSC_JSON_DOUBLE, FSC_JSON_STRING, FSC_JSON_ARRAY, FSC_JSON_OBJECT
};
#define FSC_JSON_MAX_DEPTH 64
/* Nodes are in document order; node 0 is the document.  An object's
 * members are key (a string node), value, key, value...; an array's are
 * its values.  Walk members with next: the node after a value and all it
 * contains. */
struct fsc_jnode {
	uint8_t type;		/* enum fsc_json_type */
	uint8_t esc;		/* string: decoded into the string arena;
				 * double: u.d holds it (NaN, Infinity) */
	uint32_t next;		/* index of the node after this value */
	uint32_t off;		/* offset in the source (or the arena) */
	uint32_t len;		/* string bytes; members; source bytes */
	union {
		int64_t i;	/* FSC_JSON_INT, saturated at INT64_MIN/MAX */
		double d;	/* see esc; else fsc_json_double reads it */
	} u;			/* containers: offset of their end */
};
struct fsc_json {
	const char *src;	/* the document's text (borrowed) */
	struct fsc_jnode *n;
	size_t nn, cap;
	struct fsc_buf str;	/* decoded strings that had escapes */
	const char *err;	/* after an error: what, or NULL: truncated */
	size_t err_off;		/* after an error: where, from src */
};
#define FSC_JSON_INIT { NULL, NULL, 0, 0, FSC_BUF_INIT, NULL, 0 }
/* Parse the value at the start of src (after blanks), reusing j's memory.
 * 0 and *used = bytes up to the value's end; -1 with j->err/err_off. */
int fsc_json_parse(struct fsc_json *j, const char *src, size_t len,
		   size_t *used);
void fsc_json_free(struct fsc_json *j);
/* A string node's text and length; not NUL-terminated, and it may hold
 * raw NUL bytes of the source (an escaped \u0000 becomes U+FFFD). */
const char *fsc_json_str(const struct fsc_json *j, uint32_t v, size_t *len);
/* Any other node's source text, e.g. [1, 2] or 1.5e3. */
const char *fsc_json_raw(const struct fsc_json *j, uint32_t v, size_t *len);
/* The value of key in object obj (the last one of duplicates), or 0 when
 * missing or obj is not an object. */
uint32_t fsc_json_get(const struct fsc_json *j, uint32_t obj,
		      const char *key);
/* A number node's value as a double (converted from the source text
 * on each call); NaN for other nodes. */
double fsc_json_double(const struct fsc_json *j, uint32_t v);

/* ---- readfile.c: a whole file, gunzipped, bounded ---- */
#define FSC_MAX_FILE ((size_t)256 << 20)	/* bytes, after gunzip */
struct fsc_file {
	char *data;		/* NUL-terminated content (gunzipped) */
	size_t len;
	uint64_t disk_size;	/* bytes on disk */
	int64_t mtime_ns;
	int gz;			/* the file was gzip-compressed */
	char sha256[65];	/* of the bytes on disk */
};
/* Read path (gunzipping .gz content) into f.  -1 on error. */
int fsc_file_read(const char *path, struct fsc_file *f, struct fsc_err *err);
void fsc_file_free(struct fsc_file *f);

/* ---- size.c: numbers in fio's spellings ---- */
/* Parse a block size such as "65536", "64k", "64KiB", "1m", "4k,8k" (first
 * value) into bytes.  -1 when it is not a size. */
int64_t fsc_parse_size(const char *s);
/* Parse a non-negative decimal integer fully; -1 when not one. */
int64_t fsc_parse_uint(const char *s);
/* Normalise a fio rw value ("randread:8" -> "randread", "readwrite" ->
 * "rw"); NULL when s is not a fio rw value.  Returns a static string. */
const char *fsc_rw_name(const char *s);

/* ---- fiojson.c: fio json / json+ output -> plain structs ---- */
enum fsc_ddir { FSC_DDIR_READ, FSC_DDIR_WRITE, FSC_DDIR_TRIM, FSC_DDIR_NR };

struct fsc_lat {
	int have;		/* fio reported this latency */
	uint64_t min_ns, max_ns, n;
	double mean_ns, stddev_ns;
};
struct fsc_bin {
	uint64_t value_ns;	/* fio's bucket value, ns */
	uint64_t count;
};
struct fsc_pct {
	double pct;		/* e.g. 99.9 */
	uint64_t value_ns;
};
struct fsc_ddir_stat {
	int present;		/* the direction's object was in the output */
	uint64_t io_bytes, bw_bytes;	/* bytes, bytes/s */
	uint64_t runtime_ms, total_ios, short_ios, drop_ios;
	double iops;
	struct fsc_lat slat, clat, lat;
	struct fsc_pct *pcts;
	size_t npcts;
	int has_bins;		/* json+: a bins object was present */
	struct fsc_bin *bins;	/* sorted by value_ns, counts > 0 */
	size_t nbins;
};
struct fsc_kv {
	char *key, *value;
};
struct fsc_run {
	char *jobname;
	char *client;		/* client/server hostname, or NULL */
	int64_t port;		/* client/server port, or -1 */
	int64_t groupid, error;
	int64_t end_ms;		/* -1 when unknown */
	int64_t job_runtime_ms;
	double usr_cpu, sys_cpu;
	struct fsc_kv *opts;	/* job options, keys unique */
	size_t nopts;
	struct fsc_ddir_stat dd[FSC_DDIR_NR];
};
/* One cumulative status-interval snapshot of one run and direction. */
struct fsc_snap {
	int seq;		/* document number, from 0 */
	size_t run;		/* index into fsc_result.runs */
	int ddir;
	int64_t time_ms;
	uint64_t runtime_ms, io_bytes, total_ios;
	double clat_mean_ns;
};
struct fsc_result {
	char *fio_version;
	int jsonplus;		/* some direction had bins */
	int usec;		/* fio 2.x units were converted */
	int ndocs;		/* JSON documents in the file */
	struct fsc_kv *gopts;	/* global options, keys unique */
	size_t ngopts;
	struct fsc_run *runs;
	size_t nruns;
	struct fsc_snap *snaps;
	size_t nsnaps;
};

/* Is this buffer fio output?  Cheap content sniffing: 1 yes, 0 no. */
int fsc_fio_sniff(const char *data, size_t len);
/* Parse fio output (text before the JSON, several status-interval documents)
 * into res.  path is for messages.  -1 on error with err set and res empty. */
int fsc_fio_parse(const char *data, size_t len, const char *path,
		  struct fsc_result *res, struct fsc_err *err);
void fsc_result_free(struct fsc_result *res);
/* The value of option key for run r: job options first, then global. */
const char *fsc_result_opt(const struct fsc_result *res,
			   const struct fsc_run *r, const char *key);

/* ---- logfile.c: fio write_*_log files ---- */
struct fsc_logpt {
	int64_t time_ms;
	double value;
	int ddir;
	int64_t bs;
};
struct fsc_log {
	char kind[8];		/* bw, iops, clat, slat, lat */
	int job;		/* the N of NAME_bw.N.log */
	char *prefix;		/* NAME */
	struct fsc_logpt *pts;
	size_t npts;
};
/* Recognise a log by its file name (NAME_KIND.N.log[.gz]): 1 yes, 0 no;
 * fills kind, job and prefix. */
int fsc_log_name(const char *path, struct fsc_log *log);
/* Parse the content of a log file.  -1 on error. */
int fsc_log_parse(const char *data, size_t len, const char *path,
		  struct fsc_log *log, struct fsc_err *err);
void fsc_log_free(struct fsc_log *log);

/* ---- hist.c: fio's latency histogram math ---- */
/* fio's value of bucket idx (fio stat.c plat_idx_to_val) for a histogram
 * of 2^bits buckets per group. */
uint64_t fsc_plat_idx_to_val(unsigned idx, unsigned bits);
/* Percentile p (0 < p <= 100) of a histogram sorted by value, exactly as
 * fio's calc_clat_percentiles: the first bucket at which the cumulative
 * count reaches p/100 of nr samples.  0 when empty. */
uint64_t fsc_hist_percentile(const struct fsc_bin *bins, size_t n,
			     uint64_t nr, double p);
/* Merge b into the sorted histogram *a (*na entries, *cap capacity). */
void fsc_hist_merge(struct fsc_bin **a, size_t *na, size_t *cap,
		    const struct fsc_bin *b, size_t nb);
/* Parse the store's JSON text form {"value": count, ...}; -1 on error. */
int fsc_hist_parse(const char *text, struct fsc_bin **bins, size_t *n);
/* Append the store's JSON text form of bins to out. */
void fsc_hist_format(const struct fsc_bin *bins, size_t n,
		     struct fsc_buf *out);

/* ---- layout.c: path template -> scenario labels ---- */
#define FSC_MAX_LABELS 32
struct fsc_label {
	char *key, *value;
};
struct fsc_labels {
	struct fsc_label l[FSC_MAX_LABELS];
	size_t n;
};
/* Check a layout template; -1 with err when malformed. */
int fsc_layout_check(const char *tmpl, struct fsc_err *err);
/* Match the last components of path (".gz" stripped) against tmpl, right
 * aligned; add the placeholders' values to out.  1 matched, 0 not. */
int fsc_layout_match(const char *tmpl, const char *path,
		     struct fsc_labels *out);
/* Set key=value in ls (replacing); returns -1 when full. */
int fsc_labels_set(struct fsc_labels *ls, const char *key, const char *value);
const char *fsc_labels_get(const struct fsc_labels *ls, const char *key);
void fsc_labels_free(struct fsc_labels *ls);

/* ---- escape.c: text made safe for an output format ---- */
/* Append s with & < > " ' escaped and control characters other than tab
 * and newline replaced by U+FFFD: safe in HTML and XML text and
 * attributes.  NULL appends nothing. */
void fsc_html_escape(struct fsc_buf *o, const char *s);
/* Append c as one CSV field (RFC 4180: quoted when it holds , " CR or LF,
 * quotes doubled); NULL appends an empty field. */
void fsc_csv_field(struct fsc_buf *o, const char *c);
/* Append s as a JSON string literal. */
void fsc_json_string(struct fsc_buf *o, const char *s);

/* ---- store.c: the SQLite store ---- */
struct fsc_store;
/* Open (creating and migrating unless readonly) the store at path. */
struct fsc_store *fsc_store_open(const char *path, int readonly,
				 struct fsc_err *err);
void fsc_store_close(struct fsc_store *st);
/* The connection, borrowed. */
sqlite3 *fsc_store_db(struct fsc_store *st);
/* Run sql (no parameters, no results) on st; -1 with err. */
int fsc_store_exec(struct fsc_store *st, const char *sql, struct fsc_err *err);
/* Default store path: $FIOSCOPE_DB, else "fioscope.db". */
const char *fsc_store_default_path(void);
/* The schema text compiled in, and its version. */
extern const char fsc_schema_sql[];
int fsc_schema_version(void);

/* ---- stats.c: scenario statistics ---- */
/* Recompute scenario_stat (with its merged bins) for every scenario
 * (all = 1) or those marked dirty in dirty_scenario.  -1 with err. */
int fsc_stats_refresh(struct fsc_store *st, int all, struct fsc_err *err);
/* Student's t critical value, two-sided 95%, for df degrees of freedom. */
double fsc_t95(int df);

#endif
