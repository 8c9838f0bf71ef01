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

int fsc_render_run(struct fsc_store *st, const struct fsc_render_opts *o,
		   struct fsc_render *r, struct fsc_buf *msgs,
		   struct fsc_err *err)
{
	struct fsc_gp_env env;
	struct fsc_buf path = FSC_BUF_INIT, script = FSC_BUF_INIT;
	char **names = NULL;
	size_t *weight = NULL, i;
	int rc = -1, jobs;

	memset(r, 0, sizeof(*r));
	if (fsc_gp_env_init(&env, o->tmpl, err) < 0)
		goto out;
	env.formats = o->formats;
	env.width = o->width;
	env.height = o->height;
	if (fsc_render_load(r, fsc_store_db(st), o->where, err) < 0 ||
	    fsc_fig_bw(r, err) < 0 || fsc_fig_lat(r, err) < 0 ||
	    fsc_fig_cdf(r, err) < 0 || fsc_fig_timeline(r, err) < 0)
		goto out;
	if (!r->nfigs) {
		rc = 0;
		goto out;
	}
	if (fsc_gp_mkdirs(o->out, err) < 0)
		goto out;
	names = fsc_calloc(r->nfigs, sizeof(*names));
	weight = fsc_calloc(r->nfigs, sizeof(*weight));
	for (i = 0; i < r->nfigs; i++) {
		fsc_buf_reset(&script);
		if (fsc_gp_script(&env, r->figs[i].name, r->figs[i].kind,
				  r->figs[i].data.buf, &script, err) < 0)
			goto out;
		fsc_buf_reset(&path);
		fsc_buf_addf(&path, "%s/%s.gp", o->out, r->figs[i].name);
		if (fsc_gp_write(path.buf, &script, err) < 0)
			goto out;
		fsc_buf_reset(&path);
		fsc_buf_addf(&path, "%s.gp", r->figs[i].name);
		names[i] = fsc_buf_detach(&path);
		/* drawing a PNG costs about as much as 20 kB of script */
		weight[i] = 20000 + script.len;
	}
	if (!fsc_gp_available()) {
		rc = FSC_RENDER_NO_GNUPLOT;
		goto out;
	}
	jobs = o->jobs;
	if (jobs < 1) {
		int ncpu = fsc_cores(1024);

		/* one process per core, and never one per figure */
		jobs = (int)((r->nfigs + 3) / 4);
		if (jobs > ncpu)
			jobs = ncpu;
	}
	rc = fsc_gp_run(o->out, names, weight, r->nfigs, jobs, msgs, err);
out:
	for (i = 0; names && i < r->nfigs; i++)
		free(names[i]);
	free(names);
	free(weight);
	fsc_buf_release(&path);
	fsc_buf_release(&script);
	fsc_gp_env_free(&env);
	return rc;
}
