/*
 * figure_grid.c: two swept numeric keys at once (template grid.gp): per
 * group of the other keys held and data direction, a heat map with its
 * value printed in every cell, columns the first key's values, rows the
 * second's, one panel per pattern and compared value.  The value is IOPS,
 * or bandwidth when block size is one of the two keys.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

static size_t pos(const int64_t *v, size_t n, int64_t x)
{
	size_t i;

	for (i = 0; i < n && v[i] != x; i++)
		;
	return i + 1;
}

static void tic_labels(int64_t *v, size_t n, int xk, const char **lab,
		       char (*txt)[32])
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (xk == FSC_X_BS)
			fsc_bs_name(v[i], txt[i], sizeof(txt[i]));
		else
			snprintf(txt[i], sizeof(txt[i]), "%lld",
				 (long long)v[i]);
		lab[i] = txt[i];
	}
}

static void grid_figure(struct fsc_render *r, size_t *idx, size_t n,
			int xa, int xb)
{
	const struct fsc_scn *g;
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, w = FSC_BUF_INIT;
	int64_t *va = fsc_calloc(n, sizeof(int64_t)),
		*vb = fsc_calloc(n, sizeof(int64_t));
	const char **la = fsc_calloc(n, sizeof(char *)),
		   **lb = fsc_calloc(n, sizeof(char *)),
		   **pt = fsc_calloc(n, sizeof(char *));
	char (*ta)[32] = fsc_calloc(n, sizeof(*ta)),
	     (*tb)[32] = fsc_calloc(n, sizeof(*tb));
	char **ptxt = fsc_calloc(n, sizeof(char *));
	size_t i, na = 0, nb = 0, np = 0;
	int use_bw = xa == FSC_X_BS || xb == FSC_X_BS;
	double max = 0, div;
	const char *unit, *dname;
	unsigned skip = FSC_K_SERIES | FSC_K_RW | fsc_xkey_bit(xa) |
			fsc_xkey_bit(xb);
	struct fsc_fig *f;

	fsc_group_sort(r, idx, n, xa);
	g = &r->scn[idx[0]];
	dname = fsc_ddir_name(g->ddir);
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		double v = use_bw ? s->bw : s->iops;

		fsc_add_i64(va, &na, fsc_scn_x(s, xa));
		fsc_add_i64(vb, &nb, fsc_scn_x(s, xb));
		if (isfinite(v) && v > max)
			max = v;
	}
	if (use_bw)
		div = fsc_bw_unit(max, &unit);
	else
		div = fsc_iops_unit(max, &unit);
	/* members are sorted by pattern, series, then xa */
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		const struct fsc_scn *p = i ? &r->scn[idx[i - 1]] : NULL;
		double v = use_bw ? s->bw : s->iops;

		if (!p || p->lt != s->lt || strcmp(fsc_txt(p->rw),
						   fsc_txt(s->rw))) {
			struct fsc_buf pb = FSC_BUF_INIT;

			if (np)
				fsc_buf_adds(&blk, "\n\n");
			fsc_buf_adds(&pb, fsc_txt(s->rw));
			if (*fsc_rt_name(r, s->lt))
				fsc_buf_addf(&pb, ", %s", fsc_rt_name(r, s->lt));
			ptxt[np] = fsc_buf_detach(&pb);
			pt[np] = ptxt[np];
			np++;
			fsc_gp_comment(&blk, "%s: column (%s), row (%s), %s %s "
				     "(%s), printed", pt[np - 1],
				     fsc_xkey_words(r, xa), fsc_xkey_words(r, xb),
				     dname, use_bw ? "bandwidth" : "IOPS",
				     *unit ? unit : "1");
		}
		if (!isfinite(v))
			continue;
		fsc_buf_addf(&blk, "%zu %zu %.6g \"%.3g\"\n",
			     pos(va, na, fsc_scn_x(s, xa)),
			     pos(vb, nb, fsc_scn_x(s, xb)), v / div, v / div);
	}
	tic_labels(va, na, xa, la, ta);
	tic_labels(vb, nb, xb, lb, tb);
	fsc_held(r, g, skip, NULL, &w);
	fsc_buf_addf(&t, "%c%s %s by %s and %s", dname[0] - 32, dname + 1,
		     use_bw ? "bandwidth" : "IOPS", fsc_xkey_words(r, xa),
		     fsc_xkey_words(r, xb));
	if (w.len)
		fsc_buf_addf(&t, ": %s", w.buf);
	/* named by both keys: grid-iodepth-numjobs-DDIR-HELD */
	{
		struct fsc_buf pre = FSC_BUF_INIT;

		fsc_buf_addf(&pre, "grid-%s-%s", xa == FSC_X_CLIENTS ?
			     "clients" : fsc_xkey_name(r, xa), fsc_xkey_name(r, xb));
		f = fsc_fig_held(r, pre.buf, NULL, -1, g, skip, t.buf);
		f->kind = "grid";
		f->xkey = *fsc_xkey_name(r, xa) ? fsc_xkey_name(r, xa) : "clients";
		fsc_buf_release(&pre);
	}
	fsc_gp_str(&f->data, "fig_xlabel", fsc_xkey_words(r, xa));
	fsc_gp_str(&f->data, "fig_ylabel", fsc_xkey_words(r, xb));
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "each cell: aggregate %s %s%s%s%s", dname,
		     use_bw ? "bandwidth" : "IOPS", *unit ? " (" : "", unit,
		     *unit ? ")" : "");
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_num(&f->data, "fig_cbmax", max > 0 ? max / div : 1);
	fsc_gp_strs(&f->data, "col_lab", la, na);
	fsc_gp_strs(&f->data, "row_lab", lb, nb);
	fsc_gp_num(&f->data, "npanels", (double)np);
	fsc_gp_strs(&f->data, "panel_title", pt, np);
	fsc_gp_block(&f->data, "grid", blk.buf);
	for (i = 0; i < np; i++)
		free(ptxt[i]);
	free(ptxt);
	free(pt);
	free(va);
	free(vb);
	free(la);
	free(lb);
	free(ta);
	free(tb);
	fsc_buf_release(&blk);
	fsc_buf_release(&t);
	fsc_buf_release(&w);
}

/* Do both keys take two values or more in the group? */
static int two_by_two(const struct fsc_render *r, const size_t *idx,
		      size_t n, int xa, int xb)
{
	size_t i;
	int a = 0, b = 0;

	for (i = 1; i < n; i++) {
		a |= fsc_scn_x(&r->scn[idx[i]], xa) !=
		     fsc_scn_x(&r->scn[idx[0]], xa);
		b |= fsc_scn_x(&r->scn[idx[i]], xb) !=
		     fsc_scn_x(&r->scn[idx[0]], xb);
	}
	return a && b;
}

int fsc_fig_grid(struct fsc_render *r, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn + 1, 1);
	size_t *idx = fsc_calloc(r->nscn + 1, sizeof(*idx)), i, n;
	int xa, xb;

	(void)err;
	for (xa = 0; xa < FSC_NX; xa++)
		for (xb = xa + 1; xb < FSC_NX; xb++) {
			unsigned skip = FSC_K_SERIES | FSC_K_RW |
					fsc_xkey_bit(xa) | fsc_xkey_bit(xb);

			if (!r->swept[xa] || !r->swept[xb])
				continue;
			memset(done, 0, r->nscn);
			for (i = 0; i < r->nscn; i++)
				if (!done[i] &&
				    (n = fsc_group(r, i, skip, done, idx)) &&
				    (n = fsc_group_xpos(r, idx, n, xa)) &&
				    (n = fsc_group_xpos(r, idx, n, xb)) &&
				    two_by_two(r, idx, n, xa, xb))
					grid_figure(r, idx, n, xa, xb);
		}
	free(done);
	free(idx);
	return 0;
}
