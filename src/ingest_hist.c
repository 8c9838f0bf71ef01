/*
 * ingest_hist.c: store a latency histogram log (histlog.c) linked to its
 * run (ingest_write.c's log_run): one hist_interval row per interval, its
 * buckets in the store's JSON form and its percentiles as fio computes
 * json+ percentiles (hist.c).
 */
#include <stdlib.h>
#include <string.h>
#include "ingest_write.h"

/* The percentiles of the interval rows (hist_interval's p50_ns...). */
static const double want[4] = { 50, 90, 99, 99.9 };

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The log's interval when its run's options do not say: the median gap
 * between consecutive records of a direction (fio writes a record when
 * log_hist_msec has passed since the last, so the gaps are that plus the
 * time to the next completion), or the first record's time. */
static int64_t median_gap(const struct fsc_log *lg)
{
	int64_t *g = fsc_malloc((lg->niv + 1) * sizeof(*g)), last[3] = {
		-1, -1, -1 }, m;
	size_t i, n = 0;

	for (i = 0; i < lg->niv; i++) {
		const struct fsc_histiv *v = &lg->iv[i];

		if (last[v->ddir] >= 0 && v->time_ms > last[v->ddir])
			g[n++] = v->time_ms - last[v->ddir];
		last[v->ddir] = v->time_ms;
	}
	if (n) {
		qsort(g, n, sizeof(*g), cmp_i64);
		m = g[n / 2];
	} else {
		m = lg->iv[0].time_ms;
	}
	free(g);
	return m > 0 ? m : 1;
}

/* The run's log_hist_msec option (job, then global), 0 when none. */
static int64_t option_msec(sqlite3 *db, sqlite3_int64 run)
{
	sqlite3_stmt *s;
	int64_t v = 0;

	if (sqlite3_prepare_v2(db, "SELECT CAST(COALESCE("
			       "json_extract(r.job_options, '$.log_hist_msec'),"
			       " json_extract(f.global_options,"
			       " '$.log_hist_msec')) AS INTEGER)"
			       " FROM run r JOIN source_file f ON f.id = r.file_id"
			       " WHERE r.id = ?1", -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(s, 1, run);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v > 0 ? v : 0;
}

void fsc_hist_pcts_bind(sqlite3_stmt *s, int col, const struct fsc_bin *bins,
			size_t n, uint64_t samples)
{
	int k;

	for (k = 0; k < 4; k++)
		if (samples)
			sqlite3_bind_int64(s, col + k, (sqlite3_int64)
				fsc_hist_percentile(bins, n, samples, want[k]));
		else
			sqlite3_bind_null(s, col + k);
}

int fsc_put_histlog(sqlite3 *db, const struct fsc_log *lg,
		    sqlite3_int64 file, sqlite3_int64 run, struct fsc_err *err)
{
	struct fsc_buf b = FSC_BUF_INIT;
	sqlite3_stmt *s;
	int64_t msec = option_msec(db, run);
	size_t i;
	int rc = 0;

	if (!msec)
		msec = median_gap(lg);
	if (sqlite3_prepare_v2(db, "INSERT INTO hist_interval(run_id, file_id,"
			       " job, seq, time_ms, interval_ms, ddir, bs, samples,"
			       " p50_ns, p90_ns, p99_ns, p999_ns, bins) VALUES"
			       " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
			       " ?12, ?13, ?14)", -1, &s, NULL) != SQLITE_OK)
		return fsc_err_set(err, sqlite3_db_filename(db, "main"), "%s",
				   sqlite3_errmsg(db));
	for (i = 0; i < lg->niv && rc == 0; i++) {
		const struct fsc_histiv *v = &lg->iv[i];

		fsc_buf_reset(&b);
		fsc_hist_format(v->bins, v->nbins, &b);
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, file);
		sqlite3_bind_int(s, 3, lg->job);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)i);
		sqlite3_bind_int64(s, 5, v->time_ms);
		sqlite3_bind_int64(s, 6, msec);
		sqlite3_bind_int(s, 7, v->ddir);
		sqlite3_bind_int64(s, 8, v->bs);
		sqlite3_bind_int64(s, 9, (sqlite3_int64)(v->samples > INT64_MAX ?
					INT64_MAX : v->samples));
		fsc_hist_pcts_bind(s, 10, v->bins, v->nbins, v->samples);
		sqlite3_bind_text(s, 14, b.buf, (int)b.len, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = fsc_err_set(err, sqlite3_db_filename(db, "main"),
					 "%s", sqlite3_errmsg(db));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	fsc_buf_release(&b);
	/* the scenario's merged intervals change with it */
	if (rc == 0 && sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO"
					  " dirty_scenario(id) SELECT scenario_id"
					  " FROM run WHERE id = ?1", -1, &s,
					  NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, run);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = fsc_err_set(err, sqlite3_db_filename(db, "main"),
					 "%s", sqlite3_errmsg(db));
		sqlite3_finalize(s);
	} else if (rc == 0) {
		rc = fsc_err_set(err, sqlite3_db_filename(db, "main"), "%s",
				 sqlite3_errmsg(db));
	}
	return rc;
}
