/*
 * stats_hist.c: a scenario's latency histogram log intervals merged
 * across its runs (clients and repetitions), for percentiles over time
 * (scenario_hist_interval, schema/fioscope.sql).  Each run's intervals are
 * aligned on the start of its run window: fio's log times are ms since the
 * job started, and slot k = round(time_ms / interval_ms) holds, per
 * direction and interval length, the intervals of every run that end
 * nearest k * interval_ms.  The slot's buckets are summed exactly
 * (hist.c's merge) and its percentiles computed as fio computes json+
 * percentiles.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

enum { H_DEL, H_READ, H_INS, H_NR };

static const char *const sql[H_NR] = {
	[H_DEL] = "DELETE FROM scenario_hist_interval WHERE scenario_id = ?1",
	[H_READ] = "SELECT h.ddir, h.interval_ms,"
		   " (h.time_ms + h.interval_ms / 2) / h.interval_ms AS slot,"
		   " h.bins FROM run r JOIN hist_interval h ON h.run_id = r.id"
		   " WHERE r.scenario_id = ?1 ORDER BY h.ddir, h.interval_ms,"
		   " slot",
	[H_INS] = "INSERT INTO scenario_hist_interval(scenario_id, ddir,"
		  " interval_ms, time_ms, intervals, samples, p50_ns, p90_ns,"
		  " p99_ns, p999_ns, bins) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
		  " ?8, ?9, ?10, ?11)",
};

/* One slot being merged. */
struct slot {
	int ddir;
	sqlite3_int64 msec, k;
	int n;
	struct fsc_bin *bins;
	size_t nbins, cap;
};

static int put_slot(sqlite3_stmt *s, sqlite3_int64 id, const struct slot *sl)
{
	struct fsc_buf b = FSC_BUF_INIT;
	uint64_t samples = 0;
	size_t i;
	int rc;

	for (i = 0; i < sl->nbins; i++)
		samples = samples > UINT64_MAX - sl->bins[i].count ?
			  UINT64_MAX : samples + sl->bins[i].count;
	fsc_hist_format(sl->bins, sl->nbins, &b);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, sl->ddir);
	sqlite3_bind_int64(s, 3, sl->msec);
	sqlite3_bind_int64(s, 4, sl->k * sl->msec);
	sqlite3_bind_int(s, 5, sl->n);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)(samples > INT64_MAX ?
				  INT64_MAX : samples));
	fsc_hist_pcts_bind(s, 7, sl->bins, sl->nbins, samples);
	sqlite3_bind_text(s, 11, b.buf, (int)b.len, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_reset(s);
	fsc_buf_release(&b);
	return rc;
}

int fsc_stats_hist(sqlite3 *db, sqlite3_int64 id)
{
	sqlite3_stmt *s[H_NR] = { 0 };
	struct slot sl = { .ddir = -1 };
	int k, rc = -1, step;

	for (k = 0; k < H_NR; k++)
		if (sqlite3_prepare_v2(db, sql[k], -1, &s[k], NULL) != SQLITE_OK)
			goto out;
	sqlite3_bind_int64(s[H_DEL], 1, id);
	if (sqlite3_step(s[H_DEL]) != SQLITE_DONE)
		goto out;
	sqlite3_bind_int64(s[H_READ], 1, id);
	while ((step = sqlite3_step(s[H_READ])) == SQLITE_ROW) {
		int ddir = sqlite3_column_int(s[H_READ], 0);
		sqlite3_int64 msec = sqlite3_column_int64(s[H_READ], 1),
			      slot = sqlite3_column_int64(s[H_READ], 2);
		struct fsc_bin *b;
		size_t nb;

		if (sl.n && (ddir != sl.ddir || msec != sl.msec || slot != sl.k)) {
			if (put_slot(s[H_INS], id, &sl) < 0)
				goto out;
			free(sl.bins);
			memset(&sl, 0, sizeof(sl));
		}
		sl.ddir = ddir;
		sl.msec = msec;
		sl.k = slot;
		sl.n++;
		/* the store's own text: a tampered value is skipped, not read */
		if (fsc_hist_parse((const char *)sqlite3_column_text(s[H_READ], 3)
				   ? (const char *)sqlite3_column_text(s[H_READ], 3)
				   : "", &b, &nb) < 0)
			continue;
		fsc_hist_merge(&sl.bins, &sl.nbins, &sl.cap, b, nb);
		free(b);
	}
	if (step != SQLITE_DONE || (sl.n && put_slot(s[H_INS], id, &sl) < 0))
		goto out;
	rc = 0;
out:
	free(sl.bins);
	for (k = 0; k < H_NR; k++)
		sqlite3_finalize(s[k]);
	return rc;
}
