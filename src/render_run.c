/*
 * render_run.c: the whole render stage as one call, for `render` and
 * `report`: select the scenarios, build every figure, write each one's
 * self-contained .gp script into the output directory, and run gnuplot on
 * them (at most one process per core, many figures per process).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "render_run.h"
#include "only.h"

/* Drop the figures that --only or the caller's keep leaves out. */
static void select_figs(struct fsc_render *r, const struct fsc_render_opts *o)
{
	char *keep = fsc_calloc(r->nfigs ? r->nfigs : 1, 1);
	size_t i, n = 0;

	/* decide first, with every figure there to compare, then drop */
	for (i = 0; i < r->nfigs; i++)
		keep[i] = fsc_only_has(o->only, r->figs[i].kind) &&
			  (!o->keep || o->keep(r, i, o->keep_arg));
	for (i = 0; i < r->nfigs; i++) {
		struct fsc_fig *f = &r->figs[i];

		if (keep[i]) {
			r->figs[n++] = *f;
			continue;
		}
		fsc_fig_release(f);
	}
	r->nfigs = n;
	free(keep);
}

int fsc_render_run(struct fsc_store *st, const struct fsc_render_opts *o,
		   struct fsc_render *r, struct fsc_buf *msgs,
		   struct fsc_err *err)
{
	struct fsc_gp_env env;
	struct fsc_buf path = FSC_BUF_INIT, script = FSC_BUF_INIT;
	struct fsc_buf sel = FSC_BUF_INIT;
	struct fsc_gp_job *jobs = NULL;
	size_t *fig = NULL, i, n = 0;
	int rc = -1, nproc, failed = 0;

	memset(r, 0, sizeof(*r));
	/* the PNGs' provenance: what was selected */
	if (o->where && o->where->n)
		fsc_buf_addf(&sel, "scenarios where %s]", o->where->json.buf);
	else
		fsc_buf_adds(&sel, "every scenario of the store");
	if (fsc_gp_env_init(&env, o->tmpl, err) < 0)
		goto out;
	env.formats = o->formats;
	env.knobs = o->knobs;
	if (fsc_render_load(r, fsc_store_db(st), o->where, err) < 0 ||
	    (o->colors && fsc_series_pin(r, o->colors, err) < 0))
		goto out;
	r->slo_ns = o->slo_ns;
	if (fsc_fig_plan(r, err) < 0)
		goto out;
	select_figs(r, o);
	if (!r->nfigs) {
		rc = 0;
		goto out;
	}
	if ((o->knobs.title || o->knobs.subtitle) && r->nfigs > 1) {
		fsc_err_set(err, "", "--title and --subtitle name one figure, "
			    "and %zu are drawn: select one with --where",
			    r->nfigs);
		goto out;
	}
	if (fsc_gp_mkdirs(o->out, err) < 0)
		goto out;
	jobs = fsc_calloc(r->nfigs, sizeof(*jobs));
	fig = fsc_calloc(r->nfigs, sizeof(*fig));
	for (i = 0; i < r->nfigs; i++) {
		struct fsc_err werr;

		fsc_buf_reset(&script);
		if (fsc_gp_script(&env, r->figs[i].name, r->figs[i].tmpl ?
				  r->figs[i].tmpl : r->figs[i].kind,
				  r->figs[i].data.buf, &script, err) < 0)
			goto out;
		fsc_buf_reset(&path);
		fsc_buf_addf(&path, "%s/%s.gp", o->out, r->figs[i].name);
		if (fsc_out_buf(path.buf, &script, &werr) < 0) {
			/* this figure fails; the others are still drawn */
			fsc_buf_reset(&path);
			fsc_buf_addf(&path, "%s: %s", werr.path, werr.msg);
			r->figs[i].error = fsc_buf_detach(&path);
			failed++;
			continue;
		}
		jobs[n].name = r->figs[i].name;
		/* a 16:9 slide is 13.33 in wide: 144 dpi at 1920 px */
		jobs[n].dpi = o->knobs.width / (1920 / 144.0);
		jobs[n].selection = sel.buf;
		/* drawing a PNG costs about as much as 20 kB of script */
		jobs[n].weight = 20000 + script.len;
		fig[n++] = i;
	}
	if (!fsc_gp_available()) {
		rc = FSC_RENDER_NO_GNUPLOT;
		goto out;
	}
	nproc = o->jobs;
	if (nproc < 1) {
		int ncpu = fsc_cores(1024);

		/* one process per core, and never one per figure */
		nproc = (int)((n + 3) / 4);
		if (nproc > ncpu)
			nproc = ncpu;
	}
	rc = fsc_gp_run(o->out, jobs, n, o->formats, nproc, msgs, err);
	if (rc < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (jobs[i].error) {
			r->figs[fig[i]].error = jobs[i].error;
			jobs[i].error = NULL;
			failed++;
		}
	rc = failed ? FSC_RENDER_FAILED : 0;
out:
	for (i = 0; jobs && i < n; i++)
		free(jobs[i].error);
	free(jobs);
	free(fig);
	fsc_buf_release(&path);
	fsc_buf_release(&script);
	fsc_buf_release(&sel);
	fsc_gp_env_free(&env);
	return rc;
}
