/*
 * ingest_rm.c: take files out of the store (fioscope rm): the files at or
 * under the given paths, their runs, samples and snapshots (the foreign
 * keys cascade), the logs left without a run, and the statistics of every
 * scenario they touched, in one transaction: the store is then what it
 * would be had it never had those files.
 */
#include <stdlib.h>
#include <string.h>
#include "ingest.h"

enum { R_DIRTY, R_RUNS, R_DEL, R_ORPHANS, R_NR };

static const char *const sql[R_NR] = {
	/* ?1: the canonical path, ?2: it as a directory (ending in '/') */
	[R_DIRTY] = "INSERT OR IGNORE INTO dirty_scenario(id)"
		    " SELECT DISTINCT r.scenario_id FROM run r"
		    " JOIN source_file f ON f.id = r.file_id"
		    " WHERE f.path = ?1 OR substr(f.path, 1, length(?2)) = ?2"
		    /* #19: the runs of a histogram log, merged per scenario */
		    " UNION SELECT r.scenario_id FROM hist_interval h"
		    " JOIN run r ON r.id = h.run_id"
		    " JOIN source_file f ON f.id = h.file_id"
		    " WHERE f.path = ?1 OR substr(f.path, 1, length(?2)) = ?2",
	[R_RUNS] = "SELECT count(*) FROM run r"
		   " JOIN source_file f ON f.id = r.file_id"
		   " WHERE f.path = ?1 OR substr(f.path, 1, length(?2)) = ?2",
	[R_DEL] = "DELETE FROM source_file"
		  " WHERE path = ?1 OR substr(path, 1, length(?2)) = ?2",
	/* a log whose run went would not have been stored without it */
	[R_ORPHANS] = "DELETE FROM source_file WHERE kind = 'log'"
		      " AND status = 'ok' AND NOT EXISTS (SELECT 1 FROM"
		      " log_sample l WHERE l.file_id = source_file.id)"
		      " AND NOT EXISTS (SELECT 1 FROM hist_interval h"
		      " WHERE h.file_id = source_file.id)",
};

static int step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int fsc_remove(struct fsc_store *st, char *const *paths, size_t npaths,
	       size_t *nfiles, size_t *nruns, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	sqlite3_stmt *s[R_NR] = { NULL };
	struct fsc_buf dir = FSC_BUF_INIT;
	size_t i;
	int k, rc = -1;

	if (fsc_store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	for (k = 0; k < R_NR; k++)
		if (sqlite3_prepare_v2(db, sql[k], -1, &s[k], NULL) != SQLITE_OK)
			goto out;
	for (i = 0; i < npaths; i++) {
		char *canon = fsc_canon_path(paths[i]);
		int bad;

		fsc_buf_reset(&dir);
		fsc_buf_adds(&dir, canon);
		if (!dir.len || dir.buf[dir.len - 1] != '/')
			fsc_buf_add(&dir, "/", 1);
		for (k = R_DIRTY; k <= R_DEL; k++) {
			sqlite3_bind_text(s[k], 1, canon, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s[k], 2, dir.buf, -1, SQLITE_TRANSIENT);
		}
		free(canon);
		bad = step(s[R_DIRTY]) < 0 || step(s[R_RUNS]) < 0;
		nruns[i] = bad ? 0 : (size_t)sqlite3_column_int64(s[R_RUNS], 0);
		bad = bad || step(s[R_DEL]) < 0;
		nfiles[i] = bad ? 0 : (size_t)sqlite3_changes(db);
		for (k = R_DIRTY; k <= R_DEL; k++)
			sqlite3_reset(s[k]);
		if (bad)
			goto out;
	}
	if (step(s[R_ORPHANS]) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		fsc_err_set(err, sqlite3_db_filename(db, "main"), "%s",
			    sqlite3_errmsg(db));
	for (k = 0; k < R_NR; k++)
		sqlite3_finalize(s[k]);
	fsc_buf_release(&dir);
	if (rc == 0 && fsc_stats_refresh_txn(st, err) == 0 &&
	    fsc_store_exec(st, "COMMIT", err) == 0)
		return 0;
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
