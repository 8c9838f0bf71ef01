/*
 * observe_scaling.c: the scaling findings.  For every numeric key that
 * varies (bs, clients, iodepth, numjobs, a numeric label), among the
 * scenarios alike in every other key (a group), from the key's lowest to
 * its highest value:
 * - the change of the metric, decided by the comparison's rules
 *   (fsc_obs_decide: a 95% CI with repetitions on both ends, else the
 *   close band, marked "single run"), worded per metric: more bandwidth
 *   or IOPS is better, more latency is worse;
 * - for bandwidth and IOPS, the scaling efficiency (not for bs): the
 *   ratio over the ratio of the key's values ("64 clients reach 11.2x the bandwidth at
 *   1 client: 18% of linear");
 * - the saturation point: the smallest value beyond which bandwidth gains
 *   less than the close band while p99 latency rises by more than it
 *   (three values or more).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "observe.h"
#include "model.h"

struct ctx {
	const struct fsc_model *m;
	int skip[2];		/* the swept key, -1 */
};

static int64_t num_of(const struct fsc_model *m, size_t i, int k)
{
	const char *v = fsc_model_val(m, i, (size_t)k);

	return v ? strtoll(v, NULL, 10) : -1;
}

/* Sort indexes by every other key, then by the swept key (insertion
 * sort: campaigns have hundreds of scenarios, not millions). */
static void sort_idx(const struct ctx *c, size_t *idx, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			size_t a = idx[j - 1], b = idx[j], t;
			int r = fsc_model_cmp_except(c->m, a, b, c->skip);

			if (!r)
				r = num_of(c->m, a, c->skip[0]) >
				    num_of(c->m, b, c->skip[0]) ? 1 : 0;
			if (r <= 0)
				break;
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

static int mixed_rw(const char *rw)
{
	return rw && (!strcmp(rw, "rw") || !strcmp(rw, "randrw") ||
		      !strcmp(rw, "readwrite") || !strcmp(rw, "trimwrite") ||
		      !strcmp(rw, "randtrimwrite"));
}

/* The group's phrase: the other keys that vary ("randread, 2 jobs"). */
static void group_phrase(const struct fsc_model *m, size_t i, int skip,
			 struct fsc_buf *out)
{
	int rw = fsc_model_find(m, "rw");
	size_t k;

	for (k = 0; k < m->nkeys; k++) {
		const char *v = fsc_model_val(m, i, k);

		if ((int)k == skip || !m->keys[k].varies || !v)
			continue;
		if (!strcmp(m->keys[k].name, "ddir") &&
		    !(rw >= 0 && mixed_rw(fsc_model_val(m, i, (size_t)rw))))
			continue;
		if (out->len)
			fsc_buf_adds(out, ", ");
		fsc_model_phrase(m, k, v, out);
	}
}

static int plural(const struct fsc_model_key *K, int64_t v)
{
	return (K->id == FSC_KEY_CLIENTS || K->id == FSC_KEY_NUMJOBS) &&
	       v != 1;
}

static const char *words(const struct fsc_obs *obs,
			 const struct fsc_obs_cell *c)
{
	int lat = fsc_obs_metric_is_latency(obs->metric);
	int cpu = obs->metric == FSC_OBS_CPU;	/* #20 */

	switch (c->verdict) {
	case FSC_OBS_BETTER:
		return cpu ? "cheaper" : lat ? "faster" : "a gain";
	case FSC_OBS_WORSE:
		return cpu ? "costlier" : lat ? "slower" : "a loss";
	case FSC_OBS_CLOSE:
		return "close";
	default:
		return "inconclusive";
	}
}

/* The saturation point of a group's members mem[0..n) (ascending). */
static int saturation(const struct fsc_obs *obs,
		      const struct fsc_obs_point *p, const size_t *mem,
		      size_t n, double *rise)
{
	size_t i, j;

	if (n < 3 || fsc_obs_metric_lower(obs->metric))
		return -1;
	for (i = 0; i + 1 < n; i++) {
		double b = p[mem[i]].bw, q = p[mem[i]].p99,
		       qn = p[mem[n - 1]].p99;
		int flat = isfinite(b) && b > 0;

		for (j = i + 1; flat && j < n; j++)
			flat = isfinite(p[mem[j]].bw) &&
			       p[mem[j]].bw < b * (1 + obs->close);
		if (flat && isfinite(q) && q > 0 && isfinite(qn) &&
		    qn > q * (1 + obs->close)) {
			*rise = qn / q;
			return (int)i;
		}
	}
	return -1;
}

static void one_group(struct fsc_obs *obs, const struct ctx *c,
		      const struct fsc_obs_point *p, const size_t *mem,
		      size_t n)
{
	const struct fsc_model *m = c->m;
	int k = c->skip[0], lat = fsc_obs_metric_lower(obs->metric), s;
	const struct fsc_model_key *K = &m->keys[k];
	const char *what = obs->metric == FSC_OBS_BW ? "bandwidth" :
			   obs->metric == FSC_OBS_IOPS ? "IOPS" :
			   obs->metric == FSC_OBS_P50 ? "p50 latency" :
			   obs->metric == FSC_OBS_P99 ? "p99 latency" :
			   obs->metric == FSC_OBS_CPU ? "CPU cost" :
			   "p99.99 latency";
	struct fsc_buf t = FSC_BUF_INIT, g = FSC_BUF_INIT;
	struct fsc_obs_cell hi = p[mem[n - 1]].cell, lo = p[mem[0]].cell;
	int64_t vl = num_of(m, mem[0], k), vh = num_of(m, mem[n - 1], k);
	double rise = 0;

	fsc_obs_decide(obs, &hi, &lo);
	group_phrase(m, mem[0], k, &g);
	if (g.len)
		fsc_buf_addf(&t, "%s: ", g.buf);
	if (lat) {
		fsc_buf_addf(&t, "%s at ", what);
		fsc_model_phrase(m, (size_t)k, fsc_model_val(m, mem[n - 1],
				 (size_t)k), &t);
		fsc_buf_adds(&t, " is ");
		fsc_obs_fmt_ratio(hi.ratio, &t);
		fsc_buf_adds(&t, " that at ");
	} else {
		fsc_model_phrase(m, (size_t)k, fsc_model_val(m, mem[n - 1],
				 (size_t)k), &t);
		fsc_buf_addf(&t, " %s ", plural(K, vh) ? "reach" : "reaches");
		fsc_obs_fmt_ratio(hi.ratio, &t);
		fsc_buf_addf(&t, " the %s at ", what);
	}
	fsc_model_phrase(m, (size_t)k, fsc_model_val(m, mem[0], (size_t)k),
			 &t);
	fsc_buf_adds(&t, " (");
	fsc_obs_fmt_value(obs->metric, hi.value, &t);
	fsc_buf_adds(&t, " against ");
	fsc_obs_fmt_value(obs->metric, lo.value, &t);
	fsc_buf_adds(&t, ")");
	/* linear: the metric in proportion to the parallelism (a block
	 * size has no such expectation) */
	if (!lat && K->id != FSC_KEY_BS && vl > 0 && vh > vl &&
	    hi.verdict != FSC_OBS_INCONCLUSIVE)
		fsc_buf_addf(&t, ": %.0f%% of linear",
			     100 * hi.ratio / ((double)vh / (double)vl));
	fsc_buf_addf(&t, "; %s%s", words(obs, &hi),
		     hi.single ? ", single run" : "");
	if ((s = saturation(obs, p, mem, n, &rise)) >= 0) {
		fsc_buf_adds(&t, "; saturates at ");
		fsc_model_phrase(m, (size_t)k, fsc_model_val(m, mem[s],
				 (size_t)k), &t);
		fsc_buf_addf(&t, ": bandwidth gains less than %.0f%% beyond"
			     " it while p99 latency rises ", 100 * obs->close);
		fsc_obs_fmt_ratio(rise, &t);
	}
	fsc_obs_add_finding(obs, FSC_OBS_F_SCALING, K->name, NULL,
			    words(obs, &hi), &t);
	fsc_buf_release(&g);
}

void fsc_obs_scaling(struct fsc_obs *obs, const struct fsc_model *m,
		     const struct fsc_obs_point *p)
{
	size_t *idx = fsc_calloc(m->n + 1, sizeof(*idx));
	size_t *mem = fsc_calloc(m->n + 1, sizeof(*mem));
	size_t k, i, j, nm;
	struct ctx c;

	c.m = m;
	c.skip[1] = -1;
	for (k = 0; k < m->nkeys; k++) {
		if (m->keys[k].kind != FSC_KEY_NUMERIC || !m->keys[k].varies)
			continue;
		c.skip[0] = (int)k;
		for (i = 0; i < m->n; i++)
			idx[i] = i;
		sort_idx(&c, idx, m->n);
		for (i = 0; i < m->n; i = j) {
			for (j = i + 1; j < m->n && !fsc_model_cmp_except(m,
			     idx[i], idx[j], c.skip); j++)
				;
			/* the members with a value, one per value of k */
			for (nm = 0; i < j; i++) {
				const struct fsc_obs_cell *cl = &p[idx[i]].cell;

				if (num_of(m, idx[i], (int)k) < 0 ||
				    cl->verdict == FSC_OBS_MISSING ||
				    !(cl->value > 0) || (nm &&
				    num_of(m, mem[nm - 1], (int)k) ==
				    num_of(m, idx[i], (int)k)))
					continue;
				mem[nm++] = idx[i];
			}
			if (nm >= 2)
				one_group(obs, &c, p, mem, nm);
		}
	}
	free(idx);
	free(mem);
}
