/*
 * stats_rep.c: per-repetition statistics (stats_rep.h).  Bandwidth and
 * IOPS per repetition are rows of the store's scenario_rep view (the sum
 * over a repetition's good runs, as stats.c sums them; a repetition whose
 * runs all failed measured nothing); a latency percentile per repetition
 * is taken from the repetition's merged json+ bins exactly as stats.c
 * takes a scenario's (hist.c), or approximated by the sample-weighted
 * mean of the runs' reported percentiles when a run has no usable bins.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "stats_rep.h"

static const char q_rep_sums[] =
	"SELECT bw_bytes, iops FROM scenario_rep"
	" WHERE scenario_id = ?1 AND ddir = ?2 AND runs > 0";

static const char q_rep_lat[] =
	"SELECT COALESCE(r.rep_idx, -1), i.clat_samples, i.clat_bins, i.bins_flag,"
	" (SELECT p.value_ns FROM percentile p WHERE p.run_id = r.id"
	"  AND p.ddir = i.ddir AND abs(p.pct - ?3) < 1e-9)"
	" FROM run r JOIN io_stat i ON i.run_id = r.id"
	" WHERE r.scenario_id = ?1 AND i.ddir = ?2 AND i.total_ios > 0"
	" AND r.error = 0 ORDER BY r.rep_idx, r.id";

/* Welford's running mean and variance of per-repetition values. */
struct sample {
	int n;
	double mean, m2;
};

static void sample_add(struct sample *a, double x)
{
	double d = x - a->mean;

	a->n++;
	a->mean += d / a->n;
	a->m2 += d * (x - a->mean);
}

/* One repetition's latency percentile: from its merged bins when every
 * run has usable ones, else the sample-weighted reported percentiles. */
struct rep_lat {
	struct fsc_bin *bins;
	size_t nbins, cap;
	int exact, any;
	double wsum, w;
};

static void rep_lat_close(struct rep_lat *r, double pct, struct sample *a)
{
	uint64_t nr = 0;
	size_t i;

	if (r->any) {
		for (i = 0; i < r->nbins; i++)
			nr = nr > UINT64_MAX - r->bins[i].count ? UINT64_MAX :
			     nr + r->bins[i].count;
		if (r->exact && nr && nr < UINT64_MAX)
			sample_add(a, (double)fsc_hist_percentile(r->bins,
				   r->nbins, nr, pct));
		else if (r->w > 0)
			sample_add(a, r->wsum / r->w);
	}
	free(r->bins);
	memset(r, 0, sizeof(*r));
	r->exact = 1;
}

static int rep_sample(sqlite3 *db, int64_t scenario, int ddir,
		      enum fsc_rep_what m, double pct, struct sample *a)
{
	sqlite3_stmt *s;
	struct rep_lat r;
	char *cur = NULL;
	int lat = m == FSC_REP_LAT;

	memset(a, 0, sizeof(*a));
	memset(&r, 0, sizeof(r));
	r.exact = 1;
	if (sqlite3_prepare_v2(db, lat ? q_rep_lat : q_rep_sums, -1, &s,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, scenario);
	sqlite3_bind_int(s, 2, ddir);
	if (lat)
		sqlite3_bind_double(s, 3, pct);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *rep, *bins;
		struct fsc_bin *b = NULL;
		size_t nb = 0;
		double n;

		if (!lat) {
			sample_add(a, sqlite3_column_double(s,
				   m == FSC_REP_BW ? 0 : 1));
			continue;
		}
		rep = (const char *)sqlite3_column_text(s, 0);
		if (!cur || strcmp(cur, rep)) {
			rep_lat_close(&r, pct, a);
			free(cur);
			cur = fsc_strdup(rep);
		}
		r.any = 1;
		n = sqlite3_column_double(s, 1);
		bins = (const char *)sqlite3_column_text(s, 2);
		if (!bins || sqlite3_column_int(s, 3) ||
		    fsc_hist_parse(bins, &b, &nb) < 0 || !nb)
			r.exact = 0;
		else if (fsc_hist_merge(&r.bins, &r.nbins, &r.cap, b, nb))
			r.exact = 0;	/* a bucket saturated */
		free(b);
		if (sqlite3_column_type(s, 4) != SQLITE_NULL && n > 0) {
			r.wsum += n * sqlite3_column_double(s, 4);
			r.w += n;
		}
	}
	if (lat)
		rep_lat_close(&r, pct, a);
	free(cur);
	return sqlite3_finalize(s) == SQLITE_OK ? 0 : -1;
}


int fsc_stats_rep(sqlite3 *db, int64_t scenario, int ddir,
		  enum fsc_rep_what what, double pct, struct fsc_rep_stat *out)
{
	struct sample a;
	int rc = rep_sample(db, scenario, ddir, what, pct, &a);

	out->n = a.n;
	out->mean = a.mean;
	out->var = a.n > 1 ? a.m2 / (a.n - 1) : 0;
	return rc;
}

double fsc_stats_cv(const struct fsc_rep_stat *a)
{
	if (a->n < 3 || !(a->mean > 0))
		return -1;
	return sqrt(a->var) / a->mean;
}
