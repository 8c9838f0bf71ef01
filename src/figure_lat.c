/*
 * figure_lat.c: the completion ("commit") latency figures (template
 * lat.gp): per backend and block size, p50, p99 and p99.99 against the
 * number of clients (or block size where swept), one panel per runtime
 * (columns) and pattern (rows) on a shared log axis; behind the lines,
 * where the latency is exact, the merged json+ histogram as a heat map:
 * each column the share of the scenario's I/Os per latency band.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

#define BANDS_PER_DECADE 10
#define NBANDS 130		/* 1 ns .. 10^13 ns */
#define MIN_SHARE 1e-5		/* the heat map's lightest colour */

static const char bins_sql[] =
	"SELECT value_ns, count FROM scenario_bin"
	" WHERE scenario_id = ?1 AND ddir = ?2 ORDER BY value_ns";

/* Half the width of x's heat-map column, in log2 units: a third of the
 * distance to the nearest neighbour, at most 0.35. */
static double half_width(const int64_t *xs, size_t n, int64_t x)
{
	double w = 1.05;
	size_t i;

	for (i = 0; i < n; i++)
		if (xs[i] != x && xs[i] > 0 && x > 0) {
			double d = fabs(log2((double)xs[i] / (double)x));

			if (d < w)
				w = d;
		}
	return w / 3;
}

/* The heat-map boxes of one scenario into blk: "xlo xhi ylo yhi share".
 * Tracks the lowest band edge with a visible share in *ylo (ns). */
static int heat_rows(const struct fsc_render *r, sqlite3_stmt *s,
		     const struct fsc_scn *c, double x, double hw, double div,
		     struct fsc_buf *blk, double *ylo)
{
	double band[NBANDS] = { 0 }, total = 0;
	int i, rows = 0;

	(void)r;
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int(s, 2, c->ddir);
	while (sqlite3_step(s) == SQLITE_ROW) {
		double v = sqlite3_column_double(s, 0);
		double n = sqlite3_column_double(s, 1);
		int b = v >= 1 ? (int)floor(log10(v) * BANDS_PER_DECADE) : 0;

		if (b >= NBANDS)
			b = NBANDS - 1;
		band[b] += n;
		total += n;
	}
	sqlite3_reset(s);
	for (i = 0; i < NBANDS && total > 0; i++) {
		double lo = pow(10, (double)i / BANDS_PER_DECADE);
		/* a hair taller than the band: no seam between neighbours */
		double hi = pow(10, (i + 1.06) / BANDS_PER_DECADE);

		if (band[i] <= 0)
			continue;
		if (band[i] / total >= MIN_SHARE && lo < *ylo)
			*ylo = lo;
		fsc_buf_addf(blk, "%.6g %.6g %.6g %.6g %.6g\n", x * pow(2, -hw),
			     x * pow(2, hw), lo / div, hi / div, band[i] / total);
		rows++;
	}
	return rows;
}

struct lat_fig {
	const char **row_title;	/* patterns */
	int *col_lt;		/* runtimes */
	size_t nrows, ncols;
	double *prow, *pcol, *pheat, *plt, *papprox;	/* per panel */
	size_t np, nheat;
	int *approx_rt;		/* per column: some point approximate */
};

int fsc_fig_latline(struct fsc_render *r, size_t *idx, size_t n, int xk,
		    struct fsc_err *err)
{
	const struct fsc_scn *g;
	struct lat_fig L;
	struct fsc_buf lat = FSC_BUF_INIT, heat = FSC_BUF_INIT,
		       t = FSC_BUF_INIT, v = FSC_BUF_INIT;
	unsigned skip = FSC_K_SERIES | FSC_K_RW | fsc_xkey_bit(xk);
	int64_t *xs = fsc_calloc(n, sizeof(int64_t));
	const char **ct = fsc_calloc(n, sizeof(char *));
	double *cl = fsc_calloc(n, sizeof(double));
	double ymin = INFINITY, ymax = 0, div, ylo_heat = INFINITY;
	size_t i, j, nx = 0, approx = 0;
	const char *unit, *dname;
	sqlite3_stmt *s;
	struct fsc_fig *f;

	memset(&L, 0, sizeof(L));
	err->msg[0] = '\0';
	fsc_group_sort(r, idx, n, xk);
	g = &r->scn[idx[0]];
	dname = fsc_ddir_name(g->ddir);
	L.row_title = fsc_calloc(n, sizeof(char *));
	L.col_lt = fsc_calloc(n, sizeof(int));
	L.approx_rt = fsc_calloc(n, sizeof(int));
	L.prow = fsc_calloc(n, sizeof(double));
	L.pcol = fsc_calloc(n, sizeof(double));
	L.pheat = fsc_calloc(n, sizeof(double));
	L.plt = fsc_calloc(n, sizeof(double));
	L.papprox = fsc_calloc(n, sizeof(double));
	for (i = 0; i < n; i++) {
		const struct fsc_scn *c = &r->scn[idx[i]];

		fsc_add_i64(xs, &nx, fsc_scn_x(c, xk));
		fsc_add_int(L.col_lt, &L.ncols, c->lt);
		if (isfinite(c->p9999) && c->p9999 > ymax)
			ymax = c->p9999;
		if (isfinite(c->p50) && c->p50 > 0 && c->p50 < ymin)
			ymin = c->p50;
	}
	div = fsc_lat_unit(ymax, &unit);
	if (sqlite3_prepare_v2(r->db, bins_sql, -1, &s, NULL)) {
		fsc_err_set(err, "", "%s", sqlite3_errmsg(r->db));
		goto out;
	}
	/* one panel per (pattern, runtime): members are sorted that way */
	for (i = 0; i < n; i++) {
		const struct fsc_scn *c = &r->scn[idx[i]];
		const struct fsc_scn *p = i ? &r->scn[idx[i - 1]] : NULL;
		int newrow = !p || strcmp(fsc_txt(p->rw), fsc_txt(c->rw));
		size_t col;

		if (newrow)
			L.row_title[L.nrows++] = fsc_txt(c->rw);
		if (newrow || p->lt != c->lt) {
			for (col = 0; L.col_lt[col] != c->lt; col++)
				;
			if (L.np)
				fsc_buf_adds(&lat, "\n\n");
			fsc_gp_comment(&lat, "%s, %s: %s, p50, p99, p99.99 (%s)",
				     fsc_txt(c->rw), fsc_rt_name(r, c->lt),
				     xk == FSC_X_BS ? "block size (bytes)" :
				     fsc_xkey_words(r, xk), unit);
			L.prow[L.np] = (double)L.nrows;
			L.pcol[L.np] = (double)col + 1;
			L.plt[L.np] = c->lt;
			L.np++;
		}
		fsc_buf_addf(&lat, "%lld %.6g %.6g %.6g\n",
			     (long long)fsc_scn_x(c, xk), c->p50 / div,
			     c->p99 / div, c->p9999 / div);
		if (!c->exact) {
			L.papprox[L.np - 1] = 1;
			for (col = 0; L.col_lt[col] != c->lt; col++)
				;
			L.approx_rt[col] = 1;
			approx++;
		} else if (c->nbins) {
			double x = (double)fsc_scn_x(c, xk);

			if (!L.pheat[L.np - 1]) {
				if (L.nheat)
					fsc_buf_adds(&heat, "\n\n");
				fsc_gp_comment(&heat, "%s, %s: column x from, to; "
					     "latency band from, to (%s); share "
					     "of the I/Os", fsc_txt(c->rw),
					     fsc_rt_name(r, c->lt), unit);
				L.pheat[L.np - 1] = (double)++L.nheat;
			}
			heat_rows(r, s, c, x, half_width(xs, nx, (int64_t)x),
				  div, &heat, &ylo_heat);
		}
	}
	sqlite3_finalize(s);
	if (ylo_heat < ymin)
		ymin = ylo_heat;
	if (!(ymin <= ymax)) {
		ymin = 1e3;
		ymax = 1e6;
	}
	fsc_held(r, g, skip, NULL, &v);
	fsc_buf_addf(&t, "%c%s completion latency vs %s", dname[0] - 32,
		     dname + 1, fsc_xkey_words(r, xk));
	if (v.len)
		fsc_buf_addf(&t, ": %s", v.buf);
	f = fsc_fig_held(r, "lat", NULL, xk, g, skip, t.buf);
	fsc_gp_xlabel(&f->data, r, xk);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "completion latency (%s, log scale)", unit);
	fsc_gp_str(&f->data, "fig_ylabel", t.buf);
	fsc_buf_reset(&t);
	if (L.nheat)
		fsc_buf_adds(&t, "shade: share of the I/Os per latency band "
			     "(merged json+ histograms)");
	if (approx)
		fsc_buf_addf(&t, "%s~ approximate: no json+ bins, percentiles "
			     "averaged over runs", t.len ? "; " : "");
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_xaxis(&f->data, xs, nx, xk == FSC_X_BS);
	fsc_gp_num(&f->data, "fig_ymin", fsc_nice_lo(ymin / div));
	fsc_gp_num(&f->data, "fig_ymax", fsc_nice_hi(ymax / div));
	fsc_gp_num(&f->data, "fig_cbmin", MIN_SHARE);
	fsc_gp_num(&f->data, "nrows", (double)L.nrows);
	fsc_gp_strs(&f->data, "row_title", L.row_title, L.nrows);
	for (j = 0; j < L.ncols; j++) {
		struct fsc_buf ctb = FSC_BUF_INIT;

		fsc_buf_addf(&ctb, "%s%s", L.approx_rt[j] ? "~" : "",
			     fsc_rt_name(r, L.col_lt[j]));
		ct[j] = fsc_buf_detach(&ctb);
		cl[j] = L.col_lt[j];
	}
	fsc_gp_num(&f->data, "ncols", (double)L.ncols);
	fsc_gp_strs(&f->data, "col_title", ct, L.ncols);
	fsc_gp_nums(&f->data, "col_lt", cl, L.ncols);
	fsc_gp_num(&f->data, "npanels", (double)L.np);
	fsc_gp_nums(&f->data, "panel_row", L.prow, L.np);
	fsc_gp_nums(&f->data, "panel_col", L.pcol, L.np);
	fsc_gp_nums(&f->data, "panel_lt", L.plt, L.np);
	fsc_gp_nums(&f->data, "panel_heat", L.pheat, L.np);
	fsc_gp_nums(&f->data, "panel_approx", L.papprox, L.np);
	fsc_gp_series(&f->data, r, L.col_lt, L.approx_rt, L.ncols);
	fsc_gp_block(&f->data, "lat", lat.buf);
	if (L.nheat)
		fsc_gp_block(&f->data, "heat", heat.buf);
	for (j = 0; j < L.ncols; j++)
		free((char *)ct[j]);
out:
	free(xs);
	free(ct);
	free(cl);
	free(L.row_title);
	free(L.col_lt);
	free(L.approx_rt);
	free(L.prow);
	free(L.pcol);
	free(L.pheat);
	free(L.plt);
	free(L.papprox);
	fsc_buf_release(&lat);
	fsc_buf_release(&heat);
	fsc_buf_release(&t);
	fsc_buf_release(&v);
	return err->msg[0] ? -1 : 0;
}
