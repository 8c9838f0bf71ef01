/*
 * store.c: open the SQLite store, create it from the compiled-in schema
 * (schema/fioscope.sql), upgrade older ones, and refuse stores that are
 * not fioscope's or are newer than this program.  Writers use WAL and a busy timeout so that two
 * ingests and any number of readers can share one store.
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fioscope.h"
#include "schema_sql.h"

struct fsc_store {
	sqlite3 *db;
	int readonly;
	int lockfd;	/* a writer's shared flock on the store, or -1 */
};

int fsc_schema_version(void)
{
	const char *p = strstr(fsc_schema_sql, "PRAGMA user_version = ");

	return p ? atoi(p + 22) : 0;
}

const char *fsc_store_default_path(void)
{
	const char *e = getenv("FIOSCOPE_DB");

	return e && *e ? e : "fioscope.db";
}

sqlite3 *fsc_store_db(struct fsc_store *st)
{
	return st->db;
}

int fsc_store_exec(struct fsc_store *st, const char *sql, struct fsc_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
			    "%s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The first one or two (out2 not NULL) columns of sql's first row. */
static int int_query(sqlite3 *db, const char *sql, int *out, int *out2)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		if (out2)
			*out2 = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* What turns a store of version N into version N + 1, given as
 * upgrade[N]: sql, then the statements of the compiled-in schema that
 * start with each of create[] (so that a table is written once), then
 * after.  Views are not named here: migrate() drops them all and creates
 * the current schema's. */
struct upgrade {
	const char *sql;
	const char *create[6];
	const char *after;
};

/* log_name from the stored options (the rule of put_log_names in
 * ingest_write.c); v5 (#19): write_hist_log as kind 'hist'. */
#define LOG_NAME_FILL \
	"INSERT OR IGNORE INTO log_name(name, kind, dir, run_id)" \
	" SELECT CASE WHEN v = '' THEN COALESCE(jobname, '')" \
	"   ELSE replace(v, rtrim(v, replace(v, '/', '')), '') END," \
	"  kind, dir, id FROM (SELECT r.id, r.jobname, k.kind," \
	"   rtrim(f.path, replace(f.path, '/', '')) AS dir," \
	"   CAST(COALESCE(json_extract(r.job_options, '$.' || k.opt)," \
	"    json_extract(f.global_options, '$.' || k.opt)) AS TEXT) AS v" \
	"   FROM run r JOIN source_file f ON f.id = r.file_id," \
	"   (SELECT 'bw' AS kind, 'write_bw_log' AS opt UNION ALL" \
	"    SELECT 'lat', 'write_lat_log' UNION ALL" \
	"    SELECT 'iops', 'write_iops_log' UNION ALL" \
	"    SELECT 'hist', 'write_hist_log') k)" \
	" WHERE v IS NOT NULL;"

static const struct upgrade upgrade[] = {
	[1] = { .sql =
	/* scenario_bin: rows per bin -> one JSON value per direction */
	"ALTER TABLE scenario_stat ADD COLUMN clat_bins TEXT;"
	"UPDATE scenario_stat SET clat_bins = (SELECT json_group_object("
	"  value_ns, count) FROM (SELECT value_ns, count FROM scenario_bin b"
	"  WHERE b.scenario_id = scenario_stat.scenario_id"
	"  AND b.ddir = scenario_stat.ddir ORDER BY value_ns))"
	" WHERE latency_exact;"
	"DROP TABLE scenario_bin;" },
	/* ---- v3: two changes made side by side, one upgrade ----
	 * integrity: identity by content, re-keying, the clients-or-
	 * repetitions rule.  Files stored before keep no keyed_by: the next
	 * ingest of each reads it again once.
	 * failures and log names (see schema/fioscope.sql): scenario_stat's
	 * bw_bytes and iops may be NULL (all runs failed) and it gains the
	 * grouping columns, so the derived table is rebuilt and every scenario
	 * recomputed by the ingest's refresh; log_name is filled from the
	 * stored options. */
	[2] = { .sql =
	"ALTER TABLE source_file ADD COLUMN ino INTEGER;"
	"ALTER TABLE source_file ADD COLUMN ctime_ns INTEGER;"
	"ALTER TABLE source_file ADD COLUMN keyed_by TEXT;"
	"CREATE INDEX source_file_sha256 ON source_file(sha256);"
	"ALTER TABLE run ADD COLUMN fio_client TEXT;"
	"DROP TABLE scenario_stat;",
		.create = { "CREATE TABLE scenario_stat (",
			    "CREATE TABLE log_name (",
			    "CREATE INDEX log_name_run " },
		.after =
	"INSERT OR IGNORE INTO dirty_scenario(id) SELECT id FROM scenario;"
	LOG_NAME_FILL },
	/* ---- end v3 ---- */
	/* v4 (model): which keys took fio's default (scenario_rep is a
	 * view: migrate() creates it).  Runs stored before keep NULL keys
	 * where fio stated nothing; re-ingesting their files gives them
	 * fio's defaults. */
	[3] = { .sql = "ALTER TABLE run ADD COLUMN defaults TEXT;"
		"ALTER TABLE run ADD COLUMN rep_idx INTEGER;"
		/* the refresh fills rep_idx in */
		"INSERT OR IGNORE INTO dirty_scenario(id) SELECT id FROM scenario;" },
	/* ---- v5 (#19: histogram logs) ----
	 * log_name's CHECK gains 'hist' (write_hist_log): the table is made
	 * anew and filled from the stored options as upgrade[2] did, with
	 * the new kind; the histogram log tables start empty (a log stored
	 * before v5 was not a histogram log: fioscope did not read them);
	 * total_ios_derived is 0 for runs stored before, until their file is
	 * ingested again. */
	[4] = { .sql = "ALTER TABLE io_stat ADD COLUMN total_ios_derived"
		" INTEGER NOT NULL DEFAULT 0;"
		"DROP TABLE log_name;",
		.create = { "CREATE TABLE log_name (",
			    "CREATE INDEX log_name_run ",
			    "CREATE TABLE hist_interval (",
			    "CREATE INDEX hist_interval_run ",
			    "CREATE TABLE scenario_hist_interval (" },
		.after =
	LOG_NAME_FILL },
	/* ---- end v5 (#19) ---- */
	/* ---- v6 (#20: CPU cost; spread and the common window) ----
	 * run.ctx and source_file's --idle-prof columns start NULL for runs
	 * stored before (until their file is ingested again), as does the
	 * disk_util table.  scenario_stat gains the coefficients of
	 * variation, the common-window bandwidth and the late and early
	 * clients.  That table is derived: it is made anew from the schema
	 * (not ADD COLUMN: a store older than v3 gets the current table from
	 * upgrade[2] already) and every scenario recomputed by the ingest's
	 * refresh. */
	[5] = { .sql = "ALTER TABLE run ADD COLUMN ctx INTEGER;"
		"ALTER TABLE source_file ADD COLUMN cpu_idleness REAL;"
		"ALTER TABLE source_file ADD COLUMN idle_unit_mean REAL;"
		"ALTER TABLE source_file ADD COLUMN idle_unit_stddev REAL;"
		"DROP TABLE scenario_stat;",
		.create = { "CREATE TABLE disk_util (",
			    "CREATE TABLE scenario_stat (" },
		.after =
	"INSERT OR IGNORE INTO dirty_scenario(id) SELECT id FROM scenario;" },
	/* ---- end v6 (#20) ---- */
};

/* Run the one statement at *sql (of the compiled-in schema), moving *sql
 * past it. */
static int run_one(struct fsc_store *st, const char **sql, struct fsc_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, *sql, -1, &s, sql) != SQLITE_OK)
		return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
				   "%s", sqlite3_errmsg(st->db));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
				   "%s", sqlite3_errmsg(st->db));
	return 0;
}

/* Run the one statement of the compiled-in schema that starts a line with
 * head. */
static int schema_stmt(struct fsc_store *st, const char *head,
		       struct fsc_err *err)
{
	const char *sql = strstr(fsc_schema_sql, head);

	while (sql && sql != fsc_schema_sql && sql[-1] != '\n')
		sql = strstr(sql + 1, head);
	if (!sql)
		return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
				   "schema has no '%s'", head);
	return run_one(st, &sql, err);
}

static int run_upgrade(struct fsc_store *st, const struct upgrade *u,
		       struct fsc_err *err)
{
	int i;

	if (fsc_store_exec(st, u->sql, err) < 0)
		return -1;
	for (i = 0; i < 6 && u->create[i]; i++)
		if (schema_stmt(st, u->create[i], err) < 0)
			return -1;
	return u->after ? fsc_store_exec(st, u->after, err) : 0;
}

/* Run each CREATE VIEW statement of the compiled-in schema (those that
 * start a line; the others are not even prepared: a CREATE TABLE of an
 * existing table fails to compile). */
static int create_views(struct fsc_store *st, struct fsc_err *err)
{
	const char *sql = fsc_schema_sql;

	while ((sql = strstr(sql, "\nCREATE VIEW "))) {
		sql++;
		if (run_one(st, &sql, err) < 0)
			return -1;
	}
	return 0;
}

/* Bring an older store to the current version, in one transaction: a
 * failure leaves it as it was. */
static int migrate(struct fsc_store *st, const char *path, int ver,
		   struct fsc_err *err)
{
	int v = 0, want = fsc_schema_version();
	struct fsc_buf drop = FSC_BUF_INIT;
	sqlite3_stmt *s;

	if (fsc_store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	/* another ingest may have migrated it meanwhile */
	if (int_query(st->db, "PRAGMA user_version", &v, NULL) < 0)
		goto fail;
	if (v != ver && v == want)
		return fsc_store_exec(st, "COMMIT", err);
	if (v != ver)
		goto fail;
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master"
			       " WHERE type = 'view'", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(s) == SQLITE_ROW) {
		char *q = sqlite3_mprintf("DROP VIEW \"%w\";",
					  (const char *)sqlite3_column_text(s, 0));

		fsc_buf_adds(&drop, q);
		sqlite3_free(q);
	}
	sqlite3_finalize(s);
	if (fsc_store_exec(st, drop.buf, err) < 0)
		goto fail_set;
	for (; v < want; v++) {
		if (v >= (int)(sizeof(upgrade) / sizeof(*upgrade)) ||
		    !upgrade[v].sql) {
			fsc_err_set(err, path,
				    "no upgrade from store schema version %d", v);
			goto fail_set;
		}
		if (run_upgrade(st, &upgrade[v], err) < 0)
			goto fail_set;
	}
	if (create_views(st, err) < 0)
		goto fail_set;
	fsc_buf_reset(&drop);
	fsc_buf_addf(&drop, "PRAGMA user_version = %d", want);
	if (fsc_store_exec(st, drop.buf, err) < 0 ||
	    fsc_store_exec(st, "COMMIT", err) < 0)
		goto fail_set;
	fsc_buf_release(&drop);
	return 0;
fail:
	fsc_err_set(err, path, "cannot upgrade store schema version %d: %s",
		    ver, sqlite3_errmsg(st->db));
fail_set:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	fsc_buf_release(&drop);
	return -1;
}

/* The tables every fioscope store has had since version 1. */
static const char q_our_tables[] =
	"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
	" ('source_file', 'scenario', 'run', 'io_stat', 'scenario_stat',"
	" 'dirty_scenario')";

/* Check (and for a writer, create or upgrade) the schema.  -1 with err.
 * A file is a store only when it has fioscope's tables, whatever its
 * user_version says: anything else is left as it is. */
static int check_schema(struct fsc_store *st, const char *path,
			struct fsc_err *err)
{
	int ver = 0, ntab = 0, ours = 0;

	/* One statement, one snapshot: read apart, the version and the
	 * tables could straddle a concurrent ingest's creation of the store
	 * ("tables but no fioscope schema version"). */
	if (int_query(st->db, "SELECT user_version, (SELECT count(*) FROM"
		      " sqlite_master) FROM pragma_user_version", &ver,
		      &ntab) < 0)
		return fsc_err_set(err, path, "not a fioscope store: %s",
				   sqlite3_errmsg(st->db));
	if (ntab > 0 && int_query(st->db, q_our_tables, &ours, NULL) < 0)
		return fsc_err_set(err, path, "not a fioscope store: %s",
				   sqlite3_errmsg(st->db));
	if (ntab > 0 && ours < 6)
		return fsc_err_set(err, path,
			ver ? "not a fioscope store (an SQLite database with other tables, user_version %d)" :
			      "not a fioscope store (it has tables but no fioscope schema version)",
			ver);
	if (ver != 0 && ntab == 0)
		return fsc_err_set(err, path,
			"not a fioscope store (an empty SQLite database with user_version %d)",
			ver);
	if (ver == 0 && ntab > 0)
		return fsc_err_set(err, path,
			"not a fioscope store (it has tables but no fioscope schema version)");
	if (ver < 0)
		return fsc_err_set(err, path,
			"not a fioscope store (an SQLite database with fioscope's tables but user_version %d)",
			ver);
	if (ver == fsc_schema_version())
		return 0;
	if (ver > fsc_schema_version())
		return fsc_err_set(err, path,
			"store schema version %d is newer than this fioscope's (%d)",
			ver, fsc_schema_version());
	if (ver > 0 && st->readonly)
		return fsc_err_set(err, path,
			"store schema version %d is older than %d: 'fioscope ingest' into it upgrades it",
			ver, fsc_schema_version());
	if (ver > 0)
		return migrate(st, path, ver, err);
	if (st->readonly)
		return fsc_err_set(err, path, "empty store: nothing ingested yet");
	/* New store: create it under the write lock, then check again in
	 * case a concurrent ingest created it first.  16 KiB pages (set
	 * before anything is written; a transaction would ignore it): a
	 * json+ run's row is a few KiB, and every page goes through the
	 * write-ahead log and back, so fewer, larger pages halve the writes
	 * (campaign ingest 94 -> 88 ms). */
	if (fsc_store_exec(st, "PRAGMA page_size = 16384", err) < 0 ||
	    fsc_store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if (int_query(st->db, "PRAGMA user_version", &ver, NULL) < 0 ||
	    ver == 0) {
		if (fsc_store_exec(st, fsc_schema_sql, err) < 0) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return fsc_store_exec(st, "COMMIT", err);
}

/* Put the store in WAL mode (a no-op once it is).  Switching a new store
 * needs the exclusive lock, and SQLite does not wait for it through the
 * busy handler: while another ingest or a reader holds the store for a
 * moment, the switch fails with "database is locked".  Retry for as long
 * as the busy timeout would wait. */
static int set_wal(struct fsc_store *st, struct fsc_err *err)
{
	int i, rc;

	for (i = 0; i < 6000; i++) {
		rc = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL,
				  NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		sqlite3_sleep(10);
	}
	return rc == SQLITE_OK ? 0 :
	       fsc_store_exec(st, "PRAGMA journal_mode = WAL", err);
}

int fsc_store_path_check(const char *path, struct fsc_err *err)
{
	if (!path || !*path)
		return fsc_err_set(err, "", "--db is empty (an unset variable?): "
				   "name the store's file");
	if (!strcmp(path, ":memory:") ||
	    (!strncmp(path, "file:", 5) &&
	     (strstr(path, "mode=memory") || !strncmp(path + 5, ":memory:", 8))))
		return fsc_err_set(err, path, "an in-memory database is no "
				   "store (everything would be lost at exit): "
				   "name a file");
	return 0;
}

/* The URI that opens path immutable (no lock, no WAL, no -shm): path
 * percent-encoded where a URI would read it otherwise. */
static char *immutable_uri(const char *path)
{
	struct fsc_buf u = FSC_BUF_INIT;
	const unsigned char *p;

	fsc_buf_adds(&u, "file:");
	if (path[0] == '/')
		fsc_buf_adds(&u, "//");	/* file:///abs/path */
	else
		fsc_buf_adds(&u, "./");	/* a relative path may hold a ':' */
	for (p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
			fsc_buf_addf(&u, "%%%02X", *p);
		else
			fsc_buf_add(&u, (const char *)p, 1);
	fsc_buf_adds(&u, "?immutable=1");
	return fsc_buf_detach(&u);
}

/* Open a reader's connection: an SQLite result code, or 1 with err set.
 * Where SQLite cannot make the store's -shm (a read-only directory or
 * mount) the store is opened immutable: nothing
 * can write it there, so no lock is needed; but a write-ahead log that
 * still holds commits would then be ignored, so that case is refused. */
static int open_reader(struct fsc_store *st, const char *path,
		       struct fsc_err *err)
{
	struct fsc_buf wal = FSC_BUF_INIT;
	struct stat sb;
	char *uri;
	int rc, walrc;

	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
			  NULL, NULL);
	if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
		return SQLITE_OK;	/* readable, or not a store: check_schema says */
	fsc_buf_addf(&wal, "%s-wal", path);
	walrc = stat(wal.buf, &sb);
	fsc_buf_release(&wal);
	if (walrc == 0 && sb.st_size > 0)
		return -fsc_err_set(err, path, "cannot open store read-only: its "
				   "write-ahead log (-wal) holds commits and "
				   "the directory is read-only");
	sqlite3_close_v2(st->db);
	st->db = NULL;
	uri = immutable_uri(path);
	rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

struct fsc_store *fsc_store_open(const char *path, int readonly,
				 struct fsc_err *err)
{
	struct fsc_store *st;
	struct stat sb;
	int rc;

	/* (an in-memory store is the unit tests' and fuzzers' business: the
	 * commands refuse it with fsc_store_path_check) */
	if (readonly && stat(path, &sb) < 0) {
		fsc_err_set(err, path, "no such store (run 'fioscope ingest' first)");
		return NULL;
	}
	st = fsc_calloc(1, sizeof(*st));
	st->readonly = readonly;
	st->lockfd = -1;
	rc = readonly ? open_reader(st, path, err) :
	     sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == 1)
		goto fail;
	if (rc != SQLITE_OK) {
		fsc_err_set(err, path, "cannot open store: %s",
			    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 60000);
	sqlite3_extended_result_codes(st->db, 1);
	/* A reader (ls, query, render, observe, report) sees one snapshot
	 * for its whole life, whatever an ingest commits meanwhile: a read
	 * transaction, pinned by check_schema's first read. */
	if (readonly && fsc_store_exec(st, "BEGIN", err) < 0)
		goto fail;
	/* The schema is checked (or created) before anything else writes:
	 * the switch to WAL rewrites the file header, and a file that is not
	 * a fioscope store, or is a newer one, must be left as it was. */
	if (fsc_store_exec(st, "PRAGMA foreign_keys = ON", err) < 0 ||
	    check_schema(st, path, err) < 0)
		goto fail;
	if (!readonly &&
	    (set_wal(st, err) < 0 ||
	     fsc_store_exec(st, "PRAGMA synchronous = NORMAL", err) < 0 ||
	     /* a batch of files fits in the cache: no spill mid-transaction */
	     fsc_store_exec(st, "PRAGMA cache_size = -16384", err) < 0 ||
	     /* the savepoint of each file journals in memory, not in a
	      * temporary file written page by page */
	     fsc_store_exec(st, "PRAGMA temp_store = MEMORY", err) < 0))
		goto fail;
	/* A writer says it is at work with a shared flock on the store's
	 * file for its life (SQLite's own locks are fcntl locks, apart):
	 * a reader that finds statistics pending then knows they are an
	 * ingest's work in progress, not an interrupted one's leftovers.
	 * The descriptor stays open until after sqlite3_close: closing any
	 * descriptor of the file drops every fcntl lock this process holds
	 * on it, SQLite's too, and a writer closing meanwhile would then
	 * think itself alone, checkpoint and delete the write-ahead log
	 * under a reader's snapshot ("database disk image is malformed"). */
	st->lockfd = open(path, O_RDONLY | O_CLOEXEC);
	if (!readonly && st->lockfd >= 0)
		flock(st->lockfd, LOCK_SH);
	return st;
fail:
	fsc_store_close(st);
	return NULL;
}

int fsc_store_writer_active(struct fsc_store *st)
{
	if (st->lockfd < 0)
		return 0;
	if (flock(st->lockfd, LOCK_EX | LOCK_NB) < 0)
		return errno == EWOULDBLOCK;
	flock(st->lockfd, LOCK_UN);	/* never close(): see fsc_store_open */
	return 0;
}

int fsc_store_pending(struct fsc_store *st, struct fsc_err *err)
{
	int n = 0;

	if (int_query(st->db, "SELECT count(*) FROM dirty_scenario", &n,
		      NULL) < 0)
		return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
				   "%s", sqlite3_errmsg(st->db));
	return n;
}

void fsc_store_close(struct fsc_store *st)
{
	if (!st)
		return;
	sqlite3_close_v2(st->db);
	if (st->lockfd >= 0)
		close(st->lockfd);
	free(st);
}
