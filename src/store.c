/*
 * store.c: open the SQLite store, create it from the compiled-in schema
 * (schema/fioscope.sql), upgrade older ones, and refuse stores that are
 * not fioscope's or are newer than this program.  Writers use WAL and a busy timeout so that two
 * ingests and any number of readers can share one store.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fioscope.h"
#include "schema_sql.h"

struct fsc_store {
	sqlite3 *db;
	int readonly;
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
 * upgrade[N].  Views are not named here: migrate() drops them all and
 * creates the current schema's. */
static const char *const upgrade[] = {
	[1] =
	/* scenario_bin: rows per bin -> one JSON value per direction */
	"ALTER TABLE scenario_stat ADD COLUMN clat_bins TEXT;"
	"UPDATE scenario_stat SET clat_bins = (SELECT json_group_object("
	"  value_ns, count) FROM (SELECT value_ns, count FROM scenario_bin b"
	"  WHERE b.scenario_id = scenario_stat.scenario_id"
	"  AND b.ddir = scenario_stat.ddir ORDER BY value_ns))"
	" WHERE latency_exact;"
	"DROP TABLE scenario_bin;",
	[2] =
	/* v3 (model): which keys took fio's default */
	"ALTER TABLE run ADD COLUMN defaults TEXT;",
};

/* Run each CREATE VIEW statement of the compiled-in schema (those that
 * start a line; the others are not even prepared: a CREATE TABLE of an
 * existing table fails to compile). */
static int create_views(struct fsc_store *st, struct fsc_err *err)
{
	const char *sql = fsc_schema_sql;
	sqlite3_stmt *s;
	int rc;

	while ((sql = strstr(sql, "\nCREATE VIEW "))) {
		sql++;
		if (sqlite3_prepare_v2(st->db, sql, -1, &s, &sql) != SQLITE_OK)
			return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
					   "%s", sqlite3_errmsg(st->db));
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return fsc_err_set(err, sqlite3_db_filename(st->db, "main"),
					   "%s", sqlite3_errmsg(st->db));
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
		    !upgrade[v]) {
			fsc_err_set(err, path,
				    "no upgrade from store schema version %d", v);
			goto fail_set;
		}
		if (fsc_store_exec(st, upgrade[v], err) < 0)
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

/* Check (and for a writer, create or upgrade) the schema.  -1 with err. */
static int check_schema(struct fsc_store *st, const char *path,
			struct fsc_err *err)
{
	int ver = 0, ntab = 0;

	/* One statement, one snapshot: read apart, the version and the
	 * tables could straddle a concurrent ingest's creation of the store
	 * ("tables but no fioscope schema version"). */
	if (int_query(st->db, "SELECT user_version, (SELECT count(*) FROM"
		      " sqlite_master) FROM pragma_user_version", &ver,
		      &ntab) < 0)
		return fsc_err_set(err, path, "not a fioscope store: %s",
				   sqlite3_errmsg(st->db));
	if (ver == fsc_schema_version())
		return 0;
	if (ver > fsc_schema_version())
		return fsc_err_set(err, path,
			"store schema version %d is newer than this fioscope's (%d)",
			ver, fsc_schema_version());
	if (ver == 0 && ntab > 0)
		return fsc_err_set(err, path,
			"not a fioscope store (it has tables but no fioscope schema version)");
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

struct fsc_store *fsc_store_open(const char *path, int readonly,
				 struct fsc_err *err)
{
	struct fsc_store *st;
	struct stat sb;
	int flags = readonly ? SQLITE_OPEN_READONLY :
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (readonly && stat(path, &sb) < 0) {
		fsc_err_set(err, path, "no such store (run 'fioscope ingest' first)");
		return NULL;
	}
	st = fsc_calloc(1, sizeof(*st));
	st->readonly = readonly;
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
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
	return st;
fail:
	fsc_store_close(st);
	return NULL;
}

void fsc_store_close(struct fsc_store *st)
{
	if (!st)
		return;
	sqlite3_close_v2(st->db);
	free(st);
}
