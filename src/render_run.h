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
	const char *only;	/* --only KIND,... (only.h), or NULL: all */
	/* keep(r, i, arg): 0 drops figure i (one --only keeps) before any is
	 * drawn; r holds every figure built (NULL: keep them all) */
	int (*keep)(const struct fsc_render *r, size_t i, void *arg);
	void *keep_arg;
	const char *colors;	/* --colors "name=#rrggbb,...", or NULL */
	double slo_ns;		/* --slo, ns; 0: none */
};

#define FSC_RENDER_NO_GNUPLOT 1
#define FSC_RENDER_FAILED 2

/* Draw every figure of the store selected by o (its --where, --only and
 * keep) into o->out; the figures left out are not in r.  r receives
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
