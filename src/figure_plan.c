/*
 * figure_plan.c: which figures a selection calls for, from the campaign
 * model (the keys that vary): for each swept numeric key (clients, bs,
 * iodepth, numjobs, a numeric label: fsc_render.xlabel), bandwidth, IOPS,
 * completion latency and CPU cost (#20: where the store has CPU data)
 * against it,
 * one figure per group of the other keys held, where a line has two x
 * values or more; grouped bars for every scenario no line chart shows
 * (never a one-point line); throughput-latency curves; a grid per pair of
 * swept keys; then the per-scenario figures (stacked clients, latency
 * distribution, timelines).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"

/* Keep the members of idx[0..n) with a CPU cost; the new count. */
static size_t with_cpu(const struct fsc_render *r, size_t *idx, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (isfinite(r->scn[idx[i]].cpu))
			idx[k++] = idx[i];
	return k;
}

int fsc_fig_line(struct fsc_render *r, int metric, int xk, size_t *idx,
		 size_t n, struct fsc_err *err)
{
	if (metric == FSC_M_LAT)
		return fsc_fig_latline(r, idx, n, xk, err);
	return fsc_fig_bwline(r, idx, n, xk, metric);
}

int fsc_fig_plan(struct fsc_render *r, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn + 1, 1),
	     *drawn = fsc_calloc(r->nscn + 1, 1);
	size_t *idx = fsc_calloc(r->nscn + 1, sizeof(*idx)), i, j, n;
	int metric, xk, rc = 0;

	err->msg[0] = '\0';
	for (metric = FSC_M_BW; metric <= FSC_M_CPU && !rc; metric++)
		for (xk = 0; xk < FSC_NX && !rc; xk++) {
			unsigned skip = FSC_K_SERIES | FSC_K_RW |
					fsc_xkey_bit(xk);

			if (!r->swept[xk])
				continue;
			memset(done, 0, r->nscn);
			for (i = 0; i < r->nscn && !rc; i++) {
				if (done[i] ||
				    !(n = fsc_group(r, i, skip, done, idx)) ||
				    (metric == FSC_M_CPU &&
				     !(n = with_cpu(r, idx, n))) ||
				    !(n = fsc_group_xpos(r, idx, n, xk)) ||
				    !fsc_is_sweep(r, idx, n, xk))
					continue;
				for (j = 0; j < n && metric != FSC_M_CPU; j++)
					drawn[idx[j]] = 1;
				rc = fsc_fig_line(r, metric, xk, idx, n, err);
			}
		}
	if (!rc)
		rc = fsc_fig_bars(r, drawn, err);
	if (!rc)
		rc = fsc_fig_tl(r, err);
	if (!rc)
		rc = fsc_fig_grid(r, err);
	if (!rc)
		rc = fsc_fig_bw(r, err);
	if (!rc)
		rc = fsc_fig_cdf(r, err);
	if (!rc)
		rc = fsc_fig_timeline(r, err);
	free(done);
	free(drawn);
	free(idx);
	return rc;
}
