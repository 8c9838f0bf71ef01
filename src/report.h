/* report.h: the HTML report's store-derived parts (report_html.c). */
#ifndef FSC_REPORT_H
#define FSC_REPORT_H
#include "fioscope.h"

struct fsc_coverage {
	int present, missing;	/* scenario x direction cells */
	int failed;		/* cells with failed runs */
	int nooverlap;		/* cells whose clients overlap < 0.9 */
	int approx;		/* cells with approximate latency */
};

/* Append s to o with & < > " ' escaped (control characters replaced). */
void fsc_html_escape(struct fsc_buf *o, const char *s);
/* Expand "{{name}}" in tmpl from vars (values inserted as they are: the
 * caller escapes).  -1 on an unknown name or an unclosed "{{". */
int fsc_template_expand(const char *tmpl, const struct fsc_kv *vars,
			size_t n, struct fsc_buf *out, struct fsc_err *err);
/* The coverage matrices (one per backend and block size) as HTML tables;
 * cov counts the cells. */
int fsc_report_coverage(struct fsc_store *st, struct fsc_buf *o,
			struct fsc_coverage *cov, struct fsc_err *err);
/* Per scenario: its source files and fio versions, as an HTML table. */
int fsc_report_provenance(struct fsc_store *st, struct fsc_buf *o,
			  struct fsc_err *err);
#endif
