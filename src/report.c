/*
 * report.c: the HTML report, from the store alone: every figure (the
 * render stage), the observations tables of bandwidth and p99 latency
 * with their findings and cairo images, the coverage matrix and the
 * provenance, put into templates/report.html.  Self-contained: relative
 * links only, every text from the store escaped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "report.h"
#include "render_run.h"
#include "observe.h"
#include "key.h"
#include "only.h"

/* Figure kinds in report order; what a caption says of them is
 * fsc_kind_title's. */
static const char *const kinds[] = { "bw", "iops", "lat", "cpu", "bar", "tl",
				     "grid", "stack", "cdf", "timeline" };

/* Count one failure of the report; keep the first message. */
static void failure(struct fsc_report_result *res, const char *msg)
{
	if (!res->failed++)
		snprintf(res->first_error, sizeof(res->first_error), "%s", msg);
}

static void figures_html(const struct fsc_render *r, unsigned formats,
			 struct fsc_buf *o)
{
	size_t k, i;

	if (!r->nfigs) {
		fsc_buf_adds(o, "<p>No figure: the store has no scenario to draw.</p>\n");
		return;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int any = 0;

		for (i = 0; i < r->nfigs; i++) {
			const char *n = r->figs[i].name;

			if (strcmp(r->figs[i].kind, kinds[k]))
				continue;
			if (!any)
				fsc_buf_addf(o, "<h3>%s</h3>\n", fsc_kind_title(kinds[k]));
			any = 1;
			if (r->figs[i].error) {
				fsc_buf_addf(o, "<figure id=\"%s\" class=\"failed\">"
					     "<figcaption>%s: <code>%s</code> was not "
					     "drawn: <samp>", n, fsc_kind_title(kinds[k]), n);
				fsc_html_escape(o, r->figs[i].error);
				fsc_buf_adds(o, "</samp></figcaption></figure>\n");
				continue;
			}
			/* names are [A-Za-z0-9._-]: safe in a URL and in HTML */
			fsc_buf_addf(o, "<figure id=\"%s\"><a href=\"%s.png\">"
				     "<img src=\"%s.png\" alt=\"%s: %s\" width=\"960\" height=\"540\"></a>\n"
				     "<figcaption>%s: <code>%s</code>", n, n, n,
				     fsc_kind_title(kinds[k]), n, fsc_kind_title(kinds[k]), n);
			if (formats & FSC_FMT_SVG)
				fsc_buf_addf(o, "<a href=\"%s.svg\">SVG</a>", n);
			if (formats & FSC_FMT_PDF)
				fsc_buf_addf(o, "<a href=\"%s.pdf\">PDF</a>", n);
			fsc_buf_addf(o, "<a href=\"%s.gp\">gnuplot script</a>"
				     "</figcaption></figure>\n", n);
		}
	}
}

/* --slo: per throughput-latency figure, the highest throughput whose
 * p99 stays within the objective (figure_tl.c wrote r->slo_text). */
static void slo_html(const struct fsc_render *r, double slo_ns,
		     struct fsc_buf *o)
{
	const char *p = r->slo_text.buf, *e;

	fsc_buf_addf(o, "<h3>Throughput within the p99 objective (%g ms)</h3>\n",
		     slo_ns / 1e6);
	if (!r->slo_text.len) {
		fsc_buf_adds(o, "<p>No throughput-latency curve: no iodepth or "
			     "clients sweep.</p>\n");
		return;
	}
	fsc_buf_adds(o, "<ul class=\"slo\">\n");
	for (; *p; p = *e ? e + 1 : e) {
		struct fsc_buf line = FSC_BUF_INIT;

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		fsc_buf_add(&line, p, (size_t)(e - p));
		fsc_buf_adds(o, "<li>");
		fsc_html_escape(o, line.buf);
		fsc_buf_adds(o, "</li>\n");
		fsc_buf_release(&line);
	}
	fsc_buf_adds(o, "</ul>\n");
}

/* The image of an observations table in one format, slides the size of
 * the figures (fo): its slides, linked from the page, or the error when
 * it could not be written. */
static int obs_image(const struct fsc_obs *obs,
		     const struct fsc_render_opts *fo, const char *name,
		     enum fsc_obs_format f, const char *ext,
		     struct fsc_buf *links, struct fsc_report_result *res)
{
	struct fsc_buf path = FSC_BUF_INIT, m = FSC_BUF_INIT;
	struct fsc_err err;
	int n, i;

	fsc_buf_addf(&path, "%s/observations-%s.%s", fo->out, name, ext);
	n = fsc_obs_render_knobs(obs, f, &fo->knobs, path.buf, &err);
	if (n < 0) {
		fsc_buf_addf(&m, "%s: %s", err.path, err.msg);
		failure(res, m.buf);
		fsc_buf_adds(links, "<p class=\"failed\">Not written: <samp>");
		fsc_html_escape(links, m.buf);
		fsc_buf_adds(links, "</samp></p>\n");
	}
	for (i = 1; i <= n; i++) {
		fsc_buf_reset(&m);
		if (n == 1)
			fsc_buf_addf(&m, "observations-%s.%s", name, ext);
		else
			fsc_buf_addf(&m, "observations-%s-%d.%s", name, i, ext);
		if (f == FSC_OBS_PNG)
			fsc_buf_addf(links, "<figure><a href=\"%s\"><img src=\"%s\" "
				     "alt=\"observations table, %s, slide %d of %d\" "
				     "width=\"960\" height=\"540\"></a></figure>\n",
				     m.buf, m.buf, name, i, n);
		else
			fsc_buf_addf(links, "<a href=\"%s\">%s%s%.0d</a>\n",
				     m.buf, ext[0] == 's' ? "SVG" : "PDF",
				     n > 1 ? " " : "", n > 1 ? i : 0);
	}
	fsc_buf_release(&path);
	fsc_buf_release(&m);
	return n;
}

/* One observations table (metric m): its HTML and its cairo slides, the
 * size of the figures (fo). */
static int observations_html(struct fsc_store *st,
			     const struct fsc_report_opts *ro,
			     const struct fsc_render_opts *fo,
			     enum fsc_obs_metric m, struct fsc_buf *o,
			     struct fsc_report_result *res,
			     struct fsc_err *err)
{
	struct fsc_obs_opts oo;
	struct fsc_obs *obs;
	struct fsc_buf png = FSC_BUF_INIT, svg = FSC_BUF_INIT;
	const char *name = fsc_obs_metric_name(m);
	int rc = -1;

	fsc_obs_opts_init(&oo, m, ro->baseline, ro->where);
	obs = fsc_obs_new(st, &oo, err);
	if (!obs) {
		/* no baseline in the store: say so in the report, go on */
		fsc_buf_adds(o, "<p class=\"missing\">No observations: ");
		fsc_html_escape(o, err->msg);
		fsc_buf_adds(o, ".</p>\n");
		return 0;
	}
	fsc_buf_addf(o, "<h3>%s</h3>\n", fsc_obs_metric_title(m));
	if (fsc_obs_write(obs, FSC_OBS_HTML, 0, o, err) < 0)
		goto out;
	rc = 0;
	if (!obs->nruntimes)
		goto out;	/* no comparison: no table to draw */
	obs_image(obs, fo, name, FSC_OBS_PNG, "png", &png, res);
	obs_image(obs, fo, name, FSC_OBS_SVG, "svg", &svg, res);
	fsc_buf_add(o, png.buf, png.len);
	fsc_buf_adds(o, "<p class=\"slides\">The table as slides: PNG above; ");
	fsc_buf_add(o, svg.buf, svg.len);
	fsc_buf_adds(o, "</p>\n");
	rc = 0;
out:
	fsc_buf_release(&png);
	fsc_buf_release(&svg);
	fsc_obs_free(obs);
	return rc;
}

static int summary_html(struct fsc_store *st, struct fsc_buf *o,
			const struct fsc_coverage *cov)
{
	sqlite3_stmt *s;
	int rc = -1;

	if (sqlite3_prepare_v2(fsc_store_db(st),
		"SELECT (SELECT count(*) FROM scenario), (SELECT count(*) FROM run),"
		" (SELECT count(*) FROM source_file WHERE status = 'ok'),"
		" (SELECT count(*) FROM source_file WHERE status = 'failed'),"
		" (SELECT replace(group_concat(DISTINCT fio_version), ',', ', ')"
		"  FROM source_file"
		"  WHERE fio_version IS NOT NULL)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		int ns = sqlite3_column_int(s, 0), nr = sqlite3_column_int(s, 1),
		    nf = sqlite3_column_int(s, 2), nbad = sqlite3_column_int(s, 3);

		fsc_buf_addf(o, "%d scenario%s, %d run%s from %d file%s", ns,
			     ns == 1 ? "" : "s", nr, nr == 1 ? "" : "s", nf,
			     nf == 1 ? "" : "s");
		if (nbad)
			fsc_buf_addf(o, " (%d file%s failed to ingest)", nbad,
				     nbad == 1 ? "" : "s");
		/* the versions read "fio-3.33": no "fio " before them */
		if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
			fsc_buf_adds(o, "; ");
			fsc_html_escape(o, (const char *)
					sqlite3_column_text(s, 4));
		}
		fsc_buf_addf(o, ". Coverage: %d present, %d missing, %d with failed runs"
			     " (%d in which all runs failed), "
			     "%d with clients that did not overlap, %d with approximate latency.",
			     cov->present, cov->missing, cov->failed,
			     cov->all_failed, cov->nooverlap, cov->approx);
		rc = 0;
	}
	sqlite3_finalize(s);
	/* which rule made the runs clients and repetitions (stats.c) */
	if (rc == 0 && sqlite3_prepare_v2(fsc_store_db(st),
		"SELECT COALESCE(grouping, 'an unrecorded rule'), count(DISTINCT scenario_id)"
		" FROM scenario_stat GROUP BY 1 ORDER BY 1", -1, &s,
		NULL) == SQLITE_OK) {
		const char *sep = " Clients and repetitions: ";

		while (sqlite3_step(s) == SQLITE_ROW) {
			fsc_buf_adds(o, sep);
			fsc_buf_addf(o, "%d by ", sqlite3_column_int(s, 1));
			fsc_html_escape(o, (const char *)sqlite3_column_text(s, 0));
			sep = ", ";
		}
		if (*sep == ',')
			fsc_buf_adds(o, " (overlap: runs whose windows overlap"
				     " are clients, disjoint ones repetitions).");
		sqlite3_finalize(s);
	}
	return rc;
}

int fsc_report(struct fsc_store *st, const struct fsc_report_opts *ro,
	       struct fsc_report_result *res, struct fsc_buf *msgs,
	       struct fsc_err *err)
{
	struct fsc_render_opts o = {
		.out = ro->out, .tmpl = ro->tmpl,
		.formats = FSC_FMT_SVG | FSC_FMT_PNG, .knobs = ro->knobs,
		.jobs = ro->jobs, .where = ro->where,
		.only = ro->only, .colors = ro->colors, .slo_ns = ro->slo_ns,
	};
	struct fsc_buf cov = FSC_BUF_INIT, figs = FSC_BUF_INIT,
		       obs = FSC_BUF_INIT, prov = FSC_BUF_INIT,
		       sum = FSC_BUF_INIT, page = FSC_BUF_INIT,
		       path = FSC_BUF_INIT, title = FSC_BUF_INIT;
	struct fsc_render r;
	struct fsc_gp_env env;
	const char *tmpl;
	char when[64];
	time_t now = time(NULL);
	int rc = -1, rr;
	size_t i;

	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	memset(&env, 0, sizeof(env));
	rr = fsc_render_run(st, &o, &r, msgs, err);
	if (rr < 0)
		goto out;
	for (i = 0; rr == FSC_RENDER_FAILED && i < r.nfigs; i++)
		if (r.figs[i].error)
			failure(res, r.figs[i].error);
	res->figures = r.nfigs;
	res->no_gnuplot = rr == FSC_RENDER_NO_GNUPLOT;
	if (fsc_gp_mkdirs(ro->out, err) < 0 ||
	    fsc_report_coverage(st, &cov, &res->cov, err) < 0 ||
	    fsc_report_provenance(st, &prov, err) < 0 ||
	    summary_html(st, &sum, &res->cov) < 0)
		goto out;
	if (!fsc_only_has(ro->only, "observations"))
		fsc_buf_adds(&obs, "<p class=\"missing\">Left out (--only).</p>\n");
	else if (observations_html(st, ro, &o, FSC_OBS_BW, &obs, res, err) < 0 ||
		 observations_html(st, ro, &o, FSC_OBS_P99, &obs, res, err) < 0)
		goto out;
	figures_html(&r, o.formats, &figs);
	if (ro->slo_ns > 0)
		slo_html(&r, ro->slo_ns, &obs);
	if (fsc_gp_env_init(&env, ro->tmpl, err) < 0 ||
	    !(tmpl = fsc_gp_template(&env, "report.html", err)))
		goto out;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", gmtime(&now));
	fsc_buf_adds(&title, "fioscope report");
	{
		struct fsc_buf store = FSC_BUF_INIT;
		const char *db = sqlite3_db_filename(fsc_store_db(st), "main");
		const char *base = db ? strrchr(db, '/') : NULL;
		struct fsc_tvar vars[] = {
			{ "title", title.buf }, { "version", FSC_VERSION },
			{ "summary", sum.buf }, { "coverage", cov.buf },
			{ "observations", obs.buf }, { "figures", figs.buf },
			{ "provenance", prov.buf }, { "generated", when },
			{ "store", NULL },
		};

		fsc_html_escape(&store, base ? base + 1 : db ? db : "");
		vars[8].value = store.buf;
		rc = fsc_template_expand(tmpl, vars, sizeof(vars) / sizeof(vars[0]),
					 &page, err);
		fsc_buf_release(&store);
		if (rc < 0)
			goto out;
		rc = -1;
	}
	fsc_buf_addf(&path, "%s/index.html", ro->out);
	if (fsc_out_buf(path.buf, &page, err) < 0)
		goto out;
	rc = 0;
out:
	fsc_render_free(&r);
	fsc_gp_env_free(&env);
	fsc_buf_release(&cov);
	fsc_buf_release(&figs);
	fsc_buf_release(&obs);
	fsc_buf_release(&prov);
	fsc_buf_release(&sum);
	fsc_buf_release(&page);
	fsc_buf_release(&path);
	fsc_buf_release(&title);
	return rc;
}
