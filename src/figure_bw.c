/*
 * figure_bw.c: the bandwidth figures (template bw.gp): aggregate
 * bandwidth per backend and block size against the number of clients, one
 * panel per pattern (read figure: read, randread, ...; write figure:
 * write, randwrite, ...), one series per runtime, 95% CI error bars where
 * repetitions exist; the same against block size where the store holds a
 * sweep; the same for the CPU cost (#20: CPU seconds per GiB moved,
 * fsc_obs_cpu's, with its 95% CI over repetitions); and the per-client
 * stacked view of one scenario (stack.gp).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"
#include "key.h"

/* Per-client bandwidth of a scenario and direction, the mean over the
 * client's repetitions, fio-error runs left out, highest first. */
static const char clients_sql[] =
	"SELECT sum(i.bw_bytes) * 1.0 / count(DISTINCT COALESCE(r.rep, ''))"
	" AS bw FROM run r JOIN io_stat i ON i.run_id = r.id"
	" WHERE r.scenario_id = ?1 AND i.ddir = ?2 AND r.error = 0"
	" GROUP BY COALESCE(r.client, '#' || r.file_id) ORDER BY bw DESC";

/* The footnote every bandwidth figure carries: what the error bars are and
 * which points deserve doubt (named, the first two). */
static void bw_note(const struct fsc_render *r, const size_t *idx, size_t n,
		    int xk, int cpu, struct fsc_buf *note)
{
	int minrep = 1 << 30, maxrep = 0, lowov = 0, failed = 0;
	struct fsc_buf ov = FSC_BUF_INIT;
	char b[32];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		int reps = cpu ? s->cpu_reps : s->reps;

		if (reps < minrep)
			minrep = reps;
		if (reps > maxrep)
			maxrep = reps;
		failed += s->failed;
		if (!(s->overlap < FSC_OVERLAP_MIN))
			continue;
		if (lowov++ < 2) {
			if (xk == FSC_X_BS)
				fsc_bs_name(s->bs, b, sizeof(b));
			else if (xk == FSC_X_CLIENTS)
				snprintf(b, sizeof(b), "%lldc",
					 (long long)s->clients);
			else
				snprintf(b, sizeof(b), "%s %lld",
					 fsc_xkey_name(r, xk),
					 (long long)fsc_scn_x(s, xk));
			fsc_buf_addf(&ov, "%s%s %s %s (%.0f%%)",
				     ov.len ? ", " : "", fsc_rt_name(r, s->lt),
				     fsc_txt(s->rw), b, s->overlap * 100);
		}
	}
	if (maxrep > 1 && minrep != maxrep)
		fsc_buf_addf(note, "error bars: 95%% confidence interval over "
			     "%d to %d repetitions (none with one)", minrep,
			     maxrep);
	else if (maxrep > 1)
		fsc_buf_addf(note, "error bars: 95%% confidence interval over "
			     "%d repetitions", maxrep);
	else
		fsc_buf_adds(note, "one repetition per point: no error bars");
	if (lowov)
		fsc_buf_addf(note, "; clients overlapped < 90%%: %s%s", ov.buf,
			     lowov > 2 ? " and more" : "");
	if (failed)
		fsc_buf_addf(note, "; %d run%s with fio errors left out",
			     failed, failed > 1 ? "s" : "");
	fsc_buf_release(&ov);
}

/* A member's value and 95% CI half width (0: none) in metric m. */
static double line_val(const struct fsc_scn *s, int m, double *ci)
{
	*ci = 0;
	if (m == FSC_M_CPU) {
		if (isfinite(s->cpu_ci95))
			*ci = s->cpu_ci95;
		return s->cpu;
	}
	if (isfinite(s->bw_ci95))
		*ci = m == FSC_M_IOPS ? (s->bw > 0 ? s->bw_ci95 * s->iops /
					 s->bw : 0) : s->bw_ci95;
	return m == FSC_M_IOPS ? s->iops : s->bw;
}

/*
 * One bandwidth, IOPS or CPU cost figure of the group idx[0..n) against
 * x key xk.  Items are (pattern, series) lines in panel order; the
 * datablock $bw holds one data set per item.  IOPS error bars: the
 * bandwidth's CI scaled by IOPS / bandwidth (one block size: the same
 * runs' ratio).  CPU cost: seconds per GiB as they are (no unit scaling).
 */
int fsc_fig_bwline(struct fsc_render *r, size_t *idx, size_t n, int xk,
		   int metric)
{
	const struct fsc_scn *g = &r->scn[idx[0]];
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, w = FSC_BUF_INIT;
	const char **ptitle = fsc_calloc(n, sizeof(*ptitle));
	double *pfirst = fsc_calloc(n, sizeof(double)),
	       *plast = fsc_calloc(n, sizeof(double)),
	       *ilt = fsc_calloc(n, sizeof(double));
	int *lts = fsc_calloc(n, sizeof(int));
	int64_t *xs = fsc_calloc(n, sizeof(int64_t));
	size_t i, np = 0, ni = 0, nlt = 0, nx = 0;
	double max = 0, div;
	const char *unit, *dname = fsc_ddir_name(g->ddir);
	int iops = metric == FSC_M_IOPS, cpu = metric == FSC_M_CPU;
	const char *mname = cpu ? "CPU seconds per GiB" :
			    iops ? "IOPS" : "bandwidth";
	unsigned skip = FSC_K_SERIES | FSC_K_RW | fsc_xkey_bit(xk);
	struct fsc_fig *f;

	fsc_group_sort(r, idx, n, xk);
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		double ci, top = line_val(s, metric, &ci) + ci;

		if (top > max)
			max = top;
		fsc_add_int(lts, &nlt, s->lt);
		fsc_add_i64(xs, &nx, fsc_scn_x(s, xk));
	}
	div = cpu ? (unit = "s", 1) : iops ? fsc_iops_unit(max, &unit) :
	      fsc_bw_unit(max, &unit);
	for (i = 0; i < n; i++) {
		const struct fsc_scn *s = &r->scn[idx[i]];
		const struct fsc_scn *p = i ? &r->scn[idx[i - 1]] : NULL;
		double ci, v = line_val(s, metric, &ci);

		if (!p || strcmp(fsc_txt(p->rw), fsc_txt(s->rw))) {
			ptitle[np] = fsc_txt(s->rw);
			pfirst[np++] = (double)ni + 1;
		}
		if (!p || p->lt != s->lt || strcmp(fsc_txt(p->rw),
						   fsc_txt(s->rw))) {
			if (ni)
				fsc_buf_adds(&blk, "\n\n");
			ilt[ni++] = s->lt;
			if (cpu)
				fsc_gp_comment(&blk, "%s, %s: %s, CPU seconds"
					     " per GiB moved, 95%% CI half"
					     " width", fsc_txt(s->rw),
					     fsc_rt_name(r, s->lt),
					     xk == FSC_X_BS ?
					     "block size (bytes)" :
					     fsc_xkey_words(r, xk));
			else
				fsc_gp_comment(&blk, "%s, %s: %s, %s%s%s (%s),"
					     " 95%% CI half width (%s)",
					     fsc_txt(s->rw),
					     fsc_rt_name(r, s->lt),
					     xk == FSC_X_BS ?
					     "block size (bytes)" :
					     fsc_xkey_words(r, xk), dname,
					     iops ? " " : "",
					     iops ? "IOPS" : "",
					     *unit ? unit : "1",
					     *unit ? unit : "1");
		}
		plast[np - 1] = (double)ni;
		fsc_buf_addf(&blk, "%lld %.6g %.6g\n",
			     (long long)fsc_scn_x(s, xk), v / div, ci / div);
	}
	fsc_held(r, g, skip, NULL, &w);
	if (cpu)
		fsc_buf_addf(&t, "CPU cost of %s patterns vs %s", dname,
			     fsc_xkey_words(r, xk));
	else
		fsc_buf_addf(&t, "%c%s %s vs %s", dname[0] - 32, dname + 1,
			     mname, fsc_xkey_words(r, xk));
	if (w.len)
		fsc_buf_addf(&t, ": %s", w.buf);
	f = fsc_fig_held(r, cpu ? "cpu" : iops ? "iops" : "bw", "bw", xk, g,
			 skip, t.buf);
	fsc_gp_xlabel(&f->data, r, xk);
	fsc_buf_reset(&t);
	if (cpu)
		fsc_buf_adds(&t, "CPU seconds per GiB moved (usr + sys)");
	else if (iops)
		fsc_buf_addf(&t, "aggregate %s IOPS%s%s%s", dname,
			     *unit ? " (" : "", unit, *unit ? ")" : "");
	else
		fsc_buf_addf(&t, "aggregate %s bandwidth (%s)", dname, unit);
	fsc_gp_str(&f->data, "fig_ylabel", t.buf);
	fsc_buf_reset(&t);
	bw_note(r, idx, n, xk, cpu, &t);
	if (cpu)
		fsc_buf_adds(&t, "; a mixed pattern's reads and writes "
			     "together");
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_xaxis(&f->data, xs, nx, xk == FSC_X_BS);
	fsc_gp_num(&f->data, "npanels", (double)np);
	fsc_gp_strs(&f->data, "panel_title", ptitle, np);
	fsc_gp_nums(&f->data, "panel_first", pfirst, np);
	fsc_gp_nums(&f->data, "panel_last", plast, np);
	fsc_gp_num(&f->data, "nitems", (double)ni);
	fsc_gp_nums(&f->data, "item_lt", ilt, ni);
	fsc_gp_series(&f->data, r, lts, NULL, nlt);
	fsc_gp_block(&f->data, "bw", blk.buf);
	fsc_buf_release(&blk);
	fsc_buf_release(&w);
	fsc_buf_release(&t);
	free(ptitle);
	free(pfirst);
	free(plast);
	free(ilt);
	free(lts);
	free(xs);
	return 0;
}


/* The stacked view of one scenario group (one runtime per series): each
 * client's bandwidth stacked on the ones before, highest first. */
static int stack_figure(struct fsc_render *r, const size_t *idx, size_t n,
			struct fsc_err *err)
{
	const struct fsc_scn *g = &r->scn[idx[0]];
	struct fsc_buf blk = FSC_BUF_INIT, t = FSC_BUF_INIT, v = FSC_BUF_INIT;
	double **bw = fsc_calloc(n, sizeof(*bw)), max = 0, div, *ilt;
	size_t *nc = fsc_calloc(n, sizeof(*nc)), i, k, maxc = 0;
	int *lts = fsc_calloc(n, sizeof(int));
	const char *unit, *dname = fsc_ddir_name(g->ddir);
	char bst[32];
	sqlite3_stmt *s;
	struct fsc_fig *f;
	int rc = 0;

	if (sqlite3_prepare_v2(r->db, clients_sql, -1, &s, NULL)) {
		rc = fsc_err_set(err, "", "%s", sqlite3_errmsg(r->db));
		goto out;
	}
	for (i = 0; i < n; i++) {
		double sum = 0;
		size_t cap = 16;

		bw[i] = fsc_malloc(cap * sizeof(double));
		sqlite3_bind_int64(s, 1, r->scn[idx[i]].id);
		sqlite3_bind_int(s, 2, r->scn[idx[i]].ddir);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (nc[i] == cap)
				bw[i] = fsc_realloc(bw[i], (cap *= 2) *
						    sizeof(double));
			bw[i][nc[i]++] = sqlite3_column_double(s, 0);
			sum += sqlite3_column_double(s, 0);
		}
		sqlite3_reset(s);
		if (sum > max)
			max = sum;
		if (nc[i] > maxc)
			maxc = nc[i];
	}
	sqlite3_finalize(s);
	if (maxc < 2)
		goto out;	/* nothing to stack */
	div = fsc_bw_unit(max, &unit);
	ilt = fsc_calloc(n, sizeof(double));
	for (i = 0, k = 0; i < n; i++) {
		double sum = 0;
		size_t c;

		if (!nc[i])
			continue;
		if (k)
			fsc_buf_adds(&blk, "\n\n");
		fsc_gp_comment(&blk, "%s: client rank, stacked %s bandwidth "
			     "(%s), the client's own (%s)",
			     fsc_rt_name(r, r->scn[idx[i]].lt), dname, unit,
			     unit);
		fsc_buf_adds(&blk, "0 0 0\n");
		for (c = 0; c < nc[i]; c++) {
			sum += bw[i][c];
			fsc_buf_addf(&blk, "%zu %.6g %.6g\n", c + 1, sum / div,
				     bw[i][c] / div);
		}
		lts[k] = r->scn[idx[i]].lt;
		ilt[k] = lts[k];
		k++;
	}
	fsc_bs_title(g->bs, bst, sizeof(bst));
	f = fsc_fig_new_scn(r, "stack", dname, g, &v);
	fsc_buf_addf(&t, "Per-client %s bandwidth, stacked: %s %s, %s blocks,"
		     " %lld clients", dname, fsc_txt(g->backend),
		     fsc_txt(g->rw), bst, (long long)g->clients);
	fsc_variant_words(r, g, &v);	/* the name's suffix, in words */
	if (v.len)
		fsc_buf_addf(&t, ", %s", v.buf);
	fsc_gp_str(&f->data, "fig_title", t.buf);
	fsc_gp_str(&f->data, "fig_xlabel", "clients, highest bandwidth first");
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "stacked %s bandwidth (%s)", dname, unit);
	fsc_gp_str(&f->data, "fig_ylabel", t.buf);
	fsc_gp_str(&f->data, "fig_note", "each step is one client's share "
		   "(mean over repetitions); the last point is the aggregate");
	fsc_gp_num(&f->data, "fig_xmax", (double)maxc);
	fsc_gp_num(&f->data, "nitems", (double)k);
	fsc_gp_nums(&f->data, "item_lt", ilt, k);
	fsc_gp_series(&f->data, r, lts, NULL, k);
	fsc_gp_block(&f->data, "stack", blk.buf);
	free(ilt);
out:
	for (i = 0; i < n; i++)
		free(bw[i]);
	free(bw);
	free(nc);
	free(lts);
	fsc_buf_release(&blk);
	fsc_buf_release(&t);
	fsc_buf_release(&v);
	return rc;
}

int fsc_fig_bw(struct fsc_render *r, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn, 1);
	size_t *idx = fsc_calloc(r->nscn, sizeof(*idx)), i, n;
	int rc = 0;

	/* stacked per client: per scenario across the compared values */
	for (i = 0; i < r->nscn && rc == 0; i++)
		if (!done[i] && (n = fsc_group(r, i, FSC_K_SERIES, done, idx)))
			rc = stack_figure(r, idx, n, err);
	free(done);
	free(idx);
	return rc;
}
