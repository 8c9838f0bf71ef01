/*
 * deck.h: the results section of a talk as a list of slides (deck.c,
 * deck_text.c), drawn as PDF (deck_pdf.c) or PPTX (deck_pptx.c).  The
 * list is built from the store through the stages render and report use:
 * every figure fsc_render_run draws (kinds it does not know flow in as
 * they are added), observe's tables and findings, the coverage.
 */
#ifndef FSC_DECK_H
#define FSC_DECK_H
#include "fioscope.h"
#include "knobs.h"
#include "where.h"

enum fsc_slide_kind {
	FSC_SLIDE_TITLE,	/* title, subtitle, lines under them */
	FSC_SLIDE_TEXT,		/* title and lines (bullets when set) */
	FSC_SLIDE_IMAGE,	/* title and a 16:9 image (svg, png) */
};

struct fsc_slide {
	enum fsc_slide_kind kind;
	const char *section;	/* "title", "coverage", "timeline", "figure",
				 * "observations", "findings", "provenance" */
	char *title;		/* UTF-8, not escaped */
	char *subtitle;		/* or NULL */
	char **lines;		/* text lines, not escaped */
	size_t nlines;
	int bullets;		/* lines are bullet points */
	char *svg, *png;	/* image paths (in the deck's work directory) */
	char *notes;		/* speaker notes, not escaped */
};

struct fsc_deck {
	struct fsc_slide *s;
	size_t n, cap;
	char *dir;		/* the work directory of the images */
	size_t figures;		/* figures drawn */
	char *timeline_why;	/* how the timeline's scenario was chosen */
	int dark;		/* --theme dark: pages and text in the dark
				 * colours of the figures (style.gp) */
};

struct fsc_deck_opts {
	const char *tmpl;	/* --templates DIR, or NULL */
	const char *baseline;	/* --baseline, or NULL */
	const struct fsc_where *where;	/* --where, or NULL */
	const char *selection;	/* the --where options as given, or NULL */
	const char *only;	/* --only KIND,..., or NULL: all */
	const char *title, *subtitle;	/* the title slide's, or NULL */
	int jobs;		/* gnuplot processes; < 1: one per core */
	int png;		/* draw PNGs too (PPTX) */
	/* the figures' knobs: theme (the deck's too), font scale and
	 * transparency; the size is the slide's, 1920 x 1080 */
	struct fsc_knobs knobs;
};

/* Build the slides of the store st into d: renders the figures and the
 * observation tables into a new work directory under $TMPDIR (removed by
 * fsc_deck_free).  gnuplot's diagnostics go to msgs.  -1 with err: store
 * error, no scenario selected, gnuplot missing or a figure not drawn. */
int fsc_deck_build(struct fsc_store *st, const struct fsc_deck_opts *o,
		   struct fsc_deck *d, struct fsc_buf *msgs,
		   struct fsc_err *err);
void fsc_deck_free(struct fsc_deck *d);

/* deck.c: a new slide at the end of d (zeroed but for kind, section and
 * a copy of title). */
struct fsc_slide *fsc_deck_add(struct fsc_deck *d, enum fsc_slide_kind kind,
			       const char *section, const char *title);
void fsc_slide_line(struct fsc_slide *s, const char *line);

/* deck_text.c: the title, coverage and provenance slides' text. */
int fsc_deck_title(struct fsc_store *st, const struct fsc_deck_opts *o,
		   const char *ids_json, struct fsc_deck *d,
		   struct fsc_err *err);
int fsc_deck_coverage(struct fsc_store *st, struct fsc_deck *d,
		      struct fsc_err *err);
int fsc_deck_provenance(struct fsc_store *st, const struct fsc_deck_opts *o,
			const char *ids_json, struct fsc_deck *d,
			struct fsc_err *err);

/* deck_pdf.c: the deck as a PDF, one 13.33 x 7.5 in page per slide, the
 * SVG figures drawn by librsvg (their text stays text), written whole or
 * not at all.  -1 with err. */
int fsc_deck_pdf(const struct fsc_deck *d, const char *path,
		 struct fsc_err *err);
/* deck_pptx.c: the deck as Office Open XML (PPTX), from the templates in
 * TEMPLATES/pptx/ (tmpl: --templates DIR or NULL), the PNG of each figure
 * a picture at the slide's size.  -1 with err. */
int fsc_deck_pptx(const struct fsc_deck *d, const char *tmpl,
		  const char *path, struct fsc_err *err);
#endif
