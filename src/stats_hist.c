/*
 * stats_hist.c: a scenario's latency histogram log intervals merged
 * across its runs (clients and repetitions), for percentiles over time
 * (scenario_hist_interval, schema/fioscope.sql).  Each run's intervals are
 * placed by its run window: fio's log times are ms since the job started,
 * so an interval ends at start_ms + time_ms, which is taken from the
 * first start of the run's repetition (run.rep_idx, which the refresh has
 * just set); slot k = round(that / interval_ms) holds, per direction and
 * interval length, the intervals of every run that end nearest
 * k * interval_ms.  Clients that ran at the same time meet in the slots
 * of the same moments; the repetitions of a scenario, each from its own
 * first start, merge into the same slots.  The slot's buckets are summed exactly
 * (hist.c's merge) and its percentiles computed as fio computes json+
 * percentiles.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

enum { H_DEL, H_READ, H_INS, H_NR };

static const char *const sql[H_NR] = {
	[H_DEL] = "DELETE FROM scenario_hist_interval WHERE scenario_id = ?1",
	/* the offset of each run's start from its repetition's first start
	 * (0 without times), plus the interval's end, in slots */
	[H_READ] = "SELECT h.ddir, h.interval_ms,"
		   " (COALESCE(r.start_ms - t.t0, 0) + h.time_ms"
		   "  + h.interval_ms / 2) / h.interval_ms AS slot, h.bins"
		   " FROM run r JOIN hist_interval h ON h.run_id = r.id"
		   " JOIN (SELECT COALESCE(rep_idx, -1) AS ri, min(start_ms) AS t0"
		   "  FROM run WHERE scenario_id = ?1 GROUP BY 1) t"
		   "  ON t.ri = COALESCE(r.rep_idx, -1)"
		   " WHERE r.scenario_id = ?1 ORDER BY h.ddir, h.interval_ms,"
		   " slot",
	[H_INS] = "INSERT INTO scenario_hist_interval(scenario_id, ddir,"
		  " interval_ms, time_ms, intervals, samples, p50_ns, p90_ns,"
		  " p99_ns, p999_ns, bins) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		  " ?8, ?9, ?10, ?11)",
};

static int put_slot(void *ctx, const struct fsc_hist_slot *sl)
{
	sqlite3_stmt *s = ((sqlite3_stmt **)ctx)[H_INS];
	struct fsc_buf b = FSC_BUF_INIT;
	int rc;

	fsc_hist_format(sl->bins, sl->nbins, &b);
	sqlite3_bind_int(s, 2, sl->ddir);
	sqlite3_bind_int64(s, 3, sl->msec);
	sqlite3_bind_int64(s, 4, sl->k * sl->msec);
	sqlite3_bind_int(s, 5, sl->n);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)(sl->samples > INT64_MAX ?
				  INT64_MAX : sl->samples));
	fsc_hist_pcts_bind(s, 7, sl->bins, sl->nbins, sl->samples);
	sqlite3_bind_text(s, 11, b.buf, (int)b.len, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(s);
	fsc_buf_release(&b);
	return rc;
}

int fsc_hist_slots(sqlite3_stmt *q, int (*fn)(void *ctx,
		   const struct fsc_hist_slot *sl), void *ctx)
{
	struct fsc_hist_slot sl = { .ddir = -1 };
	int rc = -1, step;
	size_t i;

	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		int ddir = sqlite3_column_int(q, 0);
		sqlite3_int64 msec = sqlite3_column_int64(q, 1),
			      slot = sqlite3_column_int64(q, 2);
		const char *text = (const char *)sqlite3_column_text(q, 3);
		struct fsc_bin *b;
		size_t nb;

		if (sl.n && (ddir != sl.ddir || msec != sl.msec || slot != sl.k)) {
			if (fn(ctx, &sl) < 0)
				goto out;
			free(sl.bins);
			memset(&sl, 0, sizeof(sl));
		}
		sl.ddir = ddir;
		sl.msec = msec;
		sl.k = slot;
		sl.n++;
		/* the store's own text: a tampered value is skipped, not read */
		if (fsc_hist_parse(text ? text : "", &b, &nb) < 0)
			continue;
		fsc_hist_merge(&sl.bins, &sl.nbins, &sl.cap, b, nb);
		for (i = 0; i < nb; i++)
			sl.samples = sl.samples > UINT64_MAX - b[i].count ?
				     UINT64_MAX : sl.samples + b[i].count;
		free(b);
	}
	if (step == SQLITE_DONE && (!sl.n || fn(ctx, &sl) == 0))
		rc = 0;
out:
	free(sl.bins);
	sqlite3_reset(q);
	return rc;
}

int fsc_stats_hist(sqlite3 *db, sqlite3_int64 id)
{
	sqlite3_stmt *s[H_NR] = { 0 };
	int k, rc = -1;

	for (k = 0; k < H_NR; k++)
		if (sqlite3_prepare_v2(db, sql[k], -1, &s[k], NULL) != SQLITE_OK)
			goto out;
	sqlite3_bind_int64(s[H_DEL], 1, id);
	if (sqlite3_step(s[H_DEL]) != SQLITE_DONE)
		goto out;
	sqlite3_bind_int64(s[H_READ], 1, id);
	sqlite3_bind_int64(s[H_INS], 1, id);
	rc = fsc_hist_slots(s[H_READ], put_slot, s);
out:
	for (k = 0; k < H_NR; k++)
		sqlite3_finalize(s[k]);
	return rc;
}
