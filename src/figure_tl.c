/*
 * figure_tl.c: throughput-latency curves (template tl.gp).  For an
 * iodepth sweep (else a clients sweep): per group of held keys, pattern
 * and data direction, x = throughput (IOPS for iodepth, bandwidth for
 * clients), y = p99 completion latency (log scale), one point per load
 * level labelled with it, one line per compared value.  The knee of each
 * line is marked (fsc_knee: the last load level before p99 grows faster
 * than throughput); with --slo, the highest throughput whose p99 stays
 * within the objective, and the objective as a line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

int fsc_knee(const double *x, const double *y, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (!(x[i] > 0 && y[i] > 0 && y[i + 1] > 0))
			continue;
		/* relative growth from this load level to the next */
		if (y[i + 1] / y[i] > x[i + 1] / x[i])
			return (int)i;
	}
	return -1;
}

int fsc_slo_best(const double *x, const double *y, size_t n, double slo)
{
	size_t i;
	int best = -1;

	for (i = 0; i < n; i++)
		if (y[i] > 0 && y[i] <= slo && (best < 0 || x[i] > x[best]))
			best = (int)i;
	return best;
}

int fsc_latency_parse(const char *s, double *ns)
{
	static const struct { const char *u; double f; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "\xc2\xb5s", 1e3 },
		{ "ms", 1e6 }, { "s", 1e9 },
	};
	char *e;
	double v;
	size_t i;

	if (!s || !((*s >= '0' && *s <= '9') || *s == '.'))
		return -1;
	v = strtod(s, &e);
	if (e == s || !(v > 0) || !isfinite(v))
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(e, units[i].u)) {
			*ns = v * units[i].f;
			return 0;
		}
	return -1;
}

static double thr(const struct fsc_scn *s, int xk)
{
	return xk == FSC_X_IODEPTH ? s->iops : s->bw;
}

static void tl_figure(struct fsc_render *r, size_t *idx, size_t n, int xk,
		      struct fsc_buf *slo_txt)
{
	const struct fsc_scn *g;
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, w = FSC_BUF_INIT,
		       sl = FSC_BUF_INIT;
	int *lts = fsc_calloc(n, sizeof(int));
	double *x = fsc_calloc(n, sizeof(double)),
	       *y = fsc_calloc(n, sizeof(double));
	size_t *mem = fsc_calloc(n, sizeof(size_t));
	size_t i, k, nlt = 0, nknee = 0;
	double xmax = 0, ymin = INFINITY, ymax = 0, xdiv, ydiv, sbest = -1;
	const char *xu, *yu, *dname;
	unsigned skip = FSC_K_SERIES | fsc_xkey_bit(xk);
	struct fsc_fig *f;
	char lab[48];

	fsc_group_sort(r, idx, n, xk);
	g = &r->scn[idx[0]];
	dname = fsc_ddir_name(g->ddir);
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];

		fsc_add_int(lts, &nlt, s->lt);
		if (thr(s, xk) > xmax)
			xmax = thr(s, xk);
		if (s->p99 > ymax)
			ymax = s->p99;
		if (s->p99 > 0 && s->p99 < ymin)
			ymin = s->p99;
	}
	if (r->slo_ns > ymax)
		ymax = r->slo_ns;
	if (r->slo_ns > 0 && r->slo_ns < ymin)
		ymin = r->slo_ns;
	if (xk == FSC_X_IODEPTH)
		xdiv = fsc_iops_unit(xmax, &xu);
	else
		xdiv = fsc_bw_unit(xmax, &xu);
	ydiv = fsc_lat_unit(ymax, &yu);
	for (k = 0; k < nlt; k++) {
		size_t m = 0;
		int knee, best;

		if (k)
			fsc_buf_adds(&blk, "\n\n");
		fsc_gp_comment(&blk, "%s%sthroughput (%s%s), p99 (%s), load "
			     "level, knee (1), best within the SLO (1)",
			     fsc_rt_name(r, lts[k]),
			     *fsc_rt_name(r, lts[k]) ? ": " : "", xu,
			     xk == FSC_X_IODEPTH ? " IOPS" : "", yu);
		for (i = 0; i < n; i++) {
			const struct fsc_scn *s = &r->scn[idx[i]];

			if (s->lt != lts[k] || !(s->p99 > 0) ||
			    !(thr(s, xk) > 0))
				continue;
			x[m] = thr(s, xk);
			y[m] = s->p99;
			mem[m++] = idx[i];
		}
		knee = m >= 2 ? fsc_knee(x, y, m) : -1;
		best = r->slo_ns > 0 ? fsc_slo_best(x, y, m, r->slo_ns) : -1;
		nknee += knee >= 0;
		if (best >= 0 && x[best] > sbest) {
			const struct fsc_scn *b = &r->scn[mem[best]];

			sbest = x[best];
			fsc_buf_reset(&sl);
			if (*fsc_rt_name(r, lts[k]))
				fsc_buf_addf(&sl, "%s, ", fsc_rt_name(r, lts[k]));
			fsc_buf_addf(&sl, "%.3g%s%s%s, %s %lld", x[best] / xdiv,
				     xk == FSC_X_IODEPTH ? xu : " ",
				     xk == FSC_X_IODEPTH ? "" : xu,
				     xk == FSC_X_IODEPTH ? " IOPS" : "",
				     fsc_xkey_words(r, xk),
				     (long long)fsc_scn_x(b, xk));
		}
		for (i = 0; i < m; i++) {
			snprintf(lab, sizeof(lab), "%lld",
				 (long long)fsc_scn_x(&r->scn[mem[i]], xk));
			fsc_buf_addf(&blk, "%.6g %.6g \"%s\" %d %d\n",
				     x[i] / xdiv, y[i] / ydiv, lab,
				     (int)i == knee, (int)i == best);
		}
		if (!m)
			fsc_buf_adds(&blk, "NaN NaN \"\" 0 0\n");
	}
	fsc_held(r, g, skip, NULL, &w);
	fsc_buf_addf(&t, "%c%s p99 latency vs %s, by %s: %s", dname[0] - 32,
		     dname + 1, xk == FSC_X_IODEPTH ? "IOPS" : "bandwidth",
		     fsc_xkey_words(r, xk), fsc_txt(g->rw));
	if (w.len)
		fsc_buf_addf(&t, ", %s", w.buf);
	f = fsc_fig_held(r, "tl", NULL, xk, g, skip & ~FSC_K_RW, t.buf);
	fsc_buf_reset(&t);
	if (xk == FSC_X_IODEPTH)
		fsc_buf_addf(&t, "%s IOPS%s%s%s", dname, *xu ? " (" : "", xu,
			     *xu ? ")" : "");
	else
		fsc_buf_addf(&t, "%s bandwidth (%s)", dname, xu);
	fsc_gp_str(&f->data, "fig_xlabel", t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "p99 completion latency (%s, log scale)", yu);
	fsc_gp_str(&f->data, "fig_ylabel", t.buf);
	fsc_buf_reset(&t);
	fsc_buf_adds(&t, "ring: knee, the last point before p99 grows "
		     "faster than throughput");
	if (r->slo_ns > 0) {
		if (sl.len)
			fsc_buf_addf(&t, "; square: best with p99 <= %g %s (%s)",
				     r->slo_ns / ydiv, yu, sl.buf);
		else
			fsc_buf_addf(&t, "; no point with p99 <= %g %s",
				     r->slo_ns / ydiv, yu);
		if (slo_txt->len)
			fsc_buf_adds(slo_txt, "\n");
		fsc_buf_addf(slo_txt, "%s: %s", f->name,
			     sl.len ? sl.buf : "no point within the SLO");
	}
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_num(&f->data, "fig_xmax", xmax > 0 ? fsc_nice_hi(xmax / xdiv *
							       1.1) : 1);
	fsc_gp_num(&f->data, "fig_ymin", fsc_nice_lo(isfinite(ymin) ?
						     ymin / ydiv / 1.2 : 1));
	fsc_gp_num(&f->data, "fig_ymax", fsc_nice_hi(ymax > 0 ?
						     ymax / ydiv * 1.5 : 10));
	fsc_gp_num(&f->data, "fig_slo", r->slo_ns > 0 ? r->slo_ns / ydiv : 0);
	fsc_gp_num(&f->data, "fig_nknee", (double)nknee);
	fsc_gp_series(&f->data, r, lts, NULL, nlt);
	fsc_gp_block(&f->data, "tl", blk.buf);
	fsc_buf_release(&blk);
	fsc_buf_release(&t);
	fsc_buf_release(&w);
	fsc_buf_release(&sl);
	free(lts);
	free(x);
	free(y);
	free(mem);
}

int fsc_fig_tl(struct fsc_render *r, struct fsc_err *err)
{
	int xk = r->swept[FSC_X_IODEPTH] ? FSC_X_IODEPTH :
		 r->swept[FSC_X_CLIENTS] ? FSC_X_CLIENTS : -1;
	char *done = fsc_calloc(r->nscn + 1, 1);
	size_t *idx = fsc_calloc(r->nscn + 1, sizeof(*idx)), i, n;
	unsigned skip = FSC_K_SERIES | fsc_xkey_bit(xk);

	(void)err;
	fsc_buf_reset(&r->slo_text);
	for (i = 0; xk >= 0 && i < r->nscn; i++)
		if (!done[i] && (n = fsc_group(r, i, skip, done, idx)) &&
		    (n = fsc_group_xpos(r, idx, n, xk)) &&
		    fsc_is_sweep(r, idx, n, xk))
			tl_figure(r, idx, n, xk, &r->slo_text);
	free(done);
	free(idx);
	return 0;
}
