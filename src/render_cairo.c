/*
 * render_cairo.c: the observations table drawn with cairo as slide-ready
 * PNG, SVG or PDF images (the only file that includes cairo.h).  Each
 * image is one slide of exactly the requested canvas (1920x1080 for a
 * slide): title, the table (runtime columns, cells shaded on the
 * diverging scale of fsc_obs_cell_shade), a legend of the scale and the
 * footnotes, scaled to fill the canvas (up to 140%, down to 80%; lower
 * only when one column group cannot fit a canvas that small) and
 * centred.  A table too big for one slide is split
 * into numbered slides (rows and runtime columns; the key columns and the
 * baseline on every slide), text too long for a column is elided with a
 * footnote mark and its full text among the footnotes, and footnotes that
 * do not fit under the table go on slides of their own.  Every string
 * reaches cairo in its display form (valid UTF-8, control characters as
 * pictures).  Text uses cairo's toy API with "DejaVu Sans".  cairo draws
 * SVG text as glyph outlines, so the SVG gets an invisible text layer
 * with the same strings (searchable, selectable, readable by tools).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "observe.h"
#include "png_meta.h"

#define FONT "DejaVu Sans"
#define FIT_SCALE 0.8		/* the smallest scale a slide is drawn at */
#define MAX_SCALE 1.4
#define MARGIN 48.0
#define LEGEND_W 960.0		/* the legend's bar, at most */
#define KEY_MAX 360.0		/* widest key column text, px */
#define HEAD_MAX 420.0		/* widest runtime heading, px */
/* text sizes, px at scale 1 */
#define SZ_TITLE 44.0
#define SZ_SUB 24.0
#define SZ_HEAD 26.0
#define SZ_KEY 24.0
#define SZ_RATIO 30.0
#define SZ_WORDS 18.0
#define SZ_VALUE 20.0
#define SZ_NOTE 20.0
#define NOTE_H (SZ_NOTE + 8)
#define ROW_H 62.0
#define HEAD_H 52.0
#define TITLE_H 110.0
#define LEGEND_H 124.0		/* the rule below the table and the legend */
#define PAD 16.0

/* cell text: the cells keep their shades in either theme */
static const double cell_ink[3] = { 0.1, 0.1, 0.1 };
static const double white[3] = { 1, 1, 1 };
/* the page's colours: text, secondary text and rules, background */
struct palette {
	double ink[3], grey[3], bg[3];
};
static const struct palette light = {
	{ 0.1, 0.1, 0.1 }, { 0.4, 0.4, 0.4 }, { 1, 1, 1 } };
static const struct palette dark_pal = {
	{ 0.91, 0.91, 0.91 }, { 0.69, 0.69, 0.69 }, { 0.118, 0.118, 0.118 } };

/* A string drawn, kept for the SVG text layer. */
struct drawn {
	double x, y, size;
	int bold;
	char *s;
};

struct ctx {
	cairo_t *cr;
	struct drawn *d;
	size_t nd;
	int keep;		/* keep what is drawn (SVG) */
	const struct palette *pal;	/* --theme */
	int transparent;	/* --transparent: no background */
};

/* Width of s, already in display form. */
static double raw_w(struct ctx *c, const char *s, double size, int bold)
{
	cairo_text_extents_t e;

	cairo_select_font_face(c->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD :
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(c->cr, size);
	cairo_text_extents(c->cr, s, &e);
	return e.x_advance;
}

static double text_w(struct ctx *c, const char *s, double size, int bold)
{
	struct fsc_buf d = FSC_BUF_INIT;
	double w;

	fsc_display(&d, s);
	w = raw_w(c, d.buf, size, bold);
	fsc_buf_release(&d);
	return w;
}

/* Draw s with its baseline at y; align -1 left of x, 0 centred, 1 right.
 * Returns the width. */
static double text(struct ctx *c, double x, double y, const char *s,
		   double size, int bold, int align, const double rgb[3])
{
	struct fsc_buf d = FSC_BUF_INIT;
	double w;

	fsc_display(&d, s);
	w = raw_w(c, d.buf, size, bold);
	x -= align < 0 ? 0 : align == 0 ? w / 2 : w;
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(c->cr, x, y);
	cairo_show_text(c->cr, d.buf);
	if (c->keep && d.len) {
		c->d = fsc_realloc(c->d, (c->nd + 1) * sizeof(*c->d));
		c->d[c->nd].x = x;
		c->d[c->nd].y = y;
		c->d[c->nd].size = size;
		c->d[c->nd].bold = bold;
		c->d[c->nd++].s = fsc_buf_detach(&d);
	}
	fsc_buf_release(&d);
	return w;
}

static void rect(struct ctx *c, double x, double y, double w, double h,
		 const double rgb[3])
{
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
}

static void line(struct ctx *c, double x0, double y0, double x1, double y1,
		 double width, const double rgb[3])
{
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(c->cr, width);
	cairo_move_to(c->cr, x0, y0);
	cairo_line_to(c->cr, x1, y1);
	cairo_stroke(c->cr);
}

struct layout {
	int width, height;	/* the canvas slides are cut for, px */
	int px_w, px_h;		/* the image, px (larger with fs > 1) */
	double fs;		/* --font-scale */
	/* the design space of one slide at FIT_SCALE, and its widest block
	 * of table or text */
	double design_w, design_h, block_max;
	enum fsc_obs_keycol keys[FSC_OBS_KC_NR];
	int nkeys;
	double *colw;		/* nkeys + nruntimes widths */
	size_t ncols;
	char **head;		/* runtime headings as drawn (maybe elided) */
	char **keytxt;		/* row i, key k: [i * nkeys + k], as drawn */
	struct fsc_buf title, sub, base;	/* as drawn */
	double title_sz, sub_sz;	/* font sizes of the two title lines */
	double sub_room;	/* kept free after the subtitle ("slide i of n") */
	struct fsc_buf full;	/* footnotes of the elided texts */
	int nmarks;
	double note_w;		/* the footnotes' measure */
	struct fsc_buf *notes;	/* footnote lines, wrapped */
	size_t nnotes;
};

/* One slide: rows [r0, r1) of runtime columns 0 and [c0, c1), then
 * footnote lines [n0, n1); a slide of footnotes only has no rows. */
struct page {
	size_t r0, r1, c0, c1, n0, n1;
	double table_w, w, h;	/* design size */
};

/* The bytes of the longest prefix of s (at most 1 KiB, whole UTF-8
 * characters; s in display form) narrower than maxw. */
static size_t prefix_fit(struct ctx *c, const char *s, double size, int bold,
			 double maxw)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t cut[1025], n = 0, i, lo = 0, hi, len = strlen(s);

	if (len > 1024)
		len = 1024;
	/* the character boundaries: cut[i] bytes hold i + 1 characters */
	for (i = 1; i <= len; i++)
		if (i == len || ((unsigned char)s[i] & 0xc0) != 0x80)
			cut[n++] = i;
	hi = n;			/* answer: the first hi characters fit */
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;

		fsc_buf_reset(&t);
		fsc_buf_add(&t, s, cut[mid - 1]);
		if (raw_w(c, t.buf, size, bold) <= maxw)
			lo = mid;
		else
			hi = mid - 1;
	}
	fsc_buf_release(&t);
	return lo ? cut[lo - 1] : 0;
}

/* s as drawn in at most maxw px: its display form, or when wider a
 * prefix, an ellipsis and a mark "[n]" whose footnote holds the full
 * text, introduced by what. */
static void fit(struct ctx *c, struct layout *l, const char *s, double size,
		int bold, double maxw, const char *what, struct fsc_buf *out)
{
	struct fsc_buf d = FSC_BUF_INIT, mark = FSC_BUF_INIT;
	size_t n;

	fsc_display(&d, s);
	if (raw_w(c, d.buf, size, bold) <= maxw) {
		fsc_buf_add(out, d.buf, d.len);
		fsc_buf_release(&d);
		return;
	}
	fsc_buf_addf(&mark, "\xe2\x80\xa6[%d]", ++l->nmarks);
	n = prefix_fit(c, d.buf, size, bold,
		       maxw - raw_w(c, mark.buf, size, bold));
	fsc_buf_add(out, d.buf, n);
	fsc_buf_add(out, mark.buf, mark.len);
	fsc_buf_addf(&l->full, "[%d] %s: %s\n", l->nmarks, what, d.buf);
	fsc_buf_release(&d);
	fsc_buf_release(&mark);
}

static void add_note(struct layout *l, struct fsc_buf *cur)
{
	l->notes = fsc_realloc(l->notes, (l->nnotes + 1) * sizeof(*l->notes));
	l->notes[l->nnotes++] = *cur;
	*cur = (struct fsc_buf)FSC_BUF_INIT;
}

/* Split text (display form, lines ending in '\n') into lines of at most
 * width px at SZ_NOTE; a word wider than a line is cut. */
static void wrap(struct ctx *c, struct layout *l, const char *text,
		 double width)
{
	struct fsc_buf cur = FSC_BUF_INIT, word = FSC_BUF_INIT;
	const char *p = text;
	size_t n;

	while (*p) {
		n = strcspn(p, " \n");
		fsc_buf_reset(&word);
		fsc_buf_add(&word, p, n);
		if (cur.len && raw_w(c, cur.buf, SZ_NOTE, 0) + raw_w(c, " ",
		    SZ_NOTE, 0) + raw_w(c, word.buf, SZ_NOTE, 0) > width) {
			add_note(l, &cur);
			fsc_buf_adds(&cur, "  ");	/* continuation */
		}
		while (raw_w(c, cur.buf, SZ_NOTE, 0) + raw_w(c, " ", SZ_NOTE, 0) +
		       raw_w(c, word.buf, SZ_NOTE, 0) > width) {
			double room = width - raw_w(c, cur.buf, SZ_NOTE, 0) -
				      raw_w(c, " ", SZ_NOTE, 0);
			size_t k = prefix_fit(c, word.buf, SZ_NOTE, 0, room);

			if (!k)
				k = fsc_utf8_len((const unsigned char *)word.buf,
						 word.len);
			if (!k)
				k = 1;
			if (cur.len && strcmp(cur.buf, "  "))
				fsc_buf_adds(&cur, " ");
			fsc_buf_add(&cur, word.buf, k);
			add_note(l, &cur);
			fsc_buf_adds(&cur, "  ");
			memmove(word.buf, word.buf + k, word.len - k + 1);
			word.len -= k;
		}
		if (cur.len && strcmp(cur.buf, "  "))
			fsc_buf_adds(&cur, " ");
		fsc_buf_adds(&cur, word.buf);
		p += n;
		if (*p == '\n' || !*p)
			add_note(l, &cur);
		if (*p)
			p++;
	}
	fsc_buf_release(&cur);
	fsc_buf_release(&word);
}

/* The words under a ratio, short enough for a cell. */
static const char *cell_words(const struct fsc_obs *obs,
			      const struct fsc_obs_cell *c)
{
	const char *w = fsc_obs_verdict_words(obs, c);

	return !strcmp(w, "close to") ? "close" : w;
}

/* The title line: --title, else the metric against the baseline. */
static void title_text(const struct fsc_obs *obs, const char *title,
		       struct fsc_buf *t)
{
	if (title)
		fsc_buf_adds(t, title);
	else
		fsc_obs_title(obs, t);
}

/* The line under the title: constant keys, how to read a cell. */
static void subtitle(const struct fsc_obs *obs, struct fsc_buf *t)
{
	fsc_obs_constants(obs, t);
	fsc_buf_addf(t, "%scells: the ratio to %s, then the value; bold"
		     " where the data supports a difference", t->len ? "; " : "",
		     obs->runtimes[0]);
}

/* Fit a title line in the measure w: a smaller font down to floor, then
 * elided. */
static double fit_line(struct ctx *c, struct layout *l, const char *s,
		       double size, double floor, int bold, double w,
		       const char *what, struct fsc_buf *out)
{
	double tw = text_w(c, s, size, bold);
	double sz = fmax(floor, size * fmin(1, w / fmax(tw, 1)));

	fit(c, l, s, sz, bold, w, what, out);
	return sz;
}

static void measure(struct ctx *c, const struct fsc_obs *obs,
		    const char *title, struct layout *l)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;
	double w, widest = 0;
	int k;

	l->nkeys = fsc_obs_key_columns(obs, l->keys);
	l->ncols = (size_t)l->nkeys + obs->nruntimes;
	l->colw = fsc_calloc(l->ncols, sizeof(double));
	l->head = fsc_calloc(obs->nruntimes, sizeof(*l->head));
	l->keytxt = fsc_calloc(obs->nrows * (size_t)l->nkeys + 1,
			       sizeof(*l->keytxt));
	l->title = l->sub = l->base = l->full = (struct fsc_buf)FSC_BUF_INIT;
	l->design_w = l->width / FIT_SCALE;
	l->design_h = l->height / FIT_SCALE;
	l->block_max = l->design_w - 2 * MARGIN;
	fit(c, l, obs->runtimes[0], SZ_NOTE, 0, 600, "baseline", &l->base);
	for (k = 0; k < l->nkeys; k++) {
		const char *h = fsc_obs_key_head(l->keys[k]);

		l->colw[k] = raw_w(c, h, SZ_KEY, 1);
		for (i = 0; i < obs->nrows; i++) {
			struct fsc_buf e = FSC_BUF_INIT;

			fsc_obs_key_text(&obs->rows[i], l->keys[k], &t);
			fit(c, l, t.buf, SZ_KEY, 0, KEY_MAX, h, &e);
			w = raw_w(c, e.buf, SZ_KEY, 0);
			if (w > l->colw[k])
				l->colw[k] = w;
			l->keytxt[i * (size_t)l->nkeys + (size_t)k] =
				fsc_buf_detach(&e);
			fsc_buf_reset(&t);
		}
	}
	for (j = 0; j < obs->nruntimes; j++) {
		double *cw = &l->colw[l->nkeys + j];
		struct fsc_buf e = FSC_BUF_INIT;

		fit(c, l, obs->runtimes[j], SZ_HEAD, 1, HEAD_MAX, "runtime", &e);
		*cw = raw_w(c, e.buf, SZ_HEAD, 1);
		l->head[j] = fsc_buf_detach(&e);
		for (i = 0; i < obs->nrows; i++) {
			const struct fsc_obs_cell *cell = &obs->rows[i].cells[j];

			fsc_obs_cell_value(obs, cell, &t);
			w = text_w(c, t.buf, j ? SZ_VALUE : SZ_HEAD, !j);
			if (w > *cw)
				*cw = w;
			fsc_buf_reset(&t);
			if (!cell->has_ratio)
				continue;
			fsc_obs_cell_ratio(obs, cell, &t);
			w = text_w(c, t.buf, SZ_RATIO, 1) + 10 +
			    text_w(c, cell_words(obs, cell), SZ_WORDS, 0);
			if (w > *cw)
				*cw = w;
			fsc_buf_reset(&t);
		}
	}
	for (j = 0; j < l->ncols; j++) {
		l->colw[j] += 2 * PAD;
		widest += l->colw[j];
	}
	/* the text's measure: the whole table when it fits a slide, a
	 * readable 1300 px at least, never more than a slide */
	l->note_w = fmin(l->block_max, fmax(widest, 1300));
	title_text(obs, title, &t);
	l->title_sz = fit_line(c, l, t.buf, SZ_TITLE, 28, 1, l->note_w,
			       "title", &l->title);
	fsc_buf_reset(&t);
	subtitle(obs, &t);
	l->sub_sz = fit_line(c, l, t.buf, SZ_SUB, 18, 0,
			     fmax(l->note_w - l->sub_room, l->note_w / 2),
			     "subtitle", &l->sub);
	fsc_buf_reset(&t);
	fsc_obs_footnotes(obs, &t);
	fsc_buf_add(&t, l->full.buf, l->full.len);
	fsc_buf_reset(&l->full);
	fsc_display(&l->full, t.buf);
	/* fsc_display made the newlines pictures: lines split again */
	fsc_buf_reset(&t);
	{
		const char *p = l->full.buf, *q;

		while ((q = strstr(p, "\xe2\x90\x8a"))) {
			fsc_buf_add(&t, p, (size_t)(q - p));
			fsc_buf_adds(&t, "\n");
			p = q + 3;
		}
		fsc_buf_adds(&t, p);
	}
	wrap(c, l, t.buf, l->note_w);
	fsc_buf_release(&t);
}

/* Split the table into slides: runtime column groups (the key columns and
 * the baseline on each), row groups, then the footnotes under the last
 * table slide or on slides of their own. */
static struct page *paginate(const struct fsc_obs *obs,
			     const struct layout *l, size_t *npages)
{
	double keys_w = 0, avail_h, w;
	size_t rows_per, j, c0, r0, np = 0, cap = 8, n0;
	struct page *pg = fsc_malloc(cap * sizeof(*pg));
	int k;

	for (k = 0; k < l->nkeys; k++)
		keys_w += l->colw[k];
	avail_h = l->design_h - 2 * MARGIN - TITLE_H - HEAD_H - LEGEND_H;
	rows_per = avail_h / ROW_H < 1 ? 1 : (size_t)(avail_h / ROW_H);
	for (c0 = 1; c0 < obs->nruntimes || (c0 == 1 && np == 0);) {
		size_t c1 = c0;

		w = keys_w + l->colw[l->nkeys];
		while (c1 < obs->nruntimes &&
		       (c1 == c0 || w + l->colw[l->nkeys + c1] <= l->block_max))
			w += l->colw[l->nkeys + c1++];
		for (r0 = 0; r0 < obs->nrows || r0 == 0; r0 += rows_per) {
			if (np == cap)
				pg = fsc_realloc(pg, (cap *= 2) * sizeof(*pg));
			pg[np].r0 = r0;
			pg[np].r1 = r0 + rows_per < obs->nrows ? r0 + rows_per :
				    obs->nrows;
			pg[np].c0 = c0;
			pg[np].c1 = c1;
			pg[np].n0 = pg[np].n1 = 0;
			pg[np].table_w = w;
			pg[np].h = 2 * MARGIN + TITLE_H + HEAD_H + LEGEND_H +
				   ROW_H * (double)(pg[np].r1 - r0);
			np++;
			if (r0 + rows_per >= obs->nrows)
				break;
		}
		if (c1 >= obs->nruntimes)
			break;
		c0 = c1;
	}
	/* the footnotes: under the last table slide when they all fit */
	n0 = 0;
	if (pg[np - 1].h + NOTE_H * (double)l->nnotes <= l->design_h) {
		pg[np - 1].n1 = l->nnotes;
		pg[np - 1].h += NOTE_H * (double)l->nnotes;
		n0 = l->nnotes;
	}
	avail_h = l->design_h - 2 * MARGIN - TITLE_H;
	rows_per = avail_h / NOTE_H < 1 ? 1 : (size_t)(avail_h / NOTE_H);
	for (; n0 < l->nnotes; n0 += rows_per) {
		if (np == cap)
			pg = fsc_realloc(pg, (cap *= 2) * sizeof(*pg));
		memset(&pg[np], 0, sizeof(pg[np]));
		pg[np].n0 = n0;
		pg[np].n1 = n0 + rows_per < l->nnotes ? n0 + rows_per : l->nnotes;
		pg[np].h = 2 * MARGIN + TITLE_H +
			   NOTE_H * (double)(pg[np].n1 - n0);
		np++;
	}
	for (j = 0; j < np; j++)
		pg[j].w = fmax(pg[j].table_w, l->note_w) + 2 * MARGIN;
	*npages = np;
	return pg;
}

/* The scale's position of ratio r on a bar from x0 (worse) to x1. */
static double legend_x(const struct fsc_obs *obs, double r, double x0,
		       double x1)
{
	double t = log2(r) / FSC_OBS_SHADE_OCTAVES;

	if (fsc_obs_metric_lower(obs->metric))
		t = -t;
	return x0 + (x1 - x0) * (t + 1) / 2;
}

/* The legend, a bar of width w at x, y. */
static void draw_legend(struct ctx *c, const struct fsc_obs *obs,
			const char *base, double x, double y, double w)
{
	static const double ticks[] = { 0.25, 0.5, 0.8, 1, 1.25, 2, 4 };
	cairo_pattern_t *grad;
	const double h = 22;
	struct fsc_buf t = FSC_BUF_INIT;
	double rgb[3], px;
	int i;

	text(c, x, y, "worse", SZ_NOTE, 1, -1, c->pal->ink);
	fsc_buf_addf(&t, "%sratio to %s", fsc_obs_metric_is_latency(
		     obs->metric) ? "latency " : obs->metric == FSC_OBS_CPU ?
		     "CPU cost " : "", base);
	text(c, x + w / 2, y, t.buf, SZ_NOTE, 0, 0, c->pal->grey);
	text(c, x + w, y, "better", SZ_NOTE, 1, 1, c->pal->ink);
	y += 10;
	/* the shading as a gradient with a stop per 1/128 of the bar */
	grad = cairo_pattern_create_linear(x, 0, x + w, 0);
	for (i = 0; i <= 128; i++) {
		double r = pow(2, FSC_OBS_SHADE_OCTAVES * (i / 64.0 - 1));

		if (fsc_obs_metric_lower(obs->metric))
			r = 1 / r;
		fsc_obs_shade(obs, r, rgb);
		cairo_pattern_add_color_stop_rgb(grad, i / 128.0, rgb[0], rgb[1],
						 rgb[2]);
	}
	cairo_set_source(c->cr, grad);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
	cairo_pattern_destroy(grad);
	cairo_set_source_rgb(c->cr, c->pal->grey[0], c->pal->grey[1],
			     c->pal->grey[2]);
	cairo_set_line_width(c->cr, 1);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_stroke(c->cr);
	for (i = 0; i < (int)(sizeof(ticks) / sizeof(ticks[0])); i++) {
		px = legend_x(obs, ticks[i], x, x + w);
		line(c, px, y + h, px, y + h + 6, 1, c->pal->grey);
		fsc_buf_reset(&t);
		fsc_obs_fmt_ratio(ticks[i], &t);
		text(c, px, y + h + 26, t.buf, SZ_NOTE - 2, ticks[i] == 1, 0,
		     c->pal->ink);
	}
	fsc_buf_release(&t);
}

static void draw_cell(struct ctx *c, const struct fsc_obs *obs, size_t j,
		      const struct fsc_obs_cell *cell, double x, double y,
		      double w)
{
	static const double missing_bg[3] = { 0.93, 0.93, 0.93 };
	struct fsc_buf t = FSC_BUF_INIT;
	double rgb[3], rw;
	int dark = 0;

	if (cell->has_ratio) {
		dark = fsc_obs_cell_shade(obs, cell, rgb);
		rect(c, x + 1, y + 1, w - 2, ROW_H - 2, rgb);
	} else if (cell->verdict == FSC_OBS_MISSING) {
		rect(c, x + 1, y + 1, w - 2, ROW_H - 2, missing_bg);
	}
	fsc_obs_cell_value(obs, cell, &t);
	if (cell->verdict == FSC_OBS_MISSING) {
		text(c, x + w / 2, y + ROW_H / 2 + 9, t.buf, SZ_HEAD, 0, 0, c->pal->grey);
		fsc_buf_release(&t);
		return;
	}
	if (!j || !cell->has_ratio) {
		text(c, x + w - PAD, y + ROW_H / 2 + 9, t.buf, j ? SZ_VALUE :
		     SZ_HEAD, !j, 1, c->pal->ink);
		fsc_buf_release(&t);
		return;
	}
	text(c, x + w - PAD, y + ROW_H - 10, t.buf, SZ_VALUE, 0, 1,
	     dark ? white : cell_ink);
	fsc_buf_reset(&t);
	fsc_obs_cell_ratio(obs, cell, &t);
	rw = text_w(c, cell_words(obs, cell), SZ_WORDS, 0);
	text(c, x + w - PAD, y + 30, cell_words(obs, cell), SZ_WORDS, 0, 1,
	     dark ? white : cell_ink);
	text(c, x + w - PAD - rw - 10, y + 30, t.buf, SZ_RATIO,
	     cell->verdict == FSC_OBS_BETTER || cell->verdict == FSC_OBS_WORSE,
	     1, dark ? white : cell_ink);
	fsc_buf_release(&t);
}

static void draw(struct ctx *c, const struct fsc_obs *obs,
		 const struct layout *l, const struct page *pg, size_t page,
		 size_t npages)
{
	struct fsc_buf t = FSC_BUF_INIT;
	double x, y = MARGIN, x0 = MARGIN;
	size_t i, j;
	int k;

	if (!c->transparent)
		rect(c, 0, 0, pg->w, pg->h, c->pal->bg);
	fsc_buf_add(&t, l->title.buf, l->title.len);
	text(c, x0, y + SZ_TITLE, t.buf, l->title_sz, 1, -1, c->pal->ink);
	fsc_buf_reset(&t);
	fsc_buf_add(&t, l->sub.buf, l->sub.len);
	if (npages > 1)
		fsc_buf_addf(&t, "  (slide %zu of %zu)", page + 1, npages);
	text(c, x0, y + SZ_TITLE + 44, t.buf, l->sub_sz, 0, -1, c->pal->grey);
	fsc_buf_reset(&t);
	y += TITLE_H;
	if (pg->table_w > 0) {
		x = x0;
		for (k = 0; k < l->nkeys; k++) {
			text(c, x + PAD, y + HEAD_H - 16,
			     fsc_obs_key_head(l->keys[k]), SZ_KEY, 1, -1, c->pal->grey);
			x += l->colw[k];
		}
		for (j = 0; j < obs->nruntimes; j++) {
			if (j && (j < pg->c0 || j >= pg->c1))
				continue;
			text(c, x + l->colw[l->nkeys + j] - PAD, y + HEAD_H - 16,
			     l->head[j], SZ_HEAD, 1, 1, c->pal->ink);
			x += l->colw[l->nkeys + j];
		}
		y += HEAD_H;
		line(c, x0, y, x0 + pg->table_w, y, 2, c->pal->ink);
		for (i = pg->r0; i < pg->r1; i++) {
			const struct fsc_obs_row *r = &obs->rows[i];
			int first = i == pg->r0 ||
				    obs->rows[i - 1].group != r->group;

			if (first && i > pg->r0)
				line(c, x0, y, x0 + pg->table_w, y, 1.5, c->pal->grey);
			x = x0;
			for (k = 0; k < l->nkeys; k++) {
				int right = l->keys[k] == FSC_OBS_KC_CLIENTS;

				/* the pattern's keys only on its first row */
				if (first || right)
					text(c, right ? x + l->colw[k] - PAD :
					     x + PAD, y + ROW_H / 2 + 9,
					     l->keytxt[i * (size_t)l->nkeys +
						       (size_t)k],
					     SZ_KEY, 0, right ? 1 : -1, c->pal->ink);
				x += l->colw[k];
			}
			for (j = 0; j < obs->nruntimes; j++) {
				if (j && (j < pg->c0 || j >= pg->c1))
					continue;
				draw_cell(c, obs, j, &r->cells[j], x, y,
					  l->colw[l->nkeys + j]);
				x += l->colw[l->nkeys + j];
			}
			y += ROW_H;
		}
		line(c, x0, y, x0 + pg->table_w, y, 2, c->pal->ink);
		y += 24 + 30;
		draw_legend(c, obs, l->base.buf, x0, y,
			    fmin(LEGEND_W, l->note_w));
		y += LEGEND_H - 54;
	}
	for (i = pg->n0; i < pg->n1; i++) {
		y += NOTE_H;
		text(c, x0, y, l->notes[i].buf, SZ_NOTE, 0, -1, c->pal->grey);
	}
	fsc_buf_release(&t);
}


static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int n)
{
	fsc_buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's SVG with a <title> and the invisible text layer added. */
static void svg_finish(const struct fsc_buf *svg, const struct ctx *c,
		       const char *title, double tx, double ty, double scale,
		       struct fsc_buf *out)
{
	const char *open = strstr(svg->buf, "<svg");
	const char *end = open ? strchr(open, '>') : NULL;
	const char *close = strstr(svg->buf, "</svg>");
	size_t i;

	if (!end || !close) {
		fsc_buf_add(out, svg->buf, svg->len);
		return;
	}
	fsc_buf_add(out, svg->buf, (size_t)(end + 1 - svg->buf));
	fsc_buf_adds(out, "\n<title>");
	fsc_html_escape(out, title);
	fsc_buf_addf(out, "</title>\n<g aria-hidden=\"true\" fill-opacity=\"0\""
		     " font-family=\"%s\" transform=\"translate(%g %g)"
		     " scale(%g)\">\n", FONT, tx, ty, scale);
	for (i = 0; i < c->nd; i++) {
		fsc_buf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\""
			     "%s>", c->d[i].x, c->d[i].y, c->d[i].size,
			     c->d[i].bold ? " font-weight=\"bold\"" : "");
		fsc_html_escape(out, c->d[i].s);
		fsc_buf_adds(out, "</text>\n");
	}
	fsc_buf_adds(out, "</g>\n");
	fsc_buf_add(out, end + 1, (size_t)(close - end - 1));
	fsc_buf_adds(out, close);
}

void fsc_obs_render_cleanup(void)
{
	cairo_debug_reset_static_data();
}

/* path for slide i of n: path itself for one slide, else NAME-i.EXT */
static void page_path(const char *path, size_t i, size_t n,
		      struct fsc_buf *out)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	fsc_buf_reset(out);
	if (n == 1) {
		fsc_buf_adds(out, path);
		return;
	}
	if (!dot || (slash && dot < slash))
		dot = path + strlen(path);
	fsc_buf_add(out, path, (size_t)(dot - path));
	fsc_buf_addf(out, "-%zu%s", i + 1, dot);
}

static void layout_free(struct layout *l, size_t nrt, size_t nrows)
{
	size_t i;

	for (i = 0; l->head && i < nrt; i++)
		free(l->head[i]);
	for (i = 0; l->keytxt && i < nrows * (size_t)l->nkeys; i++)
		free(l->keytxt[i]);
	free(l->head);
	free(l->keytxt);
	for (i = 0; i < l->nnotes; i++)
		fsc_buf_release(&l->notes[i]);
	free(l->notes);
	free(l->colw);
	fsc_buf_release(&l->title);
	fsc_buf_release(&l->sub);
	fsc_buf_release(&l->base);
	fsc_buf_release(&l->full);
}

/* Draw slide pg into path (format f).  -1 with err. */
/* PDF points per pixel: 72 pt an inch, 144 px an inch */
#define PDF_PT 0.5

static int render_page(const struct fsc_obs *obs, const struct layout *l,
		       const struct page *pg, size_t page, size_t npages,
		       enum fsc_obs_format f, const struct fsc_knobs *k,
		       const char *path, struct fsc_err *err)
{
	struct fsc_buf img = FSC_BUF_INIT, out = FSC_BUF_INIT,
		       tt = FSC_BUF_INIT;
	cairo_surface_t *s;
	struct ctx c;
	double scale, tx, ty;
	cairo_status_t st;
	size_t i;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.pal = k->dark ? &dark_pal : &light;
	c.transparent = k->transparent;
	/* fill the slide: enlarge a small table, shrink a big one (each
	 * slide fits at FIT_SCALE), centred */
	scale = fmin(MAX_SCALE, fmin(l->px_w / pg->w, l->px_h / pg->h));
	/* --font-scale: that scale times fs, as long as the slide fits (a
	 * larger fs cut the slides for a canvas 1/fs as large) */
	scale = fmin(scale * l->fs, fmin(l->px_w / pg->w, l->px_h / pg->h));
	tx = (l->px_w - pg->w * scale) / 2;
	ty = (l->px_h - pg->h * scale) / 2;
	if (f == FSC_OBS_PNG)
		s = cairo_image_surface_create(k->transparent ?
					       CAIRO_FORMAT_ARGB32 :
					       CAIRO_FORMAT_RGB24, l->px_w,
					       l->px_h);
	else if (f == FSC_OBS_SVG)
		s = cairo_svg_surface_create_for_stream(to_buf, &img, l->px_w,
							l->px_h);
	else	/* at 144 px per inch, as the figures: 1920x1080 is a 16:9
		 * page of 13.33 x 7.5 in */
		s = cairo_pdf_surface_create_for_stream(to_buf, &img,
							l->px_w * PDF_PT,
							l->px_h * PDF_PT);
	c.cr = cairo_create(s);
	if (f == FSC_OBS_PDF)
		cairo_scale(c.cr, PDF_PT, PDF_PT);
	c.keep = f == FSC_OBS_SVG;
	if (!c.transparent)
		rect(&c, 0, 0, l->px_w, l->px_h, c.pal->bg);
	cairo_translate(c.cr, tx, ty);
	cairo_scale(c.cr, scale, scale);
	fsc_display(&tt, l->title.buf);
	if (f == FSC_OBS_PDF) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       tt.buf);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "fioscope " FSC_VERSION);
	}
	draw(&c, obs, l, pg, page, npages);
	cairo_destroy(c.cr);
	cairo_surface_flush(s);
	if (f == FSC_OBS_PNG)
		st = cairo_surface_write_to_png_stream(s, to_buf, &img);
	else
		cairo_surface_finish(s);
	if (f != FSC_OBS_PNG)
		st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		fsc_err_set(err, path, "cairo: %s", cairo_status_to_string(st));
		goto out;
	}
	if (f == FSC_OBS_SVG) {
		/* text positions are design units: the layer takes the
		 * centring and the scale as a transform */
		svg_finish(&img, &c, tt.buf, tx, ty, scale, &out);
		if (fsc_out_buf(path, &out, err) < 0)
			goto out;
	} else if (fsc_out_buf(path, &img, err) < 0) {
		goto out;
	} else if (f == FSC_OBS_PNG &&
		   fsc_png_meta(path, l->px_w / (1920 / 144.0),
				"fioscope " FSC_VERSION, tt.buf,
				"fioscope observe: the observation table",
				err) < 0) {
		goto out;
	}
	rc = 0;
out:
	cairo_surface_destroy(s);
	for (i = 0; i < c.nd; i++)
		free(c.d[i].s);
	free(c.d);
	fsc_buf_release(&img);
	fsc_buf_release(&out);
	fsc_buf_release(&tt);
	return rc;
}

/* Measure and paginate for a width x height canvas, room px kept free
 * after the subtitle: the slides, *np of them, and l. */
static struct page *lay_out(struct ctx *c, const struct fsc_obs *obs,
			    const char *title, const struct fsc_knobs *k,
			    double room, struct layout *l, size_t *np)
{
	memset(l, 0, sizeof(*l));
	l->px_w = k->width;
	l->px_h = k->height;
	l->fs = k->font_scale > 0 ? k->font_scale : 1;
	l->width = (int)ceil(k->width / fmax(l->fs, 1));
	l->height = (int)ceil(k->height / fmax(l->fs, 1));
	l->sub_room = room;
	measure(c, obs, title, l);
	return paginate(obs, l, np);
}

int fsc_obs_render(const struct fsc_obs *obs, enum fsc_obs_format f,
		   const char *title, int width, int height, const char *path,
		   struct fsc_err *err)
{
	struct fsc_knobs k = FSC_KNOBS_INIT;

	k.width = width;
	k.height = height;
	k.title = title;
	return fsc_obs_render_knobs(obs, f, &k, path, err);
}

int fsc_obs_render_knobs(const struct fsc_obs *obs, enum fsc_obs_format f,
			 const struct fsc_knobs *k, const char *path,
			 struct fsc_err *err)
{
	const char *title = k->title;
	int width = k->width, height = k->height;

	struct fsc_buf p = FSC_BUF_INIT;
	cairo_surface_t *probe;
	struct page *pg;
	struct layout l;
	struct ctx c;
	size_t i, np;
	double room;
	int rc = 0;

	if (f != FSC_OBS_PNG && f != FSC_OBS_SVG && f != FSC_OBS_PDF)
		return fsc_err_set(err, path, "not an image format");
	if (width < 1 || height < 1 || width > 32767 || height > 32767)
		return fsc_err_set(err, path, "%dx%d: not a canvas size",
				   width, height);
	memset(&c, 0, sizeof(c));
	probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	c.cr = cairo_create(probe);
	pg = lay_out(&c, obs, title, k, 0, &l, &np);
	if (np > 1) {
		/* the subtitle shares its line with "(slide i of n)": laid
		 * out again with room for it (ten times n: room to spare) */
		fsc_buf_addf(&p, "  (slide %zu of %zu)", np * 10, np * 10);
		room = raw_w(&c, p.buf, SZ_SUB, 0);
		free(pg);
		layout_free(&l, obs->nruntimes, obs->nrows);
		pg = lay_out(&c, obs, title, k, room, &l, &np);
	}
	cairo_destroy(c.cr);
	cairo_surface_destroy(probe);
	for (i = 0; i < np && rc == 0; i++) {
		page_path(path, i, np, &p);
		rc = render_page(obs, &l, &pg[i], i, np, f, k, p.buf, err);
	}
	free(pg);
	layout_free(&l, obs->nruntimes, obs->nrows);
	fsc_buf_release(&p);
	return rc < 0 ? -1 : (int)np;
}
