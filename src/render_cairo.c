/*
 * render_cairo.c: the observations table drawn with cairo as a slide-ready
 * PNG, SVG or PDF (the only file that includes cairo.h).  Layout: title,
 * the table (runtime columns, cells shaded on the diverging scale of
 * fsc_obs_cell_shade), a legend of the scale and the footnotes, designed for
 * 1920x1080: scaled to fill it (up to 140%, down to 70%), else the canvas
 * grows.  Text uses cairo's toy API with "DejaVu Sans".  cairo draws SVG
 * text as glyph outlines, so the SVG gets an invisible text layer with the
 * same strings (searchable, selectable, readable by tools).
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

#define FONT "DejaVu Sans"
#define CANVAS_W 1920.0
#define CANVAS_H 1080.0
#define MARGIN 48.0
#define MIN_SCALE 0.7
#define MAX_SCALE 1.4
/* text sizes, px at scale 1 */
#define SZ_TITLE 44.0
#define SZ_SUB 24.0
#define SZ_HEAD 26.0
#define SZ_KEY 24.0
#define SZ_RATIO 30.0
#define SZ_WORDS 18.0
#define SZ_VALUE 20.0
#define SZ_NOTE 20.0
#define ROW_H 62.0
#define HEAD_H 52.0
#define PAD 16.0

static const double ink[3] = { 0.1, 0.1, 0.1 };
static const double grey[3] = { 0.4, 0.4, 0.4 };
static const double white[3] = { 1, 1, 1 };

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
};

static double text_w(struct ctx *c, const char *s, double size, int bold)
{
	cairo_text_extents_t e;

	cairo_select_font_face(c->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD :
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(c->cr, size);
	cairo_text_extents(c->cr, s, &e);
	return e.x_advance;
}

/* Draw s with its baseline at y; align -1 left of x, 0 centred, 1 right.
 * Returns the width. */
static double text(struct ctx *c, double x, double y, const char *s,
		   double size, int bold, int align, const double rgb[3])
{
	double w = text_w(c, s, size, bold);

	x -= align < 0 ? 0 : align == 0 ? w / 2 : w;
	cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(c->cr, x, y);
	cairo_show_text(c->cr, s);
	if (c->keep && *s) {
		c->d = fsc_realloc(c->d, (c->nd + 1) * sizeof(*c->d));
		c->d[c->nd].x = x;
		c->d[c->nd].y = y;
		c->d[c->nd].size = size;
		c->d[c->nd].bold = bold;
		c->d[c->nd++].s = fsc_strdup(s);
	}
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
	enum fsc_obs_keycol keys[FSC_OBS_KC_NR];
	int nkeys;
	double *colw;		/* nkeys + nruntimes widths */
	size_t ncols;
	double table_w, w, h;	/* design size at scale 1 */
	double block_w, left;	/* the content's width and left edge */
	double title_sz, sub_sz;	/* font sizes of the two title lines */
	struct fsc_buf *notes;	/* footnote lines, wrapped */
	size_t nnotes;
};

/* The words under a ratio, short enough for a cell. */
static const char *cell_words(const struct fsc_obs *obs,
			      const struct fsc_obs_cell *c)
{
	const char *w = fsc_obs_verdict_words(obs, c);

	return !strcmp(w, "close to") ? "close" : w;
}

/* Split text into lines of at most width px at SZ_NOTE. */
static void wrap(struct ctx *c, struct layout *l, const char *text,
		 double width)
{
	struct fsc_buf cur = FSC_BUF_INIT, word = FSC_BUF_INIT;
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, " \n");

		fsc_buf_reset(&word);
		fsc_buf_add(&word, p, n);
		if (cur.len && text_w(c, cur.buf, SZ_NOTE, 0) + text_w(c, " ",
		    SZ_NOTE, 0) + text_w(c, word.buf, SZ_NOTE, 0) > width) {
			l->notes = fsc_realloc(l->notes, (l->nnotes + 1) *
					       sizeof(*l->notes));
			l->notes[l->nnotes++] = cur;
			cur = (struct fsc_buf)FSC_BUF_INIT;
			fsc_buf_adds(&cur, "  ");	/* continuation */
		}
		if (cur.len && strcmp(cur.buf, "  "))
			fsc_buf_adds(&cur, " ");
		fsc_buf_adds(&cur, word.buf);
		p += n;
		if (*p == '\n' || !*p) {
			l->notes = fsc_realloc(l->notes, (l->nnotes + 1) *
					       sizeof(*l->notes));
			l->notes[l->nnotes++] = cur;
			cur = (struct fsc_buf)FSC_BUF_INIT;
		}
		if (*p)
			p++;
	}
	fsc_buf_release(&cur);
	fsc_buf_release(&word);
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

static void measure(struct ctx *c, const struct fsc_obs *obs,
		    const char *title, struct layout *l)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, j;
	double w;
	int k;

	l->nkeys = fsc_obs_key_columns(obs, l->keys);
	l->ncols = (size_t)l->nkeys + obs->nruntimes;
	l->colw = fsc_calloc(l->ncols, sizeof(double));
	for (k = 0; k < l->nkeys; k++) {
		l->colw[k] = text_w(c, fsc_obs_key_head(l->keys[k]), SZ_KEY, 1);
		for (i = 0; i < obs->nrows; i++) {
			fsc_obs_key_text(&obs->rows[i], l->keys[k], &t);
			w = text_w(c, t.buf, SZ_KEY, 0);
			if (w > l->colw[k])
				l->colw[k] = w;
			fsc_buf_reset(&t);
		}
	}
	for (j = 0; j < obs->nruntimes; j++) {
		double *cw = &l->colw[l->nkeys + j];

		*cw = text_w(c, obs->runtimes[j], SZ_HEAD, 1);
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
		l->table_w += l->colw[j];
	}
	/* a narrow table still leaves the text a readable measure; title
	 * lines too long for it get a smaller font, down to a floor, and
	 * only then widen the block */
	l->block_w = fmax(l->table_w, 1300);
	title_text(obs, title, &t);
	w = text_w(c, t.buf, SZ_TITLE, 1);
	l->title_sz = fmax(28, SZ_TITLE * fmin(1, l->block_w / w));
	l->block_w = fmax(l->block_w, w * l->title_sz / SZ_TITLE);
	fsc_buf_reset(&t);
	subtitle(obs, &t);
	w = text_w(c, t.buf, SZ_SUB, 0);
	l->sub_sz = fmax(18, SZ_SUB * fmin(1, l->block_w / w));
	l->block_w = fmax(l->block_w, w * l->sub_sz / SZ_SUB);
	fsc_buf_reset(&t);
	l->w = l->block_w + 2 * MARGIN;
	l->left = MARGIN;
	fsc_obs_footnotes(obs, &t);
	wrap(c, l, t.buf, l->block_w);
	/* title block 110, header, rows, legend 100, notes */
	l->h = 2 * MARGIN + 110 + HEAD_H + ROW_H * (double)obs->nrows + 24 +
	       100 + (SZ_NOTE + 8) * (double)l->nnotes;
	fsc_buf_release(&t);
}

/* The scale's position of ratio r on a bar from x0 (worse) to x1. */
static double legend_x(const struct fsc_obs *obs, double r, double x0,
		       double x1)
{
	double t = log2(r) / FSC_OBS_SHADE_OCTAVES;

	if (fsc_obs_metric_is_latency(obs->metric))
		t = -t;
	return x0 + (x1 - x0) * (t + 1) / 2;
}

static void draw_legend(struct ctx *c, const struct fsc_obs *obs, double x,
			double y)
{
	static const double ticks[] = { 0.25, 0.5, 0.8, 1, 1.25, 2, 4 };
	cairo_pattern_t *grad;
	const double w = 960, h = 22;
	struct fsc_buf t = FSC_BUF_INIT;
	double rgb[3], px;
	int i;

	text(c, x, y, "worse", SZ_NOTE, 1, -1, ink);
	fsc_buf_addf(&t, "%sratio to %s", fsc_obs_metric_is_latency(
		     obs->metric) ? "latency " : "", obs->runtimes[0]);
	text(c, x + w / 2, y, t.buf, SZ_NOTE, 0, 0, grey);
	text(c, x + w, y, "better", SZ_NOTE, 1, 1, ink);
	y += 10;
	/* the shading as a gradient with a stop per 1/128 of the bar */
	grad = cairo_pattern_create_linear(x, 0, x + w, 0);
	for (i = 0; i <= 128; i++) {
		double r = pow(2, FSC_OBS_SHADE_OCTAVES * (i / 64.0 - 1));

		if (fsc_obs_metric_is_latency(obs->metric))
			r = 1 / r;
		fsc_obs_shade(obs, r, rgb);
		cairo_pattern_add_color_stop_rgb(grad, i / 128.0, rgb[0], rgb[1],
						 rgb[2]);
	}
	cairo_set_source(c->cr, grad);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_fill(c->cr);
	cairo_pattern_destroy(grad);
	cairo_set_source_rgb(c->cr, grey[0], grey[1], grey[2]);
	cairo_set_line_width(c->cr, 1);
	cairo_rectangle(c->cr, x, y, w, h);
	cairo_stroke(c->cr);
	for (i = 0; i < (int)(sizeof(ticks) / sizeof(ticks[0])); i++) {
		px = legend_x(obs, ticks[i], x, x + w);
		line(c, px, y + h, px, y + h + 6, 1, grey);
		fsc_buf_reset(&t);
		fsc_obs_fmt_ratio(ticks[i], &t);
		text(c, px, y + h + 26, t.buf, SZ_NOTE - 2, ticks[i] == 1, 0,
		     ink);
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
		text(c, x + w / 2, y + ROW_H / 2 + 9, t.buf, SZ_HEAD, 0, 0, grey);
		fsc_buf_release(&t);
		return;
	}
	if (!j || !cell->has_ratio) {
		text(c, x + w - PAD, y + ROW_H / 2 + 9, t.buf, j ? SZ_VALUE :
		     SZ_HEAD, !j, 1, ink);
		fsc_buf_release(&t);
		return;
	}
	text(c, x + w - PAD, y + ROW_H - 10, t.buf, SZ_VALUE, 0, 1,
	     dark ? white : ink);
	fsc_buf_reset(&t);
	fsc_obs_cell_ratio(obs, cell, &t);
	rw = text_w(c, cell_words(obs, cell), SZ_WORDS, 0);
	text(c, x + w - PAD, y + 30, cell_words(obs, cell), SZ_WORDS, 0, 1,
	     dark ? white : ink);
	text(c, x + w - PAD - rw - 10, y + 30, t.buf, SZ_RATIO,
	     cell->verdict == FSC_OBS_BETTER || cell->verdict == FSC_OBS_WORSE,
	     1, dark ? white : ink);
	fsc_buf_release(&t);
}

static void draw(struct ctx *c, const struct fsc_obs *obs,
		 const struct layout *l, const char *title)
{
	struct fsc_buf t = FSC_BUF_INIT;
	double x, y = MARGIN, x0 = l->left;
	size_t i, j;
	int k;

	rect(c, 0, 0, l->w, l->h, white);
	title_text(obs, title, &t);
	text(c, x0, y + SZ_TITLE, t.buf, l->title_sz, 1, -1, ink);
	fsc_buf_reset(&t);
	subtitle(obs, &t);
	text(c, x0, y + SZ_TITLE + 44, t.buf, l->sub_sz, 0, -1, grey);
	fsc_buf_reset(&t);
	y += 110;
	x = x0;
	for (k = 0; k < l->nkeys; k++) {
		text(c, x + PAD, y + HEAD_H - 16, fsc_obs_key_head(l->keys[k]), SZ_KEY,
		     1, -1, grey);
		x += l->colw[k];
	}
	for (j = 0; j < obs->nruntimes; j++) {
		text(c, x + l->colw[l->nkeys + j] - PAD, y + HEAD_H - 16,
		     obs->runtimes[j], SZ_HEAD, 1, 1, ink);
		x += l->colw[l->nkeys + j];
	}
	y += HEAD_H;
	line(c, x0, y, x0 + l->table_w, y, 2, ink);
	for (i = 0; i < obs->nrows; i++) {
		const struct fsc_obs_row *r = &obs->rows[i];
		int first = !i || obs->rows[i - 1].group != r->group;

		if (first && i)
			line(c, x0, y, x0 + l->table_w, y, 1.5, grey);
		x = x0;
		for (k = 0; k < l->nkeys; k++) {
			/* the pattern's keys only on its first row */
			if (first || l->keys[k] == FSC_OBS_KC_CLIENTS) {
				fsc_obs_key_text(r, l->keys[k], &t);
				text(c, l->keys[k] == FSC_OBS_KC_CLIENTS ? x + l->colw[k] -
				     PAD : x + PAD, y + ROW_H / 2 + 9, t.buf,
				     SZ_KEY, 0, l->keys[k] == FSC_OBS_KC_CLIENTS ? 1 : -1,
				     ink);
				fsc_buf_reset(&t);
			}
			x += l->colw[k];
		}
		for (j = 0; j < obs->nruntimes; j++) {
			draw_cell(c, obs, j, &r->cells[j], x, y,
				  l->colw[l->nkeys + j]);
			x += l->colw[l->nkeys + j];
		}
		y += ROW_H;
	}
	line(c, x0, y, x0 + l->table_w, y, 2, ink);
	y += 24 + 30;
	draw_legend(c, obs, x0, y);
	y += 100 - 30;
	for (i = 0; i < l->nnotes; i++) {
		y += SZ_NOTE + 8;
		text(c, x0, y, l->notes[i].buf, SZ_NOTE, 0, -1, grey);
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

static int write_all(const char *path, const struct fsc_buf *b,
		     struct fsc_err *err)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(b->buf, 1, b->len, f) == b->len;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : fsc_err_set(err, path, "cannot write: %s",
				    strerror(errno));
}

void fsc_obs_render_cleanup(void)
{
	cairo_debug_reset_static_data();
}

int fsc_obs_render(const struct fsc_obs *obs, enum fsc_obs_format f,
		   const char *title, const char *path, struct fsc_err *err)
{
	struct fsc_buf svg = FSC_BUF_INIT, out = FSC_BUF_INIT, tt = FSC_BUF_INIT;
	cairo_surface_t *probe, *s = NULL;
	struct layout l;
	struct ctx c;
	double scale, w, h, tx, ty;
	cairo_status_t st;
	size_t i;
	int rc = -1;

	if (f != FSC_OBS_PNG && f != FSC_OBS_SVG && f != FSC_OBS_PDF)
		return fsc_err_set(err, path, "not an image format");
	memset(&l, 0, sizeof(l));
	memset(&c, 0, sizeof(c));
	probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
	c.cr = cairo_create(probe);
	measure(&c, obs, title, &l);
	cairo_destroy(c.cr);
	cairo_surface_destroy(probe);
	/* fill 1920x1080: enlarge a small table, shrink a big one when a
	 * modest reduction fits it, else grow the canvas */
	scale = fmax(MIN_SCALE, fmin(MAX_SCALE, fmin(CANVAS_W / l.w,
						     CANVAS_H / l.h)));
	w = ceil(fmax(CANVAS_W, l.w * scale));
	h = ceil(fmax(CANVAS_H, l.h * scale));
	tx = (w - l.w * scale) / 2;
	ty = (h - l.h * scale) / 2;
	if (f == FSC_OBS_PNG)
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w,
					       (int)h);
	else if (f == FSC_OBS_SVG)
		s = cairo_svg_surface_create_for_stream(to_buf, &svg, w, h);
	else
		s = cairo_pdf_surface_create(path, w, h);
	c.cr = cairo_create(s);
	c.keep = f == FSC_OBS_SVG;
	rect(&c, 0, 0, w, h, white);
	/* centre the design on the canvas */
	cairo_translate(c.cr, tx, ty);
	cairo_scale(c.cr, scale, scale);
	if (f == FSC_OBS_PDF) {
		fsc_obs_title(obs, &tt);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       title ? title : tt.buf);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "fioscope " FSC_VERSION);
	}
	draw(&c, obs, &l, title);
	cairo_destroy(c.cr);
	cairo_surface_flush(s);
	if (f == FSC_OBS_PNG)
		st = cairo_surface_write_to_png(s, path);
	else
		cairo_surface_finish(s);
	if (f != FSC_OBS_PNG)
		st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		fsc_err_set(err, path, "cairo: %s", cairo_status_to_string(st));
		goto out;
	}
	if (f == FSC_OBS_SVG) {
		fsc_buf_reset(&tt);
		if (title)
			fsc_buf_adds(&tt, title);
		else
			fsc_obs_title(obs, &tt);
		/* text positions are design units: the layer takes the
		 * centring and the scale as a transform */
		svg_finish(&svg, &c, tt.buf, tx, ty, scale, &out);
		if (write_all(path, &out, err) < 0)
			goto out;
	}
	rc = 0;
out:
	cairo_surface_destroy(s);
	for (i = 0; i < c.nd; i++)
		free(c.d[i].s);
	free(c.d);
	for (i = 0; i < l.nnotes; i++)
		fsc_buf_release(&l.notes[i]);
	free(l.notes);
	free(l.colw);
	fsc_buf_release(&svg);
	fsc_buf_release(&out);
	fsc_buf_release(&tt);
	return rc;
}
