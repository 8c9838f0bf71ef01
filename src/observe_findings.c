/*
 * observe_findings.c: the words of the observations: values, ratios, key
 * labels and patterns as every output writes them; per-runtime summaries
 * (verdict counts, geometric mean, best and worst scenario, scaling); and
 * the plain-language findings by pattern, by runtime and the caveats,
 * derived from the verdicts observe.c decided.  No output itself.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "observe.h"
#include "key.h"

#define EPS 1e-9

/* Three significant digits with a decimal unit prefix. */
static void fmt3(double v, const char *const *units, int nunits, int step,
		 struct fsc_buf *out)
{
	int i = 0;

	while (v >= step - 0.5 && i < nunits - 1) {
		v /= step;
		i++;
	}
	if (v >= 99.95 || v == 0)
		fsc_buf_addf(out, "%.0f %s", v, units[i]);
	else if (v >= 9.995)
		fsc_buf_addf(out, "%.1f %s", v, units[i]);
	else
		fsc_buf_addf(out, "%.2f %s", v, units[i]);
}

void fsc_obs_fmt_value(enum fsc_obs_metric m, double v, struct fsc_buf *out)
{
	static const char *const bw[] = { "B/s", "kB/s", "MB/s", "GB/s",
					  "TB/s" };
	static const char *const io[] = { "IOPS", "k IOPS", "M IOPS" };
	static const char *const ns[] = { "ns", "\xc2\xb5s", "ms", "s" };
	/* #20: CPU seconds per GiB, as ns */
	static const char *const cpu[] = { "ns/GiB", "\xc2\xb5s/GiB",
					   "ms/GiB", "s/GiB" };

	if (m == FSC_OBS_CPU)
		fmt3(v * 1e9, cpu, 4, 1000, out);
	else if (m == FSC_OBS_BW)
		fmt3(v, bw, 5, 1000, out);
	else if (m == FSC_OBS_IOPS)
		fmt3(v, io, 3, 1000, out);
	else
		fmt3(v, ns, 4, 1000, out);
}

void fsc_obs_fmt_ratio(double r, struct fsc_buf *out)
{
	fsc_buf_addf(out, r < 0.095 && r > 0 ? "%.3fx" : "%.2fx", r);
}

void fsc_obs_fmt_bs(int64_t bs, struct fsc_buf *out)
{
	fsc_key_bs_short(bs, out);
}

static void add_labels(const char *labels, struct fsc_buf *out)
{
	for (; *labels; labels++)
		fsc_buf_add(out, *labels == '\n' ? " " : labels, 1);
}

void fsc_obs_pattern(const struct fsc_obs *obs, const struct fsc_obs_row *r,
		     struct fsc_buf *out)
{
	const char *sep = "";

	if (r->rw) {
		fsc_buf_adds(out, r->rw);
		sep = ", ";
		if (r->show_ddir)
			fsc_buf_addf(out, " %s", r->ddir);
	} else if (r->show_ddir) {
		fsc_buf_addf(out, "%s", r->ddir);
		sep = ", ";
	}
	if (obs->vary_bs && r->bs >= 0) {
		fsc_buf_adds(out, sep);
		fsc_obs_fmt_bs(r->bs, out);
		sep = ", ";
	}
	if (obs->vary_runtime && r->runtime) {
		fsc_buf_addf(out, "%s%s", sep, r->runtime);
		sep = ", ";
	}
	if (obs->vary_backend && r->backend) {
		fsc_buf_addf(out, "%s%s", sep, r->backend);
		sep = ", ";
	}
	if (obs->vary_iodepth && r->iodepth >= 0) {
		fsc_buf_adds(out, sep);
		fsc_key_phrase(FSC_KEY_IODEPTH, NULL, r->iodepth, out);
		sep = ", ";
	}
	if (obs->vary_numjobs && r->numjobs >= 0) {
		fsc_buf_adds(out, sep);
		fsc_key_phrase(FSC_KEY_NUMJOBS, NULL, r->numjobs, out);
		sep = ", ";
	}
	if (obs->vary_labels && r->labels && *r->labels) {
		fsc_buf_adds(out, sep);
		add_labels(r->labels, out);
	}
}

void fsc_obs_constants(const struct fsc_obs *obs, struct fsc_buf *out)
{
	const struct fsc_obs_row *r = obs->nrows ? &obs->rows[0] : NULL;
	const char *sep = "";

	if (!r)
		return;
	if (!obs->vary_runtime && r->runtime) {
		fsc_buf_addf(out, "runtime %s", r->runtime);
		sep = ", ";
	}
	if (!obs->vary_backend && r->backend) {
		fsc_buf_addf(out, "backend %s", r->backend);
		sep = ", ";
	}
	if (!obs->vary_bs && r->bs >= 0) {
		fsc_buf_addf(out, "%sbs ", sep);
		fsc_obs_fmt_bs(r->bs, out);
		sep = ", ";
	}
	/* iodepth 1 and 1 job, fio's defaults, go without saying */
	if (!obs->vary_iodepth && r->iodepth > 1) {
		fsc_buf_addf(out, "%siodepth %lld", sep, (long long)r->iodepth);
		sep = ", ";
	}
	if (!obs->vary_numjobs && r->numjobs > 1) {
		fsc_buf_addf(out, "%snumjobs %lld", sep, (long long)r->numjobs);
		sep = ", ";
	}
	if (!obs->vary_labels && r->labels && *r->labels) {
		fsc_buf_adds(out, sep);
		add_labels(r->labels, out);
	}
}

int fsc_obs_key_columns(const struct fsc_obs *obs,
			enum fsc_obs_keycol kc[FSC_OBS_KC_NR])
{
	int n = 0;

	if (obs->vary_runtime)
		kc[n++] = FSC_OBS_KC_RUNTIME;
	if (obs->vary_backend)
		kc[n++] = FSC_OBS_KC_BACKEND;
	if (obs->vary_bs)
		kc[n++] = FSC_OBS_KC_BS;
	if (obs->vary_iodepth)
		kc[n++] = FSC_OBS_KC_QD;
	if (obs->vary_numjobs)
		kc[n++] = FSC_OBS_KC_JOBS;
	if (obs->vary_labels)
		kc[n++] = FSC_OBS_KC_LABELS;
	kc[n++] = FSC_OBS_KC_RW;
	kc[n++] = FSC_OBS_KC_CLIENTS;
	return n;
}

const char *fsc_obs_key_head(enum fsc_obs_keycol k)
{
	static const char *const h[] = { "runtime", "backend", "bs", "iodepth",
		"numjobs", "labels", "rw", "clients" };

	return h[k];
}

void fsc_obs_key_text(const struct fsc_obs_row *r, enum fsc_obs_keycol k,
		      struct fsc_buf *out)
{
	switch (k) {
	case FSC_OBS_KC_RUNTIME:
		fsc_buf_adds(out, r->runtime ? r->runtime : "");
		break;
	case FSC_OBS_KC_BACKEND:
		fsc_buf_adds(out, r->backend ? r->backend : "");
		break;
	case FSC_OBS_KC_BS:
		fsc_obs_fmt_bs(r->bs, out);
		break;
	case FSC_OBS_KC_QD: case FSC_OBS_KC_JOBS: case FSC_OBS_KC_CLIENTS:
		if ((k == FSC_OBS_KC_QD ? r->iodepth : k == FSC_OBS_KC_JOBS ? r->numjobs :
		     r->clients) >= 0)
			fsc_buf_addf(out, "%lld", (long long)(k == FSC_OBS_KC_QD ?
				     r->iodepth : k == FSC_OBS_KC_JOBS ? r->numjobs :
				     r->clients));
		break;
	case FSC_OBS_KC_LABELS:
		add_labels(r->labels ? r->labels : "", out);
		break;
	default:
		fsc_buf_adds(out, r->rw ? r->rw : r->show_ddir ? "" : r->ddir);
		if (r->show_ddir)
			fsc_buf_addf(out, " %s", r->ddir);
		break;
	}
}

static void clients_phrase(int64_t n, struct fsc_buf *out)
{
	if (n >= 0)
		fsc_buf_addf(out, "%lld client%s", (long long)n, n == 1 ? "" : "s");
}

/* "1, 8 and 64 clients", "1 client" */
static void clients_list(const int64_t *cl, size_t n, struct fsc_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_adds(out, i + 1 < n ? ", " : " and ");
		if (cl[i] >= 0)
			fsc_buf_addf(out, "%lld", (long long)cl[i]);
	}
	if (n)
		fsc_buf_addf(out, " client%s", n == 1 && cl[0] == 1 ? "" : "s");
}

/* "randread, 64 clients" */
static void scenario_phrase(const struct fsc_obs *obs, size_t row,
			    struct fsc_buf *out)
{
	fsc_obs_pattern(obs, &obs->rows[row], out);
	if (obs->rows[row].clients >= 0) {
		fsc_buf_adds(out, ", ");
		clients_phrase(obs->rows[row].clients, out);
	}
}

/* Is ratio a better than b for this metric? */
static int better(const struct fsc_obs *obs, double a, double b)
{
	return fsc_obs_metric_lower(obs->metric) ? a < b : a > b;
}

static void summarise(struct fsc_obs *obs)
{
	size_t i, j;

	obs->summary = fsc_calloc(obs->nruntimes, sizeof(*obs->summary));
	for (j = 1; j < obs->nruntimes; j++) {
		struct fsc_obs_summary *s = &obs->summary[j];
		double logs = 0;
		size_t nlog = 0;

		for (i = 0; i < obs->nrows; i++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (!c->has_ratio)
				continue;
			if (!s->compared++ || better(obs, c->ratio,
			    obs->rows[s->best].cells[j].ratio))
				s->best = i;
			if (s->compared == 1 || better(obs,
			    obs->rows[s->worst].cells[j].ratio, c->ratio))
				s->worst = i;
			if (c->ratio > 0) {
				logs += log(c->ratio);
				nlog++;
			}
			s->better += c->verdict == FSC_OBS_BETTER;
			s->worse += c->verdict == FSC_OBS_WORSE;
			s->slightly_better += c->verdict == FSC_OBS_BETTER &&
					      c->slight;
			s->slightly_worse += c->verdict == FSC_OBS_WORSE &&
					     c->slight;
			s->inconclusive += c->verdict == FSC_OBS_INCONCLUSIVE;
			s->noisy += c->verdict == FSC_OBS_NOISY;
			if (c->verdict == FSC_OBS_CLOSE) {
				s->close++;
				if (fabs(c->ratio - 1) > s->close_max)
					s->close_max = fabs(c->ratio - 1);
			}
		}
		s->geomean = nlog ? exp(logs / (double)nlog) : 0;
	}
}

void fsc_obs_add_finding(struct fsc_obs *obs, enum fsc_obs_kind kind,
			const char *group, const char *runtime,
			const char *verdict, struct fsc_buf *text)
{
	struct fsc_obs_finding *f;

	obs->findings = fsc_realloc(obs->findings, (obs->nfindings + 1) *
				    sizeof(*f));
	f = &obs->findings[obs->nfindings++];
	f->kind = kind;
	f->group = fsc_strdup(group);
	f->runtime = fsc_strdup(runtime);
	f->verdict = fsc_strdup(verdict);
	f->text = fsc_buf_detach(text);
}

static void fmt_ci(const struct fsc_obs_cell *c, struct fsc_buf *t)
{
	if (!c->has_ci)
		return;
	if (!isfinite(c->ci_lo) || !isfinite(c->ci_hi)) {
		fsc_buf_adds(t, " [CI unbounded]");
		return;
	}
	fsc_buf_adds(t, " [");
	fsc_obs_fmt_ratio(c->ci_lo, t);
	fsc_buf_adds(t, ", ");
	fsc_obs_fmt_ratio(c->ci_hi, t);
	fsc_buf_adds(t, "]");
}

/* The change of the ratio from the fewest to the most clients of a
 * pattern, as "goodness" (above 1 is better); 0 when not measurable. */
static double scaling(const struct fsc_obs *obs, size_t g0, size_t g1,
		      size_t j, size_t *lo, size_t *hi)
{
	size_t i;
	int n = 0;
	double ch;

	for (i = g0; i < g1; i++)
		if (obs->rows[i].cells[j].has_ratio &&
		    obs->rows[i].cells[j].ratio > 0) {
			if (!n++)
				*lo = i;
			*hi = i;
		}
	if (n < 2 || obs->rows[*lo].clients == obs->rows[*hi].clients)
		return 0;
	ch = obs->rows[*hi].cells[j].ratio / obs->rows[*lo].cells[j].ratio;
	return fsc_obs_metric_lower(obs->metric) ? 1 / ch : ch;
}

static int same_clause(const struct fsc_obs_cell *a,
		       const struct fsc_obs_cell *b)
{
	return a->verdict == b->verdict && a->slight == b->slight &&
	       a->single == b->single && a->caveat == b->caveat;
}

static void pattern_findings(struct fsc_obs *obs, size_t g0, size_t g1)
{
	const char *base = fsc_obs_prose_name(obs->runtimes[0]);
	struct fsc_buf pat = FSC_BUF_INIT, t = FSC_BUF_INIT;
	size_t i, j, k, lo = 0, hi = 0, worst = 0, nscale = 0;
	size_t *idx = fsc_calloc(g1 - g0, sizeof(*idx));
	double worst_g = 0, g;

	fsc_obs_pattern(obs, &obs->rows[g0], &pat);
	for (j = 1; j < obs->nruntimes; j++) {
		g = scaling(obs, g0, g1, j, &lo, &hi);
		if (g > 0 && (!nscale++ || g < worst_g)) {
			worst_g = g;
			worst = j;
		}
	}
	for (j = 1; j < obs->nruntimes; j++) {
		const char *verdict = NULL;
		size_t n = 0, m;
		int mixed = 0;

		/* clauses: runs of rows (by clients) with one verdict */
		for (i = g0; i < g1; i++)
			if (obs->rows[i].cells[j].has_ratio)
				idx[n++] = i;
		if (!n)
			continue;
		fsc_buf_addf(&t, "%s, %s: ", obs->runtimes[j], pat.buf);
		for (k = 0; k < n; k = m) {
			const struct fsc_obs_cell *c = &obs->rows[idx[k]].cells[j];
			const char *w = fsc_obs_verdict_words(obs, c);

			for (m = k + 1; m < n && same_clause(c,
			     &obs->rows[idx[m]].cells[j]); m++)
				;
			for (i = k; i < m; i++) {
				const struct fsc_obs_cell *d =
					&obs->rows[idx[i]].cells[j];

				if (i > k)
					fsc_buf_adds(&t, i + 1 == m ? " and " :
						     ", ");
				fsc_obs_fmt_ratio(d->ratio, &t);
				fmt_ci(d, &t);
				if (!i)
					fsc_buf_addf(&t, " %s", base);
				fsc_buf_adds(&t, " at ");
				clients_phrase(obs->rows[idx[i]].clients, &t);
			}
			fsc_buf_addf(&t, " (%s%s", w, c->single ?
				     ", single run" : "");
			if (c->caveat) {
				fsc_buf_adds(&t, "; ");
				fsc_obs_caveat_words(&obs->rows[idx[k]], &t);
			}
			fsc_buf_addf(&t, ")%s", m < n ? "; " : "");
			mixed |= verdict && strcmp(verdict, w);
			verdict = w;
		}
		g = scaling(obs, g0, g1, j, &lo, &hi);
		if (g > 0) {
			const struct fsc_obs_cell *a = &obs->rows[lo].cells[j];
			const struct fsc_obs_cell *b = &obs->rows[hi].cells[j];
			double ch = b->ratio / a->ratio;

			/* a latency ratio that falls is an improvement */
			fsc_buf_addf(&t, "; %s from ", fabs(ch - 1) <=
				     obs->close + EPS ? "steady" :
				     fsc_obs_metric_lower(obs->metric) ?
				     ch < 1 ? "improves" : "worsens" :
				     ch < 1 ? "falls" : "rises");
			fsc_obs_fmt_ratio(a->ratio, &t);
			fsc_buf_adds(&t, " at ");
			clients_phrase(obs->rows[lo].clients, &t);
			fsc_buf_adds(&t, " to ");
			fsc_obs_fmt_ratio(b->ratio, &t);
			fsc_buf_adds(&t, " at ");
			clients_phrase(obs->rows[hi].clients, &t);
			if (nscale >= 2 && j == worst &&
			    worst_g < 1 - obs->close - EPS)
				fsc_buf_adds(&t, " (scales worst)");
		}
		fsc_obs_add_finding(obs, FSC_OBS_F_PATTERN, pat.buf, obs->runtimes[j],
			    mixed ? "mixed" : verdict, &t);
	}
	fsc_buf_release(&pat);
	free(idx);
}

/* Does cell a beat cell b (the same row, two runtimes) by the rules a
 * cell beats the baseline: a 95% interval of a/b on the better side of 1
 * with repetitions on both, else a ratio beyond the close threshold?
 * *r gets a/b. */
static int beats(const struct fsc_obs *obs, const struct fsc_obs_cell *a,
		 const struct fsc_obs_cell *b, double *r)
{
	int lat = fsc_obs_metric_lower(obs->metric);
	double lo, hi;

	*r = a->value / b->value;
	if (a->nrep >= 2 && b->nrep >= 2 && b->rep_mean > 0) {
		fsc_obs_fieller(a, b, &lo, &hi);
		return lat ? hi < 1 : lo > 1;
	}
	return fabs(*r - 1) > obs->close + EPS && (*r > 1) != lat;
}

/* Runtimes whose order on one pattern reverses their overall order (by
 * geometric mean): "kata-9p, randwrite: ahead of kata-virtiofs at 1, 8
 * and 64 clients (1.47x to 1.81x its bandwidth), though behind it
 * overall".  Stated only when a beats b at every client count measured
 * for both. */
static void reversals(struct fsc_obs *obs, size_t g0, size_t g1)
{
	const char *what = obs->metric == FSC_OBS_BW ? "bandwidth" :
			   obs->metric == FSC_OBS_IOPS ? "IOPS" :
			   obs->metric == FSC_OBS_CPU ? "CPU cost" : "latency";
	struct fsc_buf pat = FSC_BUF_INIT, t = FSC_BUF_INIT;
	size_t a, b, i, n;
	int64_t *cl;
	double r, lo = 0, hi = 0;

	cl = fsc_calloc(g1 - g0, sizeof(*cl));
	fsc_obs_pattern(obs, &obs->rows[g0], &pat);
	for (a = 1; a < obs->nruntimes; a++)
		for (b = 1; b < obs->nruntimes; b++) {
			if (a == b || !obs->summary[a].geomean ||
			    !obs->summary[b].geomean ||
			    !better(obs, obs->summary[b].geomean,
				    obs->summary[a].geomean))
				continue;
			for (n = 0, i = g0; i < g1; i++) {
				const struct fsc_obs_cell *ca, *cb;

				ca = &obs->rows[i].cells[a];
				cb = &obs->rows[i].cells[b];
				if (!ca->has_ratio || !cb->has_ratio ||
				    !(cb->value > 0))
					continue;
				if (!beats(obs, ca, cb, &r))
					break;
				lo = n ? fmin(lo, r) : r;
				hi = n ? fmax(hi, r) : r;
				n++;
			}
			if (!n || i < g1)
				continue;
			fsc_buf_addf(&t, "%s, %s: ahead of %s at ",
				     obs->runtimes[a], pat.buf, obs->runtimes[b]);
			for (n = 0, i = g0; i < g1; i++)
				if (obs->rows[i].cells[a].has_ratio &&
				    obs->rows[i].cells[b].has_ratio)
					cl[n++] = obs->rows[i].clients;
			clients_list(cl, n, &t);
			fsc_buf_adds(&t, " (");
			fsc_obs_fmt_ratio(lo, &t);
			if (hi != lo) {
				fsc_buf_adds(&t, " to ");
				fsc_obs_fmt_ratio(hi, &t);
			}
			fsc_buf_addf(&t, " its %s), though behind it overall",
				     what);
			fsc_obs_add_finding(obs, FSC_OBS_F_PATTERN, pat.buf,
				    obs->runtimes[a], "ahead", &t);
		}
	fsc_buf_release(&pat);
	free(cl);
}

/* Geometric means of a runtime's ratios at its fewest and most clients,
 * over the patterns measured at both. */
static void scaling_summary(struct fsc_obs *obs, size_t j, struct fsc_buf *t)
{
	int64_t cmin = -1, cmax = -1;
	double llo = 0, lhi = 0;
	size_t i, k, n = 0;

	for (i = 0; i < obs->nrows; i++)
		if (obs->rows[i].cells[j].has_ratio &&
		    obs->rows[i].cells[j].ratio > 0 && obs->rows[i].clients >= 0) {
			if (cmin < 0 || obs->rows[i].clients < cmin)
				cmin = obs->rows[i].clients;
			if (obs->rows[i].clients > cmax)
				cmax = obs->rows[i].clients;
		}
	if (cmin < 0 || cmin == cmax)
		return;
	for (i = 0; i < obs->nrows; i = k) {
		const struct fsc_obs_cell *a = NULL, *b = NULL;

		for (k = i; k < obs->nrows && obs->rows[k].group ==
		     obs->rows[i].group; k++) {
			const struct fsc_obs_cell *c = &obs->rows[k].cells[j];

			if (!c->has_ratio || !(c->ratio > 0))
				continue;
			if (obs->rows[k].clients == cmin)
				a = c;
			if (obs->rows[k].clients == cmax)
				b = c;
		}
		if (a && b) {
			llo += log(a->ratio);
			lhi += log(b->ratio);
			n++;
		}
	}
	if (!n)
		return;
	fsc_buf_addf(t, "%s: scaling: ", obs->runtimes[j]);
	fsc_obs_fmt_ratio(exp(llo / (double)n), t);
	fsc_buf_addf(t, " %s at ", fsc_obs_prose_name(obs->runtimes[0]));
	clients_phrase(cmin, t);
	fsc_buf_adds(t, ", ");
	fsc_obs_fmt_ratio(exp(lhi / (double)n), t);
	fsc_buf_adds(t, " at ");
	clients_phrase(cmax, t);
	fsc_buf_addf(t, " (geometric mean over %zu pattern%s)", n,
		     n == 1 ? "" : "s");
}

struct part {
	const char *words, *link;
	size_t n;
};

static void add_part(struct part *p, size_t *np, const char *words,
		     const char *link, size_t n)
{
	if (!n)
		return;
	p[*np].words = words;
	p[*np].link = link;
	p[(*np)++].n = n;
}

static void runtime_findings(struct fsc_obs *obs, size_t j)
{
	const struct fsc_obs_summary *s = &obs->summary[j];
	const char *rt = obs->runtimes[j];
	const char *base = fsc_obs_prose_name(obs->runtimes[0]);
	int lat = fsc_obs_metric_is_latency(obs->metric);
	int cpu = obs->metric == FSC_OBS_CPU;	/* #20 */
	struct fsc_buf t = FSC_BUF_INIT;
	struct part parts[6];
	size_t np = 0, k, ncav;

	if (!s->compared)
		return;
	if (s->close) {
		fsc_buf_addf(&t, "%s: within %d%% of %s in %zu of %zu"
			     " scenario%s", rt, (int)fmax(1, ceil(s->close_max *
			     100 - EPS)), base, s->close, s->compared,
			     s->compared == 1 ? "" : "s");
		fsc_obs_add_finding(obs, FSC_OBS_F_RUNTIME, rt, rt, "close to", &t);
	}
	/* "outperforms bare metal in 2, slightly worse in 1 and
	 * inconclusive in 1 of 4 scenarios" */
	/* #20: too noisy outranks the others */
	add_part(parts, &np, "too noisy to compare", " with", s->noisy);
	add_part(parts, &np, cpu ? "cheaper" : lat ? "faster" :
		 "outperforms", lat || cpu ? " than" : "",
		 s->better - s->slightly_better);
	add_part(parts, &np, cpu ? "slightly cheaper" : lat ?
		 "slightly faster" : "slightly outperforms",
		 lat || cpu ? " than" : "", s->slightly_better);
	add_part(parts, &np, cpu ? "costlier" : lat ? "slower" : "worse",
		 " than", s->worse - s->slightly_worse);
	add_part(parts, &np, cpu ? "slightly costlier" : lat ?
		 "slightly slower" : "slightly worse", " than",
		 s->slightly_worse);
	add_part(parts, &np, "inconclusive", " against", s->inconclusive);
	if (np) {
		fsc_buf_addf(&t, "%s: ", rt);
		for (k = 0; k < np; k++) {
			fsc_buf_adds(&t, k ? k + 1 == np ? " and " : ", " : "");
			if (k)
				fsc_buf_adds(&t, parts[k].words);
			else
				fsc_buf_addf(&t, "%s%s %s", parts[k].words,
					     parts[k].link, base);
			fsc_buf_addf(&t, " in %zu", parts[k].n);
		}
		fsc_buf_addf(&t, " of %zu scenario%s", s->compared,
			     s->compared == 1 ? "" : "s");
		for (k = 0, ncav = 0; k < obs->nrows; k++)
			ncav += obs->rows[k].cells[j].caveat != 0;
		if (ncav)	/* #20 */
			fsc_buf_addf(&t, " (%zu of them beyond bare metal: see"
				     " the plausibility caveats)", ncav);
		fsc_obs_add_finding(obs, FSC_OBS_F_RUNTIME, rt, rt, NULL, &t);
	}
	fsc_buf_addf(&t, "%s: geometric mean ", rt);
	fsc_obs_fmt_ratio(s->geomean, &t);
	fsc_buf_addf(&t, " %s over %zu scenario%s", base, s->compared,
		     s->compared == 1 ? "" : "s");
	if (s->compared > 1 && obs->rows[s->best].cells[j].ratio !=
	    obs->rows[s->worst].cells[j].ratio) {
		fsc_buf_adds(&t, "; best ");
		fsc_obs_fmt_ratio(obs->rows[s->best].cells[j].ratio, &t);
		fsc_buf_adds(&t, " (");
		scenario_phrase(obs, s->best, &t);
		fsc_buf_adds(&t, "), worst ");
		fsc_obs_fmt_ratio(obs->rows[s->worst].cells[j].ratio, &t);
		fsc_buf_adds(&t, " (");
		scenario_phrase(obs, s->worst, &t);
		fsc_buf_adds(&t, ")");
	}
	fsc_obs_add_finding(obs, FSC_OBS_F_RUNTIME, rt, rt, NULL, &t);
	scaling_summary(obs, j, &t);
	if (t.len)
		fsc_obs_add_finding(obs, FSC_OBS_F_RUNTIME, rt, rt, NULL, &t);
}

static void notes(struct fsc_obs *obs)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (c->all_failed) {
				fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
				scenario_phrase(obs, i, &t);
				if (c->failed == 1)
					fsc_buf_adds(&t, ": its one run failed");
				else
					fsc_buf_addf(&t, ": all %d runs failed",
						     c->failed);
				fsc_buf_adds(&t, " (fio error): no value to"
					     " compare");
				fsc_obs_add_finding(obs, FSC_OBS_F_NOTE, "notes",
					    obs->runtimes[j], NULL, &t);
			}
			if (c->verdict == FSC_OBS_MISSING)
				continue;
			if (c->overlap >= 0 && c->overlap < obs->min_overlap) {
				fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
				scenario_phrase(obs, i, &t);
				fsc_buf_addf(&t, ": clients did not run"
					     " together (overlap %.2f); not a"
					     " concurrent measurement",
					     c->overlap);
				if (obs->win_notes && obs->win_notes[i *
				    obs->nruntimes + j])	/* #20 */
					fsc_buf_adds(&t, obs->win_notes[i *
						     obs->nruntimes + j]);
				fsc_obs_add_finding(obs, FSC_OBS_F_NOTE, "notes",
					    obs->runtimes[j], NULL, &t);
			}
			if (c->failed) {
				fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
				scenario_phrase(obs, i, &t);
				fsc_buf_addf(&t, ": %d run%s failed (fio error)"
					     " and %s left out", c->failed,
					     c->failed == 1 ? "" : "s",
					     c->failed == 1 ? "is" : "are");
				fsc_obs_add_finding(obs, FSC_OBS_F_NOTE, "notes",
					    obs->runtimes[j], NULL, &t);
			}
			if (c->dups) {
				fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
				scenario_phrase(obs, i, &t);
				fsc_buf_addf(&t, ": %d more scenario%s with"
					     " this key left out (narrow with"
					     " --where)", c->dups,
					     c->dups == 1 ? "" : "s");
				fsc_obs_add_finding(obs, FSC_OBS_F_NOTE, "notes",
					    obs->runtimes[j], NULL, &t);
			}
		}
}

/* #20: "beyond bare metal: check for a cache or weaker durability" */
void fsc_obs_caveat_words(const struct fsc_obs_row *r, struct fsc_buf *out)
{
	fsc_buf_adds(out, r->ddir && !strcmp(r->ddir, "read") ?
		     "beyond bare metal: check for a cache" :
		     "beyond bare metal: check for a cache or weaker durability");
}

static const char *what_of(const struct fsc_obs *obs)
{
	static const char *const w[] = { "bandwidth", "IOPS", "p50 latency",
					 "p99 latency", "p99.99 latency",
					 "CPU cost" };

	return w[obs->metric];
}

/* #20: one finding per cell too noisy, the baselines' too. */
static void spread_findings(struct fsc_obs *obs)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (!c->noisy || c->verdict == FSC_OBS_MISSING)
				continue;
			fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
			scenario_phrase(obs, i, &t);
			fsc_buf_addf(&t, ": too noisy to conclude: %s varies by"
				     " %.1f%% across %d repetitions (coefficient"
				     " of variation; threshold %.0f%%)%s; run it"
				     " again", what_of(obs), 100 * c->cv,
				     c->nrep, 100 * obs->noisy, !j ?
				     ", and every comparison with it is too"
				     " noisy" : "");
			fsc_obs_add_finding(obs, FSC_OBS_F_SPREAD, "spread",
				    obs->runtimes[j], "too noisy", &t);
		}
	fsc_buf_release(&t);
}

/* #20: CPU-starved clients, one finding per cell whose runs' files say
 * (fio's --idle-prof) that the system was under the threshold idle:
 * Longhorn kbench's rule that such a result measures the CPU. */
static void starved_findings(struct fsc_obs *obs, struct fsc_buf *t)
{
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			const char *who = obs->starved_who ?
				obs->starved_who[i * obs->nruntimes + j] : NULL;

			if (!c->starved)
				continue;
			fsc_buf_addf(t, "%s, ", obs->runtimes[j]);
			scenario_phrase(obs, i, t);
			fsc_buf_addf(t, ": CPU-starved: fio measured %.1f%% CPU"
				     " idleness (under %.0f%%) on %d run%s",
				     c->idle, obs->starved_pct, c->starved,
				     c->starved == 1 ? "" : "s");
			if (who && *who)
				fsc_buf_addf(t, " (%s)", who);
			fsc_buf_adds(t, "; a client this busy may measure its"
				     " own CPU, not the storage: check before"
				     " comparing it");
			fsc_obs_add_finding(obs, FSC_OBS_F_CAVEAT, "plausibility",
				    obs->runtimes[j], "cpu-starved", t);
		}
}

/* #20: a data set that fits in the node's memory, buffered. */
static void dataset_findings(struct fsc_obs *obs, struct fsc_buf *t)
{
	struct fsc_buf a = FSC_BUF_INIT, b = FSC_BUF_INIT;
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_row *r = &obs->rows[i];
			const struct fsc_obs_cell *c = &r->cells[j];
			int rd = !r->ddir || !strcmp(r->ddir, "read");

			if (!c->dataset)
				continue;
			fsc_buf_reset(&a);
			fsc_buf_reset(&b);
			fsc_obs_size_words(c->dataset, &a);
			fsc_obs_size_words(obs->node_mem, &b);
			fsc_buf_addf(t, "%s, ", obs->runtimes[j]);
			scenario_phrase(obs, i, t);
			fsc_buf_addf(t, ": the data set (%s per node, from fio's"
				     " size and numjobs) fits in the node's %s"
				     " of memory and the I/O was buffered"
				     " (direct=0): %s", a.buf, b.buf, rd ?
				     "reads may come from the page cache, not"
				     " the storage" : "writes may stay in the"
				     " page cache (no fsync asked), not reach"
				     " the storage");
			fsc_obs_add_finding(obs, FSC_OBS_F_CAVEAT, "plausibility",
				    obs->runtimes[j], "dataset", t);
		}
	fsc_buf_release(&a);
	fsc_buf_release(&b);
}

/* #20 CPU cost: with --metric cpu, a runtime that costs more CPU per I/O
 * than the baseline beyond the 95% confidence interval (its lower bound
 * above 1; single runs are not stated here: no interval). */
static void cpu_findings(struct fsc_obs *obs)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	if (obs->metric != FSC_OBS_CPU)
		return;
	for (i = 0; i < obs->nrows; i++)
		for (j = 1; j < obs->nruntimes; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			const struct fsc_obs_cell *b = &obs->rows[i].cells[0];

			if (c->verdict != FSC_OBS_WORSE || !c->has_ci ||
			    !(c->ci_lo > 1))
				continue;
			fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
			scenario_phrase(obs, i, &t);
			fsc_buf_adds(&t, ": costs ");
			fsc_obs_fmt_ratio(c->ratio, &t);
			fsc_buf_addf(&t, " the CPU per I/O of %s (95%% CI ",
				     fsc_obs_prose_name(obs->runtimes[0]));
			fsc_obs_fmt_ratio(c->ci_lo, &t);
			fsc_buf_adds(&t, "\xe2\x80\x93");
			if (isfinite(c->ci_hi))
				fsc_obs_fmt_ratio(c->ci_hi, &t);
			else
				fsc_buf_adds(&t, "unbounded");
			fsc_buf_adds(&t, "): ");
			fsc_obs_fmt_value(FSC_OBS_CPU, c->value, &t);
			fsc_buf_adds(&t, " against ");
			fsc_obs_fmt_value(FSC_OBS_CPU, b->value, &t);
			if (c->alt >= 0 && b->alt >= 0)
				fsc_buf_addf(&t, " (%.3g against %.3g CPU ms"
					     " per 1,000 I/Os)", c->alt * 1e3,
					     b->alt * 1e3);
			fsc_obs_add_finding(obs, FSC_OBS_F_CPU, "cpu",
				    obs->runtimes[j], "costlier", &t);
		}
	fsc_buf_release(&t);
}

/* #20: the plausibility caveats, one per cell. */
static void caveat_findings(struct fsc_obs *obs)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 1; j < obs->nruntimes; j++) {
			const struct fsc_obs_row *r = &obs->rows[i];
			const struct fsc_obs_cell *c = &r->cells[j];
			int rd = r->ddir && !strcmp(r->ddir, "read");

			if (!c->caveat)
				continue;
			fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
			scenario_phrase(obs, i, &t);
			fsc_buf_adds(&t, ": ");
			fsc_obs_fmt_ratio(c->ratio, &t);
			fsc_buf_addf(&t, " bare metal (%s; ",
				     fsc_obs_verdict_words(obs, c));
			fsc_obs_caveat_words(r, &t);
			fsc_buf_addf(&t, "): %s faster than the bare-metal"
				     " baseline usually %s; check before calling"
				     " it a win", rd ? "reads" : "writes", rd ?
				     "come from a cache (page cache, host or"
				     " device cache)" : "mean a cache absorbed"
				     " them or a weaker durability guarantee"
				     " (data not yet on stable storage)");
			fsc_obs_add_finding(obs, FSC_OBS_F_CAVEAT, "plausibility",
				    obs->runtimes[j], "caveat", &t);
		}
	starved_findings(obs, &t);
	dataset_findings(obs, &t);
	fsc_buf_release(&t);
}

void fsc_obs_findings(struct fsc_obs *obs)
{
	size_t i, k, j;

	summarise(obs);
	/* #20: the judgements around the numbers come first */
	spread_findings(obs);
	caveat_findings(obs);
	cpu_findings(obs);
	for (i = 0; i < obs->nrows; i = k) {
		for (k = i; k < obs->nrows && obs->rows[k].group ==
		     obs->rows[i].group; k++)
			;
		pattern_findings(obs, i, k);
		reversals(obs, i, k);
	}
	for (j = 1; j < obs->nruntimes; j++)
		runtime_findings(obs, j);
	notes(obs);
}
