/* report.h: the HTML report's store-derived parts (report_html.c). */
#ifndef FSC_REPORT_H
#define FSC_REPORT_H
#include "fioscope.h"
#include "where.h"
#include "knobs.h"

struct fsc_coverage {
	int present, missing;	/* scenario x direction cells */
	int failed;		/* cells with failed runs */
	int all_failed;		/* cells whose runs all failed (no value) */
	int nooverlap;		/* cells whose clients overlap < 0.9 */
	int approx;		/* cells with approximate latency */
};

/* A template variable. */
struct fsc_tvar {
	const char *key, *value;
};
/* Expand "{{name}}" in tmpl from vars (values inserted as they are: the
 * caller escapes).  -1 on an unknown name or an unclosed "{{". */
int fsc_template_expand(const char *tmpl, const struct fsc_tvar *vars,
			size_t n, struct fsc_buf *out, struct fsc_err *err);
/* The coverage matrices (one per backend and block size) as HTML tables;
 * cov counts the cells. */
int fsc_report_coverage(struct fsc_store *st, struct fsc_buf *o,
			struct fsc_coverage *cov, struct fsc_err *err);
/* Per scenario: its source files and fio versions, as an HTML table. */
int fsc_report_provenance(struct fsc_store *st, struct fsc_buf *o,
			  struct fsc_err *err);
struct fsc_report_opts {
	const char *out;	/* output directory */
	const char *tmpl;	/* --templates DIR, or NULL */
	const char *baseline;	/* runtime the observations compare to */
	int jobs;		/* gnuplot processes; < 1: one per core */
	const struct fsc_where *where;	/* --where: figures, observations */
	const char *only;	/* --only KIND,... (only.h), or NULL: all */
	const char *colors;	/* --colors "name=#rrggbb,...", or NULL */
	double slo_ns;		/* --slo, ns; 0: none */
	struct fsc_knobs knobs;	/* --size, --font-scale, --theme... */
};
struct fsc_report_result {
	size_t figures;		/* figures drawn (or scripted) */
	int no_gnuplot;		/* gnuplot missing: .gp written, no images */
	size_t failed;		/* figures and images that failed */
	char first_error[512];	/* the first failure's message */
	struct fsc_coverage cov;
};

/* Render every figure and the observations into ro->out and write
 * ro->out/index.html from the report.html template (report.c).  gnuplot's
 * diagnostics are appended to msgs.  A figure or table image that fails
 * is listed in the page with its error and counted in res->failed (the
 * first message in res->first_error); the rest of the page is written.
 * -1 with err (store or template error, or index.html not written). */
int fsc_report(struct fsc_store *st, const struct fsc_report_opts *ro,
	       struct fsc_report_result *res, struct fsc_buf *msgs,
	       struct fsc_err *err);
#endif
