/* render_run.h: the render stage in one call (render_run.c). */
#ifndef FSC_RENDER_RUN_H
#define FSC_RENDER_RUN_H
#include "figure.h"
#include "gnuplot.h"
#include "where.h"

struct fsc_render_opts {
	const char *out;	/* output directory, created if needed */
	const char *tmpl;	/* --templates DIR, or NULL */
	unsigned formats;	/* FSC_FMT_* */
	struct fsc_knobs knobs;	/* size, font scale, theme, title... */
	int jobs;		/* gnuplot processes; < 1: one per core */
	const struct fsc_where *where;	/* --where filters, or NULL */
};

#define FSC_RENDER_NO_GNUPLOT 1
#define FSC_RENDER_FAILED 2

/* Draw every figure of the store selected by o into o->out.  r receives
 * the figures (free with fsc_render_free); gnuplot's diagnostics are
 * appended to msgs.  0 on success (r->nfigs may be 0: nothing to draw),
 * FSC_RENDER_NO_GNUPLOT when gnuplot is not installed (the .gp scripts
 * are written), FSC_RENDER_FAILED when some figures were not drawn (each
 * has its error in r->figs[i].error; the others are drawn), -1 with err
 * (store or template error). */
int fsc_render_run(struct fsc_store *st, const struct fsc_render_opts *o,
		   struct fsc_render *r, struct fsc_buf *msgs,
		   struct fsc_err *err);
#endif
