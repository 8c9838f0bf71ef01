/*
 * ingest_write.c: the one writer of an ingest.  It keys each run by
 * scenario (fio's own options first, then --set, then the path through the
 * layout template), replaces a changed file's earlier rows, and stores the
 * files in batch transactions.  A store error stops the ingest and rolls
 * the open batch back whole, so a file lands whole or not at all (a
 * savepoint per file cost a copy of every page it touched, and bought
 * nothing: the batch went anyway).  Every statement is prepared once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest.h"

#define BATCH_FILES 256
#define BATCH_NS 200000000LL	/* commit at least every 0.2 s */

enum {
	S_FIND, S_DIRTY_FILE, S_DEL_FILE, S_DEL_LOGS, S_INS_FILE, S_MTIME,
	S_SCN_FIND, S_SCN_INS, S_INS_RUN, S_INS_IO,
	S_INS_SNAP, S_INS_LOG, S_SIBLINGS, S_RUNS_OF, S_DIRTY, S_NR
};

static const char *const sql[S_NR] = {
	[S_FIND] = "SELECT id, sha256, status = 'ok', error FROM source_file"
		   " WHERE path = ?1",
	[S_DIRTY_FILE] = "INSERT OR IGNORE INTO dirty_scenario(id)"
			 " SELECT scenario_id FROM run WHERE file_id = ?1",
	[S_DEL_FILE] = "DELETE FROM source_file WHERE id = ?1",
	/* logs beside a replaced JSON lose their run: ingest them anew */
	[S_DEL_LOGS] = "DELETE FROM source_file WHERE kind = 'log'"
		       " AND substr(path, 1, length(?1)) = ?1"
		       " AND instr(substr(path, length(?1) + 1), '/') = 0",
	[S_INS_FILE] = "INSERT INTO source_file(path, size, mtime_ns, sha256,"
		       " kind, fio_version, docs, ingested_at, status, error,"
		       " global_options)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_MTIME] = "UPDATE source_file SET mtime_ns = ?2 WHERE id = ?1",
	[S_SCN_FIND] = "SELECT id FROM scenario WHERE key = ?1",
	[S_SCN_INS] = "INSERT INTO scenario(runtime, backend, rw, bs, clients,"
		      " iodepth, numjobs, labels, key)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_INS_RUN] = "INSERT INTO run(file_id, scenario_id, seq, rep, client,"
		      " jobname, groupid, error, start_ms, end_ms,"
		      " job_runtime_ms, usr_cpu, sys_cpu, job_options, defaults)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		      " ?12, ?13, ?14, ?15)",
	[S_INS_IO] = "INSERT INTO io_stat VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		     " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		     " ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
	[S_INS_SNAP] = "INSERT OR REPLACE INTO snapshot VALUES (?1, ?2, ?3, ?4,"
		       " ?5, ?6, ?7, ?8)",
	[S_INS_LOG] = "INSERT INTO log_sample VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		      " ?7, ?8)",
	[S_SIBLINGS] = "SELECT id, path, fio_version LIKE 'fio-2.%'"
		       " FROM source_file WHERE status = 'ok' AND kind <> 'log'"
		       " AND substr(path, 1, length(?1)) = ?1"
		       " AND instr(substr(path, length(?1) + 1), '/') = 0"
		       " ORDER BY path",
	[S_RUNS_OF] = "SELECT id, jobname FROM run WHERE file_id = ?1"
		      " ORDER BY seq",
	[S_DIRTY] = "INSERT OR IGNORE INTO dirty_scenario(id) VALUES (?1)",
};

struct writer {
	struct fsc_store *st;
	sqlite3 *db;
	sqlite3_stmt *s[S_NR];
	const struct fsc_ingest_opts *o;
	struct fsc_ingest_summary *sum;
	int in_txn;
	size_t batch;
	long long batch_start;
	char *last_key;		/* scenario cache: last key and its id */
	sqlite3_int64 last_id;
	sqlite3_int64 dirty_id;	/* the scenario marked dirty last, or -1 */
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int db_err(struct writer *w, struct fsc_err *err)
{
	return fsc_err_set(err, sqlite3_db_filename(w->db, "main"), "%s",
			   sqlite3_errmsg(w->db));
}

/* Step a bound statement that returns no row, then reset it. */
static int run_stmt(struct writer *w, sqlite3_stmt *s, struct fsc_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : db_err(w, err);
}

static void report(struct writer *w, enum fsc_level lv, const char *path,
		   const char *fmt, ...) FSC_PRINTF(4, 5);

static void report(struct writer *w, enum fsc_level lv, const char *path,
		   const char *fmt, ...)
{
	struct fsc_err e;
	char msg[1024];
	va_list ap;

	if (!w->o->report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fsc_err_set(&e, path, "%s", msg);
	w->o->report(w->o->ctx, lv, &e);
}

/* A task's own error, with the line the worker found it at. */
static void report_task(struct writer *w, enum fsc_level lv,
			const struct task *t, const char *what)
{
	struct fsc_err e;

	if (!w->o->report)
		return;
	fsc_err_set(&e, t->path, "%s%s", what, t->err->msg);
	fsc_err_line(&e, t->err->line);
	w->o->report(w->o->ctx, lv, &e);
}

struct writer *fsc_writer_new(struct fsc_store *st,
			      const struct fsc_ingest_opts *o,
			      struct fsc_ingest_summary *sum, struct fsc_err *err)
{
	struct writer *w = fsc_calloc(1, sizeof(*w));
	int i;

	w->st = st;
	w->db = fsc_store_db(st);
	w->dirty_id = -1;
	w->o = o;
	w->sum = sum;
	for (i = 0; i < S_NR; i++)
		if (sqlite3_prepare_v3(w->db, sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &w->s[i],
				       NULL) != SQLITE_OK) {
			db_err(w, err);
			fsc_writer_free(w);
			return NULL;
		}
	return w;
}

void fsc_writer_free(struct writer *w)
{
	int i;

	if (!w)
		return;
	if (w->in_txn)
		sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < S_NR; i++)
		sqlite3_finalize(w->s[i]);
	free(w->last_key);
	free(w);
}

int fsc_writer_commit(struct writer *w, int force, struct fsc_err *err)
{
	if (!w->in_txn)
		return 0;
	if (!force && w->batch < BATCH_FILES &&
	    now_ns() - w->batch_start < BATCH_NS)
		return 0;
	if (fsc_store_exec(w->st, "COMMIT", err) < 0)
		return -1;
	w->in_txn = 0;
	w->batch = 0;
	return 0;
}

static int begin(struct writer *w, struct fsc_err *err)
{
	if (w->in_txn)
		return 0;
	/* IMMEDIATE: take the write lock now, waiting for another ingest,
	 * rather than failing to upgrade a read transaction later. */
	if (fsc_store_exec(w->st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	w->in_txn = 1;
	w->batch_start = now_ns();
	/* mark again in each transaction: a concurrent ingest's refresh may
	 * have taken the marks committed before */
	w->dirty_id = -1;
	return 0;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_int(sqlite3_stmt *s, int i, int64_t v)
{
	if (v >= 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* Canonical scenario key: each value escaped so no two keys collide. */
static void key_add(struct fsc_buf *k, const char *name, const char *v)
{
	fsc_buf_adds(k, name);
	if (!v) {
		fsc_buf_adds(k, "?;");
		return;
	}
	fsc_buf_add(k, "=", 1);
	for (; *v; v++) {
		if (*v == ';' || *v == '\\' || *v == '?' || *v == '=')
			fsc_buf_add(k, "\\", 1);
		fsc_buf_add(k, v, 1);
	}
	fsc_buf_add(k, ";", 1);
}

struct keys {
	const char *runtime, *backend, *rw, *rep, *client;
	int64_t bs, clients, iodepth, numjobs;
	struct fsc_buf labels;
	char defaults[32];	/* the keys that took fio's default */
};

/* A key neither fio's options nor the layout state ran with fio's
 * default (fio 3.33 --cmdhelp: rw read, bs 4096, iodepth 1, numjobs 1):
 * stated or not, the same settings make the same scenario; the run
 * keeps which keys were defaults. */
static void fio_defaults(struct keys *k)
{
	k->defaults[0] = '\0';
	if (!k->rw) {
		k->rw = "read";
		strcat(k->defaults, " rw");
	}
	if (k->bs < 0) {
		k->bs = 4096;
		strcat(k->defaults, " bs");
	}
	if (k->iodepth < 0) {
		k->iodepth = 1;
		strcat(k->defaults, " iodepth");
	}
	if (k->numjobs < 0) {
		k->numjobs = 1;
		strcat(k->defaults, " numjobs");
	}
}

static const char *const known_keys[] = {
	"runtime", "backend", "rw", "bs", "clients", "iodepth", "numjobs",
	"rep", "client",
};

static int is_known_key(const char *k)
{
	size_t i;

	for (i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
		if (!strcmp(k, known_keys[i]))
			return 1;
	return 0;
}

static int cmp_label(const void *a, const void *b)
{
	return strcmp(((const struct fsc_label *)a)->key,
		      ((const struct fsc_label *)b)->key);
}

/* A numeric key: fio's value wins over the label; warn when they differ. */
static int64_t num_key(struct writer *w, const char *path, const char *name,
		       const char *fio, const char *label, int size,
		       int *warned)
{
	int64_t f = -1, l = -1;

	if (fio)
		f = size ? fsc_parse_size(fio) : fsc_parse_uint(fio);
	if (label)
		l = size ? fsc_parse_size(label) : fsc_parse_uint(label);
	if (f > 0 && l > 0 && f != l && !*warned) {
		*warned = 1;
		report(w, FSC_WARNING, path,
		       "%s is '%s' in fio's options but '%s' in the path or --set; keeping fio's",
		       name, fio, label);
	}
	return f > 0 ? f : l > 0 ? l : -1;
}

/* A label key or value in the '\n'-separated labels text: '\\' and a
 * newline are written as \\ and \n, so that one label holding a newline
 * cannot pass for two labels (and share their scenario). */
static void label_add(struct fsc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fsc_buf_add(b, "\\\\", 2);
		else if (*s == '\n')
			fsc_buf_add(b, "\\n", 2);
		else
			fsc_buf_add(b, s, 1);
	}
}

static void resolve_keys(struct writer *w, const struct task *t,
			 const struct fsc_run *r, const struct fsc_labels *ls,
			 struct keys *k, int *warned)
{
	const char *rw = fsc_result_opt(&t->res, r, "rw");
	const char *lrw = fsc_labels_get(ls, "rw");
	const char *bs = fsc_result_opt(&t->res, r, "bs");
	struct fsc_label sorted[FSC_MAX_LABELS];
	size_t i, n = 0;

	if (!rw)
		rw = fsc_result_opt(&t->res, r, "readwrite");
	if (!bs)
		bs = fsc_result_opt(&t->res, r, "blocksize");
	k->runtime = fsc_labels_get(ls, "runtime");
	k->backend = fsc_labels_get(ls, "backend");
	k->rep = fsc_labels_get(ls, "rep");
	k->client = fsc_labels_get(ls, "client");
	if (!k->client)
		k->client = r->client;
	k->rw = fsc_rw_name(rw);
	if (k->rw && lrw && fsc_rw_name(lrw) && strcmp(k->rw, fsc_rw_name(lrw)) &&
	    !*warned) {
		*warned = 1;
		report(w, FSC_WARNING, t->path,
		       "%s is '%s' in fio's options but '%s' in the path or --set; keeping fio's",
		       "rw", rw, lrw);
	}
	if (!k->rw)
		k->rw = fsc_rw_name(lrw);
	k->bs = num_key(w, t->path, "bs", bs, fsc_labels_get(ls, "bs"), 1,
			warned);
	k->iodepth = num_key(w, t->path, "iodepth",
			     fsc_result_opt(&t->res, r, "iodepth"),
			     fsc_labels_get(ls, "iodepth"), 0, warned);
	k->numjobs = num_key(w, t->path, "numjobs",
			     fsc_result_opt(&t->res, r, "numjobs"),
			     fsc_labels_get(ls, "numjobs"), 0, warned);
	k->clients = fsc_labels_get(ls, "clients") ?
		     fsc_parse_uint(fsc_labels_get(ls, "clients")) : -1;
	if (k->clients == 0)
		k->clients = -1;
	fio_defaults(k);
	for (i = 0; i < ls->n; i++)
		if (!is_known_key(ls->l[i].key))
			sorted[n++] = ls->l[i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_label);
	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_add(&k->labels, "\n", 1);
		label_add(&k->labels, sorted[i].key);
		fsc_buf_add(&k->labels, "=", 1);
		label_add(&k->labels, sorted[i].value);
	}
}

static int scenario_id(struct writer *w, const struct keys *k,
		       sqlite3_int64 *id, struct fsc_err *err)
{
	struct fsc_buf key = FSC_BUF_INIT;
	char num[4][24];
	sqlite3_stmt *s;
	int rc = -1;

	snprintf(num[0], sizeof(num[0]), "%lld", (long long)k->bs);
	snprintf(num[1], sizeof(num[1]), "%lld", (long long)k->clients);
	snprintf(num[2], sizeof(num[2]), "%lld", (long long)k->iodepth);
	snprintf(num[3], sizeof(num[3]), "%lld", (long long)k->numjobs);
	key_add(&key, "runtime", k->runtime);
	key_add(&key, "backend", k->backend);
	key_add(&key, "rw", k->rw);
	key_add(&key, "bs", k->bs > 0 ? num[0] : NULL);
	key_add(&key, "clients", k->clients > 0 ? num[1] : NULL);
	key_add(&key, "iodepth", k->iodepth > 0 ? num[2] : NULL);
	key_add(&key, "numjobs", k->numjobs > 0 ? num[3] : NULL);
	key_add(&key, "labels", k->labels.buf);
	if (w->last_key && !strcmp(w->last_key, key.buf)) {
		*id = w->last_id;
		fsc_buf_release(&key);
		return 0;
	}
	s = w->s[S_SCN_FIND];
	sqlite3_bind_text(s, 1, key.buf, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	} else {
		sqlite3_reset(s);
		s = w->s[S_SCN_INS];
		bind_text(s, 1, k->runtime);
		bind_text(s, 2, k->backend);
		bind_text(s, 3, k->rw);
		bind_int(s, 4, k->bs);
		bind_int(s, 5, k->clients);
		bind_int(s, 6, k->iodepth);
		bind_int(s, 7, k->numjobs);
		bind_text(s, 8, k->labels.buf);
		bind_text(s, 9, key.buf);
		if (run_stmt(w, s, err) < 0)
			goto out;
		*id = sqlite3_last_insert_rowid(w->db);
	}
	sqlite3_clear_bindings(w->s[S_SCN_FIND]);
	free(w->last_key);
	w->last_key = fsc_buf_detach(&key);
	w->last_id = *id;
	rc = 0;
out:
	fsc_buf_release(&key);
	return rc;
}

static int put_lat(sqlite3_stmt *s, int col, const struct fsc_lat *l)
{
	if (!l->have) {
		int i;

		for (i = 0; i < 4; i++)
			sqlite3_bind_null(s, col + i);
		return 0;
	}
	sqlite3_bind_int64(s, col, (sqlite3_int64)l->min_ns);
	sqlite3_bind_int64(s, col + 1, (sqlite3_int64)l->max_ns);
	sqlite3_bind_double(s, col + 2, l->mean_ns);
	sqlite3_bind_double(s, col + 3, l->stddev_ns);
	return 0;
}

static int put_ddir(struct writer *w, sqlite3_int64 run, int ddir,
		    const struct fsc_ddir_stat *d, const char *pcts,
		    const char *bins, struct fsc_err *err)
{
	sqlite3_stmt *s = w->s[S_INS_IO];
	uint64_t sum = 0;
	size_t i;
	int flag;

	for (i = 0; i < d->nbins; i++)
		sum += d->bins[i].count;
	/* bins that are empty, or disagree with fio's sample count, cannot
	 * give exact percentiles: keep fio's figures and flag the run */
	flag = d->has_bins && d->total_ios > 0 &&
	       (d->nbins == 0 || sum != (d->clat.have ? d->clat.n : d->total_ios));
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_int(s, 2, ddir);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)d->io_bytes);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)d->bw_bytes);
	sqlite3_bind_double(s, 5, d->iops);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)d->runtime_ms);
	sqlite3_bind_int64(s, 7, (sqlite3_int64)d->total_ios);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)d->short_ios);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)d->drop_ios);
	put_lat(s, 10, &d->slat);
	put_lat(s, 14, &d->clat);
	put_lat(s, 18, &d->lat);
	if (d->clat.have)
		sqlite3_bind_int64(s, 22, (sqlite3_int64)d->clat.n);
	else
		sqlite3_bind_int64(s, 22, (sqlite3_int64)d->total_ios);
	if (pcts)
		sqlite3_bind_text(s, 23, pcts, -1, SQLITE_STATIC);
	if (bins)
		sqlite3_bind_text(s, 24, bins, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 25, flag);
	return run_stmt(w, s, err);
}

/* printf's "%.6f" of a percentile, faster: when pct is a whole number of
 * millionths to within 1e-9 (fio's keys are), the digits are those of
 * that number, far from any rounding boundary. */
static void add_pct(struct fsc_buf *b, double pct)
{
	double m = pct * 1e6, r = floor(m + 0.5);
	char tmp[32];
	uint64_t u;

	if (!(pct >= 0 && pct <= 100) || fabs(m - r) > 1e-3) {
		fsc_buf_addf(b, "%.6f", pct);
		return;
	}
	u = (uint64_t)r;
	snprintf(tmp, sizeof(tmp), "%llu.%06llu",
		 (unsigned long long)(u / 1000000),
		 (unsigned long long)(u % 1000000));
	fsc_buf_adds(b, tmp);
}

/* fio's percentiles as {"99.000000": ns}, as fio 3 keys them; NULL when
 * fio gave none. */
static char *pcts_json(const struct fsc_ddir_stat *d)
{
	struct fsc_buf b = FSC_BUF_INIT;
	size_t i;

	if (!d->npcts)
		return NULL;
	fsc_buf_grow(&b, d->npcts * 24 + 2);
	fsc_buf_add(&b, "{", 1);
	for (i = 0; i < d->npcts; i++) {
		if (i + 1 < d->npcts && d->pcts[i + 1].pct == d->pcts[i].pct)
			continue;	/* the last of equal keys, as fio */
		fsc_buf_add(&b, b.len > 1 ? ",\"" : "\"", b.len > 1 ? 2 : 1);
		add_pct(&b, d->pcts[i].pct);
		fsc_buf_add(&b, "\":", 2);
		fsc_buf_add_u64(&b, d->pcts[i].value_ns);
	}
	fsc_buf_add(&b, "}", 1);
	return fsc_buf_detach(&b);
}

/* fio's options as one JSON object (fiojson.c made the keys unique: a
 * key fio repeated keeps its last value). */
static void opts_json(const struct fsc_kv *kv, size_t n, struct fsc_buf *o)
{
	size_t i;

	fsc_buf_reset(o);
	fsc_buf_add(o, "{", 1);
	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_add(o, ",", 1);
		fsc_json_string(o, kv[i].key);
		fsc_buf_add(o, ":", 1);
		if (kv[i].value)
			fsc_json_string(o, kv[i].value);
		else
			fsc_buf_adds(o, "null");
	}
	fsc_buf_add(o, "}", 1);
}

void fsc_task_prepare(struct task *t)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char **x;
	size_t i;
	int d;

	t->text = fsc_calloc(t->res.nruns * TASK_TEXTS + 1, sizeof(*t->text));
	for (i = 0; i < t->res.nruns; i++) {
		const struct fsc_run *r = &t->res.runs[i];

		x = t->text + i * TASK_TEXTS;
		opts_json(r->opts, r->nopts, &b);
		x[0] = fsc_buf_detach(&b);
		for (d = 0; d < FSC_DDIR_NR; d++) {
			if (!r->dd[d].present)
				continue;
			x[1 + 2 * d] = pcts_json(&r->dd[d]);
			if (r->dd[d].has_bins) {
				fsc_hist_format(r->dd[d].bins, r->dd[d].nbins, &b);
				x[2 + 2 * d] = fsc_buf_detach(&b);
			}
		}
	}
	if (t->res.ngopts) {
		opts_json(t->res.gopts, t->res.ngopts, &b);
		t->gopts = fsc_buf_detach(&b);
	}
}

/* A client's name: fio's hostname, or "host:port" when two entries of a
 * client/server file share a host (several servers on one machine), or
 * "host#N" when even that does not tell them apart. */
static const char *run_client(const struct task *t, size_t i,
			      struct fsc_buf *tmp)
{
	const struct fsc_run *r = &t->res.runs[i];
	int same_host = 0, same_port = 0;
	size_t j;

	if (!r->client)
		return NULL;
	for (j = 0; j < t->res.nruns; j++) {
		const struct fsc_run *o = &t->res.runs[j];

		if (j == i || !o->client || strcmp(o->client, r->client))
			continue;
		same_host = 1;
		if (o->port == r->port)
			same_port = 1;
	}
	if (!same_host)
		return r->client;
	fsc_buf_reset(tmp);
	if (r->port >= 0 && !same_port)
		fsc_buf_addf(tmp, "%s:%lld", r->client, (long long)r->port);
	else
		fsc_buf_addf(tmp, "%s#%zu", r->client, i + 1);
	return tmp->buf;
}

/* A direction the job's rw says it never does, and in which it did
 * nothing (the trim side of a read job): no io_stat row.  A direction it
 * should have done keeps its row even when idle (a client that stalled). */
static int idle_ddir(const char *rw, const struct fsc_ddir_stat *d, int ddir)
{
	const char *n = fsc_rw_name(rw);
	int does;

	if (d->total_ios || d->io_bytes || d->npcts || d->nbins || !n)
		return 0;
	if (ddir == FSC_DDIR_READ)
		does = strstr(n, "read") || !strcmp(n, "rw") ||
		       !strcmp(n, "randrw");
	else if (ddir == FSC_DDIR_WRITE)
		does = strstr(n, "write") || !strcmp(n, "rw") ||
		       !strcmp(n, "randrw");
	else
		does = strstr(n, "trim") != NULL;
	return !does;
}

static int put_runs(struct writer *w, const struct task *t,
		    sqlite3_int64 file, struct fsc_err *err)
{
	struct fsc_labels ls = { .n = 0 };
	struct fsc_buf cl = FSC_BUF_INIT;
	sqlite3_int64 *ids = fsc_calloc(t->res.nruns + 1, sizeof(*ids));
	size_t i;
	int d, warned = 0, rc = -1;

	if (w->o->layout && !fsc_layout_match(w->o->layout, t->path, &ls))
		report(w, FSC_WARNING, t->path,
		       "path does not match the layout '%s'", w->o->layout);
	for (i = 0; i < w->o->sets.n; i++)
		fsc_labels_set(&ls, w->o->sets.l[i].key, w->o->sets.l[i].value);
	for (i = 0; i < t->res.nruns; i++) {
		const struct fsc_run *r = &t->res.runs[i];
		struct keys k = { .labels = FSC_BUF_INIT };
		sqlite3_stmt *s = w->s[S_INS_RUN];
		sqlite3_int64 scn;
		const char *rw;
		int64_t win = 0;
		int ok;

		resolve_keys(w, t, r, &ls, &k, &warned);
		if (fsc_labels_get(&ls, "client") == NULL && r->client)
			k.client = run_client(t, i, &cl);
		ok = scenario_id(w, &k, &scn, err) == 0;
		if (ok) {
			/* The run's I/O window: the longest direction's runtime
			 * (job_runtime sums the jobs of a group report). */
			for (d = 0; d < FSC_DDIR_NR; d++)
				if (r->dd[d].present &&
				    (int64_t)r->dd[d].runtime_ms > win)
					win = (int64_t)r->dd[d].runtime_ms;
			if (!win)
				win = r->job_runtime_ms;
			sqlite3_bind_int64(s, 1, file);
			sqlite3_bind_int64(s, 2, scn);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
			bind_text(s, 4, k.rep);
			bind_text(s, 5, k.client);
			bind_text(s, 6, r->jobname);
			sqlite3_bind_int64(s, 7, r->groupid);
			sqlite3_bind_int64(s, 8, r->error);
			if (r->end_ms >= 0) {
				sqlite3_bind_int64(s, 9, r->end_ms - win);
				sqlite3_bind_int64(s, 10, r->end_ms);
			}
			sqlite3_bind_int64(s, 11, r->job_runtime_ms);
			sqlite3_bind_double(s, 12, r->usr_cpu);
			sqlite3_bind_double(s, 13, r->sys_cpu);
			sqlite3_bind_text(s, 14, t->text[i * TASK_TEXTS], -1,
					  SQLITE_STATIC);
			bind_text(s, 15, k.defaults[0] ? k.defaults + 1 : NULL);
			ok = run_stmt(w, s, err) == 0;
		}
		fsc_buf_release(&k.labels);
		if (!ok)
			goto out;
		ids[i] = sqlite3_last_insert_rowid(w->db);
		if (scn != w->dirty_id) {
			sqlite3_bind_int64(w->s[S_DIRTY], 1, scn);
			if (run_stmt(w, w->s[S_DIRTY], err) < 0)
				goto out;
			w->dirty_id = scn;
		}
		rw = fsc_result_opt(&t->res, r, "rw");
		if (!rw)
			rw = fsc_result_opt(&t->res, r, "readwrite");
		for (d = 0; d < FSC_DDIR_NR; d++)
			if (r->dd[d].present && !idle_ddir(rw, &r->dd[d], d) &&
			    put_ddir(w, ids[i], d, &r->dd[d],
				     t->text[i * TASK_TEXTS + 1 + 2 * d],
				     t->text[i * TASK_TEXTS + 2 + 2 * d], err) < 0)
				goto out;
	}
	for (i = 0; i < t->res.nsnaps; i++) {
		const struct fsc_snap *p = &t->res.snaps[i];
		sqlite3_stmt *s = w->s[S_INS_SNAP];

		if (p->run >= t->res.nruns)
			continue;
		sqlite3_bind_int64(s, 1, ids[p->run]);
		sqlite3_bind_int(s, 2, p->seq);
		sqlite3_bind_int(s, 3, p->ddir);
		bind_int(s, 4, p->time_ms);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)p->runtime_ms);
		sqlite3_bind_int64(s, 6, (sqlite3_int64)p->io_bytes);
		sqlite3_bind_int64(s, 7, (sqlite3_int64)p->total_ios);
		sqlite3_bind_double(s, 8, p->clat_mean_ns);
		if (run_stmt(w, s, err) < 0)
			goto out;
	}
	w->sum->runs += t->res.nruns;
	rc = 0;
out:
	fsc_buf_release(&cl);
	fsc_labels_free(&ls);
	free(ids);
	return rc;
}

static void dir_of(const char *path, struct fsc_buf *out)
{
	const char *slash = strrchr(path, '/');

	fsc_buf_reset(out);
	if (slash)
		fsc_buf_add(out, path, (size_t)(slash - path) + 1);
}

/* The run of the fio JSON beside log t that the log belongs to, and
 * whether that JSON is fio 2.x (usec latencies): 1, or 0 when there is
 * none (nothing to attach the samples to). */
static int log_run(struct writer *w, const struct task *t, sqlite3_int64 *run,
		   int *usec)
{
	const struct fsc_log *lg = &t->log;
	struct fsc_buf dir = FSC_BUF_INIT;
	sqlite3_stmt *s = w->s[S_SIBLINGS];
	sqlite3_int64 src = -1;
	int byname = 0;

	*run = -1;
	*usec = 0;
	dir_of(t->path, &dir);
	sqlite3_bind_text(s, 1, dir.buf, (int)dir.len, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(s, 1) + dir.len;
		size_t pl = strlen(lg->prefix);
		int match = !strncmp(p, lg->prefix, pl) && p[pl] == '.';

		if (src < 0 || (match && !byname)) {
			src = sqlite3_column_int64(s, 0);
			*usec = sqlite3_column_int(s, 2);
			byname = match;
		}
	}
	sqlite3_reset(s);
	fsc_buf_release(&dir);
	if (src < 0)
		return 0;
	/* Within the file: the job of the same name, else the N-th run, else
	 * the only one (group_reporting merges the N jobs into one run). */
	{
		sqlite3_stmt *q = w->s[S_RUNS_OF];
		int n = 0;

		sqlite3_bind_int64(q, 1, src);
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *jn = (const char *)sqlite3_column_text(q, 1);

			n++;
			if (*run < 0 || n == lg->job ||
			    (jn && !strcmp(jn, lg->prefix) && n <= lg->job))
				*run = sqlite3_column_int64(q, 0);
		}
		sqlite3_reset(q);
	}
	return *run >= 0;
}

/* Store log t's samples, attached to run. */
static int put_log(struct writer *w, const struct task *t,
		   sqlite3_int64 file, sqlite3_int64 run, int usec,
		   struct fsc_err *err)
{
	const struct fsc_log *lg = &t->log;
	sqlite3_stmt *s = w->s[S_INS_LOG];
	double scale;
	size_t i;

	if (!strcmp(lg->kind, "bw"))
		scale = 1024;	/* KiB/s -> bytes/s */
	else if (!strcmp(lg->kind, "iops"))
		scale = 1;
	else
		scale = usec ? 1000 : 1;	/* latency -> ns */
	for (i = 0; i < lg->npts; i++) {
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, file);
		sqlite3_bind_text(s, 3, lg->kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 4, lg->job);
		sqlite3_bind_int64(s, 5, lg->pts[i].time_ms);
		sqlite3_bind_double(s, 6, lg->pts[i].value * scale);
		sqlite3_bind_int(s, 7, lg->pts[i].ddir);
		sqlite3_bind_int64(s, 8, lg->pts[i].bs);
		if (run_stmt(w, s, err) < 0)
			return -1;
	}
	return 0;
}

static int insert_file(struct writer *w, const struct task *t,
		       const char *status, const char *error,
		       sqlite3_int64 *id, struct fsc_err *err)
{
	int rc;
	sqlite3_stmt *s = w->s[S_INS_FILE];
	const char *kind = t->kind == T_LOG ? "log" :
			   t->res.jsonplus ? "json+" : "json";

	sqlite3_bind_text(s, 1, t->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)t->f.disk_size);
	sqlite3_bind_int64(s, 3, t->f.mtime_ns);
	sqlite3_bind_text(s, 4, t->f.sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, kind, -1, SQLITE_STATIC);
	bind_text(s, 6, t->res.fio_version);
	sqlite3_bind_int(s, 7, t->res.ndocs ? t->res.ndocs : 1);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)time(NULL) * 1000);
	sqlite3_bind_text(s, 9, status, -1, SQLITE_STATIC);
	bind_text(s, 10, error);
	if (t->gopts)
		sqlite3_bind_text(s, 11, t->gopts, -1, SQLITE_STATIC);
	rc = run_stmt(w, s, err);
	if (rc < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(w->db);
	return 0;
}

/* The row this path has in the store now (another ingest may have added it
 * since the walk): 1 with id, sha and status, 0 when none. */
static int current_row(struct writer *w, const char *path, sqlite3_int64 *id,
		       char sha[65], int *ok, struct fsc_buf *error)
{
	sqlite3_stmt *s = w->s[S_FIND];
	int found = 0;

	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(s, 1);
		const char *e = (const char *)sqlite3_column_text(s, 3);

		*id = sqlite3_column_int64(s, 0);
		snprintf(sha, 65, "%s", h ? h : "");
		*ok = sqlite3_column_int(s, 2);
		fsc_buf_reset(error);
		fsc_buf_adds(error, e ? e : "");
		found = 1;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return found;
}

static int delete_file(struct writer *w, sqlite3_int64 id, const char *path,
		       struct fsc_err *err)
{
	struct fsc_buf dir = FSC_BUF_INIT;
	int rc;

	sqlite3_bind_int64(w->s[S_DIRTY_FILE], 1, id);
	if (run_stmt(w, w->s[S_DIRTY_FILE], err) < 0)
		return -1;
	sqlite3_bind_int64(w->s[S_DEL_FILE], 1, id);
	if (run_stmt(w, w->s[S_DEL_FILE], err) < 0)
		return -1;
	dir_of(path, &dir);
	sqlite3_bind_text(w->s[S_DEL_LOGS], 1, dir.buf, (int)dir.len,
			  SQLITE_TRANSIENT);
	rc = run_stmt(w, w->s[S_DEL_LOGS], err);
	fsc_buf_release(&dir);
	return rc;
}

/* Did the last statement fail on a UNIQUE constraint? */
static int unique_failed(struct writer *w)
{
	return sqlite3_extended_errcode(w->db) == SQLITE_CONSTRAINT_UNIQUE;
}

/* Store task t.  look: read the path's row in the store first; without,
 * the path is taken to be new (it was not in the store when the ingest
 * began) and looked up only if inserting it finds it there after all
 * (another ingest stored it meanwhile). */
static int put(struct writer *w, struct task *t, int look,
	       struct fsc_err *err)
{
	struct fsc_buf olderr = FSC_BUF_INIT;
	sqlite3_int64 id = -1, newid, run = -1;
	char sha[65];
	int ok = 0, have = 0, usec = 0, rc = -1;

	if (t->kind == T_NOTFIO) {
		w->sum->skipped++;
		report_task(w, FSC_NOTE, t, "skipped: ");
		return 0;
	}
	if (begin(w, err) < 0)
		return -1;
	if (look)
		have = current_row(w, t->path, &id, sha, &ok, &olderr);
	if (t->kind == T_UNCHANGED && have && ok) {
		if (t->known && t->f.mtime_ns != t->known->mtime_ns) {
			sqlite3_bind_int64(w->s[S_MTIME], 1, id);
			sqlite3_bind_int64(w->s[S_MTIME], 2, t->f.mtime_ns);
			if (run_stmt(w, w->s[S_MTIME], err) < 0)
				goto out;
		}
		w->sum->unchanged++;
		rc = 0;
		goto out;
	}
	if (t->kind == T_UNCHANGED) {
		/* its row went (a sibling JSON was replaced): read it again */
		fsc_task_clear(t);
		t->known = NULL;
		t->kind = fsc_task_run(t);
		if (t->kind == T_NOTFIO) {
			rc = fsc_writer_put(w, t, err);
			goto out;
		}
	}
	if (t->kind != T_FAILED && have && ok && !strcmp(sha, t->f.sha256)) {
		w->sum->unchanged++;	/* another ingest stored it meanwhile */
		rc = 0;
		goto out;
	}
	if (t->kind == T_FAILED && have && !ok && !strcmp(sha, t->f.sha256) &&
	    t->f.sha256[0]) {
		/* the same bad file as last time: say so again, change nothing */
		w->sum->failed++;
		report_task(w, FSC_ERROR, t, "");
		rc = 0;
		goto out;
	}
	if (t->kind == T_LOG && !log_run(w, t, &run, &usec)) {
		/* no fio JSON beside it: nothing to attach the samples to */
		if (t->named) {
			w->sum->failed++;
			report(w, FSC_ERROR, t->path,
			       "fio log with no fio JSON output beside it");
		} else {
			w->sum->skipped++;
			report(w, FSC_NOTE, t->path,
			       "skipped: fio log with no fio JSON output beside it");
		}
		rc = 0;
		goto out;
	}
	/* A store error from here on returns -1: the ingest stops and the
	 * open batch is rolled back whole (fsc_writer_free), so a committed
	 * batch holds whole files only. */
	if (have && delete_file(w, id, t->path, err) < 0)
		goto out;
	if (insert_file(w, t, t->kind == T_FAILED ? "failed" : "ok",
			t->kind == T_FAILED ? t->err->msg : NULL, &newid,
			err) < 0) {
		if (!look && unique_failed(w))
			rc = put(w, t, 1, err);
		goto out;
	}
	if (t->kind == T_FAILED) {
		w->sum->failed++;
		report_task(w, FSC_ERROR, t, "");
	} else if ((t->kind == T_FIO && put_runs(w, t, newid, err) < 0) ||
		   (t->kind == T_LOG &&
		    put_log(w, t, newid, run, usec, err) < 0)) {
		goto out;
	} else {
		w->sum->ingested++;
		w->sum->logs += t->kind == T_LOG;
	}
	w->batch++;
	rc = 0;
out:
	fsc_buf_release(&olderr);
	return rc;
}

int fsc_writer_put(struct writer *w, struct task *t, struct fsc_err *err)
{
	return put(w, t, t->known != NULL, err);
}
