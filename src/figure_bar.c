/*
 * figure_bar.c: grouped bar charts (template bar.gp) for the scenarios no
 * line chart shows, so that no line has one point: per group of held
 * keys and data direction, one group of bars per pattern, one bar per
 * compared value, its value printed on it and a 95% CI whisker where
 * repetitions exist; one figure each for bandwidth, IOPS, p99
 * completion latency and, where the store has CPU data, CPU seconds per
 * GiB moved (#20).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

static double metric_val(const struct fsc_scn *s, int m, double *ci)
{
	double c = isfinite(s->bw_ci95) ? s->bw_ci95 : 0;

	if (m == FSC_M_CPU) {
		*ci = isfinite(s->cpu_ci95) ? s->cpu_ci95 : 0;
		return s->cpu;
	}
	if (m == FSC_M_LAT) {
		*ci = 0;
		return s->p99;
	}
	if (m == FSC_M_IOPS) {
		*ci = s->bw > 0 ? c * s->iops / s->bw : 0;
		return s->iops;
	}
	*ci = c;
	return s->bw;
}

static void bar_figure(struct fsc_render *r, size_t *idx, size_t n, int m)
{
	const struct fsc_scn *g;
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, w = FSC_BUF_INIT;
	const char **cat = fsc_calloc(n, sizeof(*cat));
	int *lts = fsc_calloc(n, sizeof(int));
	size_t i, k, ncat = 0, nlt = 0;
	double max = 0, div, ci;
	const char *unit, *dname, *what;
	unsigned skip = FSC_K_SERIES | FSC_K_RW;
	struct fsc_fig *f;
	int reps = 0;

	fsc_group_sort(r, idx, n, FSC_X_CLIENTS);
	g = &r->scn[idx[0]];
	dname = fsc_ddir_name(g->ddir);
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		double v = metric_val(s, m, &ci);

		if (isfinite(v) && v + ci > max)
			max = v + ci;
		fsc_add_int(lts, &nlt, s->lt);
		if (!ncat || strcmp(cat[ncat - 1], fsc_txt(s->rw)))
			cat[ncat++] = fsc_txt(s->rw);
		if ((m == FSC_M_CPU ? s->cpu_reps : s->reps) > reps)
			reps = m == FSC_M_CPU ? s->cpu_reps : s->reps;
	}
	if (m == FSC_M_CPU)
		div = 1, unit = "s per GiB";
	else if (m == FSC_M_LAT)
		div = fsc_lat_unit(max, &unit);
	else if (m == FSC_M_IOPS)
		div = fsc_iops_unit(max, &unit);
	else
		div = fsc_bw_unit(max, &unit);
	/* one data set per series: "pattern-index value ci 'label'" */
	for (k = 0; k < nlt; k++) {
		size_t c = 0;

		if (k)
			fsc_buf_adds(&blk, "\n\n");
		fsc_gp_comment(&blk, "%s%spattern number, value (%s), 95%% CI "
			     "half width, printed value", fsc_rt_name(r, lts[k]),
			     *fsc_rt_name(r, lts[k]) ? ": " : "",
			     *unit ? unit : "1");
		for (i = 0; i < n; i++) {
			const struct fsc_scn *s = &r->scn[idx[i]];
			double v;

			while (strcmp(cat[c], fsc_txt(s->rw)))
				c++;
			if (s->lt != lts[k])
				continue;
			v = metric_val(s, m, &ci);
			if (!isfinite(v))
				continue;
			fsc_buf_addf(&blk, "%zu %.6g %.6g \"%.3g\"\n", c + 1,
				     v / div, ci / div, v / div);
		}
	}
	what = m == FSC_M_CPU ? "CPU cost (usr + sys)" :
	       m == FSC_M_LAT ? "p99 completion latency" :
	       m == FSC_M_IOPS ? "IOPS" : "bandwidth";
	fsc_held(r, g, skip, NULL, &w);
	fsc_buf_addf(&t, "%c%s %s", dname[0] - 32, dname + 1, what);
	if (w.len)
		fsc_buf_addf(&t, ": %s", w.buf);
	f = fsc_fig_held(r, m == FSC_M_CPU ? "bar-cpu" :
			 m == FSC_M_LAT ? "bar-lat" : m == FSC_M_IOPS ?
			 "bar-iops" : "bar-bw", "bar", -1, g, skip, t.buf);
	f->kind = "bar";
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "%s %s%s%s%s", dname, what, *unit ? " (" : "", unit,
		     *unit ? ")" : "");
	fsc_gp_str(&f->data, "fig_ylabel", t.buf);
	fsc_buf_reset(&t);
	if (m != FSC_M_LAT && reps > 1)
		fsc_buf_adds(&t, "whiskers: 95% confidence interval over "
			     "repetitions");
	else if (m != FSC_M_LAT)
		fsc_buf_adds(&t, "one repetition per bar: no whiskers");
	else
		fsc_buf_adds(&t, "p99 of the merged runs");
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_num(&f->data, "fig_ymax", max > 0 ? max / div * 1.18 : 1);
	fsc_gp_num(&f->data, "ncats", (double)ncat);
	fsc_gp_strs(&f->data, "cat_name", cat, ncat);
	fsc_gp_series(&f->data, r, lts, NULL, nlt);
	fsc_gp_block(&f->data, "bars", blk.buf);
	fsc_buf_release(&blk);
	fsc_buf_release(&t);
	fsc_buf_release(&w);
	free(cat);
	free(lts);
}

int fsc_fig_bars(struct fsc_render *r, char *drawn, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn + 1, 1);
	size_t *idx = fsc_calloc(r->nscn + 1, sizeof(*idx)), i, j, n, k;
	int m;

	(void)err;
	for (m = FSC_M_BW; m <= FSC_M_CPU; m++) {
		memcpy(done, drawn, r->nscn);
		for (i = 0; i < r->nscn; i++) {
			if (done[i])
				continue;
			n = fsc_group(r, i, FSC_K_SERIES | FSC_K_RW, done, idx);
			/* members a line chart shows stay out */
			for (j = k = 0; j < n; j++)
				if (!drawn[idx[j]] && (m != FSC_M_CPU ||
				    isfinite(r->scn[idx[j]].cpu)))
					idx[k++] = idx[j];
			if (k)
				bar_figure(r, idx, k, m);
		}
	}
	free(done);
	free(idx);
	return 0;
}
