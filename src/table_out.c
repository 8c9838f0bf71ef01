/*
 * table_out.c: the observations as text: the value and ratio formats
 * every output shares, the footnotes, the cell shading, and the five text
 * formats: an aligned terminal table (ANSI colour on request), Markdown
 * and an HTML fragment (every label escaped), CSV (RFC 4180, one line per
 * row and runtime) and JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "observe.h"
#include "key.h"
#include "rows.h"

/* ---- shared formats ---- */

#define PL(n) ((n) == 1 ? "" : "s")
#define DAGGER "\xe2\x80\xa0"
#define DDAGGER "\xe2\x80\xa1"

/* When a table mixes single-run cells and repeated ones, the fewer kind
 * is marked: single runs with a dagger, repeated cells with a double
 * dagger (the single runs, on a tie). */
static int mark_single(const struct fsc_obs *obs)
{
	return obs->repeated && obs->single <= obs->repeated;
}

static int mark_repeated(const struct fsc_obs *obs)
{
	return obs->single && obs->repeated < obs->single;
}

void fsc_obs_footnotes(const struct fsc_obs *obs, struct fsc_buf *out)
{
	const char *base = obs->nruntimes ? obs->runtimes[0] : "";
	size_t cmp = obs->single + obs->repeated, j, n;
	int pct = (int)lround(obs->close * 100);

	if (!obs->nruntimes)
		return;	/* no table */
	if (obs->metric == FSC_OBS_CPU)	/* #20 */
		fsc_buf_addf(out, "Cells: CPU cost, CPU seconds (fio's usr_cpu"
			     " + sys_cpu over each run's runtime, all clients)"
			     " per GiB moved (in brackets: CPU ms per 1,000"
			     " I/Os), and its ratio to %s; lower is better"
			     " (below 1.00x is cheaper).\n", base);
	else if (fsc_obs_metric_is_latency(obs->metric))
		fsc_buf_addf(out, "Cells: %s completion latency (all clients and"
			     " repetitions merged) and its ratio to %s; lower is"
			     " better (below 1.00x is faster).\n",
			     fsc_obs_metric_name(obs->metric), base);
	else
		fsc_buf_addf(out, "Cells: %s (sum over clients, mean over"
			     " repetitions) and its ratio to %s; higher is"
			     " better.\n", obs->metric == FSC_OBS_BW ?
			     "aggregate bandwidth" : "aggregate IOPS", base);
	if (obs->single)
		fsc_buf_addf(out, "Single run%s: %zu of %zu compared cell%s without"
			     " repetitions on one side or both; within"
			     " \xc2\xb1%d%% is \"close to\", beyond it a"
			     " difference, without a confidence interval.\n",
			     mark_single(obs) ? " (" DAGGER ")" : "", obs->single,
			     cmp, PL(cmp), pct);
	if (obs->repeated)
		fsc_buf_addf(out, "Repetitions%s: in %zu of %zu compared cell%s a"
			     " difference is claimed only where the 95%%"
			     " confidence interval of the ratio (Fieller, Welch"
			     " df) excludes 1.00x.\n", mark_repeated(obs) ?
			     " (" DDAGGER ")" : "", obs->repeated, cmp, PL(cmp));
	for (j = 1, n = 0; j < obs->nruntimes; j++)
		n += obs->summary[j].inconclusive;
	if (n)
		fsc_buf_addf(out, "Inconclusive: %zu cell%s whose interval allows"
			     " either direction; shaded at half strength.\n", n,
			     PL(n));
	if (obs->approx)
		fsc_buf_addf(out, "~ approximate latency in %zu cell%s: no json+"
			     " histograms, sample-weighted mean of per-run"
			     " percentiles.\n", obs->approx, PL(obs->approx));
	if (obs->nooverlap)
		fsc_buf_addf(out, "* clients did not run together (overlap"
			     " below %.2f) in %zu cell%s: not a concurrent"
			     " measurement.\n", obs->min_overlap, obs->nooverlap,
			     PL(obs->nooverlap));
	if (obs->missing)
		fsc_buf_addf(out, "\xe2\x80\x94 missing: %zu cell%s without a"
			     " result.\n", obs->missing, PL(obs->missing));
	if (obs->all_failed)
		fsc_buf_addf(out, "All runs failed (fio error) in %zu cell%s:"
			     " no value, no ratio.\n", obs->all_failed,
			     PL(obs->all_failed));
	if (obs->no_base)
		fsc_buf_addf(out, "No ratio: %zu cell%s without a %s value to"
			     " compare with.\n", obs->no_base, PL(obs->no_base),
			     base);
	if (obs->failed)
		fsc_buf_addf(out, "Failed runs (fio error) left out in %zu"
			     " cell%s.\n", obs->failed, PL(obs->failed));
	fsc_obs_footnotes_20(obs, out);
}

int fsc_obs_shade(const struct fsc_obs *obs, double ratio, double rgb[3])
{
	static const double white[3] = { 0.97, 0.97, 0.97 };
	static const double blue[3] = { 0.129, 0.400, 0.675 };	/* #2166ac */
	static const double orange[3] = { 0.902, 0.380, 0.004 };	/* #e66101 */
	const double *end;
	double t, s;
	int i;

	if (!(ratio > 0) || !isfinite(ratio)) {
		memcpy(rgb, white, sizeof(white));
		return 0;
	}
	/* log2 scale saturating at 0.25x and 4x, so that 0.3x and 0.6x
	 * differ; a power below 1 keeps the 0.9x-1.1x band visible */
	t = log2(ratio) / FSC_OBS_SHADE_OCTAVES;
	if (fsc_obs_metric_lower(obs->metric))
		t = -t;
	if (t > 1)
		t = 1;
	if (t < -1)
		t = -1;
	s = pow(fabs(t), 0.6);
	end = t >= 0 ? blue : orange;
	for (i = 0; i < 3; i++)
		rgb[i] = white[i] + (end[i] - white[i]) * s;
	return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 0.42;
}

int fsc_obs_cell_shade(const struct fsc_obs *obs,
		       const struct fsc_obs_cell *c, double rgb[3])
{
	int i;

	if (!c->has_ratio)
		return fsc_obs_shade(obs, NAN, rgb);
	if (c->verdict != FSC_OBS_INCONCLUSIVE &&
	    c->verdict != FSC_OBS_NOISY)
		return fsc_obs_shade(obs, c->ratio, rgb);
	/* no colour may claim what the interval does not */
	fsc_obs_shade(obs, c->ratio, rgb);
	for (i = 0; i < 3; i++)
		rgb[i] = (rgb[i] + 0.97) / 2;
	return 0;
}

void fsc_obs_cell_value(const struct fsc_obs *obs,
			const struct fsc_obs_cell *c, struct fsc_buf *out)
{
	if (c->verdict == FSC_OBS_MISSING) {
		fsc_buf_adds(out, c->all_failed ? "all runs failed" :
			     "\xe2\x80\x94");
		return;
	}
	if (!c->exact)
		fsc_buf_adds(out, "~");
	fsc_obs_fmt_value(obs->metric, c->value, out);
	if (obs->metric == FSC_OBS_CPU && c->alt >= 0)	/* #20 */
		fsc_buf_addf(out, " (%.3g ms/kIO)", c->alt * 1e3);
	if (c->overlap >= 0 && c->overlap < obs->min_overlap)
		fsc_buf_adds(out, "*");
}

void fsc_obs_cell_ratio(const struct fsc_obs *obs,
			const struct fsc_obs_cell *c, struct fsc_buf *out)
{
	if (!c->has_ratio)
		return;
	fsc_obs_fmt_ratio(c->ratio, out);
	if (c->single ? mark_single(obs) : mark_repeated(obs))
		fsc_buf_adds(out, c->single ? DAGGER : DDAGGER);
	/* #20: the spread and plausibility marks (see the footnotes) */
	if (c->caveat)
		fsc_buf_adds(out, "!");
	if (c->verdict == FSC_OBS_NOISY)
		fsc_buf_adds(out, " noisy");
}

void fsc_obs_title(const struct fsc_obs *obs, struct fsc_buf *out)
{
	fsc_buf_adds(out, fsc_obs_metric_title(obs->metric));
	if (!obs->nruntimes)
		return;
	/* a runtime is named alone, as the reference campaign always was */
	if (obs->key && strcmp(obs->key, "runtime"))
		fsc_buf_addf(out, " relative to %s %s", obs->key,
			     obs->runtimes[0]);
	else
		fsc_buf_addf(out, " relative to %s", obs->runtimes[0]);
}

void fsc_obs_kind_head(const struct fsc_obs *obs, enum fsc_obs_kind k,
		       struct fsc_buf *out)
{
	static const char *const h[] = { "Findings by pattern", NULL, "Notes",
					 "Scaling", "Too noisy to conclude",
					 "Plausibility caveats", "CPU cost" };

	if (k == FSC_OBS_F_RUNTIME)
		fsc_buf_addf(out, "Findings by %s", obs->key ? obs->key :
			     "runtime");
	else
		fsc_buf_adds(out, h[k]);
}

/* ---- text ---- */

/* Columns on a terminal: UTF-8 code points. */
static size_t u8width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* Control characters from the store must not reach a terminal. */
static void add_plain(struct fsc_buf *o, const char *s)
{
	for (; *s; s++)
		fsc_buf_add(o, (unsigned char)*s < 0x20 || *s == 0x7f ? "?" : s,
			    1);
}

/* The same, keeping line ends. */
static void add_plain_lines(struct fsc_buf *o, const char *s)
{
	for (; *s; s++)
		fsc_buf_add(o, *s == '\n' ? s : (unsigned char)*s < 0x20 ||
			    *s == 0x7f ? "?" : s, 1);
}

static void pad(struct fsc_buf *o, size_t n)
{
	while (n--)
		fsc_buf_add(o, " ", 1);
}

static const char *ansi(const struct fsc_obs_cell *c)
{
	switch (c->verdict) {
	case FSC_OBS_BETTER:
		return c->slight ? "\033[34m" : "\033[1;34m";
	case FSC_OBS_WORSE:
		return c->slight ? "\033[33m" : "\033[1;33m";
	case FSC_OBS_INCONCLUSIVE:
	case FSC_OBS_NOISY:
		return "\033[2m";
	default:
		return NULL;
	}
}

static void write_text(const struct fsc_obs *obs, int colour,
		       struct fsc_buf *o)
{
	enum fsc_obs_keycol kc[FSC_OBS_KC_NR];
	int nk = fsc_obs_key_columns(obs, kc), k;
	size_t nc = (size_t)nk + obs->nruntimes, ncell = (obs->nrows + 1) * nc;
	struct fsc_buf *val = fsc_calloc(ncell, sizeof(*val));
	struct fsc_buf *rat = fsc_calloc(ncell, sizeof(*rat));
	size_t *wv = fsc_calloc(nc, sizeof(size_t));
	size_t *wr = fsc_calloc(nc, sizeof(size_t));
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j, w;

	for (i = 0; i < ncell; i++)
		val[i] = rat[i] = t;	/* FSC_BUF_INIT */
	fsc_obs_title(obs, &t);
	add_plain(o, t.buf);
	fsc_buf_reset(&t);
	fsc_obs_constants(obs, &t);
	if (t.len) {
		fsc_buf_adds(o, " (");
		add_plain(o, t.buf);
		fsc_buf_adds(o, ")");
	}
	fsc_buf_adds(o, "\n\n");
	fsc_buf_reset(&t);
	if (obs->note) {
		add_plain(o, obs->note);
		fsc_buf_adds(o, "\n\n");
	}
	if (!obs->nruntimes)
		goto findings;
	for (i = 0; i <= obs->nrows; i++)
		for (j = 0; j < nc; j++) {
			struct fsc_buf *v = &val[i * nc + j];
			const struct fsc_obs_cell *c;

			if (!i) {
				add_plain(v, j < (size_t)nk ? fsc_obs_key_head(kc[j]) :
					  obs->runtimes[j - nk]);
				continue;
			}
			if (j < (size_t)nk) {
				fsc_obs_key_text(&obs->rows[i - 1], kc[j], &t);
				add_plain(v, t.buf);
				fsc_buf_reset(&t);
			} else {
				c = &obs->rows[i - 1].cells[j - nk];
				fsc_obs_cell_value(obs, c, v);
				fsc_obs_cell_ratio(obs, c, &rat[i * nc + j]);
			}
			if (u8width(v->buf) > wv[j])
				wv[j] = u8width(v->buf);
			if (u8width(rat[i * nc + j].buf) > wr[j])
				wr[j] = u8width(rat[i * nc + j].buf);
		}
	for (j = 0; j < nc; j++) {
		w = u8width(val[j].buf);
		if (wr[j] && wv[j] + 1 + wr[j] < w)
			wv[j] = w - 1 - wr[j];
		else if (!wr[j] && wv[j] < w)
			wv[j] = w;
	}
	for (i = 0; i <= obs->nrows; i++) {
		for (j = 0; j < nc; j++) {
			const struct fsc_buf *v = &val[i * nc + j];
			const struct fsc_buf *r = &rat[i * nc + j];
			size_t width = wv[j] + (wr[j] ? 1 + wr[j] : 0);
			const char *a = NULL;

			if (j)
				pad(o, 2);
			if (!i || (j < (size_t)nk && kc[j] != FSC_OBS_KC_CLIENTS)) {
				fsc_buf_adds(o, v->buf);
				pad(o, width - u8width(v->buf));
				continue;
			}
			pad(o, wv[j] - u8width(v->buf));
			fsc_buf_adds(o, v->buf);
			if (!wr[j])
				continue;
			pad(o, 1 + wr[j] - u8width(r->buf));
			if (colour && j >= (size_t)nk)
				a = ansi(&obs->rows[i - 1].cells[j - nk]);
			fsc_buf_addf(o, "%s%s%s", a ? a : "", r->buf,
				     a ? "\033[0m" : "");
		}
		while (o->len && o->buf[o->len - 1] == ' ')
			o->buf[--o->len] = '\0';
		fsc_buf_adds(o, "\n");
	}
	fsc_buf_adds(o, "\n");
	fsc_obs_footnotes(obs, &t);
	add_plain_lines(o, t.buf);
findings:
	for (k = 0, i = 0; i < obs->nfindings; i++) {
		const struct fsc_obs_finding *f = &obs->findings[i];

		if (!i || f->kind != obs->findings[i - 1].kind) {
			fsc_buf_reset(&t);
			fsc_obs_kind_head(obs, f->kind, &t);
			fsc_buf_adds(o, i || obs->nruntimes ? "\n" : "");
			add_plain(o, t.buf);
			fsc_buf_adds(o, "\n");
			k = 0;
		}
		if (f->kind == FSC_OBS_F_PATTERN && (!k || strcmp(f->group,
		    obs->findings[i - 1].group))) {
			fsc_buf_adds(o, "  ");
			add_plain(o, f->group);
			fsc_buf_adds(o, ":\n");
		}
		fsc_buf_adds(o, f->kind == FSC_OBS_F_PATTERN ? "    - " : "  - ");
		add_plain(o, f->text);
		fsc_buf_adds(o, "\n");
		k = 1;
	}
	for (i = 0; i < ncell; i++) {
		fsc_buf_release(&val[i]);
		fsc_buf_release(&rat[i]);
	}
	free(val);
	free(rat);
	free(wv);
	free(wr);
	fsc_buf_release(&t);
}

/* ---- Markdown ---- */

/* Escape s for inline Markdown (CommonMark backslash escapes): the
 * characters that start emphasis, code, links, HTML, table cells,
 * strikethrough, headings and entities anywhere, and at the start what
 * would open a list or a block quote. */
static void md_escape_at(struct fsc_buf *o, const char *s, int at_start)
{
	const char *p = s;

	while (at_start && *p >= '0' && *p <= '9')
		p++;
	if (!at_start) {
		;
	} else if (p > s && (*p == '.' || *p == ')')) {
		fsc_buf_add(o, s, (size_t)(p - s));
		fsc_buf_addf(o, "\\%c", *p);
		s = p + 1;
	} else if (*s && strchr("-+=", *s)) {
		fsc_buf_addf(o, "\\%c", *s++);
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|~&#!", *s))
			fsc_buf_addf(o, "\\%c", *s);
		else if (*s == '\n' || *s == '\r')
			fsc_buf_adds(o, " ");
		else if ((unsigned char)*s < 0x20)
			fsc_buf_adds(o, "?");
		else
			fsc_buf_add(o, s, 1);
	}
}

static void md_escape(struct fsc_buf *o, const char *s)
{
	md_escape_at(o, s, 1);
}

/* Inside a table cell no block syntax can start. */
static void md_escape_cell(struct fsc_buf *o, const char *s)
{
	md_escape_at(o, s, 0);
}

/* Each line of text (footnotes) as its own escaped paragraph line. */
static void md_lines(struct fsc_buf *o, const char *text)
{
	struct fsc_buf l = FSC_BUF_INIT;
	const char *nl;

	for (; *text; text = nl + 1) {
		nl = strchr(text, '\n');
		if (!nl)
			nl = text + strlen(text) - 1;
		fsc_buf_reset(&l);
		fsc_buf_add(&l, text, (size_t)(nl - text + (*nl != '\n')));
		md_escape(o, l.buf);
		fsc_buf_adds(o, "  \n");
	}
	fsc_buf_release(&l);
}

static void findings_md(const struct fsc_obs *obs, struct fsc_buf *o)
{
	size_t i;

	for (i = 0; i < obs->nfindings; i++) {
		const struct fsc_obs_finding *f = &obs->findings[i];
		int newkind = !i || f->kind != obs->findings[i - 1].kind;

		if (newkind) {
			struct fsc_buf h = FSC_BUF_INIT;

			fsc_obs_kind_head(obs, f->kind, &h);
			fsc_buf_adds(o, "\n#### ");
			md_escape(o, h.buf);
			fsc_buf_adds(o, "\n\n");
			fsc_buf_release(&h);
		}
		if (f->kind == FSC_OBS_F_PATTERN && (newkind ||
		    strcmp(f->group, obs->findings[i - 1].group))) {
			fsc_buf_adds(o, newkind ? "**" : "\n**");
			md_escape(o, f->group);
			fsc_buf_adds(o, "**\n\n");
		}
		fsc_buf_adds(o, "- ");
		md_escape(o, f->text);
		fsc_buf_adds(o, "\n");
	}
}

static void write_md(const struct fsc_obs *obs, struct fsc_buf *o)
{
	enum fsc_obs_keycol kc[FSC_OBS_KC_NR];
	int nk = fsc_obs_key_columns(obs, kc), k;
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	fsc_obs_title(obs, &t);
	fsc_buf_adds(o, "### ");
	md_escape(o, t.buf);
	fsc_buf_reset(&t);
	fsc_obs_constants(obs, &t);
	fsc_buf_adds(o, "\n\n");
	if (t.len) {
		md_escape(o, t.buf);
		fsc_buf_adds(o, "\n\n");
	}
	fsc_buf_reset(&t);
	if (obs->note) {
		md_escape(o, obs->note);
		fsc_buf_adds(o, "\n\n");
	}
	if (!obs->nruntimes) {
		findings_md(obs, o);
		fsc_buf_release(&t);
		return;
	}
	for (k = 0; k < nk; k++)
		fsc_buf_addf(o, "| %s ", fsc_obs_key_head(kc[k]));
	for (j = 0; j < obs->nruntimes; j++) {
		fsc_buf_adds(o, "| ");
		md_escape_cell(o, obs->runtimes[j]);
		fsc_buf_adds(o, " ");
	}
	fsc_buf_adds(o, "|\n");
	for (k = 0; k < nk; k++)
		fsc_buf_adds(o, kc[k] == FSC_OBS_KC_CLIENTS ? "| ---: " : "| :--- ");
	for (j = 0; j < obs->nruntimes; j++)
		fsc_buf_adds(o, "| ---: ");
	fsc_buf_adds(o, "|\n");
	for (i = 0; i < obs->nrows; i++) {
		for (k = 0; k < nk; k++) {
			fsc_obs_key_text(&obs->rows[i], kc[k], &t);
			fsc_buf_adds(o, "| ");
			md_escape_cell(o, t.buf);
			fsc_buf_adds(o, " ");
			fsc_buf_reset(&t);
		}
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			int strong = c->verdict == FSC_OBS_BETTER ||
				     c->verdict == FSC_OBS_WORSE;

			fsc_obs_cell_value(obs, c, &t);
			fsc_buf_adds(o, "| ");
			md_escape_cell(o, t.buf);
			fsc_buf_reset(&t);
			if (c->has_ratio) {
				fsc_buf_adds(o, strong ? " **" : " ");
				fsc_obs_cell_ratio(obs, c, o);
				fsc_buf_adds(o, strong ? "**" : "");
			}
			fsc_buf_adds(o, " ");
		}
		fsc_buf_adds(o, "|\n");
	}
	fsc_buf_adds(o, "\n");
	fsc_obs_footnotes(obs, &t);
	fsc_buf_adds(o, "Bold ratios: differences the rules support.  \n");
	md_lines(o, t.buf);
	findings_md(obs, o);
	fsc_buf_release(&t);
}

/* ---- HTML ---- */


static void html_lines(struct fsc_buf *o, const char *text)
{
	struct fsc_buf line = FSC_BUF_INIT;
	const char *nl;

	for (; *text; text = nl + 1) {
		nl = strchr(text, '\n');
		if (!nl)
			break;
		fsc_buf_reset(&line);
		fsc_buf_add(&line, text, (size_t)(nl - text));
		fsc_buf_adds(o, "<li>");
		fsc_html_escape(o, line.buf);
		fsc_buf_adds(o, "</li>\n");
	}
	fsc_buf_release(&line);
}

static void html_cell(const struct fsc_obs *obs, const struct fsc_obs_row *r,
		      const struct fsc_obs_cell *c, struct fsc_buf *t,
		      struct fsc_buf *o)
{
	double rgb[3];
	int dark;

	if (!c->has_ratio) {
		fsc_buf_addf(o, "<td class=\"v %s\">",
			     fsc_obs_verdict_name(c->verdict));
	} else {
		dark = fsc_obs_cell_shade(obs, c, rgb);
		fsc_buf_addf(o, "<td class=\"v %s\" style=\"background:#%02x"
			     "%02x%02x;color:%s\" title=\"", fsc_obs_verdict_name(
			     c->verdict), (int)lround(rgb[0] * 255),
			     (int)lround(rgb[1] * 255), (int)lround(rgb[2] * 255),
			     dark ? "#fff" : "#000");
		fsc_html_escape(o, fsc_obs_verdict_words(obs, c));
		fsc_buf_adds(o, c->single ? ", single run" : "");
		if (c->caveat) {	/* #20 */
			fsc_buf_adds(o, ", ");
			fsc_obs_caveat_words(r, t);
			fsc_html_escape(o, t->buf);
			fsc_buf_reset(t);
		}
		fsc_buf_adds(o, "\">");
	}
	fsc_obs_cell_value(obs, c, t);
	fsc_html_escape(o, t->buf);
	fsc_buf_reset(t);
	if (c->has_ratio) {
		int strong = c->verdict == FSC_OBS_BETTER ||
			     c->verdict == FSC_OBS_WORSE;

		fsc_buf_adds(o, strong ? " <b>" : " ");
		fsc_obs_cell_ratio(obs, c, o);
		fsc_buf_adds(o, strong ? "</b>" : "");
	}
	fsc_buf_adds(o, "</td>");
}

static void write_html(const struct fsc_obs *obs, struct fsc_buf *o)
{
	enum fsc_obs_keycol kc[FSC_OBS_KC_NR];
	int nk = fsc_obs_key_columns(obs, kc), k;
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	fsc_buf_adds(o, "<div class=\"fioscope-observations\">\n<style>"
		     ".fioscope-observations table{border-collapse:collapse}"
		     " .fioscope-observations th,.fioscope-observations td"
		     "{padding:2px 8px}"
		     " .fioscope-observations .v,.fioscope-observations .n"
		     "{text-align:right;white-space:nowrap}</style>\n<table>\n"
		     "<caption>");
	fsc_obs_title(obs, &t);
	fsc_html_escape(o, t.buf);
	fsc_buf_reset(&t);
	fsc_obs_constants(obs, &t);
	if (t.len) {
		fsc_buf_adds(o, " (");
		fsc_html_escape(o, t.buf);
		fsc_buf_adds(o, ")");
	}
	fsc_buf_reset(&t);
	if (!obs->nruntimes) {
		/* no comparison: the title, the note and the findings */
		fsc_buf_adds(o, "</caption>\n</table>\n");
	} else {
		fsc_buf_adds(o, "</caption>\n<thead><tr>");
	}
	if (obs->note) {
		fsc_buf_adds(o, "<p class=\"note\">");
		fsc_html_escape(o, obs->note);
		fsc_buf_adds(o, "</p>\n");
	}
	if (!obs->nruntimes)
		goto findings;
	for (k = 0; k < nk; k++)
		fsc_buf_addf(o, "<th scope=\"col\">%s</th>", fsc_obs_key_head(kc[k]));
	for (j = 0; j < obs->nruntimes; j++) {
		fsc_buf_adds(o, "<th scope=\"col\">");
		fsc_html_escape(o, obs->runtimes[j]);
		fsc_buf_adds(o, "</th>");
	}
	fsc_buf_adds(o, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < obs->nrows; i++) {
		fsc_buf_adds(o, "<tr>");
		for (k = 0; k < nk; k++) {
			fsc_obs_key_text(&obs->rows[i], kc[k], &t);
			fsc_buf_adds(o, kc[k] == FSC_OBS_KC_CLIENTS ?
				     "<td class=\"n\">" : "<td>");
			fsc_html_escape(o, t.buf);
			fsc_buf_adds(o, "</td>");
			fsc_buf_reset(&t);
		}
		for (j = 0; j < obs->nruntimes; j++)
			html_cell(obs, &obs->rows[i], &obs->rows[i].cells[j], &t,
				  o);
		fsc_buf_adds(o, "</tr>\n");
	}
	fsc_buf_adds(o, "</tbody>\n</table>\n<ul class=\"footnotes\">\n"
		     "<li>Bold ratios: differences the rules support.</li>\n");
	fsc_obs_footnotes(obs, &t);
	html_lines(o, t.buf);
	fsc_buf_adds(o, "</ul>\n");
findings:
	for (i = 0; i < obs->nfindings; i++) {
		const struct fsc_obs_finding *f = &obs->findings[i];
		int newkind = !i || f->kind != obs->findings[i - 1].kind;
		int newgroup = f->kind == FSC_OBS_F_PATTERN && (newkind ||
			       strcmp(f->group, obs->findings[i - 1].group));

		if (i && (newkind || newgroup))
			fsc_buf_adds(o, "</ul>\n");
		if (newkind) {
			fsc_buf_reset(&t);
			fsc_obs_kind_head(obs, f->kind, &t);
			fsc_buf_adds(o, "<h4>");
			fsc_html_escape(o, t.buf);
			fsc_buf_adds(o, "</h4>\n");
		}
		if (newgroup) {
			fsc_buf_adds(o, "<h5>");
			fsc_html_escape(o, f->group);
			fsc_buf_adds(o, "</h5>\n");
		}
		if (newkind || newgroup)
			fsc_buf_adds(o, "<ul>\n");
		fsc_buf_adds(o, "<li>");
		fsc_html_escape(o, f->text);
		fsc_buf_adds(o, "</li>\n");
	}
	fsc_buf_adds(o, obs->nfindings ? "</ul>\n</div>\n" : "</div>\n");
	fsc_buf_release(&t);
}

/* ---- CSV and JSON ---- */

static void csv_cell(struct fsc_buf *o, const char *c, int last)
{
	fsc_csv_field(o, c);
	fsc_buf_adds(o, last ? "\r\n" : ",");
}

static const char *unit(enum fsc_obs_metric m)
{
	return m == FSC_OBS_BW ? "B/s" : m == FSC_OBS_IOPS ? "IO/s" :
	       m == FSC_OBS_CPU ? "s/GiB" : "ns";
}

/* Number cells: "" (CSV) or null (JSON) when unknown or not finite. */
/* Is k the compared key (whose values are the columns)? */
static int compared(const struct fsc_obs *obs, const char *k)
{
	return !strcmp(obs->key ? obs->key : "runtime", k);
}

static const char *num(char *b, size_t n, const char *fmt, double v, int ok)
{
	if (!ok || !isfinite(v))
		return NULL;
	/* fmt is one of this file's literals (-Wformat=2 cannot see it) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(b, n, fmt, v);
#pragma GCC diagnostic pop
	return b;
}

/* A numeric key's CSV cell: the column's value when it is the compared
 * key, else the row's. */
static const char *key_num(const struct fsc_obs *obs, size_t j,
			   const char *k, int64_t v, char *b, size_t n)
{
	if (compared(obs, k))
		return obs->runtimes[j];
	return num(b, n, "%.0f", (double)v, v >= 0);
}

static void write_csv(const struct fsc_obs *obs, struct fsc_buf *o)
{
	static const char head[] = "backend,bs,rw,ddir,clients,iodepth,"
		"numjobs,labels,runtime,metric,value,unit,display,approximate,"
		"reps,runs,failed_runs,overlap,ratio,ci95_lo,ci95_hi,verdict,"
		"words,single_run\r\n";
	struct fsc_buf t = FSC_BUF_INIT;
	char b[64];
	size_t i, j;

	fsc_buf_adds(o, head);
	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_row *r = &obs->rows[i];
			const struct fsc_obs_cell *c = &r->cells[j];
			int have = c->verdict != FSC_OBS_MISSING;

			/* the compared key's value is the column's */
			csv_cell(o, compared(obs, "backend") ? obs->runtimes[j] :
				 r->backend, 0);
			csv_cell(o, key_num(obs, j, "bs", r->bs, b, sizeof(b)), 0);
			csv_cell(o, compared(obs, "rw") ? obs->runtimes[j] :
				 r->rw, 0);
			csv_cell(o, r->ddir, 0);
			csv_cell(o, key_num(obs, j, "clients", r->clients, b,
					    sizeof(b)), 0);
			csv_cell(o, key_num(obs, j, "iodepth", r->iodepth, b,
					    sizeof(b)), 0);
			csv_cell(o, key_num(obs, j, "numjobs", r->numjobs, b,
					    sizeof(b)), 0);
			if (obs->key && fsc_key_id(obs->key) == FSC_KEY_LABEL) {
				fsc_buf_addf(&t, "%s=%s%s%s", obs->key,
					     obs->runtimes[j],
					     r->labels && *r->labels ? "\n" : "",
					     r->labels ? r->labels : "");
				csv_cell(o, t.buf, 0);
				fsc_buf_reset(&t);
			} else {
				csv_cell(o, r->labels, 0);
			}
			csv_cell(o, compared(obs, "runtime") ? obs->runtimes[j] :
				 r->runtime, 0);
			csv_cell(o, fsc_obs_metric_name(obs->metric), 0);
			csv_cell(o, num(b, sizeof(b), "%.10g", c->value, have), 0);
			csv_cell(o, unit(obs->metric), 0);
			fsc_obs_cell_value(obs, c, &t);
			csv_cell(o, t.buf, 0);
			fsc_buf_reset(&t);
			csv_cell(o, have ? c->exact ? "0" : "1" : NULL, 0);
			csv_cell(o, num(b, sizeof(b), "%.0f", c->reps, have), 0);
			csv_cell(o, num(b, sizeof(b), "%.0f", c->runs, have), 0);
			csv_cell(o, num(b, sizeof(b), "%.0f", c->failed, have), 0);
			csv_cell(o, num(b, sizeof(b), "%.4g", c->overlap,
					have && c->overlap >= 0), 0);
			csv_cell(o, num(b, sizeof(b), "%.6g", c->ratio,
					c->has_ratio), 0);
			csv_cell(o, num(b, sizeof(b), "%.6g", c->ci_lo,
					c->has_ci), 0);
			csv_cell(o, num(b, sizeof(b), "%.6g", c->ci_hi,
					c->has_ci), 0);
			csv_cell(o, fsc_obs_verdict_name(c->verdict), 0);
			csv_cell(o, fsc_obs_verdict_words(obs, c), 0);
			csv_cell(o, c->has_ratio ? c->single ? "1" : "0" : NULL, 1);
		}
	fsc_buf_release(&t);
}

static void json_num(struct fsc_buf *o, const char *key, const char *fmt,
		     double v, int ok)
{
	char b[64];
	const char *s = num(b, sizeof(b), fmt, v, ok);

	fsc_buf_addf(o, ", \"%s\": %s", key, s ? s : "null");
}

static void json_str(struct fsc_buf *o, const char *key, const char *v)
{
	fsc_buf_addf(o, ", \"%s\": ", key);
	if (v)
		fsc_json_string(o, v);
	else
		fsc_buf_adds(o, "null");
}

static void json_cell(const struct fsc_obs *obs, size_t j,
		      const struct fsc_obs_cell *c, struct fsc_buf *o)
{
	struct fsc_buf t = FSC_BUF_INIT;
	int have = c->verdict != FSC_OBS_MISSING;

	/* the compared key's value: {"runtime": "runc", ...} */
	fsc_buf_adds(o, "{");
	fsc_json_string(o, obs->key ? obs->key : "runtime");
	fsc_buf_adds(o, ": ");
	fsc_json_string(o, obs->runtimes[j]);
	json_str(o, "verdict", fsc_obs_verdict_name(c->verdict));
	json_str(o, "words", fsc_obs_verdict_words(obs, c));
	json_num(o, "value", "%.10g", c->value, have);
	if (obs->metric == FSC_OBS_CPU)	/* #20: CPU seconds per 1,000 I/Os */
		json_num(o, "per_kio", "%.10g", c->alt, have && c->alt >= 0);
	fsc_obs_cell_value(obs, c, &t);
	json_str(o, "display", t.buf);
	fsc_buf_addf(o, ", \"approximate\": %s", have && !c->exact ? "true" :
		     "false");
	json_num(o, "reps", "%.0f", c->reps, have);
	json_num(o, "runs", "%.0f", c->runs, have);
	json_num(o, "failed_runs", "%.0f", c->failed, have);
	json_num(o, "overlap", "%.4g", c->overlap, have && c->overlap >= 0);
	json_num(o, "ratio", "%.6g", c->ratio, c->has_ratio);
	json_num(o, "ci95_lo", "%.6g", c->ci_lo, c->has_ci);
	json_num(o, "ci95_hi", "%.6g", c->ci_hi, c->has_ci);
	fsc_buf_addf(o, ", \"single_run\": %s", c->has_ratio ? c->single ?
		     "true" : "false" : "null");
	/* #20 */
	json_num(o, "cv", "%.6g", c->cv, have && c->cv >= 0);
	fsc_buf_addf(o, ", \"noisy\": %s, \"caveat\": %s}",
		     c->noisy ? "true" : "false", c->caveat ? "true" : "false");
	fsc_buf_release(&t);
}

static void write_json(const struct fsc_obs *obs, struct fsc_buf *o)
{
	static const char *const kinds[] = { "pattern", "runtime", "note",
					     "scaling", "spread", "caveat",
					     "cpu" };
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;

	fsc_buf_addf(o, "{\"metric\": \"%s\", \"unit\": \"%s\","
		     " \"lower_is_better\": %s, \"baseline\": ",
		     fsc_obs_metric_name(obs->metric), unit(obs->metric),
		     fsc_obs_metric_lower(obs->metric) ? "true" : "false");
	if (obs->nruntimes)
		fsc_json_string(o, obs->runtimes[0]);
	else
		fsc_buf_adds(o, "null");
	if (obs->key && strcmp(obs->key, "runtime"))
		json_str(o, "key", obs->key);
	if (obs->note)
		json_str(o, "note", obs->note);
	fsc_buf_addf(o, ", \"close\": %g, \"min_overlap\": %g,\n \"runtimes\": [",
		     obs->close, obs->min_overlap);
	for (j = 0; j < obs->nruntimes; j++) {
		fsc_buf_adds(o, j ? ", " : "");
		fsc_json_string(o, obs->runtimes[j]);
	}
	fsc_buf_adds(o, "],\n \"rows\": [");
	for (i = 0; i < obs->nrows; i++) {
		const struct fsc_obs_row *r = &obs->rows[i];

		fsc_buf_adds(o, i ? ",\n  {" : "\n  {");
		fsc_buf_adds(o, "\"backend\": ");
		if (r->backend)
			fsc_json_string(o, r->backend);
		else
			fsc_buf_adds(o, "null");
		json_num(o, "bs", "%.0f", (double)r->bs, r->bs >= 0);
		json_str(o, "rw", r->rw);
		json_str(o, "ddir", r->ddir);
		json_num(o, "clients", "%.0f", (double)r->clients, r->clients >= 0);
		json_num(o, "iodepth", "%.0f", (double)r->iodepth, r->iodepth >= 0);
		json_num(o, "numjobs", "%.0f", (double)r->numjobs, r->numjobs >= 0);
		json_str(o, "labels", r->labels);
		if (!compared(obs, "runtime"))
			json_str(o, "runtime", r->runtime);
		fsc_obs_pattern(obs, r, &t);
		json_str(o, "pattern", t.buf);
		fsc_buf_reset(&t);
		fsc_buf_adds(o, ", \"cells\": [");
		for (j = 0; j < obs->nruntimes; j++) {
			fsc_buf_adds(o, j ? ",\n    " : "\n    ");
			json_cell(obs, j, &r->cells[j], o);
		}
		fsc_buf_adds(o, "]}");
	}
	fsc_buf_adds(o, "],\n \"summary\": [");
	for (j = 1; j < obs->nruntimes; j++) {
		const struct fsc_obs_summary *s = &obs->summary[j];

		fsc_buf_adds(o, j > 1 ? ",\n  {\"runtime\": " : "\n  {\"runtime\": ");
		fsc_json_string(o, obs->runtimes[j]);
		fsc_buf_addf(o, ", \"compared\": %zu, \"better\": %zu,"
			     " \"slightly_better\": %zu, \"worse\": %zu,"
			     " \"slightly_worse\": %zu, \"close\": %zu,"
			     " \"inconclusive\": %zu", s->compared, s->better,
			     s->slightly_better, s->worse, s->slightly_worse,
			     s->close, s->inconclusive);
		json_num(o, "geomean", "%.6g", s->geomean, s->compared);
		json_num(o, "best_row", "%.0f", (double)s->best, s->compared);
		json_num(o, "best_ratio", "%.6g", obs->rows[s->best].cells[j].ratio,
			 s->compared);
		json_num(o, "worst_row", "%.0f", (double)s->worst, s->compared);
		json_num(o, "worst_ratio", "%.6g",
			 obs->rows[s->worst].cells[j].ratio, s->compared);
		fsc_buf_adds(o, "}");
	}
	fsc_buf_adds(o, "],\n \"findings\": [");
	for (i = 0; i < obs->nfindings; i++) {
		const struct fsc_obs_finding *f = &obs->findings[i];

		fsc_buf_addf(o, "%s{\"kind\": \"%s\"", i ? ",\n  " : "\n  ",
			     kinds[f->kind]);
		json_str(o, "group", f->group);
		json_str(o, "runtime", f->runtime);
		json_str(o, "verdict", f->verdict);
		json_str(o, "text", f->text);
		fsc_buf_adds(o, "}");
	}
	fsc_buf_adds(o, "],\n \"footnotes\": [");
	fsc_obs_footnotes(obs, &t);
	for (i = 0, j = 0; t.buf[i]; j = ++i) {
		while (t.buf[i] != '\n')
			i++;
		t.buf[i] = '\0';
		fsc_buf_adds(o, j ? ",\n  " : "\n  ");
		fsc_json_string(o, t.buf + j);
	}
	fsc_buf_addf(o, "],\n \"counts\": {\"rows\": %zu, \"missing\": %zu,"
		     " \"no_baseline\": %zu, \"approximate\": %zu,"
		     " \"single_run\": %zu, \"repeated\": %zu,"
		     " \"no_overlap\": %zu, \"failed\": %zu,"
		     " \"all_failed\": %zu", obs->nrows,
		     obs->missing, obs->no_base, obs->approx, obs->single,
		     obs->repeated, obs->nooverlap, obs->failed,
		     obs->all_failed);
	/* #20 */
	fsc_buf_addf(o, ", \"noisy\": %zu, \"two_reps\": %zu, \"caveats\":"
		     " %zu, \"tests\": %zu, \"expected_by_chance\": %.3g,"
		     " \"unlike\": %zu, \"fdr\": %g, \"fdr_dropped\": %zu}}\n",
		     obs->noisy_cells, obs->few_reps, obs->caveats, obs->tests,
		     0.05 * (double)obs->tests, obs->unlike, obs->fdr,
		     obs->fdr_dropped);
	fsc_buf_release(&t);
}

int fsc_obs_write(const struct fsc_obs *obs, enum fsc_obs_format f,
		  int colour, struct fsc_buf *out, struct fsc_err *err)
{
	switch (f) {
	case FSC_OBS_TEXT:
		write_text(obs, colour, out);
		return 0;
	case FSC_OBS_MD:
		write_md(obs, out);
		return 0;
	case FSC_OBS_CSV:
		write_csv(obs, out);
		return 0;
	case FSC_OBS_JSON:
		write_json(obs, out);
		return 0;
	case FSC_OBS_HTML:
		write_html(obs, out);
		return 0;
	default:
		return fsc_err_set(err, NULL, "not a text format");
	}
}
