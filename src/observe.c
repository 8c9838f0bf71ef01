/*
 * observe.c: the observations rules.  Reads scenario statistics from the
 * store into struct fsc_obs (rows x runtimes), takes each cell's ratio to
 * the baseline runtime and decides a verdict; observe_findings.c turns the
 * verdicts into sentences.
 *
 * Decision rules (the thresholds are options):
 * - Both sides repeated (reps >= 2): the 95% confidence interval of the
 *   ratio of the two means of per-repetition values is Fieller's interval
 *   (E. C. Fieller, "Some problems in interval estimation", J. R. Statist.
 *   Soc. B 16 (1954) 175-185) for independent samples with unequal
 *   variances, its degrees of freedom taken by Welch-Satterthwaite (B. L.
 *   Welch, Biometrika 34 (1947) 28-35; F. E. Satterthwaite, Biometrics
 *   Bulletin 2 (1946) 110-114) for the pivot mx - R my at the estimate R.
 *   The interval excludes 1 exactly when Welch's t test rejects equal
 *   means.  Excludes 1: "outperforms"/"worse" ("slightly" when the ratio
 *   is within the close threshold); inside [1 - close, 1 + close]: "close
 *   to"; else "inconclusive".  Unbounded (the baseline's mean is not
 *   distinguishable from 0): "inconclusive".
 * - Otherwise (a single run on either side): |ratio - 1| <= close is
 *   "close to", beyond it "outperforms"/"worse", marked single.
 * - Latency: lower is better.  The ratio stays value / baseline (so it
 *   reads against the cell's own numbers: 1.20x is 20% more latency) and
 *   the words become "faster"/"slower".
 * Per-repetition values come from the statistics stage (stats_rep.c: the
 * store's scenario_rep view for bandwidth and IOPS, the repetition's
 * merged bins for latency).  For latency the cell shows the store's
 * percentile of all repetitions merged.
 * - #20 Spread: a cell's coefficient of variation across repetitions is
 *   the sample standard deviation (N-1) of its per-repetition values over
 *   their mean.  Above the threshold (5% for bandwidth and IOPS, 10% for
 *   latency, after pbench's and benchmark-wrapper's practice of checking
 *   stddev/mean before any test) the cell, and every cell compared with a
 *   baseline above it, is "too noisy": that verdict outranks the others.
 * - #20 Plausibility: against runtime=bare-metal, a bandwidth or IOPS cell
 *   that "outperforms" carries a caveat: beyond the bare-metal baseline a
 *   write usually means a cache or a weaker durability guarantee, a read
 *   a cache (Longhorn kbench's rules).  The verdict stays; the caveat is
 *   said beside it.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "observe.h"
#include "model.h"
#include "stats_rep.h"

#define EPS 1e-9

/* ---- names, words and formats ---- */

const char *fsc_obs_metric_name(enum fsc_obs_metric m)
{
	static const char *const n[] = { "bw", "iops", "p50", "p99", "p9999",
					 "cpu" };

	return n[m];
}

const char *fsc_obs_metric_title(enum fsc_obs_metric m)
{
	static const char *const n[] = {
		"Bandwidth", "IOPS", "Median completion latency (p50)",
		"p99 completion latency", "p99.99 completion latency",
		"CPU cost (CPU seconds per GiB moved)",
	};

	return n[m];
}

int fsc_obs_metric_is_latency(enum fsc_obs_metric m)
{
	return m >= FSC_OBS_P50 && m <= FSC_OBS_P9999;
}

int fsc_obs_metric_lower(enum fsc_obs_metric m)
{
	return fsc_obs_metric_is_latency(m) || m == FSC_OBS_CPU;
}

const char *fsc_obs_verdict_name(enum fsc_obs_verdict v)
{
	static const char *const n[] = { "missing", "baseline", "no-baseline",
		"close", "better", "worse", "inconclusive", "noisy" };

	return n[v];
}

const char *fsc_obs_verdict_words(const struct fsc_obs *obs,
				  const struct fsc_obs_cell *c)
{
	int lat = fsc_obs_metric_is_latency(obs->metric);
	int cpu = obs->metric == FSC_OBS_CPU;

	switch (c->verdict) {
	case FSC_OBS_CLOSE:
		return "close to";
	case FSC_OBS_BETTER:
		if (cpu)	/* #20 */
			return c->slight ? "slightly cheaper" : "cheaper";
		if (c->slight)
			return lat ? "slightly faster" : "slightly outperforms";
		return lat ? "faster" : "outperforms";
	case FSC_OBS_WORSE:
		if (cpu)
			return c->slight ? "slightly costlier" : "costlier";
		if (c->slight)
			return lat ? "slightly slower" : "slightly worse";
		return lat ? "slower" : "worse";
	case FSC_OBS_INCONCLUSIVE:
		return "inconclusive";
	case FSC_OBS_NOISY:
		return "too noisy";
	case FSC_OBS_MISSING:
		return c->all_failed ? "all runs failed" : "missing";
	default:
		return fsc_obs_verdict_name(c->verdict);
	}
}

const char *fsc_obs_prose_name(const char *runtime)
{
	return !strcmp(runtime, "bare-metal") ? "bare metal" : runtime;
}

/* ---- reading the store ---- */

/* The scenarios that match --where (where.h). */
static const char q_cells[] =
	"SELECT t.scenario_id, s.runtime, s.backend, s.rw, s.bs,"
	" COALESCE(s.clients, t.clients), s.iodepth, s.numjobs, s.labels,"
	" CASE t.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' ELSE 'trim' END,"
	" t.ddir, t.runs, t.reps, t.failed_runs, t.bw_bytes, t.iops,"
	" t.clat_p50_ns, t.clat_p99_ns, t.clat_p9999_ns, t.latency_exact,"
	" t.overlap, t.bw_cv, t.iops_cv, t.p99_cv"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" WHERE" FSC_WHERE_SQL
	" ORDER BY t.scenario_id, t.ddir";

static const char q_runtimes[] =
	"SELECT DISTINCT s.runtime, s.backend, s.labels FROM scenario s"
	" JOIN scenario_stat t ON t.scenario_id = s.id";

struct entry {
	char *runtime, *backend, *rw, *ddir, *labels;
	int64_t bs, clients, iodepth, numjobs;
	int64_t scenario;	/* scenario.id */
	int ddir_n, rank;
	char *col;		/* the compared key's value: the column */
	double bw, p99;		/* for the saturation point; NAN: none */
	double cv;		/* #20: the stored CV of the metric; -1: none */
	struct fsc_obs_cell cell;
};

static char *col_text(sqlite3_stmt *s, int i)
{
	return fsc_strdup((const char *)sqlite3_column_text(s, i));
}

static int64_t col_int(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 :
	       sqlite3_column_int64(s, i);
}

static double pct_of(enum fsc_obs_metric m)
{
	return m == FSC_OBS_P50 ? 50 : m == FSC_OBS_P99 ? 99 : 99.99;
}

/* #20: the CV threshold of o's metric. */
static double noisy_of(const struct fsc_obs_opts *o)
{
	/* #20: CPU cost, a ratio of two measured sums, takes latency's */
	if (fsc_obs_metric_lower(o->metric))
		return o->noisy_lat > 0 ? o->noisy_lat : FSC_OBS_NOISY_LAT;
	return o->noisy_tput > 0 ? o->noisy_tput : FSC_OBS_NOISY_TPUT;
}

static int load(sqlite3 *db, const struct fsc_obs_opts *o,
		const char *keep, struct entry **out, size_t *nout)
{
	static const int vcol[] = { 14, 15, 16, 17, 18, 14 };
	/* #20: the stored CV's column; 0: computed here (fsc_stats_cv) */
	static const int cvcol[] = { 21, 22, 0, 23, 0, 0 };
	struct fsc_where w = FSC_WHERE_INIT;
	sqlite3_stmt *s;
	struct entry *es = NULL;
	size_t n = 0, cap = 0;
	int k, rc;

	if (sqlite3_prepare_v2(db, q_cells, -1, &s, NULL) != SQLITE_OK)
		return -1;
	/* the baseline is kept whatever KEY= (keep: "KEY=VALUE") */
	fsc_where_copy(&w, o->where);
	if (keep)
		fsc_where_add(&w, keep, NULL);
	fsc_where_bind(&w, s);
	fsc_where_free(&w);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct entry *e;
		int vc = vcol[o->metric];

		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			es = fsc_realloc(es, cap * sizeof(*es));
		}
		e = &es[n++];
		memset(e, 0, sizeof(*e));
		e->runtime = col_text(s, 1);
		e->backend = col_text(s, 2);
		e->rw = col_text(s, 3);
		e->bs = col_int(s, 4);
		e->clients = col_int(s, 5);
		e->iodepth = col_int(s, 6);
		e->numjobs = col_int(s, 7);
		e->labels = col_text(s, 8);
		e->ddir = col_text(s, 9);
		e->ddir_n = sqlite3_column_int(s, 10);
		e->bw = sqlite3_column_type(s, 14) == SQLITE_NULL ? NAN :
			sqlite3_column_double(s, 14);
		e->p99 = sqlite3_column_type(s, 17) == SQLITE_NULL ? NAN :
			 sqlite3_column_double(s, 17);
		e->cell.runs = sqlite3_column_int(s, 11);
		e->cell.reps = sqlite3_column_int(s, 12);
		e->cell.failed = sqlite3_column_int(s, 13);
		e->cell.verdict = sqlite3_column_type(s, vc) == SQLITE_NULL ?
				  FSC_OBS_MISSING : FSC_OBS_NO_BASE;
		e->cell.value = sqlite3_column_double(s, vc);
		/* no value because no run succeeded: not a 0, not missing */
		e->cell.all_failed = e->cell.verdict == FSC_OBS_MISSING &&
				     e->cell.runs == 0 && e->cell.failed > 0;
		e->cell.exact = !fsc_obs_metric_is_latency(o->metric) ||
				sqlite3_column_int(s, 19);
		e->cell.overlap = sqlite3_column_type(s, 20) == SQLITE_NULL ?
				  -1 : sqlite3_column_double(s, 20);
		e->scenario = sqlite3_column_int64(s, 0);
		e->cell.scenario = e->scenario;
		e->cell.alt = -1;
		e->cell.idle = -1;
		e->cv = !cvcol[o->metric] ||
			    sqlite3_column_type(s, cvcol[o->metric]) ==
			    SQLITE_NULL ? -1 :
			    sqlite3_column_double(s, cvcol[o->metric]);
	}
	sqlite3_finalize(s);
	*out = es;
	*nout = n;
	if (rc != SQLITE_DONE)
		return -1;
	for (k = 0; k < (int)n; k++) {
		struct fsc_obs_cell *c = &es[k].cell;
		struct fsc_rep_stat a;

		if (o->metric == FSC_OBS_CPU && c->verdict != FSC_OBS_MISSING) {
			/* #20: the value is the scenario's, all directions */
			double v, alt;

			if (fsc_obs_cpu(db, es[k].scenario, &v, &alt, &c->nrep,
					&c->rep_mean, &c->rep_var) < 0)
				return -1;
			c->value = v;
			c->alt = isnan(alt) ? -1 : alt;
			if (isnan(v))
				c->verdict = FSC_OBS_MISSING;
			if (c->nrep < 2)
				c->nrep = 0;
		}
		if (c->reps >= 2 && c->verdict != FSC_OBS_MISSING &&
		    !c->nrep && o->metric != FSC_OBS_CPU) {
			if (fsc_stats_rep(db, es[k].scenario, es[k].ddir_n,
					  o->metric == FSC_OBS_BW ? FSC_REP_BW :
					  o->metric == FSC_OBS_IOPS ? FSC_REP_IOPS :
					  FSC_REP_LAT, pct_of(o->metric), &a) < 0)
				return -1;
			c->nrep = a.n;
			c->rep_mean = a.mean;
			c->rep_var = a.var;
		}
		/* #20 spread: stored by the statistics refresh for
		 * bandwidth, IOPS and p99 (NULL with fewer than 3
		 * repetitions), by the same rule (fsc_stats_cv) here for
		 * the other percentiles */
		c->cv = -1;
		if (c->verdict != FSC_OBS_MISSING && cvcol[o->metric] &&
		    es[k].cv >= 0)
			c->cv = es[k].cv;
		else if (c->verdict != FSC_OBS_MISSING && !cvcol[o->metric]) {
			a.n = c->nrep;
			a.mean = c->rep_mean;
			a.var = c->rep_var;
			c->cv = fsc_stats_cv(&a);
		}
		c->noisy = c->cv > noisy_of(o) + EPS;
	}
	return 0;
}

static void entry_free(struct entry *e)
{
	free(e->runtime);
	free(e->backend);
	free(e->rw);
	free(e->ddir);
	free(e->labels);
	free(e->col);
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return !a - !b;	/* unknown last */
	return strcmp(a, b);
}

static int cmp_int(int64_t a, int64_t b)
{
	if (a < 0 || b < 0)
		return (a < 0) - (b < 0);
	return a < b ? -1 : a > b;
}

/* Pattern key: all but clients and the compared key (whose values the
 * columns are: observe() leaves it NULL in the entries). */
static int cmp_pattern(const struct entry *a, const struct entry *b)
{
	int c;

	if ((c = fsc_key_cmp(FSC_KEY_RUNTIME, a->runtime, b->runtime)) ||
	    (c = cmp_str(a->backend, b->backend)) ||
	    (c = cmp_int(a->bs, b->bs)) ||
	    (c = fsc_key_rw_rank(a->rw) - fsc_key_rw_rank(b->rw)) ||
	    (c = cmp_str(a->rw, b->rw)) || (c = a->ddir_n - b->ddir_n) ||
	    (c = cmp_int(a->iodepth, b->iodepth)) ||
	    (c = cmp_int(a->numjobs, b->numjobs)))
		return c;
	return cmp_str(a->labels, b->labels);
}

static int cmp_row(const struct entry *a, const struct entry *b)
{
	int c = cmp_pattern(a, b);

	return c ? c : cmp_int(a->clients, b->clients);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = cmp_row(a, b);

	return c ? c : a->rank - b->rank;
}

static int cmp_runtime(const void *pa, const void *pb)
{
	const struct entry *a = *(const struct entry *const *)pa;
	const struct entry *b = *(const struct entry *const *)pb;

	return a->rank - b->rank;
}

/* Fill obs->runtimes in column order; the baseline first. */
static void columns(struct fsc_obs *obs, struct entry *es, size_t n)
{
	struct entry **u = fsc_calloc(n, sizeof(*u));
	size_t nu = 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < nu; j++)
			if (!cmp_str(u[j]->col, es[i].col))
				break;
		if (j == nu)
			u[nu++] = &es[i];
	}
	qsort(u, nu, sizeof(*u), cmp_runtime);
	obs->runtimes = fsc_calloc(nu, sizeof(char *));
	for (j = 0; j < nu; j++)
		obs->runtimes[j] = fsc_strdup(u[j]->col);
	obs->nruntimes = nu;
	free(u);
}

static size_t column_of(const struct fsc_obs *obs, const char *rt)
{
	size_t j;

	for (j = 0; j < obs->nruntimes; j++)
		if (!strcmp(obs->runtimes[j], rt))
			return j;
	return 0;
}

static void rows(struct fsc_obs *obs, struct entry *es, size_t n)
{
	size_t i, j, cap = 0;
	struct fsc_obs_row *r = NULL;

	for (i = 0; i < n; i++) {
		struct fsc_obs_cell *c;

		if (!i || cmp_row(&es[i - 1], &es[i])) {
			if (obs->nrows == cap) {
				cap = cap ? 2 * cap : 32;
				obs->rows = fsc_realloc(obs->rows,
							cap * sizeof(*r));
			}
			r = &obs->rows[obs->nrows++];
			memset(r, 0, sizeof(*r));
			r->runtime = fsc_strdup(es[i].runtime);
			r->backend = fsc_strdup(es[i].backend);
			r->rw = fsc_strdup(es[i].rw);
			r->ddir = fsc_strdup(es[i].ddir);
			r->labels = fsc_strdup(es[i].labels);
			r->bs = es[i].bs;
			r->clients = es[i].clients;
			r->iodepth = es[i].iodepth;
			r->numjobs = es[i].numjobs;
			r->group = !i ? 0 : obs->rows[obs->nrows - 2].group +
				   (cmp_pattern(&es[i - 1], &es[i]) != 0);
			r->cells = fsc_calloc(obs->nruntimes, sizeof(*c));
		}
		c = &r->cells[column_of(obs, es[i].col)];
		if (c->reps)
			c->dups++;	/* keep the first scenario */
		else
			*c = es[i].cell;
	}
	/* what varies, and patterns with several directions */
	for (i = 1; i < obs->nrows; i++) {
		const struct fsc_obs_row *a = &obs->rows[0], *b = &obs->rows[i];

		obs->vary_runtime |= cmp_str(a->runtime, b->runtime) != 0;
		obs->vary_backend |= cmp_str(a->backend, b->backend) != 0;
		obs->vary_bs |= a->bs != b->bs;
		obs->vary_rw |= cmp_str(a->rw, b->rw) != 0;
		obs->vary_iodepth |= a->iodepth != b->iodepth;
		obs->vary_numjobs |= a->numjobs != b->numjobs;
		obs->vary_labels |= cmp_str(a->labels, b->labels) != 0;
	}
	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nrows; j++) {
			struct fsc_obs_row *a = &obs->rows[i], *b = &obs->rows[j];

			if (strcmp(a->ddir, b->ddir) &&
			    !cmp_str(a->runtime, b->runtime) &&
			    !cmp_str(a->backend, b->backend) && a->bs == b->bs &&
			    !cmp_str(a->rw, b->rw) && a->iodepth == b->iodepth &&
			    a->numjobs == b->numjobs &&
			    !cmp_str(a->labels, b->labels))
				a->show_ddir = 1;
		}
}

/* ---- the rules ---- */

/* Fieller's 95% interval for mx/my (independent samples; see the top of
 * the file).  lo/hi are -inf/inf when the interval is unbounded. */
void fsc_obs_fieller(const struct fsc_obs_cell *x,
		     const struct fsc_obs_cell *y, double *lo, double *hi)
{
	double mx = x->rep_mean, my = y->rep_mean, r = mx / my;
	double vx = x->rep_var / x->nrep, vy = y->rep_var / y->nrep;
	double den, df, t, a, d;

	if (vx + vy <= 0) {
		*lo = *hi = r;
		return;
	}
	den = vx * vx / (x->nrep - 1) + r * r * r * r * vy * vy / (y->nrep - 1);
	df = (vx + r * r * vy) * (vx + r * r * vy) / den;
	t = fsc_t95(df < 1 ? 1 : (int)floor(df));
	a = my * my - t * t * vy;
	if (a <= 0) {
		*lo = -INFINITY;
		*hi = INFINITY;
		return;
	}
	d = sqrt(mx * mx * vy + my * my * vx - t * t * vx * vy);
	*lo = (mx * my - t * d) / a;
	*hi = (mx * my + t * d) / a;
}

void fsc_obs_decide(const struct fsc_obs *obs, struct fsc_obs_cell *c,
		    const struct fsc_obs_cell *b)
{
	int lat = fsc_obs_metric_lower(obs->metric), up;

	c->ratio = c->value / b->value;
	c->has_ratio = 1;
	if (c->nrep >= 2 && b->nrep >= 2 && b->rep_mean > 0) {
		c->has_ci = 1;
		fsc_obs_fieller(c, b, &c->ci_lo, &c->ci_hi);
		if (c->noisy || b->noisy)
			c->verdict = FSC_OBS_NOISY;	/* #20: outranks */
		else if (c->ci_lo > 1 || c->ci_hi < 1) {
			up = c->ci_lo > 1;
			c->verdict = up != lat ? FSC_OBS_BETTER : FSC_OBS_WORSE;
			c->slight = fabs(c->ratio - 1) <= obs->close + EPS;
		} else if (c->ci_lo >= 1 - obs->close - EPS &&
			   c->ci_hi <= 1 + obs->close + EPS) {
			c->verdict = FSC_OBS_CLOSE;
		} else {
			c->verdict = FSC_OBS_INCONCLUSIVE;
		}
		return;
	}
	c->single = 1;
	if (c->noisy || b->noisy)
		c->verdict = FSC_OBS_NOISY;	/* #20: outranks */
	else if (fabs(c->ratio - 1) <= obs->close + EPS)
		c->verdict = FSC_OBS_CLOSE;
	else
		c->verdict = (c->ratio > 1) != lat ? FSC_OBS_BETTER :
			     FSC_OBS_WORSE;
}

static void verdicts(struct fsc_obs *obs)
{
	/* #20: plausibility: throughput against bare metal only */
	int physical = (obs->metric == FSC_OBS_BW ||
			obs->metric == FSC_OBS_IOPS) &&
		       obs->key && !strcmp(obs->key, "runtime") &&
		       !strcmp(obs->runtimes[0], "bare-metal");
	size_t i, j;

	for (i = 0; i < obs->nrows; i++) {
		struct fsc_obs_cell *b = &obs->rows[i].cells[0];
		int base_ok = b->verdict != FSC_OBS_MISSING && b->value > 0;
		/* (a baseline whose runs all failed has no value: no ratio) */

		if (b->verdict != FSC_OBS_MISSING)
			b->verdict = FSC_OBS_BASELINE;
		for (j = 0; j < obs->nruntimes; j++) {
			struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (c->verdict == FSC_OBS_MISSING) {
				if (c->all_failed)
					obs->all_failed++;
				else
					obs->missing++;
				continue;
			}
			obs->approx += !c->exact;
			obs->noisy_cells += c->noisy;
			obs->few_reps += c->reps == 2;
			obs->nooverlap += c->overlap >= 0 &&
					  c->overlap < obs->min_overlap;
			obs->failed += c->failed > 0;
			if (!j)
				continue;
			if (!base_ok) {
				obs->no_base++;
				continue;
			}
			fsc_obs_decide(obs, c, b);
			c->caveat = physical && c->verdict == FSC_OBS_BETTER;
			obs->caveats += c->caveat;
			obs->tests += c->has_ci && c->verdict != FSC_OBS_NOISY;
			obs->single += c->single;
			obs->repeated += !c->single;
		}
	}
}

/* ---- the compared key and its baseline ---- */

/* The distinct values of key in the whole store, in order, as "a, b". */
static int values_present(sqlite3 *db, const char *key, struct fsc_buf *b)
{
	struct fsc_model m = FSC_MODEL_INIT;
	sqlite3_stmt *s;
	int k, rc;
	size_t i;

	if (sqlite3_prepare_v2(db, q_runtimes, -1, &s, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fsc_model_scn sc;

		memset(&sc, 0, sizeof(sc));
		sc.runtime = (const char *)sqlite3_column_text(s, 0);
		sc.backend = (const char *)sqlite3_column_text(s, 1);
		sc.labels = (const char *)sqlite3_column_text(s, 2);
		sc.bs = sc.clients = sc.iodepth = sc.numjobs = -1;
		fsc_model_add(&m, &sc);
	}
	sqlite3_finalize(s);
	fsc_model_finish(&m);
	k = fsc_model_find(&m, key);
	for (i = 0; k >= 0 && i < m.keys[k].nvalues; i++)
		fsc_buf_addf(b, "%s%s", i ? ", " : "", m.keys[k].values[i]);
	fsc_model_free(&m);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The baseline is absent: say which values there are. */
static int no_baseline(sqlite3 *db, const char *key, const char *value,
		       size_t nentries, struct fsc_err *err)
{
	struct fsc_buf b = FSC_BUF_INIT, v = FSC_BUF_INIT;
	int rt = !strcmp(key, "runtime");
	const char *p;

	if (values_present(db, key, &b) < 0)
		return fsc_err_set(err, NULL, "%s", sqlite3_errmsg(db));
	fsc_buf_addf(&v, ", %s, ", b.buf);
	p = strstr(v.buf, value);
	if (!nentries)
		fsc_err_set(err, NULL, "no scenario matches --where");
	else if (p && p[-1] == ' ' && !strncmp(p + strlen(value), ", ", 2))
		fsc_err_set(err, NULL, "no scenario of baseline %s '%s'"
			    " matches --where", key, value);
	else if (rt && b.len)
		fsc_err_set(err, NULL, "baseline runtime '%s' not in the"
			    " store; runtimes present: %s (choose one with"
			    " --baseline)", value, b.buf);
	else if (b.len)
		fsc_err_set(err, NULL, "baseline %s '%s' not in the store;"
			    " values present: %s (choose one with --baseline"
			    " %s=VALUE)", key, value, b.buf, key);
	else
		fsc_err_set(err, NULL, "baseline %s '%s': no scenario states"
			    " a %s (keys that vary can be compared: see"
			    " 'fioscope ls')", key, value, key);
	fsc_buf_release(&b);
	fsc_buf_release(&v);
	return -1;
}

static void model_of(const struct entry *es, size_t n, struct fsc_model *m)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct fsc_model_scn sc;

		sc.runtime = es[i].runtime;
		sc.backend = es[i].backend;
		sc.rw = es[i].rw;
		sc.ddir = es[i].ddir;
		sc.labels = es[i].labels;
		sc.bs = es[i].bs;
		sc.clients = es[i].clients;
		sc.iodepth = es[i].iodepth;
		sc.numjobs = es[i].numjobs;
		fsc_model_add(m, &sc);
	}
	fsc_model_finish(m);
}

static int store_has(sqlite3 *db, const char *runtime)
{
	sqlite3_stmt *s;
	int has = 0;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM scenario s JOIN"
			       " scenario_stat t ON t.scenario_id = s.id"
			       " WHERE s.runtime = ?1 LIMIT 1", -1, &s,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, runtime, -1, SQLITE_STATIC);
	has = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return has;
}

/* Which key to compare and its baseline value (both allocated), or
 * *key NULL and obs->note the hint when nothing is to be compared. */
static void choose(sqlite3 *db, const struct fsc_obs_opts *o,
		   const struct fsc_model *m, struct fsc_obs *obs,
		   char **key, char **value)
{
	struct fsc_buf t = FSC_BUF_INIT;
	const char *eq = o->baseline ? strchr(o->baseline, '=') : NULL;
	size_t k, nc = 0, last = 0;

	*key = *value = NULL;
	if (eq) {
		*key = fsc_strndup(o->baseline, (size_t)(eq - o->baseline));
		*value = fsc_strdup(eq + 1);
		return;
	}
	if (o->baseline || store_has(db, "bare-metal")) {
		*key = fsc_strdup("runtime");
		*value = fsc_strdup(o->baseline ? o->baseline : "bare-metal");
		return;
	}
	for (k = 0; k < m->nkeys; k++)
		if (m->keys[k].varies &&
		    m->keys[k].kind == FSC_KEY_CATEGORICAL) {
			nc++;
			last = k;
		}
	if (nc == 1) {
		*key = fsc_strdup(m->keys[last].name);
		*value = fsc_strdup(m->keys[last].values[0]);
		fsc_buf_addf(&t, "Compared: %s, against %s (the first %s in"
			     " order; choose another with --baseline"
			     " %s=VALUE)", *key, *value, *key, *key);
	} else if (nc) {
		fsc_buf_adds(&t, "No comparison: several keys vary (");
		fsc_model_compared(m, &t);
		fsc_buf_adds(&t, "); choose one with --baseline KEY=VALUE");
	} else {
		fsc_buf_adds(&t, "No comparison: no runtime, backend or"
			     " label varies in these scenarios; --baseline"
			     " KEY=VALUE compares the values of a key");
	}
	obs->note = fsc_buf_detach(&t);
}

/* Move the compared key's value from each entry's row key into col. */
static void split_key(struct entry *es, size_t n, const char *key)
{
	enum fsc_key_id id = fsc_key_id(key);
	size_t i;

	for (i = 0; i < n; i++) {
		struct entry *e = &es[i];
		struct fsc_buf b = FSC_BUF_INIT;
		int64_t *num = id == FSC_KEY_BS ? &e->bs : id == FSC_KEY_CLIENTS ?
			       &e->clients : id == FSC_KEY_IODEPTH ? &e->iodepth :
			       id == FSC_KEY_NUMJOBS ? &e->numjobs : NULL;
		char *drop;

		switch (id) {
		case FSC_KEY_RUNTIME:
			e->col = e->runtime;
			e->runtime = NULL;
			break;
		case FSC_KEY_BACKEND:
			e->col = e->backend;
			e->backend = NULL;
			break;
		case FSC_KEY_RW:
			e->col = e->rw;
			e->rw = NULL;
			break;
		case FSC_KEY_LABEL:
			e->col = fsc_key_label_get(e->labels, key);
			drop = fsc_key_label_drop(e->labels, key);
			free(e->labels);
			e->labels = drop;
			break;
		default:
			if (*num >= 0) {
				fsc_buf_addf(&b, "%lld", (long long)*num);
				e->col = fsc_buf_detach(&b);
			}
			*num = -1;
			break;
		}
	}
}

/* Rank the columns: the baseline 0, the others in the key's order from
 * 1.  Whether the baseline is there. */
static int rank_columns(struct entry *es, size_t n, enum fsc_key_id id,
			const char *baseline)
{
	size_t i, j;
	int base = 0;

	for (i = 0; i < n; i++) {
		es[i].rank = 1;
		if (!strcmp(es[i].col, baseline)) {
			es[i].rank = 0;
			base = 1;
			continue;
		}
		for (j = 0; j < n; j++)
			es[i].rank += strcmp(es[j].col, baseline) &&
				      fsc_key_cmp(id, es[j].col, es[i].col) < 0;
	}
	return base;
}

static void free_entries(struct entry *es, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		entry_free(&es[i]);
	free(es);
}

void fsc_obs_opts_init(struct fsc_obs_opts *o, enum fsc_obs_metric m,
		       const char *baseline, const struct fsc_where *where)
{
	memset(o, 0, sizeof(*o));
	o->metric = m;
	o->baseline = baseline;
	o->where = where;
	o->close = FSC_CLOSE_BAND;
	o->min_overlap = FSC_OVERLAP_MIN;
}

struct fsc_obs *fsc_obs_new(struct fsc_store *st,
			    const struct fsc_obs_opts *o, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	struct fsc_obs *obs = NULL;
	struct fsc_model m = FSC_MODEL_INIT;
	struct fsc_buf keep = FSC_BUF_INIT;
	struct entry *es = NULL;
	struct fsc_obs_point *pts = NULL;
	char *key = NULL, *value = NULL;
	size_t n = 0, i, k;

	if (fsc_where_check(o->where, db, err) < 0)
		return NULL;
	if (load(db, o, NULL, &es, &n) < 0)
		goto db_error;
	if (!n) {
		sqlite3_stmt *s;

		fsc_err_set(err, NULL, "no scenario matches --where");
		if (sqlite3_prepare_v2(db, "SELECT 1 FROM scenario_stat", -1, &s,
				       NULL) == SQLITE_OK) {
			if (sqlite3_step(s) != SQLITE_ROW)
				fsc_err_set(err, NULL,
					    "no scenarios in the store");
			sqlite3_finalize(s);
		}
		goto out;
	}
	obs = fsc_calloc(1, sizeof(*obs));
	obs->metric = o->metric;
	obs->close = o->close;
	obs->min_overlap = o->min_overlap;
	obs->noisy = noisy_of(o);
	model_of(es, n, &m);
	choose(db, o, &m, obs, &key, &value);
	if (key && fsc_where_has(o->where, key)) {
		/* keep the baseline whatever KEY= */
		free_entries(es, n);
		n = 0;
		fsc_model_free(&m);
		fsc_buf_addf(&keep, "%s=%s", key, value);
		es = NULL;
		if (load(db, o, keep.buf, &es, &n) < 0)
			goto db_error;
		model_of(es, n, &m);
	}
	pts = fsc_calloc(n ? n : 1, sizeof(*pts));
	for (i = 0; i < n; i++) {
		pts[i].cell = es[i].cell;
		pts[i].bw = es[i].bw;
		pts[i].p99 = es[i].p99;
	}
	if (key) {
		int base = 0;
		size_t n0 = n;

		split_key(es, n, key);
		for (i = 0, k = 0; i < n; i++) {
			if (!es[i].col) {	/* not stated: not compared */
				entry_free(&es[i]);
				continue;
			}
			es[k++] = es[i];
		}
		n = k;
		base = rank_columns(es, n, fsc_key_id(key), value);
		if (!base) {
			no_baseline(db, key, value, n0, err);
			fsc_obs_free(obs);
			obs = NULL;
			goto out;
		}
		obs->key = fsc_strdup(key);
		qsort(es, n, sizeof(*es), cmp_entry);
		columns(obs, es, n);
		rows(obs, es, n);
		verdicts(obs);
		if (o->fdr > 0)
			fsc_obs_fdr(obs, o->fdr);	/* #20 */
		if (fsc_obs_starved(obs, db, o->cpu_starved > 0 ?
				    o->cpu_starved : FSC_OBS_STARVED) < 0 ||
		    fsc_obs_dataset(obs, db, o->node_mem) < 0)
			goto db_error;	/* #20 */
		if (fsc_obs_like(obs, db) < 0 ||	/* #20 */
		    fsc_obs_window(obs, db) < 0)
			goto db_error;
		fsc_obs_findings(obs);
	}
	fsc_obs_scaling(obs, &m, pts);
	goto out;
db_error:
	fsc_err_set(err, sqlite3_db_filename(db, "main"),
		    "reading scenario statistics: %s", sqlite3_errmsg(db));
	fsc_obs_free(obs);
	obs = NULL;
out:
	free(pts);
	free_entries(es, n);
	fsc_model_free(&m);
	fsc_buf_release(&keep);
	free(key);
	free(value);
	return obs;
}

void fsc_obs_free(struct fsc_obs *obs)
{
	size_t i;

	if (!obs)
		return;
	for (i = 0; i < obs->nruntimes; i++)
		free(obs->runtimes[i]);
	free(obs->runtimes);
	for (i = 0; i < obs->nwin_notes; i++)
		free(obs->win_notes[i]);
	free(obs->win_notes);
	for (i = 0; i < obs->nrows; i++) {
		free(obs->rows[i].runtime);
		free(obs->rows[i].backend);
		free(obs->rows[i].rw);
		free(obs->rows[i].ddir);
		free(obs->rows[i].labels);
		free(obs->rows[i].cells);
	}
	free(obs->rows);
	for (i = 0; i < obs->nfindings; i++) {
		free(obs->findings[i].group);
		free(obs->findings[i].runtime);
		free(obs->findings[i].verdict);
		free(obs->findings[i].text);
	}
	free(obs->findings);
	free(obs->summary);
	free(obs->key);
	free(obs->note);
	free(obs->like_notes);
	if (obs->starved_who)
		for (i = 0; i < obs->nrows * obs->nruntimes; i++)
			free(obs->starved_who[i]);
	free(obs->starved_who);
	free(obs);
}
