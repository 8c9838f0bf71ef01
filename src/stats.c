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
 * - Clients or repetitions (group_units, the one place of the rule): a
 *   scenario's runs are grouped by file and client name into units, and
 *   the units into repetitions.  With a clients key (layout or --set)
 *   the rep label alone says the repetition ('clients-key').  With a rep
 *   key and a client name for every unit, the rep label is the
 *   repetition and the distinct names its clients ('rep-key').  Otherwise,
 *   within each rep label, units whose run windows overlap are clients of
 *   one repetition and disjoint ones are repetitions ('overlap', or
 *   'rep-key+overlap' when a rep label held several); without run times
 *   every unit of a rep label is a client ('no-times').  A scenario's clients is
 *   the most within one repetition (clients_min the fewest), never a
 *   count across repetitions.
 * - Overlap, per repetition: the window common to all runs divided by the
 *   longest run's window; the scenario's is the smallest over repetitions.
 * - #20: the bandwidth over that common window (stats_window.c), and the
 *   coefficients of variation across repetitions (stats_rep.c,
 *   fsc_stats_cv: the one home of the spread), written after the rows.
 * Runs with a non-zero fio error, with or without I/O (most fail at setup,
 * before any), are counted (failed_runs) and left out of every figure and
 * window; a scenario and direction with no successful run has no values
 * (NULL bandwidth, IOPS and latency), never zeros.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"
#include "stats_rep.h"
#include "stats_window.h"

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
	Q_IDS_DIRTY, Q_IDS_ALL, Q_SCN, Q_UNITS, Q_DEL_STAT, Q_DEL_SCN,
	Q_RUNS, Q_INS_STAT, Q_CLEAN, Q_SET_REP, Q_LOGS, Q_SET_CV, Q_NR
};

static const char *const sql[Q_NR] = {
	[Q_IDS_DIRTY] = "SELECT id FROM dirty_scenario ORDER BY id",
	[Q_IDS_ALL] = "SELECT id FROM scenario ORDER BY id",
	[Q_SCN] = "SELECT clients IS NOT NULL FROM scenario WHERE id = ?1",
	/* a unit: the runs of one file and client name (its jobs) */
	/* a unit's window is its successful runs' (a setup failure's is
	 * empty), or its failed runs' when none succeeded */
	[Q_UNITS] = "SELECT file_id, client, rep,"
		    " COALESCE(min(CASE WHEN error = 0 THEN start_ms END),"
		    "  min(start_ms)),"
		    " COALESCE(max(CASE WHEN error = 0 THEN end_ms END),"
		    "  max(end_ms)),"
		    " count(start_ms) = count(*) AND count(end_ms) = count(*),"
		    " count(*)"
		    " FROM run WHERE scenario_id = ?1"
		    " GROUP BY file_id, client, rep",
	[Q_DEL_STAT] = "DELETE FROM scenario_stat WHERE scenario_id = ?1",
	[Q_DEL_SCN] = "DELETE FROM scenario WHERE id = ?1",
	[Q_RUNS] = "SELECT r.id, r.file_id, r.error, r.start_ms,"
		   " r.end_ms, i.bw_bytes, i.iops, i.clat_samples,"
		   " i.clat_min_ns, i.clat_max_ns, i.clat_mean_ns, i.clat_bins,"
		   " i.bins_flag, i.clat_pcts, r.client, r.rep, i.io_bytes"
		   " FROM run r JOIN io_stat i ON i.run_id = r.id"
		   " WHERE r.scenario_id = ?1 AND i.ddir = ?2"
		   /* a failed run counts whether or not it did I/O */
		   " AND (i.total_ios > 0 OR r.error <> 0)"
		   " ORDER BY r.id",
	[Q_INS_STAT] = "INSERT INTO scenario_stat(scenario_id, ddir, runs,"
		       " reps, clients, failed_runs, bw_bytes, bw_bytes_stddev,"
		       " bw_bytes_ci95, iops, clat_min_ns, clat_max_ns,"
		       " clat_mean_ns, clat_p50_ns, clat_p90_ns, clat_p95_ns,"
		       " clat_p99_ns, clat_p999_ns, clat_p9999_ns,"
		       " clat_p99_lo_ns, clat_p99_hi_ns, latency_exact, overlap,"
		       " clat_bins, grouping, clients_min, bw_common_bytes,"
		       " bw_common_source, late_client, early_client)"
		       " VALUES (?1, ?2, ?3, ?4, ?5,"
		       " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
		       " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26,"
		       " ?27, ?28, ?29, ?30)",
	[Q_CLEAN] = "DELETE FROM dirty_scenario WHERE id = ?1",
	/* the repetition a unit's runs went to, for scenario_rep */
	[Q_SET_REP] = ("UPDATE run SET rep_idx = ?1 WHERE scenario_id = ?2"
		       " AND file_id = ?3 AND client IS ?4 AND rep IS ?5"),
	/* #20: the runs' bw logs, for the common window */
	[Q_LOGS] = FSC_WIN_LOGS_SQL,
	/* #20: the spread, from the repetitions just stored */
	[Q_SET_CV] = "UPDATE scenario_stat SET bw_cv = ?3, iops_cv = ?4,"
		     " p99_cv = ?5 WHERE scenario_id = ?1 AND ddir = ?2",
};

/* A unit of a scenario: the runs of one file, client name and rep label,
 * with their common window; rep: the repetition the rule put it in. */
struct unit {
	int64_t file;
	char *client, *rep;	/* NULL: none */
	double start, end;
	int times, rep_idx;
};

static int str_cmp(const char *a, const char *b)
{
	return a == b ? 0 : !a ? -1 : !b ? 1 : strcmp(a, b);
}

static int cmp_unit_key(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	int c;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	c = str_cmp(a->client, b->client);
	return c ? c : str_cmp(a->rep, b->rep);
}

static int cmp_unit_time(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	int c = str_cmp(a->rep, b->rep);

	if (c)
		return c;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return cmp_unit_key(x, y);
}

/* Clients of units u[0..n): distinct names, a nameless unit one each. */
static int count_clients(const struct unit *u, size_t n)
{
	size_t i, j;
	int c = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; u[i].client && j < i; j++)
			if (u[j].client && !strcmp(u[j].client, u[i].client))
				break;
		c += !u[i].client || j == i;
	}
	return c;
}

/* The rule.  u sorted by rep label and start; sets every u[i].rep_idx
 * and returns the repetitions; *clients and *clients_min over them,
 * *grouping the rule that applied. */
static int group_units(struct unit *u, size_t n, int stated, int *clients,
		       int *clients_min, const char **grouping)
{
	size_t i, j, k;
	int reps = 0, c, named, times, by_rep = 0, by_time = 0, no_times = 0;
	double end;

	*clients = 0;
	*clients_min = 0;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && !str_cmp(u[j].rep, u[i].rep); j++)
			;
		named = times = 1;
		for (k = i; k < j; k++) {
			named &= u[k].client != NULL;
			times &= u[k].times;
		}
		by_rep |= u[i].rep != NULL;
		if (stated || (u[i].rep && named) || !times) {
			/* the rep label is the repetition */
			no_times |= !stated && !(u[i].rep && named);
			for (k = i; k < j; k++)
				u[k].rep_idx = reps;
			c = count_clients(u + i, j - i);
			reps++;
			if (c > *clients)
				*clients = c;
			if (!*clients_min || c < *clients_min)
				*clients_min = c;
			continue;
		}
		/* overlapping windows: clients; disjoint: repetitions */
		by_time |= u[i].rep == NULL;
		for (k = i; k < j;) {
			size_t m = k;

			end = u[k].end;
			while (m < j && (m == k || u[m].start < end)) {
				if (u[m].end > end)
					end = u[m].end;
				u[m++].rep_idx = reps;
			}
			by_time |= k > i;
			c = count_clients(u + k, m - k);
			reps++;
			if (c > *clients)
				*clients = c;
			if (!*clients_min || c < *clients_min)
				*clients_min = c;
			k = m;
		}
	}
	*grouping = stated ? "clients-key" : no_times ? "no-times" :
		    by_rep && by_time ? "rep-key+overlap" :
		    by_rep ? "rep-key" : "overlap";
	return reps;
}

static void free_units(struct unit *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(u[i].client);
		free(u[i].rep);
	}
	free(u);
}

struct acc {
	/* per repetition (the rule's index) */
	double *rep_bw, *rep_iops;
	int *rep_good;		/* runs without a fio error, per repetition */
	int *rep_seen;		/* runs in this direction */
	int nreps;
	/* windows per repetition, ms; in double: a tampered store's extreme
	 * times must not overflow the differences */
	double *rep_start, *rep_end, *rep_longest;
	int *rep_windows_ok;
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
	/* #20: the successful runs, for the common window */
	struct fsc_win_run *win;
	size_t nwin, capwin;
};

static void acc_init(struct acc *a, int nreps)
{
	int k;

	memset(a, 0, sizeof(*a));
	a->nreps = nreps;
	a->rep_bw = fsc_calloc((size_t)nreps + 1, sizeof(double));
	a->rep_iops = fsc_calloc((size_t)nreps + 1, sizeof(double));
	a->rep_start = fsc_calloc((size_t)nreps + 1, sizeof(double));
	a->rep_end = fsc_calloc((size_t)nreps + 1, sizeof(double));
	a->rep_longest = fsc_calloc((size_t)nreps + 1, sizeof(double));
	a->rep_good = fsc_calloc((size_t)nreps + 1, sizeof(int));
	a->rep_seen = fsc_calloc((size_t)nreps + 1, sizeof(int));
	a->rep_windows_ok = fsc_calloc((size_t)nreps + 1, sizeof(int));
	for (k = 0; k < nreps; k++) {
		a->rep_start[k] = -INFINITY;
		a->rep_end[k] = INFINITY;
		a->rep_windows_ok[k] = 1;
	}
	a->exact = 1;
	a->overlap = -1;
	a->lat_min = a->p99_lo = -1;
}

static void acc_free(struct acc *a)
{
	free(a->rep_bw);
	free(a->rep_iops);
	free(a->rep_start);
	free(a->rep_end);
	free(a->rep_longest);
	free(a->rep_good);
	free(a->rep_seen);
	free(a->rep_windows_ok);
	free(a->bins);
	while (a->nwin)
		free(a->win[--a->nwin].client);
	free(a->win);
}

/* The overlap of each repetition with runs in this direction. */
static void close_reps(struct acc *a)
{
	double ov;
	int k;

	for (k = 0; k < a->nreps; k++) {
		if (!a->rep_seen[k])
			continue;
		if (a->rep_windows_ok[k] && a->rep_longest[k] > 0) {
			ov = (a->rep_end[k] - a->rep_start[k]) /
			     a->rep_longest[k];
			if (ov < 0)
				ov = 0;
			if (ov > 1)
				ov = 1;
			if (a->overlap == -1 ||
			    (a->overlap >= 0 && ov < a->overlap))
				a->overlap = ov;
		} else if (!a->rep_windows_ok[k]) {
			a->overlap = -2;	/* unknown for good */
		}
	}
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

/* One run's contribution, to repetition k. */
static void add_run(struct acc *a, sqlite3_stmt *q, int k)
{
	double start = sqlite3_column_double(q, 3);
	double end = sqlite3_column_double(q, 4);
	double n = (double)sqlite3_column_int64(q, 7);
	const char *bins = (const char *)sqlite3_column_text(q, 11);
	struct fsc_bin *b = NULL;
	size_t nb = 0;
	int64_t v[6];
	int i, have[6];

	a->rep_seen[k]++;
	if (sqlite3_column_int64(q, 2) != 0) {
		/* left out of the values and of the windows: a setup
		 * failure's window is empty and would take the overlap to 0 */
		a->failed++;
		return;
	}
	if (sqlite3_column_type(q, 3) == SQLITE_NULL ||
	    sqlite3_column_type(q, 4) == SQLITE_NULL) {
		a->rep_windows_ok[k] = 0;
	} else {
		if (start > a->rep_start[k])
			a->rep_start[k] = start;
		if (end < a->rep_end[k])
			a->rep_end[k] = end;
		if (end - start > a->rep_longest[k])
			a->rep_longest[k] = end - start;
	}
	if (a->nwin == a->capwin) {
		a->capwin = a->capwin ? 2 * a->capwin : 16;
		a->win = fsc_realloc(a->win, a->capwin * sizeof(*a->win));
	}
	a->win[a->nwin].id = sqlite3_column_int64(q, 0);
	a->win[a->nwin].rep = k;
	a->win[a->nwin].start = sqlite3_column_type(q, 3) != SQLITE_NULL ?
				start : NAN;
	a->win[a->nwin].end = sqlite3_column_type(q, 4) != SQLITE_NULL ?
			      end : NAN;
	a->win[a->nwin].bytes = sqlite3_column_double(q, 16);
	a->win[a->nwin++].client =
		fsc_strdup((const char *)sqlite3_column_text(q, 14));
	a->runs++;
	a->rep_good[k]++;
	a->rep_bw[k] += sqlite3_column_double(q, 5);
	a->rep_iops[k] += sqlite3_column_double(q, 6);
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
	else if (fsc_hist_merge(&a->bins, &a->nbins, &a->capbins, b, nb))
		a->exact = 0;	/* a bucket saturated at 2^64 - 1 */
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

/* One scenario_stat row as computed; a column whose has_ flag is 0 is
 * NULL. */
struct stat_row {
	int ddir, runs, reps, failed, exact;
	double bw, sd, ci, iops, lat_mean, overlap;
	int has_bw;		/* 0: no run succeeded, no value (not 0) */
	int has_sd, has_lat, has_mean, has_range, has_overlap, has_p[6];
	int64_t lat_min, lat_max, p99_lo, p99_hi, p[6];
	char *bins;		/* merged histogram text when exact */
	/* #20: the common window (stats_window.c); has_common 0: NULL */
	int has_common;
	double common_bw;
	const char *common_src;	/* static text */
	char *late, *early;	/* the clients named, or NULL */
};

/* A scenario's statistics, computed by any thread, stored by one. */
struct scn_result {
	sqlite3_int64 id;
	int nruns, clients, clients_min, nrows, err;
	struct unit *units;	/* with the repetition each went to */
	size_t nunits;
	const char *grouping;	/* static text */
	struct stat_row row[FSC_DDIR_NR];
};

static void finish(struct acc *a, int ddir, struct stat_row *r)
{
	struct fsc_buf bins = FSC_BUF_INIT;
	double mean = 0, iops = 0, sd = 0, n = 0;
	uint64_t nr = 0;
	size_t i;
	int k, reps = 0;

	memset(r, 0, sizeof(*r));
	close_reps(a);
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
		nr = nr > UINT64_MAX - a->bins[i].count ? UINT64_MAX :
		     nr + a->bins[i].count;
	if (nr == UINT64_MAX)
		a->exact = 0;	/* more samples than a count can hold */
	r->ddir = ddir;
	r->runs = a->runs;
	r->reps = a->nreps;
	r->failed = a->failed;
	r->bw = mean;
	r->has_bw = a->runs > 0;
	if (a->nreps > 1) {
		r->sd = sqrt(sd / (n - 1));
		r->ci = fsc_t95(a->nreps - 1) * r->sd / sqrt(n);
		r->has_sd = 1;
	}
	r->iops = iops;
	r->has_lat = a->lat_min >= 0;
	r->lat_min = a->lat_min;
	r->lat_max = a->lat_max;
	if ((r->has_mean = a->n_total > 0))
		r->lat_mean = a->mean_sum / a->n_total;
	for (k = 0; k < 6; k++) {
		if (a->exact) {
			r->p[k] = (int64_t)fsc_hist_percentile(a->bins, a->nbins,
							       nr, pcts[k]);
			r->has_p[k] = 1;
		} else if (!a->pct_missing[k] && a->pct_w[k] > 0) {
			r->p[k] = llround(a->pct_wsum[k] / a->pct_w[k]);
			r->has_p[k] = 1;
		}
	}
	if (!a->exact && a->p99_lo >= 0 && !a->pct_missing[3]) {
		r->has_range = 1;
		r->p99_lo = a->p99_lo;
		r->p99_hi = a->p99_hi;
	}
	r->exact = a->exact;
	if ((r->has_overlap = a->overlap >= 0))
		r->overlap = a->overlap;
	if (a->exact) {
		fsc_hist_format(a->bins, a->nbins, &bins);
		r->bins = fsc_buf_detach(&bins);
	}
}

static int store_row(sqlite3_stmt *s, const struct scn_result *res,
		     const struct stat_row *r)
{
	int k, rc;

	sqlite3_bind_int64(s, 1, res->id);
	sqlite3_bind_int(s, 2, r->ddir);
	sqlite3_bind_int(s, 3, r->runs);
	sqlite3_bind_int(s, 4, r->reps);
	sqlite3_bind_int(s, 5, res->clients);
	sqlite3_bind_text(s, 25, res->grouping, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 26, res->clients_min);
	sqlite3_bind_int(s, 6, r->failed);
	if (r->has_bw) {
		sqlite3_bind_double(s, 7, r->bw);
		sqlite3_bind_double(s, 10, r->iops);
	}
	if (r->has_sd) {
		sqlite3_bind_double(s, 8, r->sd);
		sqlite3_bind_double(s, 9, r->ci);
	}
	bind_opt_int(s, 11, r->lat_min, r->has_lat);
	bind_opt_int(s, 12, r->lat_max, r->has_lat);
	if (r->has_mean)
		sqlite3_bind_double(s, 13, r->lat_mean);
	for (k = 0; k < 6; k++)
		bind_opt_int(s, 14 + k, r->p[k], r->has_p[k]);
	if (r->has_range) {
		sqlite3_bind_int64(s, 20, r->p99_lo);
		sqlite3_bind_int64(s, 21, r->p99_hi);
	}
	sqlite3_bind_int(s, 22, r->exact);
	if (r->has_overlap)
		sqlite3_bind_double(s, 23, r->overlap);
	if (r->bins)
		sqlite3_bind_text(s, 24, r->bins, -1, SQLITE_STATIC);
	if (r->has_common) {
		sqlite3_bind_double(s, 27, r->common_bw);
		sqlite3_bind_text(s, 28, r->common_src, -1, SQLITE_STATIC);
	}
	if (r->late)
		sqlite3_bind_text(s, 29, r->late, -1, SQLITE_STATIC);
	if (r->early)
		sqlite3_bind_text(s, 30, r->early, -1, SQLITE_STATIC);
	rc = bind_step(s);
	sqlite3_clear_bindings(s);
	return rc;
}

/* Read scenario res->id's units and put them in repetitions (the rule,
 * group_units); NULL with res->err on a read error. */
static struct unit *read_units(sqlite3_stmt **q, struct scn_result *res,
			       size_t *n)
{
	struct unit *u = NULL;
	size_t cap = 0;
	int rc, stated = 0;

	*n = 0;
	sqlite3_bind_int64(q[Q_SCN], 1, res->id);
	rc = sqlite3_step(q[Q_SCN]);
	if (rc == SQLITE_ROW)
		stated = sqlite3_column_int(q[Q_SCN], 0);
	sqlite3_reset(q[Q_SCN]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		res->err = 1;
		return NULL;
	}
	sqlite3_bind_int64(q[Q_UNITS], 1, res->id);
	while ((rc = sqlite3_step(q[Q_UNITS])) == SQLITE_ROW) {
		sqlite3_stmt *s = q[Q_UNITS];

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			u = fsc_realloc(u, cap * sizeof(*u));
		}
		memset(&u[*n], 0, sizeof(*u));
		u[*n].file = sqlite3_column_int64(s, 0);
		u[*n].client = fsc_strdup((const char *)sqlite3_column_text(s, 1));
		u[*n].rep = fsc_strdup((const char *)sqlite3_column_text(s, 2));
		u[*n].start = sqlite3_column_double(s, 3);
		u[*n].end = sqlite3_column_double(s, 4);
		u[*n].times = sqlite3_column_int(s, 5);
		res->nruns += sqlite3_column_int(s, 6);
		(*n)++;
	}
	sqlite3_reset(q[Q_UNITS]);
	if (rc != SQLITE_DONE) {
		res->err = 1;
		free_units(u, *n);
		return NULL;
	}
	if (*n) {
		qsort(u, *n, sizeof(*u), cmp_unit_time);
		group_units(u, *n, stated, &res->clients, &res->clients_min,
			    &res->grouping);
		qsort(u, *n, sizeof(*u), cmp_unit_key);
	}
	return u;
}

/* #20: row r's common window from a's runs. */
static int common(sqlite3_stmt *logs, int ddir, const struct acc *a,
		  struct stat_row *r)
{
	struct fsc_win_result w;
	int rc = fsc_stats_common(logs, ddir, a->win, a->nwin, &w);

	if (rc <= 0)
		return rc;
	r->has_common = 1;
	r->common_bw = w.bw;
	r->common_src = w.source;
	r->late = fsc_strdup(w.late);
	r->early = fsc_strdup(w.early);
	return 0;
}

/* #20: the coefficients of variation of scenario id's stored rows, from
 * its repetitions as stats_rep.c reads them (run.rep_idx just written);
 * NULL with fewer than 3. */
static int store_cv(sqlite3 *db, sqlite3_stmt *s, const struct scn_result *res)
{
	static const enum fsc_rep_what what[3] = { FSC_REP_BW, FSC_REP_IOPS,
						   FSC_REP_LAT };
	struct fsc_rep_stat a;
	int k, m;
	double cv;

	for (k = 0; k < res->nrows; k++) {
		if (res->row[k].reps < 3)
			continue;
		sqlite3_bind_int64(s, 1, res->id);
		sqlite3_bind_int(s, 2, res->row[k].ddir);
		for (m = 0; m < 3; m++) {
			if (fsc_stats_rep(db, res->id, res->row[k].ddir, what[m],
					  99, &a) < 0)
				return -1;
			cv = fsc_stats_cv(&a);
			if (cv >= 0)
				sqlite3_bind_double(s, 3 + m, cv);
			else
				sqlite3_bind_null(s, 3 + m);
		}
		if (bind_step(s) < 0)
			return -1;
		sqlite3_clear_bindings(s);
	}
	return 0;
}

/* Read scenario res->id's runs (q: the statements, of any connection)
 * and compute its rows. */
static void compute_one(sqlite3_stmt **q, struct scn_result *res)
{
	struct unit *u, key;
	size_t nu, i;
	int ddir, rc, nreps = 0;

	u = read_units(q, res, &nu);
	if (res->err)
		return;
	for (i = 0; i < nu; i++)
		if (u[i].rep_idx >= nreps)
			nreps = u[i].rep_idx + 1;
	for (ddir = 0; res->nruns && ddir < FSC_DDIR_NR; ddir++) {
		sqlite3_stmt *r = q[Q_RUNS];
		struct acc a;
		int any = 0;

		acc_init(&a, nreps);
		sqlite3_bind_int64(r, 1, res->id);
		sqlite3_bind_int(r, 2, ddir);
		while ((rc = sqlite3_step(r)) == SQLITE_ROW) {
			const struct unit *f;

			key.file = sqlite3_column_int64(r, 1);
			key.client = (char *)sqlite3_column_text(r, 14);
			key.rep = (char *)sqlite3_column_text(r, 15);
			f = bsearch(&key, u, nu, sizeof(*u), cmp_unit_key);
			if (!f) {	/* the store changed under us */
				rc = SQLITE_ERROR;
				break;
			}
			add_run(&a, r, f->rep_idx);
			any = 1;
		}
		sqlite3_reset(r);
		if (rc != SQLITE_DONE)
			res->err = 1;
		if (any) {
			struct stat_row *row = &res->row[res->nrows++];

			finish(&a, ddir, row);
			if (common(q[Q_LOGS], ddir, &a, row) < 0)
				res->err = 1;
		}
		acc_free(&a);
	}
	/* stored with the rows (store_one), freed by the refresh */
	res->units = u;
	res->nunits = nu;
}

/* Replace scenario res->id's rows with the computed ones (or drop the
 * scenario when it has no run left). */
static int store_one(sqlite3_stmt **st, const struct scn_result *res)
{
	size_t i;
	int k;

	sqlite3_bind_int64(st[Q_DEL_STAT], 1, res->id);
	if (bind_step(st[Q_DEL_STAT]) < 0)
		return -1;
	if (!res->nruns) {
		sqlite3_bind_int64(st[Q_DEL_SCN], 1, res->id);
		return bind_step(st[Q_DEL_SCN]);
	}
	for (k = 0; k < res->nrows; k++)
		if (store_row(st[Q_INS_STAT], res, &res->row[k]) < 0)
			return -1;
	for (i = 0; i < res->nunits; i++) {
		const struct unit *u = &res->units[i];
		sqlite3_stmt *s = st[Q_SET_REP];

		sqlite3_bind_int(s, 1, u->rep_idx);
		sqlite3_bind_int64(s, 2, res->id);
		sqlite3_bind_int64(s, 3, u->file);
		if (u->client)
			sqlite3_bind_text(s, 4, u->client, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 4);
		if (u->rep)
			sqlite3_bind_text(s, 5, u->rep, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 5);
		if (bind_step(s) < 0)
			return -1;
	}
	return 0;
}

/* The scenarios of a refresh, computed by the calling thread and helper
 * threads with read connections of their own: the caller holds the write
 * lock and has written nothing yet, so every connection reads the same
 * committed store. */
struct work {
	struct scn_result *res;
	size_t n, next;
	const char *path;	/* the store, for the helpers' connections */
	pthread_mutex_t mu;
};

static void compute_all(struct work *w, sqlite3_stmt **q)
{
	size_t i;

	for (;;) {
		pthread_mutex_lock(&w->mu);
		i = w->next++;
		pthread_mutex_unlock(&w->mu);
		if (i >= w->n)
			break;
		compute_one(q, &w->res[i]);
	}
}

static void *helper(void *arg)
{
	struct work *w = arg;
	sqlite3 *db = NULL;
	sqlite3_stmt *q[Q_NR] = { 0 };

	if (sqlite3_open_v2(w->path, &db, SQLITE_OPEN_READONLY |
			    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql[Q_SCN], -1, &q[Q_SCN], NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql[Q_UNITS], -1, &q[Q_UNITS], NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql[Q_RUNS], -1, &q[Q_RUNS], NULL) ==
	    SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql[Q_LOGS], -1, &q[Q_LOGS], NULL) ==
	    SQLITE_OK)
		compute_all(w, q);
	/* a helper that cannot start leaves its share to the others */
	sqlite3_finalize(q[Q_SCN]);
	sqlite3_finalize(q[Q_UNITS]);
	sqlite3_finalize(q[Q_RUNS]);
	sqlite3_finalize(q[Q_LOGS]);
	sqlite3_close(db);
	return NULL;
}

/* in_txn: within the caller's open write transaction, which the
 * helpers' connections could not see: the calling thread alone. */
static int refresh(struct fsc_store *st, int all, int in_txn,
		   struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	sqlite3_stmt *s[Q_NR] = { 0 };
	struct work w = { .res = NULL };
	pthread_t th[16];
	size_t cap = 0, i;
	int k, nth = 0, rc = -1;

	if (!in_txn && fsc_store_exec(st, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	pthread_mutex_init(&w.mu, NULL);
	for (k = 0; k < Q_NR; k++)
		if (sqlite3_prepare_v2(db, sql[k], -1, &s[k], NULL) != SQLITE_OK)
			goto out;
	while (sqlite3_step(s[all ? Q_IDS_ALL : Q_IDS_DIRTY]) == SQLITE_ROW) {
		if (w.n == cap) {
			cap = cap ? cap * 2 : 64;
			w.res = fsc_realloc(w.res, cap * sizeof(*w.res));
		}
		memset(&w.res[w.n], 0, sizeof(*w.res));
		w.res[w.n++].id = sqlite3_column_int64(
			s[all ? Q_IDS_ALL : Q_IDS_DIRTY], 0);
	}
	w.path = sqlite3_db_filename(db, "main");
	/* helpers pay off from a few dozen scenarios (a campaign has 60) */
	if (!in_txn && w.n >= 16 && w.path && *w.path)
		for (k = fsc_cores(16) - 1; nth < k; nth++)
			if (pthread_create(&th[nth], NULL, helper, &w) != 0)
				break;
	compute_all(&w, s);
	while (nth > 0)
		pthread_join(th[--nth], NULL);
	for (i = 0; i < w.n; i++) {
		if (w.res[i].err || store_one(s, &w.res[i]) < 0 ||
		    store_cv(db, s[Q_SET_CV], &w.res[i]) < 0)
			goto out;
		/* v5 (#19): its histogram logs merged, on this connection */
		if (w.res[i].nruns && fsc_stats_hist(db, w.res[i].id) < 0)
			goto out;
		sqlite3_bind_int64(s[Q_CLEAN], 1, w.res[i].id);
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
	pthread_mutex_destroy(&w.mu);
	for (i = 0; i < w.n; i++) {
		for (k = 0; k < w.res[i].nrows; k++) {
			free(w.res[i].row[k].bins);
			free(w.res[i].row[k].late);
			free(w.res[i].row[k].early);
		}
		free_units(w.res[i].units, w.res[i].nunits);
	}
	free(w.res);
	if (in_txn)
		return rc;
	if (rc == 0)
		rc = fsc_store_exec(st, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int fsc_stats_refresh(struct fsc_store *st, int all, struct fsc_err *err)
{
	return refresh(st, all, 0, err);
}

int fsc_stats_refresh_txn(struct fsc_store *st, struct fsc_err *err)
{
	return refresh(st, 0, 1, err);
}
