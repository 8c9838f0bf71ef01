/*
 * observe_spread.c (#20): the judgement around the verdicts: the
 * footnotes of spread, plausibility and multiple comparisons, and the
 * Benjamini-Hochberg procedure over the cells decided by a confidence
 * interval (Y. Benjamini, Y. Hochberg, "Controlling the false discovery
 * rate", J. R. Statist. Soc. B 57 (1995) 289-300).
 *
 * A cell's p-value is Welch's two-sided t test of equal means, the test
 * whose rejection is the Fieller interval excluding 1 (observe.c): t =
 * (mx - my) / sqrt(vx/nx + vy/ny), Welch-Satterthwaite df, p = I_x(df/2,
 * 1/2) with x = df / (df + t^2), I the regularised incomplete beta
 * function (continued fraction, modified Lentz).
 */
#include <math.h>
#include <stdlib.h>
#include "observe.h"

#define PL(n) ((n) == 1 ? "" : "s")

/* The continued fraction of I_x(a, b), for x < (a + 1) / (a + b + 2). */
static double beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, del, num;
	int m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 300; m++) {
		num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + num * d;
		c = 1 + num / c;
		d = 1 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1 + num * d;
		c = 1 + num / c;
		d = 1 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		del = d * c;
		h *= del;
		if (fabs(del - 1) < 1e-14)
			break;
	}
	return h;
}

/* The regularised incomplete beta function I_x(a, b). */
static double ibeta(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
		    b * log1p(-x));
	if (x < (a + 1) / (a + b + 2))
		return front * beta_cf(a, b, x) / a;
	return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double fsc_obs_pvalue(const struct fsc_obs_cell *x,
		      const struct fsc_obs_cell *y)
{
	double vx = x->rep_var / x->nrep, vy = y->rep_var / y->nrep;
	double t, df;

	if (vx + vy <= 0)
		return x->rep_mean == y->rep_mean ? 1 : 0;
	t = (x->rep_mean - y->rep_mean) / sqrt(vx + vy);
	df = (vx + vy) * (vx + vy) / (vx * vx / (x->nrep - 1) +
				       vy * vy / (y->nrep - 1));
	return ibeta(df / 2, 0.5, df / (df + t * t));
}

struct pcell {
	double p;
	struct fsc_obs_cell *c;
};

static int cmp_p(const void *a, const void *b)
{
	double x = ((const struct pcell *)a)->p, y = ((const struct pcell *)b)->p;

	return x < y ? -1 : x > y;
}

void fsc_obs_fdr(struct fsc_obs *obs, double q)
{
	struct pcell *pc;
	size_t i, j, m = 0, k = 0;

	obs->fdr = q;
	pc = fsc_calloc(obs->nrows * obs->nruntimes + 1, sizeof(*pc));
	for (i = 0; i < obs->nrows; i++)
		for (j = 1; j < obs->nruntimes; j++) {
			struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (!c->has_ci || c->verdict == FSC_OBS_NOISY)
				continue;
			pc[m].p = fsc_obs_pvalue(c, &obs->rows[i].cells[0]);
			pc[m++].c = c;
		}
	qsort(pc, m, sizeof(*pc), cmp_p);
	/* the largest k with p(k) <= k q / m: the k smallest are kept */
	for (i = m; i > 0; i--)
		if (pc[i - 1].p <= (double)i * q / (double)m) {
			k = i;
			break;
		}
	for (i = k; i < m; i++) {
		struct fsc_obs_cell *c = pc[i].c;

		if (c->verdict != FSC_OBS_BETTER && c->verdict != FSC_OBS_WORSE)
			continue;
		/* as if the interval held 1: close when inside the band */
		c->verdict = c->ci_lo >= 1 - obs->close - 1e-9 &&
			     c->ci_hi <= 1 + obs->close + 1e-9 ?
			     FSC_OBS_CLOSE : FSC_OBS_INCONCLUSIVE;
		c->slight = 0;
		obs->caveats -= c->caveat != 0;
		c->caveat = 0;
		obs->fdr_dropped++;
	}
	obs->fdr_tests = m;
	free(pc);
}

void fsc_obs_footnotes_20(const struct fsc_obs *obs, struct fsc_buf *out)
{
	size_t cells = 0, i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++)
			cells += obs->rows[i].cells[j].verdict != FSC_OBS_MISSING;
	if (obs->noisy_cells)
		fsc_buf_addf(out, "noisy: too noisy to conclude in %zu cell%s:"
			     " the spread across repetitions (coefficient of"
			     " variation, N-1) is above %.0f%%, on the cell or"
			     " its baseline; this verdict outranks the others"
			     " ('fioscope observe --rerun' lists them).\n",
			     obs->noisy_cells, PL(obs->noisy_cells),
			     100 * obs->noisy);
	if (obs->few_reps)
		fsc_buf_addf(out, "Two repetitions only in %zu of %zu cell%s:"
			     " fewer than 3, their spread cannot be judged"
			     " (and the 95%% interval takes t = 12.7).\n",
			     obs->few_reps, cells, PL(cells));
	if (obs->caveats)
		fsc_buf_addf(out, "! beyond the bare-metal baseline in %zu"
			     " cell%s: writes there usually mean a cache or a"
			     " weaker durability guarantee, reads a cache (see"
			     " the plausibility caveats).\n", obs->caveats,
			     PL(obs->caveats));
	if (obs->tests)
		fsc_buf_addf(out, "Multiple comparisons: %zu cell%s tested at"
			     " 95%% confidence; chance alone would give about"
			     " %.1f difference%s%s.\n", obs->tests,
			     PL(obs->tests), 0.05 * (double)obs->tests,
			     0.05 * (double)obs->tests == 1 ? "" : "s",
			     obs->fdr > 0 ? "" : " (--fdr Q controls the false"
			     " discovery rate)");
	if (obs->like_notes)
		fsc_buf_adds(out, obs->like_notes);
	if (obs->fdr > 0)
		fsc_buf_addf(out, "False discovery rate: Benjamini-Hochberg at"
			     " %g over %zu tested cell%s set %zu difference%s"
			     " back to close or inconclusive.\n", obs->fdr,
			     obs->fdr_tests, PL(obs->fdr_tests),
			     obs->fdr_dropped, PL(obs->fdr_dropped));
}
