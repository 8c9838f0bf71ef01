/*
 * observe_gate.c (#20): `observe --gate`, see observe_gate.h.  A check
 * fails only beyond the confidence interval: with repetitions on both
 * sides, when the whole 95% interval of the ratio (Fieller, observe.c) is
 * on the wrong side of the bound; with a single run on either side, when
 * the ratio itself is.  A cell or reference "too noisy" (observe.c's
 * spread rule) decides nothing: status noisy.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "observe_gate.h"

static const char *const metric_names[] = { "bw", "iops", "p50", "p99",
					    "p9999" };

static int parse_one(struct fsc_gate *g, const char *w, size_t n,
		     struct fsc_err *err)
{
	char *s = fsc_strndup(w, n), *p, *end;
	struct fsc_gate_rule r;
	size_t m;
	double pct;

	memset(&r, 0, sizeof(r));
	for (m = 0; m < 5; m++) {
		size_t l = strlen(metric_names[m]);

		if (!strncmp(s, metric_names[m], l) && (s[l] == '>' ||
		    s[l] == '<'))
			break;
	}
	if (m == 5)
		goto bad;
	p = s + strlen(metric_names[m]);
	if (p[1] != '=')
		goto bad;
	r.metric = (enum fsc_obs_metric)m;
	r.ge = *p == '>';
	p += 2;
	if (*p != '+' && *p != '-')
		goto bad;
	errno = 0;
	pct = strtod(p, &end);
	if (errno || end == p + 1 || strcmp(end, "%") || !(fabs(pct) < 1000))
		goto bad;
	r.bound = 1 + pct / 100;
	if (!(r.bound > 0))
		goto bad;
	r.text = s;
	g->rules = fsc_realloc(g->rules, (g->nrules + 1) * sizeof(r));
	g->rules[g->nrules++] = r;
	return 0;
bad:
	fsc_err_set(err, NULL, "bad rule '%s': expected METRIC>=SIGNED%% or"
		    " METRIC<=SIGNED%% (bw, iops, p50, p99, p9999), e.g."
		    " 'bw>=-5%%' or 'p99<=+10%%'", s);
	free(s);
	return -1;
}

int fsc_gate_parse(struct fsc_gate *g, const char *text, struct fsc_err *err)
{
	const char *p = text, *w;

	while (*p) {
		if (*p == '#') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (strchr(" \t\r\n,", *p)) {
			p++;
			continue;
		}
		for (w = p; *p && !strchr(" \t\r\n,#", *p); p++)
			;
		if (parse_one(g, w, (size_t)(p - w), err) < 0)
			return -1;
	}
	if (!g->nrules)
		return fsc_err_set(err, NULL, "no rule to check");
	return 0;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int row_eq(const struct fsc_obs_row *a, const struct fsc_obs_row *b)
{
	return str_eq(a->runtime, b->runtime) && str_eq(a->backend, b->backend) &&
	       str_eq(a->rw, b->rw) && str_eq(a->ddir, b->ddir) &&
	       str_eq(a->labels, b->labels) && a->bs == b->bs &&
	       a->clients == b->clients && a->iodepth == b->iodepth &&
	       a->numjobs == b->numjobs;
}

static void add_check(struct fsc_gate *g, const struct fsc_gate_rule *r,
		      const struct fsc_obs *obs, size_t i, size_t j,
		      const struct fsc_obs_cell *c, const char *ref)
{
	struct fsc_gate_check *k;
	struct fsc_buf t = FSC_BUF_INIT;
	const struct fsc_obs_row *row = &obs->rows[i];
	double b = r->bound;

	g->checks = fsc_realloc(g->checks, (g->nchecks + 1) * sizeof(*k));
	k = &g->checks[g->nchecks++];
	memset(k, 0, sizeof(*k));
	k->rule = r;
	fsc_buf_addf(&t, "%s, ", obs->runtimes[j]);
	fsc_obs_pattern(obs, row, &t);
	if (row->clients >= 0)
		fsc_buf_addf(&t, ", %lld client%s", (long long)row->clients,
			     row->clients == 1 ? "" : "s");
	k->name = fsc_buf_detach(&t);
	k->ref = fsc_strdup(ref);
	k->ratio = c->ratio;
	k->has_ci = c->has_ci;
	k->lo = c->ci_lo;
	k->hi = c->ci_hi;
	if (c->verdict == FSC_OBS_NOISY)
		k->status = FSC_GATE_NOISY;
	else if (c->has_ci)
		k->status = (r->ge ? c->ci_hi < b : c->ci_lo > b) ?
			    FSC_GATE_FAIL : FSC_GATE_PASS;
	else
		k->status = (r->ge ? c->ratio < b : c->ratio > b) ?
			    FSC_GATE_FAIL : FSC_GATE_PASS;
	g->fails += k->status == FSC_GATE_FAIL;
	g->noisy += k->status == FSC_GATE_NOISY;
}

static void against_baseline(struct fsc_gate *g, const struct fsc_gate_rule *r,
			     const struct fsc_obs *obs)
{
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 1; j < obs->nruntimes; j++)
			if (obs->rows[i].cells[j].has_ratio)
				add_check(g, r, obs, i, j, &obs->rows[i].cells[j],
					  obs->runtimes[0]);
}

static void against_other(struct fsc_gate *g, const struct fsc_gate_rule *r,
			  const struct fsc_obs *a, const struct fsc_obs *b)
{
	size_t i, j, k, l;

	for (i = 0; i < a->nrows; i++)
		for (k = 0; k < b->nrows; k++) {
			if (!row_eq(&a->rows[i], &b->rows[k]))
				continue;
			for (j = 0; j < a->nruntimes; j++)
				for (l = 0; l < b->nruntimes; l++) {
					struct fsc_obs_cell c = a->rows[i].cells[j];
					struct fsc_obs_cell o = b->rows[k].cells[l];

					if (strcmp(a->runtimes[j], b->runtimes[l]) ||
					    c.verdict == FSC_OBS_MISSING ||
					    o.verdict == FSC_OBS_MISSING ||
					    !(o.value > 0))
						continue;
					c.has_ci = 0;
					fsc_obs_decide(a, &c, &o);
					add_check(g, r, a, i, j, &c,
						  "the other store");
				}
		}
}

int fsc_gate_run(struct fsc_gate *g, struct fsc_store *st,
		 struct fsc_store *other, const struct fsc_obs_opts *o,
		 struct fsc_err *err)
{
	struct fsc_obs_opts oo = *o;
	size_t i;

	for (i = 0; i < g->nrules; i++) {
		struct fsc_obs *a, *b = NULL;
		size_t before = g->nchecks;

		oo.metric = g->rules[i].metric;
		if (!(a = fsc_obs_new(st, &oo, err)))
			return -1;
		if (other && !(b = fsc_obs_new(other, &oo, err))) {
			fsc_obs_free(a);
			return -1;
		}
		if (b)
			against_other(g, &g->rules[i], a, b);
		else
			against_baseline(g, &g->rules[i], a);
		fsc_obs_free(a);
		fsc_obs_free(b);
		if (g->nchecks == before)
			return fsc_err_set(err, NULL, "rule '%s': no cell to"
					   " check (%s)", g->rules[i].text, other ?
					   "no scenario of the store is in the"
					   " other store" : "nothing compared with"
					   " a baseline");
	}
	return 0;
}

int fsc_gate_exit(const struct fsc_gate *g)
{
	return g->fails ? 1 : g->noisy ? 3 : 0;
}

static const char *status_name(enum fsc_gate_status s)
{
	return s == FSC_GATE_PASS ? "pass" : s == FSC_GATE_FAIL ? "fail" :
	       "noisy";
}

/* "0.90x against bare-metal [0.88x, 0.92x], bound >= 0.95x" */
static void detail(const struct fsc_gate_check *k, struct fsc_buf *t)
{
	fsc_obs_fmt_ratio(k->ratio, t);
	fsc_buf_addf(t, " against %s", k->ref);
	if (k->has_ci && isfinite(k->lo) && isfinite(k->hi)) {
		fsc_buf_adds(t, " [");
		fsc_obs_fmt_ratio(k->lo, t);
		fsc_buf_adds(t, ", ");
		fsc_obs_fmt_ratio(k->hi, t);
		fsc_buf_adds(t, "]");
	} else if (k->has_ci) {
		fsc_buf_adds(t, " [CI unbounded]");
	} else {
		fsc_buf_adds(t, " (single run)");
	}
	fsc_buf_addf(t, ", bound %s ", k->rule->ge ? ">=" : "<=");
	fsc_obs_fmt_ratio(k->rule->bound, t);
	if (k->status == FSC_GATE_NOISY)
		fsc_buf_adds(t, "; too noisy to decide");
}

void fsc_gate_text(const struct fsc_gate *g, struct fsc_buf *out)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i;

	for (i = 0; i < g->nchecks; i++) {
		const struct fsc_gate_check *k = &g->checks[i];

		fsc_buf_reset(&t);
		fsc_buf_addf(&t, "%s %s: %s: ", k->status == FSC_GATE_PASS ?
			     "PASS " : k->status == FSC_GATE_FAIL ? "FAIL " :
			     "NOISY", k->rule->text, k->name);
		detail(k, &t);
		fsc_display(out, t.buf);
		fsc_buf_adds(out, "\n");
	}
	fsc_buf_addf(out, "gate: %zu check%s, %zu failed, %zu too noisy: %s"
		     " (exit %d)\n", g->nchecks, g->nchecks == 1 ? "" : "s",
		     g->fails, g->noisy, g->fails ? "fail" : g->noisy ?
		     "undecided" : "pass", fsc_gate_exit(g));
	fsc_buf_release(&t);
}

void fsc_gate_json(const struct fsc_gate *g, struct fsc_buf *out)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i;

	fsc_buf_addf(out, "{\"exit\": %d, \"checks\": %zu, \"failed\": %zu,"
		     " \"noisy\": %zu, \"results\": [", fsc_gate_exit(g),
		     g->nchecks, g->fails, g->noisy);
	for (i = 0; i < g->nchecks; i++) {
		const struct fsc_gate_check *k = &g->checks[i];

		fsc_buf_adds(out, i ? ",\n  {\"rule\": " : "\n  {\"rule\": ");
		fsc_json_string(out, k->rule->text);
		fsc_buf_adds(out, ", \"cell\": ");
		fsc_json_string(out, k->name);
		fsc_buf_adds(out, ", \"against\": ");
		fsc_json_string(out, k->ref);
		fsc_buf_addf(out, ", \"status\": \"%s\", \"ratio\": %.6g,"
			     " \"bound\": %.6g", status_name(k->status), k->ratio,
			     k->rule->bound);
		if (k->has_ci && isfinite(k->lo) && isfinite(k->hi))
			fsc_buf_addf(out, ", \"ci95_lo\": %.6g, \"ci95_hi\":"
				     " %.6g}", k->lo, k->hi);
		else
			fsc_buf_adds(out, ", \"ci95_lo\": null, \"ci95_hi\":"
				     " null}");
	}
	fsc_buf_adds(out, "]}\n");
	fsc_buf_release(&t);
}

void fsc_gate_junit(const struct fsc_gate *g, struct fsc_buf *out)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i;

	fsc_buf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<testsuites name=\"fioscope gate\" tests=\"%zu\""
		     " failures=\"%zu\" skipped=\"%zu\">\n<testsuite"
		     " name=\"fioscope observe --gate\" tests=\"%zu\""
		     " failures=\"%zu\" skipped=\"%zu\">\n", g->nchecks,
		     g->fails, g->noisy, g->nchecks, g->fails, g->noisy);
	for (i = 0; i < g->nchecks; i++) {
		const struct fsc_gate_check *k = &g->checks[i];

		fsc_buf_adds(out, "<testcase classname=\"");
		fsc_html_escape(out, k->rule->text);
		fsc_buf_adds(out, "\" name=\"");
		fsc_html_escape(out, k->name);
		fsc_buf_reset(&t);
		detail(k, &t);
		if (k->status == FSC_GATE_PASS) {
			fsc_buf_adds(out, "\"/>\n");
			continue;
		}
		fsc_buf_addf(out, "\">\n  <%s message=\"", k->status ==
			     FSC_GATE_FAIL ? "failure" : "skipped");
		fsc_html_escape(out, t.buf);
		fsc_buf_adds(out, "\"/>\n</testcase>\n");
	}
	fsc_buf_adds(out, "</testsuite>\n</testsuites>\n");
	fsc_buf_release(&t);
}

void fsc_gate_free(struct fsc_gate *g)
{
	size_t i;

	for (i = 0; i < g->nrules; i++)
		free(g->rules[i].text);
	free(g->rules);
	for (i = 0; i < g->nchecks; i++) {
		free(g->checks[i].name);
		free(g->checks[i].ref);
	}
	free(g->checks);
	memset(g, 0, sizeof(*g));
}
