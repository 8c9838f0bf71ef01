/*
 * stats.c: per-scenario statistics, derived from the store alone (never
 * from fio files) into scenario_stat (with the merged histogram as JSON in
 * clat_bins, seen as rows through the scenario_bin view).
 *
 * - Latency: the runs' json+ histograms are merged (bins summed by value)
 *   and the percentiles taken from the union exactly as fio does
 *   (hist.c).  The mean is the sample-weighted mean of fio's per-run means
 *   (exact for the union); min and max are the extremes.  Where any run has
 *   no usable bins the percentiles are approximated by the sample-weighted
 *   mean of the runs' reported percentiles, with the range of the runs' p99
 *   kept beside it, and latency_exact = 0.
 * - Bandwidth and IOPS: per repetition, the sum over the scenario's runs
 *   (its concurrent clients and jobs); across repetitions the mean, the
 *   sample standard deviation and the 95% confidence interval half width
 *   t(0.975, n-1) * s / sqrt(n) (NIST/SEMATECH e-Handbook 7.2.2.1).
 * - Overlap, per repetition: the window common to all runs divided by the
 *   longest run's window; the scenario's is the smallest over repetitions.
 * Runs with a non-zero fio error are counted (failed_runs) and left out of
 * the figures.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

static const double pcts[6] = { 50, 90, 95, 99, 99.9, 99.99 };

double fsc_t95(int df)
{
	/* two-sided 95% critical values of Student's t, df 1..30 */
	static const double t[30] = {
		12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
		2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101,
		2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
		2.048, 2.045, 2.042,
	};

	if (df < 1)
		return NAN;
	if (df <= 30)
		return t[df - 1];
	if (df <= 40)
		return 2.042 + (2.021 - 2.042) * (df - 30) / 10.0;
	if (df <= 60)
		return 2.021 + (2.000 - 2.021) * (df - 40) / 20.0;
	if (df <= 120)
		return 2.000 + (1.980 - 2.000) * (df - 60) / 60.0;
	return 1.960;
}

enum {
	Q_IDS_DIRTY, Q_IDS_ALL, Q_HAS_RUNS, Q_DEL_STAT, Q_DEL_SCN,
	Q_RUNS, Q_INS_STAT, Q_CLEAN, Q_NR
};

static const char *const sql[Q_NR] = {
	[Q_IDS_DIRTY] = "SELECT id FROM dirty_scenario ORDER BY id",
	[Q_IDS_ALL] = "SELECT id FROM scenario ORDER BY id",
	[Q_HAS_RUNS] = "SELECT count(*), count(DISTINCT COALESCE(client,"
		       " '#' || file_id)) FROM run WHERE scenario_id = ?1",
	[Q_DEL_STAT] = "DELETE FROM scenario_stat WHERE scenario_id = ?1",
	[Q_DEL_SCN] = "DELETE FROM scenario WHERE id = ?1",
	[Q_RUNS] = "SELECT r.id, COALESCE(r.rep, ''), r.error, r.start_ms,"
		   " r.end_ms, i.bw_bytes, i.iops, i.clat_samples,"
		   " i.clat_min_ns, i.clat_max_ns, i.clat_mean_ns, i.clat_bins,"
		   " i.bins_flag, i.clat_pcts"
		   " FROM run r JOIN io_stat i ON i.run_id = r.id"
		   " WHERE r.scenario_id = ?1 AND i.ddir = ?2 AND i.total_ios > 0"
		   " ORDER BY 2, r.id",
	[Q_INS_STAT] = "INSERT INTO scenario_stat VALUES (?1, ?2, ?3, ?4, ?5,"
		       " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
		       " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
	[Q_CLEAN] = "DELETE FROM dirty_scenario WHERE id = ?1",
};

struct acc {
	/* per repetition, in order */
	double *rep_bw, *rep_iops;
	int *rep_good;		/* runs without a fio error, per repetition */
	int nreps, caprep;
	char *cur_rep;
	/* windows of this rep, ms; in double: a tampered store's extreme
	 * times must not overflow the differences */
	double rep_start, rep_end, rep_longest;
	int rep_windows_ok;
	double overlap;		/* smallest over reps; -1: unknown */
	/* latency */
	int runs, failed, exact;
	double n_total, mean_sum;
	int64_t lat_min, lat_max;
	struct fsc_bin *bins;
	size_t nbins, capbins;
	double pct_wsum[6], pct_w[6];
	int pct_missing[6];
	int64_t p99_lo, p99_hi;
};

static void close_rep(struct acc *a)
{
	double ov;

	if (!a->cur_rep)
		return;
	if (a->rep_windows_ok && a->rep_longest > 0) {
		ov = (a->rep_end - a->rep_start) / a->rep_longest;
		if (ov < 0)
			ov = 0;
		if (ov > 1)
			ov = 1;
		if (a->overlap == -1 || (a->overlap >= 0 && ov < a->overlap))
			a->overlap = ov;
	} else if (!a->rep_windows_ok) {
		a->overlap = -2;	/* unknown for good */
	}
	free(a->cur_rep);
	a->cur_rep = NULL;
}

static void new_rep(struct acc *a, const char *rep)
{
	close_rep(a);
	if (a->nreps == a->caprep) {
		a->caprep = a->caprep ? a->caprep * 2 : 8;
		a->rep_bw = fsc_realloc(a->rep_bw, sizeof(double) * a->caprep);
		a->rep_iops = fsc_realloc(a->rep_iops,
					  sizeof(double) * a->caprep);
		a->rep_good = fsc_realloc(a->rep_good,
					  sizeof(int) * a->caprep);
	}
	a->rep_bw[a->nreps] = a->rep_iops[a->nreps] = 0;
	a->rep_good[a->nreps] = 0;
	a->nreps++;
	a->cur_rep = fsc_strdup(rep);
	a->rep_start = -INFINITY;
	a->rep_end = INFINITY;
	a->rep_longest = 0;
	a->rep_windows_ok = 1;
}

static int bind_step(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void bind_opt_int(sqlite3_stmt *s, int col, int64_t v, int ok)
{
	if (ok)
		sqlite3_bind_int64(s, col, v);
	else
		sqlite3_bind_null(s, col);
}

/* The values of the percentiles pcts[] in io_stat.clat_pcts ({"99.000000":
 * ns, ...}, written by ingest_write.c), in one pass; have[k] = 0 when
 * absent. */
static void pcts_of(const char *s, int64_t v[6], int have[6])
{
	char *end;
	int64_t x;
	double k;
	int i;

	memset(have, 0, 6 * sizeof(*have));
	if (!s || *s++ != '{')
		return;
	while (*s == '"') {
		k = strtod(s + 1, &end);
		if (end == s + 1 || end[0] != '"' || end[1] != ':')
			return;
		s = end + 2;
		x = strtoll(s, &end, 10);
		if (end == s)
			return;
		for (i = 0; i < 6; i++)
			if (fabs(k - pcts[i]) < 1e-9) {
				v[i] = x;
				have[i] = 1;
			}
		s = end;
		if (*s == ',')
			s++;
	}
}

/* One run's contribution. */
static void add_run(struct acc *a, sqlite3_stmt *q)
{
	const char *rep = (const char *)sqlite3_column_text(q, 1);
	double start = sqlite3_column_double(q, 3);
	double end = sqlite3_column_double(q, 4);
	double n = (double)sqlite3_column_int64(q, 7);
	const char *bins = (const char *)sqlite3_column_text(q, 11);
	struct fsc_bin *b = NULL;
	size_t nb = 0;
	int64_t v[6];
	int i, have[6];

	if (!a->cur_rep || strcmp(a->cur_rep, rep))
		new_rep(a, rep);
	if (sqlite3_column_type(q, 3) == SQLITE_NULL ||
	    sqlite3_column_type(q, 4) == SQLITE_NULL) {
		a->rep_windows_ok = 0;
	} else {
		if (start > a->rep_start)
			a->rep_start = start;
		if (end < a->rep_end)
			a->rep_end = end;
		if (end - start > a->rep_longest)
			a->rep_longest = end - start;
	}
	if (sqlite3_column_int64(q, 2) != 0) {
		a->failed++;
		return;
	}
	a->runs++;
	a->rep_good[a->nreps - 1]++;
	a->rep_bw[a->nreps - 1] += sqlite3_column_double(q, 5);
	a->rep_iops[a->nreps - 1] += sqlite3_column_double(q, 6);
	if (sqlite3_column_type(q, 8) != SQLITE_NULL && n > 0) {
		int64_t mn = sqlite3_column_int64(q, 8);
		int64_t mx = sqlite3_column_int64(q, 9);

		a->n_total += n;
		a->mean_sum += n * sqlite3_column_double(q, 10);
		if (a->lat_min < 0 || mn < a->lat_min)
			a->lat_min = mn;
		if (mx > a->lat_max)
			a->lat_max = mx;
	}
	if (!bins || sqlite3_column_int(q, 12) ||
	    fsc_hist_parse(bins, &b, &nb) < 0 || nb == 0)
		a->exact = 0;
	else
		fsc_hist_merge(&a->bins, &a->nbins, &a->capbins, b, nb);
	free(b);
	/* reported percentiles, for the approximation */
	pcts_of((const char *)sqlite3_column_text(q, 13), v, have);
	for (i = 0; i < 6; i++) {
		if (!have[i]) {
			a->pct_missing[i] = 1;
			continue;
		}
		a->pct_wsum[i] += n * (double)v[i];
		a->pct_w[i] += n;
		if (i == 3) {
			if (a->p99_lo < 0 || v[i] < a->p99_lo)
				a->p99_lo = v[i];
			if (v[i] > a->p99_hi)
				a->p99_hi = v[i];
		}
	}
}

static int finish(sqlite3_stmt **st, sqlite3_int64 scn, int ddir,
		  int clients, struct acc *a)
{
	sqlite3_stmt *s = st[Q_INS_STAT];
	struct fsc_buf bins = FSC_BUF_INIT;
	double mean = 0, iops = 0, sd = 0, n = 0;
	uint64_t nr = 0;
	size_t i;
	int k, rc, reps = 0;

	close_rep(a);
	/* a repetition whose runs all failed measured nothing: not a zero */
	for (k = 0; k < a->nreps; k++)
		if (a->rep_good[k]) {
			a->rep_bw[reps] = a->rep_bw[k];
			a->rep_iops[reps++] = a->rep_iops[k];
		}
	a->nreps = reps;
	n = reps;
	for (k = 0; k < a->nreps; k++) {
		mean += a->rep_bw[k] / n;
		iops += a->rep_iops[k] / n;
	}
	for (k = 0; k < a->nreps; k++)
		sd += (a->rep_bw[k] - mean) * (a->rep_bw[k] - mean);
	if (a->runs == 0)
		a->exact = 0;
	for (i = 0; i < a->nbins; i++)
		nr += a->bins[i].count;
	sqlite3_bind_int64(s, 1, scn);
	sqlite3_bind_int(s, 2, ddir);
	sqlite3_bind_int(s, 3, a->runs);
	sqlite3_bind_int(s, 4, a->nreps);
	sqlite3_bind_int(s, 5, clients);
	sqlite3_bind_int(s, 6, a->failed);
	sqlite3_bind_double(s, 7, mean);
	if (a->nreps > 1) {
		sd = sqrt(sd / (n - 1));
		sqlite3_bind_double(s, 8, sd);
		sqlite3_bind_double(s, 9, fsc_t95(a->nreps - 1) * sd / sqrt(n));
	}
	sqlite3_bind_double(s, 10, iops);
	bind_opt_int(s, 11, a->lat_min, a->lat_min >= 0);
	bind_opt_int(s, 12, a->lat_max, a->lat_min >= 0);
	if (a->n_total > 0)
		sqlite3_bind_double(s, 13, a->mean_sum / a->n_total);
	for (k = 0; k < 6; k++) {
		if (a->exact)
			sqlite3_bind_int64(s, 14 + k, (sqlite3_int64)
				fsc_hist_percentile(a->bins, a->nbins, nr, pcts[k]));
		else if (!a->pct_missing[k] && a->pct_w[k] > 0)
			sqlite3_bind_int64(s, 14 + k, (sqlite3_int64)
				llround(a->pct_wsum[k] / a->pct_w[k]));
	}
	if (!a->exact && a->p99_lo >= 0 && !a->pct_missing[3]) {
		sqlite3_bind_int64(s, 20, a->p99_lo);
		sqlite3_bind_int64(s, 21, a->p99_hi);
	}
	sqlite3_bind_int(s, 22, a->exact);
	if (a->overlap >= 0)
		sqlite3_bind_double(s, 23, a->overlap);
	if (a->exact) {
		fsc_hist_format(a->bins, a->nbins, &bins);
		sqlite3_bind_text(s, 24, bins.buf, (int)bins.len, SQLITE_STATIC);
	}
	rc = bind_step(s);
	sqlite3_clear_bindings(s);
	fsc_buf_release(&bins);
	return rc;
}

static int refresh_one(sqlite3_stmt **st, sqlite3_int64 scn)
{
	int ddir, nruns = 0, clients = 0;

	sqlite3_bind_int64(st[Q_HAS_RUNS], 1, scn);
	if (sqlite3_step(st[Q_HAS_RUNS]) == SQLITE_ROW) {
		nruns = sqlite3_column_int(st[Q_HAS_RUNS], 0);
		clients = sqlite3_column_int(st[Q_HAS_RUNS], 1);
	}
	sqlite3_reset(st[Q_HAS_RUNS]);
	sqlite3_bind_int64(st[Q_DEL_STAT], 1, scn);
	if (bind_step(st[Q_DEL_STAT]) < 0)
		return -1;
	if (!nruns) {
		sqlite3_bind_int64(st[Q_DEL_SCN], 1, scn);
		return bind_step(st[Q_DEL_SCN]);
	}
	for (ddir = 0; ddir < FSC_DDIR_NR; ddir++) {
		struct acc a;
		sqlite3_stmt *q = st[Q_RUNS];
		int any = 0, rc;

		memset(&a, 0, sizeof(a));
		a.exact = 1;
		a.overlap = -1;
		a.lat_min = a.p99_lo = -1;
		sqlite3_bind_int64(q, 1, scn);
		sqlite3_bind_int(q, 2, ddir);
		while (sqlite3_step(q) == SQLITE_ROW) {
			add_run(&a, q);
			any = 1;
		}
		sqlite3_reset(q);
		rc = any ? finish(st, scn, ddir, clients, &a) : 0;
		free(a.rep_bw);
		free(a.rep_iops);
		free(a.rep_good);
		free(a.cur_rep);
		free(a.bins);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int fsc_stats_refresh(struct fsc_store *st, int all, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	sqlite3_stmt *s[Q_NR] = { 0 };
	sqlite3_int64 *ids = NULL;
	size_t n = 0, cap = 0, i;
	int k, rc = -1;

	if (fsc_store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	for (k = 0; k < Q_NR; k++)
		if (sqlite3_prepare_v2(db, sql[k], -1, &s[k], NULL) != SQLITE_OK)
			goto out;
	while (sqlite3_step(s[all ? Q_IDS_ALL : Q_IDS_DIRTY]) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = fsc_realloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(s[all ? Q_IDS_ALL : Q_IDS_DIRTY], 0);
	}
	for (i = 0; i < n; i++) {
		if (refresh_one(s, ids[i]) < 0)
			goto out;
		sqlite3_bind_int64(s[Q_CLEAN], 1, ids[i]);
		if (bind_step(s[Q_CLEAN]) < 0)
			goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		fsc_err_set(err, sqlite3_db_filename(db, "main"),
			    "computing statistics: %s", sqlite3_errmsg(db));
	for (k = 0; k < Q_NR; k++)
		sqlite3_finalize(s[k]);
	free(ids);
	if (rc == 0)
		rc = fsc_store_exec(st, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
