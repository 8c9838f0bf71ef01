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

/* ---- budget.c: one memory budget shared by an ingest's threads ---- */
struct fsc_budget;
/* A budget of limit bytes (0: fsc_budget_default()). */
struct fsc_budget *fsc_budget_new(uint64_t limit);
void fsc_budget_free(struct fsc_budget *b);
/* A quarter of the physical memory. */
uint64_t fsc_budget_default(void);
uint64_t fsc_budget_limit(const struct fsc_budget *b);
/* Hold n bytes for the whole ingest (what it takes whatever its files),
 * before its threads start: reservations fit beside them.  The sum held
 * (b NULL: 0). */
void fsc_budget_hold(struct fsc_budget *b, uint64_t n);
uint64_t fsc_budget_held(const struct fsc_budget *b);
/* What an ingest takes before any file: fioscope's code, its libraries,
 * its threads and the store's connection (8.0 MiB RSS at its start on
 * amd64 Debian; the store's page cache comes on top). */
#define FSC_BASE_MEMORY ((uint64_t)8 << 20)
/* The most reserved at once so far. */
uint64_t fsc_budget_peak(struct fsc_budget *b);
/* Reserve n more bytes for the file of ticket (its place in the writer's
 * order) that holds own bytes already (b NULL: no budget, always 0): -1
 * when what is held, own and n are over the limit; else wait, unless ticket is the head
 * (fsc_budget_head): a first reservation (own 0) until every ticket before
 * it has reserved or passed, and any while others hold too much. */
int fsc_budget_reserve(struct fsc_budget *b, uint64_t n, uint64_t own,
		       uint64_t ticket);
/* The file of ticket takes no first reservation (any more): the tickets
 * after it need not wait for it.  Harmless after its reservation. */
void fsc_budget_pass(struct fsc_budget *b, uint64_t ticket);
void fsc_budget_release(struct fsc_budget *b, uint64_t n);
/* The writer needs the file of ticket next: it never waits, and the
 * tickets before it have passed.  UINT64_MAX:
 * the ingest stops, and no one waits any more. */
void fsc_budget_head(struct fsc_budget *b, uint64_t ticket);

/* ---- suggest.c: "did you mean" ---- */
/* The name of names[0..n) within a small edit distance of word (the
 * nearest; the first of equals), or NULL. */
const char *fsc_suggest(const char *word, const char *const *names, size_t n);


/* ---- readfile.c: a whole file, gunzipped, bounded ---- */
#define FSC_MAX_FILE ((size_t)256 << 20)	/* bytes, after gunzip */
/* What parsing a file takes beside its content, as a multiple of the
 * content's size: json-c's tree of a 59 MiB json+ file is 8.2 times its
 * size, fioscope's own parser's 3.3 (bench/results.md, "Memory budget"). */
#define FSC_PARSE_FACTOR 8
struct fsc_file {
	char *data;		/* NUL-terminated content (gunzipped) */
	size_t len;
	uint64_t disk_size;	/* bytes on disk */
	int64_t mtime_ns;
	int gz;			/* the file was gzip-compressed */
	char sha256[65];	/* of the bytes on disk */
	struct fsc_budget *budget;	/* what reserved is taken from */
	uint64_t ticket;	/* its place in the writer's order */
	uint64_t reserved;	/* bytes reserved to read and parse it */
};
/* SHA-256 (FIPS 180-4) through libcrypto's EVP interface, which uses the
 * CPU's SHA instructions where it has them. */
struct evp_md_ctx_st;
struct fsc_sha256 {
	struct evp_md_ctx_st *ctx;
};
/* Start a hash; -1 when libcrypto cannot (then nothing to free). */
int fsc_sha256_init(struct fsc_sha256 *s);
void fsc_sha256_update(struct fsc_sha256 *s, const void *p, size_t n);
/* Finish: the 64 hex digits and a NUL into hex; frees s.  -1 on failure. */
int fsc_sha256_hex(struct fsc_sha256 *s, char hex[65]);
/* Read path (gunzipping .gz content) into f.  -1 on error. */
int fsc_file_read(const char *path, struct fsc_file *f, struct fsc_err *err);
/* The same within budget b (NULL: none), reserving what reading and
 * parsing the file takes before reading it (waiting for other threads to
 * give some back; a file that could never fit is refused), and looking at
 * its first bytes first: binary data (an fio data file, an image) is
 * FSC_FILE_NOT_FIO, with err saying so, neither read whole nor hashed. */
#define FSC_FILE_NOT_FIO 1
int fsc_file_load(const char *path, struct fsc_file *f, struct fsc_budget *b,
		  uint64_t ticket, struct fsc_err *err);
/* The parse is done: free the content and give back all of the
 * reservation but keep bytes (what the parsed result takes). */
void fsc_file_keep(struct fsc_file *f, uint64_t keep);
/* Free the content and give the whole reservation back. */
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
	int total_ios_derived;	/* fio < 2.1.14: from iops and runtime */
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
	double usr_cpu, sys_cpu;	/* #20: NAN when absent */
	int64_t ctx;		/* #20: context switches; -1 when absent */
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
/* #20: one entry of fio's top-level "disk_util" array; a field fio did
 * not write is -1 (util: NAN).  The aggr_* fields (a device with slaves:
 * their mean) are there only then. */
enum { FSC_DISK_READ_IOS, FSC_DISK_WRITE_IOS, FSC_DISK_READ_MERGES,
       FSC_DISK_WRITE_MERGES, FSC_DISK_READ_TICKS, FSC_DISK_WRITE_TICKS,
       FSC_DISK_IN_QUEUE, FSC_DISK_NR };
struct fsc_disk {
	char *name;
	int64_t v[FSC_DISK_NR], aggr[FSC_DISK_NR];
	double util, aggr_util;
};
struct fsc_result {
	char *fio_version;
	/* #20: --idle-prof's top-level "cpu_idleness" (percent): system,
	 * unit_mean, unit_stddev; has_idle 0 when fio did not measure */
	int has_idle;
	double idle_system, idle_unit_mean, idle_unit_stddev;
	struct fsc_disk *disks;	/* #20: "disk_util", or NULL */
	size_t ndisks;
	int jsonplus;		/* some direction had bins */
	int usec;		/* fio 2.x units were converted */
	int terse;		/* from terse output (terse.c) */
	int ndocs;		/* JSON documents in the file */
	struct fsc_kv *gopts;	/* global options, keys unique */
	size_t ngopts;
	struct fsc_run *runs;
	size_t nruns;
	struct fsc_snap *snaps;
	size_t nsnaps;
};

/* A copy of fio's text as valid UTF-8: each byte of an invalid sequence,
 * and each NUL, becomes U+FFFD. */
char *fsc_text_dup(const char *s, size_t len);
/* Sort percentiles by pct; a pct given twice keeps one value.  The new n. */
size_t fsc_pcts_sort(struct fsc_pct *p, size_t n);
/* terse.c: fio's terse output, versions 3-5, one run per line; the lines
 * may follow fio's normal text.  sniff: 1 when a terse line is there. */
int fsc_terse_sniff(const char *data, size_t len);
int fsc_terse_parse(const char *data, size_t len, const char *path,
		    struct fsc_result *res, struct fsc_err *err);
/* Is this buffer fio output?  Cheap content sniffing: 1 yes, 0 no. */
int fsc_fio_sniff(const char *data, size_t len);
/* json-c's parser state, one per thread, reused for every file it parses:
 * fsc_fio_tokener() makes one (NULL when out of memory). */
struct json_tokener;
struct json_tokener *fsc_fio_tokener(void);
void fsc_fio_tokener_free(struct json_tokener *tok);
/* Parse fio output (text before the JSON, several status-interval documents,
 * a UTF-8 byte order mark) into res with json-c, through tok (NULL: a
 * tokener for this call).  path is for messages.  -1 on error with err set
 * and res empty: UTF-16 text, and a status-interval stream whose final
 * document is missing, are errors that say so. */
int fsc_fio_parse(struct json_tokener *tok, const char *data, size_t len,
		  const char *path, struct fsc_result *res,
		  struct fsc_err *err);
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
/* One interval of a latency histogram log (write_hist_log): the samples
 * that completed in the log_hist_msec before time_ms, as fio's non-empty
 * buckets (values in ns). */
struct fsc_histiv {
	int64_t time_ms;
	int ddir;
	int64_t bs;
	uint64_t samples;
	struct fsc_bin *bins;
	size_t nbins;
};
struct fsc_log {
	char kind[12];		/* bw, iops, clat, slat, lat, clat_hist */
	int job;		/* the N of NAME_bw.N.log */
	char *prefix;		/* NAME */
	struct fsc_logpt *pts;
	size_t npts;
	/* clat_hist (histlog.c): its intervals, and whether the log is
	 * fio 2.x's (1216 buckets of usec) rather than fio 3's (1856, ns) */
	struct fsc_histiv *iv;
	size_t niv;
	int usec;
};
/* Recognise a log by its file name (NAME_KIND.N.log[.gz]): 1 yes, 0 no;
 * fills kind, job and prefix. */
int fsc_log_name(const char *path, struct fsc_log *log);
/* The next line at *p that is not empty: 1 with its end in *eol (a '\n'
 * or end), counting lines in *line; 0 at the end. */
int fsc_log_line(const char **p, const char *end, const char **eol,
		 long *line);
/* Parse the content of a log file.  -1 on error. */
int fsc_log_parse(const char *data, size_t len, const char *path,
		  struct fsc_log *log, struct fsc_err *err);
void fsc_log_free(struct fsc_log *log);
/* ---- histlog.c: fio latency histogram logs (NAME_clat_hist.N.log) ---- */
/* fio's bucket counts per log line: 29 groups (fio 3) or 19 (fio 2.x) of
 * 64 buckets. */
#define FSC_HIST_BUCKETS_FIO3 1856
#define FSC_HIST_BUCKETS_FIO2 1216
/* Parse the content of a histogram log into log->iv.  -1 on error. */
int fsc_histlog_parse(const char *data, size_t len, const char *path,
		      struct fsc_log *log, struct fsc_err *err);
/* Bind the percentiles 50, 90, 99 and 99.9 of bins (samples in all) to
 * columns col..col+3 of s, as fio computes json+ percentiles; NULL when
 * empty (ingest_hist.c). */
void fsc_hist_pcts_bind(sqlite3_stmt *s, int col, const struct fsc_bin *bins,
			size_t n, uint64_t samples);

/* ---- hist.c: fio's latency histogram math ---- */
/* fio's value of bucket idx (fio stat.c plat_idx_to_val) for a histogram
 * of 2^bits buckets per group. */
uint64_t fsc_plat_idx_to_val(unsigned idx, unsigned bits);
/* Percentile p (0 < p <= 100) of a histogram sorted by value, exactly as
 * fio's calc_clat_percentiles: the first bucket at which the cumulative
 * count reaches p/100 of nr samples.  0 when empty. */
uint64_t fsc_hist_percentile(const struct fsc_bin *bins, size_t n,
			     uint64_t nr, double p);
/* Merge b into the sorted histogram *a (*na entries, *cap capacity).
 * A bucket whose sum would pass 2^64 - 1 stays there: 1 when that
 * happened (the result is no longer exact), else 0. */
int fsc_hist_merge(struct fsc_bin **a, size_t *na, size_t *cap,
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
/* Is value valid for key ({rw} a fio pattern, {bs} a size, {clients},
 * {iodepth} and {numjobs} positive numbers; other keys anything but
 * empty)?  The layout's matcher and --set share it. */
int fsc_label_valid(const char *key, const char *value);
const char *fsc_labels_get(const struct fsc_labels *ls, const char *key);
void fsc_labels_free(struct fsc_labels *ls);
/* Make every key and value of ls valid UTF-8 (escape.c, fsc_utf8_dup). */
void fsc_labels_utf8(struct fsc_labels *ls);

/* ---- escape.c: the quoting rule of each output language ---- */
/* Length of the valid UTF-8 character at p (1..4, at most avail bytes),
 * or 0 when the byte at p does not start one (overlong forms, surrogates
 * and code points past U+10FFFF are invalid). */
size_t fsc_utf8_len(const unsigned char *p, size_t avail);
/* 1 when the n bytes at s are valid UTF-8. */
int fsc_utf8_valid(const char *s, size_t n);
/* Append the n bytes at s with every invalid byte replaced by U+FFFD. */
void fsc_utf8_fix(struct fsc_buf *o, const char *s, size_t n);
/* s as valid UTF-8 (invalid bytes U+FFFD), malloc'd; NULL for NULL.  The
 * door of the store: every label passes here before it is stored. */
char *fsc_utf8_dup(const char *s);
/* Append s for display: valid UTF-8, each control character shown as its
 * Control Pictures symbol (U+2400 + c, DEL U+2421), so "a\nb" reads
 * a, U+240A, b: never like "a b" or two labels.  NULL appends nothing. */
void fsc_display(struct fsc_buf *o, const char *s);
/* Append s for a terminal's aligned table: newline as \n, tab as \t,
 * any other control character as \? (two columns each, so widths hold). */
void fsc_term_escape(struct fsc_buf *o, const char *s);
/* The same for a Markdown table cell when md: '|' as \| too. */
void fsc_term_escape_md(struct fsc_buf *o, const char *s, int md);
/* Append s as a gnuplot double-quoted string literal that gnuplot 5.4
 * reads back byte for byte: " and \ escaped, control characters, ` and
 * @ as \ooo octal (no command substitution, no macro).  NULL is "". */
void fsc_gp_quote(struct fsc_buf *b, const char *s);
/* Append a label to be drawn by gnuplot: its display form (fsc_display)
 * with a WORD JOINER inside every "]]>" (gnuplot's SVG terminal does not
 * escape '>'), quoted by fsc_gp_quote. */
void fsc_gp_label(struct fsc_buf *b, const char *s);
/* Append s as HTML/XML text or attribute value (the report, the PPTX
 * deck's parts): the display form of s
 * (fsc_display) with & < > " ' escaped.  NULL appends nothing. */
void fsc_html_escape(struct fsc_buf *o, const char *s);
/* Append c as one CSV field (RFC 4180: quoted when it holds , " CR or LF,
 * quotes doubled; invalid UTF-8 made U+FFFD).  Formula guard: a field
 * that starts with = + - @ TAB or CR and is not a number gets a leading
 * ' so that a spreadsheet shows it as text.  NULL appends an empty
 * field. */
void fsc_csv_field(struct fsc_buf *o, const char *c);
/* Append the n bytes at s as a JSON string literal (RFC 8259): " and \
 * escaped, control characters and NUL as \u00XX, invalid UTF-8 as
 * \ufffd. */
void fsc_json_stringn(struct fsc_buf *o, const char *s, size_t n);
/* fsc_json_stringn of a C string; NULL is "". */
void fsc_json_string(struct fsc_buf *o, const char *s);

/* ---- outfile.c: every output file, written whole or not at all ---- */
/* Write n bytes to path through a temporary file in the same directory,
 * renamed over path when complete and non-empty (a symlink at path is
 * replaced, not followed).  Nothing is left at path or the temporary
 * name on failure.  -1 with err ("PATH: cannot write: why"). */
int fsc_out_write(const char *path, const void *data, size_t n,
		  struct fsc_err *err);
int fsc_out_buf(const char *path, const struct fsc_buf *b,
		struct fsc_err *err);
/* Rename the finished temporary file tmp over path when it is a non-empty
 * regular file, else remove it.  -1 with err naming path. */
int fsc_out_commit(const char *tmp, const char *path, struct fsc_err *err);

/* ---- store.c: the SQLite store ---- */
struct fsc_store;
/* Open (creating and migrating unless readonly) the store at path.  A
 * reader gets a read transaction (one snapshot); where the store's
 * directory is read-only it is opened immutable. */
struct fsc_store *fsc_store_open(const char *path, int readonly,
				 struct fsc_err *err);
/* -1 with err when path can be no store: empty, ":memory:" or an
 * in-memory URI (a usage error for the commands). */
int fsc_store_path_check(const char *path, struct fsc_err *err);
/* 1 when a writer (an ingest) has st's file open now. */
int fsc_store_writer_active(struct fsc_store *st);
/* Scenarios whose statistics are pending (an ingest that stopped before
 * its refresh), or -1 with err. */
int fsc_store_pending(struct fsc_store *st, struct fsc_err *err);
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
/* The same for the dirty scenarios, inside the caller's open write
 * transaction (no commit: the caller's changes and their statistics
 * land together). */
int fsc_stats_refresh_txn(struct fsc_store *st, struct fsc_err *err);
/* stats_hist.c: scenario id's histogram log intervals merged
 * (scenario_hist_interval), on the refresh's connection. */
int fsc_stats_hist(sqlite3 *db, sqlite3_int64 id);
/* A slot of histogram log intervals: those of direction ddir and
 * interval msec whose time rounds to k * msec, their buckets summed. */
struct fsc_hist_slot {
	int ddir, n;		/* n: intervals merged */
	sqlite3_int64 msec, k;
	struct fsc_bin *bins;
	size_t nbins, cap;
	uint64_t samples;
};
/* Step q (rows: ddir, interval_ms, slot, bins, ordered by the first
 * three), merge each slot's rows and call fn with it; -1 on a step error
 * or when fn fails.  Resets q. */
int fsc_hist_slots(sqlite3_stmt *q, int (*fn)(void *ctx,
		   const struct fsc_hist_slot *sl), void *ctx);
/* Student's t critical value, two-sided 95%, for df degrees of freedom. */
double fsc_t95(int df);

#endif
