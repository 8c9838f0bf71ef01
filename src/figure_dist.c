/*
 * figure_dist.c: the latency distribution of one scenario across runtimes
 * (template cdf.gp): from each runtime's merged json+ histogram, the share
 * of the I/Os slower than each latency (the exceedance, 1 - CDF), both
 * axes logarithmic, so that the tails, where runtimes differ, are visible.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

static const char bins_sql[] =
	"SELECT value_ns, count FROM scenario_bin"
	" WHERE scenario_id = ?1 AND ddir = ?2 AND count > 0"
	" ORDER BY value_ns";

struct dist {
	double *v, *c;		/* bin value (ns), count */
	size_t n;
	double total;
};

static void load(sqlite3_stmt *s, const struct fsc_scn *c, struct dist *d)
{
	size_t cap = 256;

	memset(d, 0, sizeof(*d));
	d->v = fsc_malloc(cap * sizeof(double));
	d->c = fsc_malloc(cap * sizeof(double));
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int(s, 2, c->ddir);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (d->n == cap) {
			cap *= 2;
			d->v = fsc_realloc(d->v, cap * sizeof(double));
			d->c = fsc_realloc(d->c, cap * sizeof(double));
		}
		d->v[d->n] = sqlite3_column_double(s, 0);
		d->c[d->n] = sqlite3_column_double(s, 1);
		d->total += d->c[d->n++];
	}
	sqlite3_reset(s);
}

/* y tics at the decades down to ymin, as a share (left) and as the
 * percentile they mark (right); '%%' is a '%' in a tic label. */
static void yaxis(struct fsc_buf *b, double ymin)
{
	static const char *const lab[] = { "100%%", "10%%", "1%%", "0.1%%",
		"0.01%%", "0.001%%", "0.0001%%", "0.00001%%", "0.000001%%",
		"0.0000001%%" };
	static const char *const pct[] = { "p0", "p90", "p99", "p99.9",
		"p99.99", "p99.999", "p99.9999", "p99.99999", "p99.999999",
		"p99.9999999" };
	double val[10];
	size_t n;

	for (n = 0; n < 10 && pow(10, -(double)n) >= ymin * 0.999; n++)
		val[n] = pow(10, -(double)n);
	fsc_gp_num(b, "fig_ymin", ymin);
	fsc_gp_nums(b, "ytic_val", val, n);
	fsc_gp_strs(b, "ytic_lab", lab, n);
	fsc_gp_strs(b, "ytic_pct", pct, n);
}

static void cdf_figure(struct fsc_render *r, const size_t *idx, size_t n,
		       sqlite3_stmt *s)
{
	const struct fsc_scn *g = &r->scn[idx[0]];
	struct dist *d = fsc_calloc(n, sizeof(*d));
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, v = FSC_BUF_INIT,
		       miss = FSC_BUF_INIT;
	int *lts = fsc_calloc(n, sizeof(int));
	double *ilt = fsc_calloc(n, sizeof(double));
	double xmin = INFINITY, xmax = 0, nmax = 0, div;
	size_t i, j, k = 0;
	const char *unit, *dname = fsc_ddir_name(g->ddir);
	char bst[32];
	struct fsc_fig *f;

	for (i = 0; i < n; i++) {
		const struct fsc_scn *c = &r->scn[idx[i]];

		if (c->exact && c->nbins)
			load(s, c, &d[i]);
		if (!d[i].n) {
			fsc_buf_addf(&miss, "%s%s", miss.len ? ", " : "",
				     fsc_rt_name(r, c->lt));
			continue;
		}
		if (d[i].v[0] < xmin)
			xmin = d[i].v[0];
		if (d[i].v[d[i].n - 1] > xmax)
			xmax = d[i].v[d[i].n - 1];
		if (d[i].total > nmax)
			nmax = d[i].total;
	}
	if (!(xmin <= xmax))
		goto out;	/* no runtime has bins */
	div = fsc_lat_unit(xmax, &unit);
	for (i = 0; i < n; i++) {
		double cum = 0;

		if (!d[i].n)
			continue;
		if (k)
			fsc_buf_adds(&blk, "\n\n");
		fsc_gp_comment(&blk, "%s: completion latency (%s), share of the "
			     "%.0f I/Os slower",
			     fsc_rt_name(r, r->scn[idx[i]].lt), unit, d[i].total);
		fsc_buf_addf(&blk, "%.6g 1\n", d[i].v[0] / div);
		for (j = 0; j < d[i].n; j++) {
			cum += d[i].c[j];
			if (cum >= d[i].total)
				break;	/* nothing is slower than the last */
			fsc_buf_addf(&blk, "%.6g %.6g\n", d[i].v[j] / div,
				     (d[i].total - cum) / d[i].total);
		}
		lts[k] = r->scn[idx[i]].lt;
		ilt[k] = lts[k];
		k++;
	}
	fsc_bs_title(g->bs, bst, sizeof(bst));
	f = fsc_fig_new_scn(r, "cdf", dname, g, &v);
	fsc_buf_addf(&t, "%c%s latency distribution: %s %s, %s blocks, %lld "
		     "client%s", dname[0] - 32, dname + 1, fsc_txt(g->backend),
		     fsc_txt(g->rw), bst, (long long)g->clients,
		     g->clients == 1 ? "" : "s");
	fsc_variant_words(r, g, &v);	/* the name's suffix, in words */
	if (v.len)
		fsc_buf_addf(&t, ", %s", v.buf);
	fsc_gp_str(&f->data, "fig_title", t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "completion latency (%s, log scale)", unit);
	fsc_gp_str(&f->data, "fig_xlabel", t.buf);
	fsc_gp_str(&f->data, "fig_ylabel", "share of the I/Os slower (log scale)");
	fsc_buf_reset(&t);
	fsc_buf_adds(&t, "from the merged json+ histograms of all runs");
	if (miss.len)
		fsc_buf_addf(&t, "; not shown, no json+ bins: %s", miss.buf);
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_num(&f->data, "fig_xmin", fsc_nice_lo(xmin / div));
	fsc_gp_num(&f->data, "fig_xmax", fsc_nice_hi(xmax / div));
	yaxis(&f->data, fsc_decade_lo(1 / nmax));
	fsc_gp_num(&f->data, "nitems", (double)k);
	fsc_gp_nums(&f->data, "item_lt", ilt, k);
	fsc_gp_series(&f->data, r, lts, NULL, k);
	fsc_gp_block(&f->data, "cdf", blk.buf);
out:
	for (i = 0; i < n; i++) {
		free(d[i].v);
		free(d[i].c);
	}
	free(d);
	free(lts);
	free(ilt);
	fsc_buf_release(&blk);
	fsc_buf_release(&t);
	fsc_buf_release(&v);
	fsc_buf_release(&miss);
}

int fsc_fig_cdf(struct fsc_render *r, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn, 1);
	size_t *idx = fsc_calloc(r->nscn, sizeof(*idx)), i, n;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(r->db, bins_sql, -1, &s, NULL)) {
		free(done);
		free(idx);
		return fsc_err_set(err, "", "%s", sqlite3_errmsg(r->db));
	}
	for (i = 0; i < r->nscn; i++)
		if (!done[i] && (n = fsc_group(r, i, FSC_K_RUNTIME, done, idx)))
			cdf_figure(r, idx, n, s);
	sqlite3_finalize(s);
	free(done);
	free(idx);
	return 0;
}
