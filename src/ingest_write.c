/*
 * ingest_write.c: the one writer of an ingest.  It keys each run by
 * scenario (ingest_keys.c: fio's own options first, then --set, then the
 * canonical path through the layout template), stores a content once
 * whatever its path (the same bytes elsewhere are a duplicate), re-keys an
 * unchanged file's runs when the command keys it otherwise, replaces a
 * changed file's earlier rows, and stores the files in batch transactions.
 * It only reads what the workers prepared (ingest_task.c).  A store error stops the ingest and rolls
 * the open batch back whole, so a file lands whole or not at all (a
 * savepoint per file cost a copy of every page it touched, and bought
 * nothing: the batch went anyway).  Every statement is prepared once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest_write.h"

#define BATCH_FILES 256
#define BATCH_NS 200000000LL	/* commit at least every 0.2 s */

enum {
	S_FIND, S_DIRTY_FILE, S_DEL_FILE, S_DEL_LOGS, S_INS_FILE, S_MTIME,
	S_SCN_FIND, S_SCN_INS, S_INS_RUN, S_INS_IO,
	S_INS_SNAP, S_INS_LOG, S_SIBLINGS, S_RUNS_OF, S_DIRTY,
	S_SAME, S_KEYS_OF, S_REKEY, S_KEYED, S_ADOPT,
	S_DEL_LINKED, S_NAME_INS, S_NAME_FIND, S_INS_DISK, S_NR
};

static const char *const sql[S_NR] = {
	[S_FIND] = "SELECT id, sha256, status = 'ok', error, keyed_by"
		   " FROM source_file WHERE path = ?1",
	[S_DIRTY_FILE] = "INSERT OR IGNORE INTO dirty_scenario(id)"
			 " SELECT scenario_id FROM run WHERE file_id = ?1"
			 /* #19: a histogram log's runs, merged per scenario */
			 " UNION SELECT r.scenario_id FROM hist_interval h"
			 " JOIN run r ON r.id = h.run_id WHERE h.file_id = ?1",
	[S_DEL_FILE] = "DELETE FROM source_file WHERE id = ?1",
	/* logs beside a replaced JSON lose their run: ingest them anew.
	 * ?1 is the directory with its '/', ?2 the same ending in '0' (the
	 * next character): a range of the path index, not a scan. */
	[S_DEL_LOGS] = "DELETE FROM source_file WHERE kind = 'log'"
		       " AND path >= ?1 AND path < ?2"
		       " AND instr(substr(path, length(?1) + 1), '/') = 0",
	[S_INS_FILE] = "INSERT INTO source_file(path, size, mtime_ns, sha256,"
		       " kind, fio_version, docs, ingested_at, status, error,"
		       " global_options, ino, ctime_ns, keyed_by,"
		       " cpu_idleness, idle_unit_mean, idle_unit_stddev)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		       " ?12, ?13, ?14, ?15, ?16, ?17)",
	[S_MTIME] = "UPDATE source_file SET mtime_ns = ?2, ino = ?3,"
		    " ctime_ns = ?4 WHERE id = ?1",
	[S_SCN_FIND] = "SELECT id FROM scenario WHERE key = ?1",
	[S_SCN_INS] = "INSERT INTO scenario(runtime, backend, rw, bs, clients,"
		      " iodepth, numjobs, labels, key)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_INS_RUN] = "INSERT INTO run(file_id, scenario_id, seq, rep, client,"
		      " jobname, groupid, error, start_ms, end_ms,"
		      " job_runtime_ms, usr_cpu, sys_cpu, job_options,"
		      " fio_client, defaults, ctx)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		      " ?12, ?13, ?14, ?15, ?16, ?17)",
	[S_INS_IO] = "INSERT INTO io_stat VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		     " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		     " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
	[S_INS_SNAP] = "INSERT OR REPLACE INTO snapshot VALUES (?1, ?2, ?3, ?4,"
		       " ?5, ?6, ?7, ?8)",
	[S_INS_LOG] = "INSERT INTO log_sample VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		      " ?7, ?8)",
	[S_SIBLINGS] = "SELECT id, path, fio_version LIKE 'fio-2.%'"
		       " FROM source_file WHERE status = 'ok' AND kind <> 'log'"
		       " AND path >= ?1 AND path < ?2"
		       " AND instr(substr(path, length(?1) + 1), '/') = 0"
		       " ORDER BY path",
	[S_RUNS_OF] = "SELECT id, jobname FROM run WHERE file_id = ?1"
		      " ORDER BY seq",
	[S_DIRTY] = "INSERT OR IGNORE INTO dirty_scenario(id) VALUES (?1)",
	/* identity by content: the same bytes stored under another path */
	/* #20: fio's disk_util entries of a file */
	[S_INS_DISK] = "INSERT INTO disk_util VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		       " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		       " ?18, ?19)",
	[S_SAME] = "SELECT path FROM source_file WHERE sha256 = ?1"
		   " AND status = 'ok' AND path <> ?2 ORDER BY id LIMIT 1",
	/* re-keying: what fio said of each stored run (fsc_result_opt's
	 * order: the job's option, then the global one); a file stored
	 * before v3 has no fio_client: its client stands for it */
	[S_KEYS_OF] = "SELECT r.id, r.scenario_id, r.rep, r.client,"
		      " CASE WHEN f.keyed_by IS NULL"
		      "  THEN COALESCE(r.fio_client, r.client)"
		      "  ELSE r.fio_client END,"
		      " COALESCE(json_extract(r.job_options, '$.rw'),"
		      "  json_extract(f.global_options, '$.rw'),"
		      "  json_extract(r.job_options, '$.readwrite'),"
		      "  json_extract(f.global_options, '$.readwrite')),"
		      " COALESCE(json_extract(r.job_options, '$.bs'),"
		      "  json_extract(f.global_options, '$.bs'),"
		      "  json_extract(r.job_options, '$.blocksize'),"
		      "  json_extract(f.global_options, '$.blocksize')),"
		      " COALESCE(json_extract(r.job_options, '$.iodepth'),"
		      "  json_extract(f.global_options, '$.iodepth')),"
		      " COALESCE(json_extract(r.job_options, '$.numjobs'),"
		      "  json_extract(f.global_options, '$.numjobs')),"
		      " r.job_options IS NOT NULL OR f.global_options IS NOT NULL"
		      " FROM run r JOIN source_file f ON f.id = r.file_id"
		      " WHERE r.file_id = ?1 ORDER BY r.seq",
	[S_REKEY] = "UPDATE run SET scenario_id = ?2, rep = ?3, client = ?4,"
		    " fio_client = ?5, defaults = ?6 WHERE id = ?1",
	[S_KEYED] = "UPDATE source_file SET keyed_by = ?2 WHERE id = ?1",
	[S_ADOPT] = "UPDATE source_file SET path = ?2 WHERE path = ?1",
	/* logs linked (by name, from anywhere) to the runs of file ?1 */
	[S_DEL_LINKED] = "DELETE FROM source_file WHERE kind = 'log' AND id IN"
			 " (SELECT l.file_id FROM run r JOIN log_sample l"
			 " ON l.run_id = r.id WHERE r.file_id = ?1"
			 " UNION SELECT h.file_id FROM run r JOIN hist_interval h"
			 " ON h.run_id = r.id WHERE r.file_id = ?1)",
	[S_NAME_INS] = "INSERT OR IGNORE INTO log_name(name, kind, dir, run_id)"
		       " VALUES (?1, ?2, ?3, ?4)",
	/* the runs that name log prefix ?1 of kind ?2, under directory ?3
	 * (?4: its end of range, as for S_DEL_LOGS) */
	[S_NAME_FIND] = "SELECT l.run_id, r.seq, r.file_id, f.path,"
			" f.fio_version LIKE 'fio-2.%'"
			" FROM log_name l JOIN run r ON r.id = l.run_id"
			" JOIN source_file f ON f.id = r.file_id"
			" WHERE l.name = ?1 AND l.kind = ?2 AND l.dir >= ?3"
			" AND l.dir < ?4 ORDER BY r.file_id, r.seq",
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
	char *keyed_by;		/* what this command keys files by */
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
	{
		struct fsc_buf b = FSC_BUF_INIT;

		fsc_keys_by(o, &b);
		w->keyed_by = fsc_buf_detach(&b);
	}
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
	free(w->keyed_by);
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
	if (v)	/* valid UTF-8 at the door (escape.c) */
		sqlite3_bind_text(s, i, fsc_utf8_dup(v), -1, free);
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

/* The keys that took fio's default ("iodepth numjobs"), or NULL. */
static void bind_defaults(sqlite3_stmt *s, int i, const struct fsc_keys *k)
{
	static const int keys[] = { FSC_K_RW, FSC_K_BS, FSC_K_IODEPTH,
				    FSC_K_NUMJOBS };
	struct fsc_buf b = FSC_BUF_INIT;
	size_t j;

	for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
		if (k->src[keys[j]] == FSC_SRC_DEFAULT)
			fsc_buf_addf(&b, "%s%s", b.len ? " " : "",
				     fsc_key_names[keys[j]]);
	if (b.len)
		sqlite3_bind_text(s, i, fsc_buf_detach(&b), -1, free);
	else
		sqlite3_bind_null(s, i);
}

static int scenario_id(struct writer *w, const struct fsc_keys *k,
		       sqlite3_int64 *id, struct fsc_err *err)
{
	struct fsc_buf key = FSC_BUF_INIT;
	sqlite3_stmt *s;
	int rc = -1;

	fsc_keys_scenario(k, &key);
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
		bind_text(s, 8, k->labels.len ? k->labels.buf : "");
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
	sqlite3_bind_int(s, 26, d->total_ios_derived);	/* v5 (#19) */
	return run_stmt(w, s, err);
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

static int put_log_names(struct writer *w, const struct task *t,
			 const struct fsc_run *r, sqlite3_int64 id,
			 struct fsc_err *err);

/* Mark scenario scn's statistics for the refresh. */
static int mark_dirty(struct writer *w, sqlite3_int64 scn,
		      struct fsc_err *err)
{
	if (scn == w->dirty_id)
		return 0;
	sqlite3_bind_int64(w->s[S_DIRTY], 1, scn);
	if (run_stmt(w, w->s[S_DIRTY], err) < 0)
		return -1;
	w->dirty_id = scn;
	return 0;
}

static void bind_dbl(sqlite3_stmt *s, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_double(s, i, v);
}

/* #20: the file's disk_util entries. */
static int put_disks(struct writer *w, const struct task *t,
		     sqlite3_int64 file, struct fsc_err *err)
{
	sqlite3_stmt *s = w->s[S_INS_DISK];
	size_t i;
	int k;

	for (i = 0; i < t->res.ndisks; i++) {
		const struct fsc_disk *d = &t->res.disks[i];

		sqlite3_bind_int64(s, 1, file);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, d->name);
		for (k = 0; k < FSC_DISK_NR; k++) {
			bind_int(s, 4 + k, d->v[k]);
			bind_int(s, 12 + k, d->aggr[k]);
		}
		bind_dbl(s, 11, d->util);
		bind_dbl(s, 19, d->aggr_util);
		if (run_stmt(w, s, err) < 0)
			return -1;
	}
	return 0;
}

static int put_runs(struct writer *w, const struct task *t,
		    const struct fsc_labels *ls, sqlite3_int64 file,
		    struct fsc_err *err)
{
	struct fsc_buf warn = FSC_BUF_INIT;
	sqlite3_int64 *ids = fsc_calloc(t->res.nruns + 1, sizeof(*ids));
	size_t i;
	int d, rc = -1;

	for (i = 0; i < t->res.nruns; i++) {
		const struct fsc_run *r = &t->res.runs[i];
		struct fsc_keys k = { .labels = FSC_BUF_INIT };
		const struct fsc_keyin *in = &t->keyin[i];
		sqlite3_stmt *s = w->s[S_INS_RUN];
		sqlite3_int64 scn;
		int64_t win = 0;
		int ok;

		fsc_keys_resolve(w->o, ls, in, &k, &warn);
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
			bind_dbl(s, 12, r->usr_cpu);	/* #20: NULL when absent */
			bind_dbl(s, 13, r->sys_cpu);
			sqlite3_bind_text(s, 14, t->text[i * TASK_TEXTS], -1,
					  SQLITE_STATIC);
			bind_text(s, 15, in->client);
			bind_defaults(s, 16, &k);
			bind_int(s, 17, r->ctx);
			ok = run_stmt(w, s, err) == 0;
		}
		fsc_buf_release(&k.labels);
		if (!ok)
			goto out;
		ids[i] = sqlite3_last_insert_rowid(w->db);
		if (put_log_names(w, t, r, ids[i], err) < 0)
			goto out;
		if (mark_dirty(w, scn, err) < 0)
			goto out;
		for (d = 0; d < FSC_DDIR_NR; d++)
			if (r->dd[d].present && !idle_ddir(in->rw, &r->dd[d], d) &&
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
	if (warn.len)
		report(w, FSC_WARNING, t->path, "%s", warn.buf);
	rc = 0;
out:
	fsc_buf_release(&warn);
	free(ids);
	return rc;
}

static int str_differ(const char *a, const char *b)
{
	return a != b && (!a || !b || strcmp(a, b));
}

/* Key the stored runs of file id again, from what fio said of them (no
 * read of the file), under this command's labels ls; *moved: runs whose
 * keys changed. */
static int rekey(struct writer *w, const struct task *t,
		 const struct fsc_labels *ls, sqlite3_int64 id, size_t *moved,
		 struct fsc_err *err)
{
	struct fsc_buf warn = FSC_BUF_INIT;
	sqlite3_stmt *q = w->s[S_KEYS_OF], *u = w->s[S_REKEY];
	int rc, bad = 0;

	*moved = 0;
	sqlite3_bind_int64(q, 1, id);
	while (!bad && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct fsc_keys k = { .labels = FSC_BUF_INIT };
		struct fsc_keyin in;
		sqlite3_int64 old = sqlite3_column_int64(q, 1), scn;
		const char *rep = (const char *)sqlite3_column_text(q, 2);
		const char *client = (const char *)sqlite3_column_text(q, 3);

		in.client = (const char *)sqlite3_column_text(q, 4);
		in.rw = (const char *)sqlite3_column_text(q, 5);
		in.bs = (const char *)sqlite3_column_text(q, 6);
		in.iodepth = (const char *)sqlite3_column_text(q, 7);
		in.numjobs = (const char *)sqlite3_column_text(q, 8);
		in.options = sqlite3_column_int(q, 9);
		fsc_keys_resolve(w->o, ls, &in, &k, &warn);
		if (scenario_id(w, &k, &scn, err) < 0) {
			bad = 1;
		} else if (scn != old || str_differ(rep, k.rep) ||
			   str_differ(client, k.client)) {
			sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
			sqlite3_bind_int64(u, 2, scn);
			bind_text(u, 3, k.rep);
			bind_text(u, 4, k.client);
			bind_text(u, 5, in.client);
			bind_defaults(u, 6, &k);
			bad = run_stmt(w, u, err) < 0 ||
			      mark_dirty(w, old, err) < 0 ||
			      mark_dirty(w, scn, err) < 0;
			++*moved;
		}
		fsc_buf_release(&k.labels);
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	if (!bad && rc != SQLITE_DONE)
		bad = db_err(w, err) < 0;
	if (!bad && warn.len)
		report(w, FSC_WARNING, t->path, "%s", warn.buf);
	fsc_buf_release(&warn);
	if (bad)
		return -1;
	sqlite3_bind_int64(w->s[S_KEYED], 1, id);
	sqlite3_bind_text(w->s[S_KEYED], 2, w->keyed_by, -1, SQLITE_STATIC);
	return run_stmt(w, w->s[S_KEYED], err);
}

static void dir_of(const char *path, struct fsc_buf *out)
{
	const char *slash = strrchr(path, '/');

	fsc_buf_reset(out);
	if (slash)
		fsc_buf_add(out, path, (size_t)(slash - path) + 1);
}

/* Bind the paths under directory dir (ending in '/', or "" for all) as
 * the range ?lo <= path < ?lo+1 of an index: dir, and dir with its final
 * '/' made '0', the next byte. */
static void bind_under(sqlite3_stmt *s, int lo, const char *dir, size_t len)
{
	char *hi;

	sqlite3_bind_text(s, lo, dir, (int)len, SQLITE_TRANSIENT);
	if (!len) {
		sqlite3_bind_text(s, lo + 1, "\xff\xff", 2, SQLITE_STATIC);
		return;
	}
	hi = fsc_strndup(dir, len);
	hi[len - 1] = '0';
	sqlite3_bind_text(s, lo + 1, hi, (int)len, SQLITE_TRANSIENT);
	free(hi);
}

/* fio's log options and the kind of log each names ("lat" also makes the
 * _clat and _slat logs; "hist" the _clat_hist logs). */
static const char *const log_opts[4][2] = {
	{ "write_bw_log", "bw" }, { "write_lat_log", "lat" },
	{ "write_iops_log", "iops" }, { "write_hist_log", "hist" },
};

/* Record the log prefixes run r (stored as id) names, for log_run. */
static int put_log_names(struct writer *w, const struct task *t,
			 const struct fsc_run *r, sqlite3_int64 id,
			 struct fsc_err *err)
{
	sqlite3_stmt *s = w->s[S_NAME_INS];
	struct fsc_buf dir = FSC_BUF_INIT;
	int k, rc = 0;

	for (k = 0; k < 4 && rc == 0; k++) {
		const char *v = fsc_result_opt(&t->res, r, log_opts[k][0]);
		const char *base;

		if (!v)
			continue;
		/* fio names the log NAME_bw.N.log in its working directory
		 * or where NAME's directory says; without a NAME, after the
		 * job */
		base = strrchr(v, '/') ? strrchr(v, '/') + 1 : v;
		if (!*v)
			base = r->jobname ? r->jobname : "";
		if (!dir.len)
			dir_of(fsc_task_path(t), &dir);
		sqlite3_bind_text(s, 1, base, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, log_opts[k][1], -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, dir.buf ? dir.buf : "", (int)dir.len,
				  SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, id);
		rc = run_stmt(w, s, err);
	}
	fsc_buf_release(&dir);
	return rc;
}

/* The runs that name log t's prefix, nearest first: under the log's own
 * directory, else under its parent, and so on up to the root of the
 * stored paths.  The first directory that has any decides: they must all
 * be in one file, where the run of fio's job index N (fio numbers the jobs
 * of a job file 1, 2, ... in the order it reports them when each has an
 * entry) or the only one is the log's.  1 linked, 0 nothing names it,
 * -1 ambiguous (why says so). */
static int log_run_named(struct writer *w, const struct task *t,
			 sqlite3_int64 *run, int *usec, struct fsc_buf *why)
{
	const struct fsc_log *lg = &t->log;
	const char *kind = !strcmp(lg->kind, "bw") ? "bw" :
			   !strcmp(lg->kind, "iops") ? "iops" :
			   !strcmp(lg->kind, "clat_hist") ? "hist" : "lat";
	sqlite3_stmt *s = w->s[S_NAME_FIND];
	struct fsc_buf dir = FSC_BUF_INIT, first = FSC_BUF_INIT;
	sqlite3_int64 file = -1, only = -1, nth = -1;
	int n = 0, nfiles = 0, nth_usec = 0, only_usec = 0, rc = 0;

	dir_of(fsc_task_path(t), &dir);
	for (;;) {
		sqlite3_bind_text(s, 1, lg->prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
		bind_under(s, 3, dir.buf ? dir.buf : "", dir.len);
		while (sqlite3_step(s) == SQLITE_ROW) {
			sqlite3_int64 f = sqlite3_column_int64(s, 2);

			if (f != file) {
				file = f;
				if (!nfiles++) {
					fsc_buf_adds(&first, (const char *)
						     sqlite3_column_text(s, 3));
				} else if (nfiles == 2) {
					fsc_buf_addf(why, "that several fio JSON"
						     " files could own: %s and %s",
						     first.buf, (const char *)
						     sqlite3_column_text(s, 3));
				}
			}
			if (!n++) {
				only = sqlite3_column_int64(s, 0);
				only_usec = sqlite3_column_int(s, 4);
			}
			if (sqlite3_column_int64(s, 1) == lg->job - 1) {
				nth = sqlite3_column_int64(s, 0);
				nth_usec = sqlite3_column_int(s, 4);
			}
		}
		sqlite3_reset(s);
		if (n || !dir.len)
			break;
		/* up one directory: "a/b/" -> "a/", "a/" -> "" */
		dir.len--;
		while (dir.len && dir.buf[dir.len - 1] != '/')
			dir.len--;
		dir.buf[dir.len] = '\0';
	}
	if (nfiles > 1) {
		fsc_buf_addf(why, "%s", nfiles > 2 ? " (and more)" : "");
		rc = -1;
	} else if (nth >= 0 || n == 1) {
		*run = nth >= 0 ? nth : only;
		*usec = nth >= 0 ? nth_usec : only_usec;
		rc = 1;
	} else if (n > 1) {
		fsc_buf_addf(why, "that %d runs of %s could own, none of them"
			     " fio's job %d", n, first.buf, lg->job);
		rc = -1;
	}
	fsc_buf_release(&dir);
	fsc_buf_release(&first);
	return rc;
}

/* The run log t belongs to, and whether its JSON is fio 2.x (usec
 * latencies): 1; 0 when there is none (nothing to attach the samples
 * to); -1 when several could be it (why says which).  First the runs
 * whose options name the log's prefix (log_run_named); when none does,
 * the fio JSON of the log's directory, when it holds exactly one. */
static int log_run(struct writer *w, const struct task *t, sqlite3_int64 *run,
		   int *usec, struct fsc_buf *why)
{
	const struct fsc_log *lg = &t->log;
	struct fsc_buf dir = FSC_BUF_INIT;
	sqlite3_stmt *s = w->s[S_SIBLINGS];
	sqlite3_int64 src = -1;
	int n = 0, rc;

	*run = -1;
	*usec = 0;
	rc = log_run_named(w, t, run, usec, why);
	if (rc)
		return rc;
	dir_of(fsc_task_path(t), &dir);
	bind_under(s, 1, dir.buf ? dir.buf : "", dir.len);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (!n++) {
			src = sqlite3_column_int64(s, 0);
			*usec = sqlite3_column_int(s, 2);
			fsc_buf_addf(why, "that several fio JSON files could own: %s",
				     (const char *)sqlite3_column_text(s, 1));
		} else if (n == 2) {
			fsc_buf_addf(why, " and %s",
				     (const char *)sqlite3_column_text(s, 1));
		}
	}
	sqlite3_reset(s);
	fsc_buf_release(&dir);
	if (n > 1) {
		if (n > 2)
			fsc_buf_adds(why, " (and more)");
		return -1;
	}
	fsc_buf_reset(why);
	if (src < 0)
		return 0;
	/* Within the file: the job of the same name, else the N-th run, else
	 * the only one (group_reporting merges the N jobs into one run). */
	{
		sqlite3_stmt *q = w->s[S_RUNS_OF];
		int k = 0;

		sqlite3_bind_int64(q, 1, src);
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *jn = (const char *)sqlite3_column_text(q, 1);

			k++;
			if (*run < 0 || k == lg->job ||
			    (jn && !strcmp(jn, lg->prefix) && k <= lg->job))
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

	if (lg->niv)
		return fsc_put_histlog(w->db, lg, file, run, err);
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
			   t->res.terse ? "terse" :
			   t->res.jsonplus ? "json+" : "json";

	sqlite3_bind_text(s, 1, fsc_task_path(t), -1, SQLITE_STATIC);
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
	bind_int(s, 12, t->ino);
	bind_int(s, 13, t->ctime_ns);
	sqlite3_bind_text(s, 14, w->keyed_by, -1, SQLITE_STATIC);
	if (t->res.has_idle) {
		sqlite3_bind_double(s, 15, t->res.idle_system);
		sqlite3_bind_double(s, 16, t->res.idle_unit_mean);
		sqlite3_bind_double(s, 17, t->res.idle_unit_stddev);
	}
	rc = run_stmt(w, s, err);
	if (rc < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(w->db);
	return 0;
}

/* The row this path has in the store now (another ingest may have added it
 * since the walk): 1 with its columns, 0 when none. */
struct row {
	sqlite3_int64 id;
	char sha[65];
	int ok;
	struct fsc_buf keyed_by;
};

static int current_row(struct writer *w, const char *path, struct row *r)
{
	sqlite3_stmt *s = w->s[S_FIND];
	int found = 0;

	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(s, 1);
		const char *k = (const char *)sqlite3_column_text(s, 4);

		r->id = sqlite3_column_int64(s, 0);
		snprintf(r->sha, sizeof(r->sha), "%s", h ? h : "");
		r->ok = sqlite3_column_int(s, 2);
		fsc_buf_reset(&r->keyed_by);
		if (k)
			fsc_buf_adds(&r->keyed_by, k);
		found = 1 + (k == NULL);	/* 2: keyed before v3 */
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return found;
}

/* The path another file with t's content is stored under, in buf; 0 when
 * none. */
static int same_content(struct writer *w, const struct task *t,
			struct fsc_buf *other)
{
	sqlite3_stmt *s = w->s[S_SAME];
	int found = 0;

	if (!t->f.sha256[0])
		return 0;
	sqlite3_bind_text(s, 1, t->f.sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, fsc_task_path(t), -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		fsc_buf_reset(other);
		fsc_buf_adds(other, (const char *)sqlite3_column_text(s, 0));
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
	/* logs linked to its runs from elsewhere are ingested anew too */
	sqlite3_bind_int64(w->s[S_DEL_LINKED], 1, id);
	if (run_stmt(w, w->s[S_DEL_LINKED], err) < 0)
		return -1;
	sqlite3_bind_int64(w->s[S_DEL_FILE], 1, id);
	if (run_stmt(w, w->s[S_DEL_FILE], err) < 0)
		return -1;
	dir_of(path, &dir);
	bind_under(w->s[S_DEL_LOGS], 1, dir.buf ? dir.buf : "", dir.len);
	rc = run_stmt(w, w->s[S_DEL_LOGS], err);
	fsc_buf_release(&dir);
	return rc;
}

/* Did the last statement fail on a UNIQUE constraint? */
static int unique_failed(struct writer *w)
{
	return sqlite3_extended_errcode(w->db) == SQLITE_CONSTRAINT_UNIQUE;
}

/* The labels of fio JSON t under this command; 0 when its path does not
 * match --layout and it is not to be stored (reported and counted). */
static int labels_of(struct writer *w, const struct task *t,
		     struct fsc_labels *ls)
{
	if (fsc_keys_labels(w->o, fsc_task_path(t), ls))
		return 1;
	if (w->o->keep_unmatched || fsc_keys_set_covers_layout(w->o)) {
		report(w, FSC_WARNING, t->path,
		       "path does not match the layout '%s'; its keys are --set's only",
		       w->o->layout);
		return 1;
	}
	w->sum->unmatched++;
	report(w, FSC_ERROR, t->path,
	       "path does not match the layout '%s': not ingested (--set its keys, or --keep-unmatched)",
	       w->o->layout);
	return 0;
}

/* An unchanged file: its stat shortcut refreshed, its runs re-keyed when
 * the command keys files otherwise than when it was stored. */
static int put_unchanged(struct writer *w, struct task *t,
			 const struct row *r, int legacy, struct fsc_err *err)
{
	struct fsc_labels ls = { .n = 0 };
	size_t moved = 0;
	int rc = 0;

	if (!t->known || t->f.mtime_ns != t->known->mtime_ns ||
	    t->ino != t->known->ino || t->ctime_ns != t->known->ctime_ns) {
		sqlite3_bind_int64(w->s[S_MTIME], 1, r->id);
		sqlite3_bind_int64(w->s[S_MTIME], 2, t->f.mtime_ns);
		bind_int(w->s[S_MTIME], 3, t->ino);
		bind_int(w->s[S_MTIME], 4, t->ctime_ns);
		if (run_stmt(w, w->s[S_MTIME], err) < 0)
			return -1;
	}
	if (!legacy && !strcmp(r->keyed_by.buf, w->keyed_by)) {
		w->sum->unchanged++;
		return 0;
	}
	if (t->kind != T_LOG && !labels_of(w, t, &ls))
		return 0;	/* reported and counted; its rows stay */
	rc = rekey(w, t, &ls, r->id, &moved, err);
	fsc_labels_free(&ls);
	if (rc == 0 && moved) {
		w->sum->rekeyed++;
		report(w, FSC_NOTE, t->path, "re-keyed %zu run%s", moved,
		       moved == 1 ? "" : "s");
	} else if (rc == 0) {
		w->sum->unchanged++;
	}
	return rc;
}

/* Store task t.  look: read the path's row in the store first; without,
 * the path is taken to be new (it was not in the store when the ingest
 * began) and looked up only if inserting it finds it there after all
 * (another ingest stored it meanwhile). */
static int put(struct writer *w, struct task *t, int look,
	       struct fsc_err *err)
{
	struct row cur = { .keyed_by = FSC_BUF_INIT };
	struct fsc_buf other = FSC_BUF_INIT;
	struct fsc_buf olderr = FSC_BUF_INIT;
	struct fsc_labels ls = { .n = 0 };
	sqlite3_int64 newid, run = -1;
	int have = 0, usec = 0, link = 0, rc = -1;

	if (t->kind == T_NOTFIO) {
		w->sum->skipped++;
		report_task(w, FSC_NOTE, t, "skipped: ");
		return 0;
	}
	if (begin(w, err) < 0)
		return -1;
	if (look)
		have = current_row(w, fsc_task_path(t), &cur);
	if (t->kind == T_UNCHANGED && have && cur.ok) {
		rc = put_unchanged(w, t, &cur, have == 2, err);
		goto out;
	}
	if (t->kind == T_UNCHANGED) {
		/* its row went (a sibling JSON was replaced): read it again */
		rc = FSC_REREAD;
		goto out;
	}
	if (t->kind != T_FAILED && have && cur.ok &&
	    !strcmp(cur.sha, t->f.sha256)) {
		/* another ingest stored it meanwhile */
		rc = put_unchanged(w, t, &cur, have == 2, err);
		goto out;
	}
	if (t->kind == T_FAILED && have && !cur.ok &&
	    !strcmp(cur.sha, t->f.sha256) && t->f.sha256[0]) {
		/* the same bad file as last time: say so again, change nothing */
		w->sum->failed++;
		report_task(w, FSC_ERROR, t, "");
		rc = 0;
		goto out;
	}
	if (t->kind == T_FIO && !labels_of(w, t, &ls)) {
		rc = 0;		/* its stored rows, if any, stay as they were */
		goto out;
	}
	if (t->kind != T_FAILED && !have && same_content(w, t, &other) &&
	    other.buf[0] != '/') {
		/* A store made before v3 holds this file under the relative
		 * path it was given then: the same file, if that path leads
		 * here from this directory.  Stored under its canonical path
		 * from now on, re-keyed once. */
		char *c = fsc_canon_path(other.buf);
		int same = !strcmp(c, fsc_task_path(t));

		free(c);
		if (same) {
			sqlite3_bind_text(w->s[S_ADOPT], 1, other.buf, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(w->s[S_ADOPT], 2, fsc_task_path(t), -1,
					  SQLITE_STATIC);
			if (run_stmt(w, w->s[S_ADOPT], err) < 0)
				goto out;
			have = current_row(w, fsc_task_path(t), &cur);
			rc = have ? put_unchanged(w, t, &cur, 1, err) :
				    db_err(w, err);
			goto out;
		}
	}
	if (t->kind != T_FAILED && same_content(w, t, &other)) {
		/* identity by content: stored once, whatever its path */
		if (have && delete_file(w, cur.id, fsc_task_path(t), err) < 0)
			goto out;
		w->sum->duplicates++;
		report(w, FSC_NOTE, t->path,
		       "same content as '%s', already stored: not ingested again",
		       other.buf);
		w->batch += have;
		rc = 0;
		goto out;
	}
	if (t->kind == T_LOG &&
	    (link = log_run(w, t, &run, &usec, &olderr)) <= 0) {
		/* no run to attach the samples to, or several: never a guess */
		const char *what = link < 0 ? olderr.buf :
			"that no fio JSON names and with no single fio JSON "
			"output beside it";

		if (t->named) {
			w->sum->failed++;
			report(w, FSC_ERROR, t->path, "fio log %s", what);
		} else {
			w->sum->skipped++;
			report(w, FSC_NOTE, t->path, "skipped: fio log %s", what);
		}
		rc = 0;
		goto out;
	}
	/* A store error from here on returns -1: the ingest stops and the
	 * open batch is rolled back whole (fsc_writer_free), so a committed
	 * batch holds whole files only. */
	if (have && delete_file(w, cur.id, fsc_task_path(t), err) < 0)
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
	} else if ((t->kind == T_FIO && (put_runs(w, t, &ls, newid, err) < 0 ||
					 put_disks(w, t, newid, err) < 0)) ||
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
	fsc_labels_free(&ls);
	fsc_buf_release(&cur.keyed_by);
	fsc_buf_release(&other);
	fsc_buf_release(&olderr);
	return rc;
}

int fsc_writer_put(struct writer *w, struct task *t, struct fsc_err *err)
{
	return put(w, t, t->known != NULL, err);
}
