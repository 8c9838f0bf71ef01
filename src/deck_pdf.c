/*
 * deck_pdf.c: the deck as a PDF, one 16:9 page (960 x 540 pt, 13.33 x
 * 7.5 in) per slide, drawn with cairo in the light or dark theme.  The
 * SVG figures are drawn by librsvg onto the page, so their text stays
 * text (pdftotext reads it) and their lines stay vectors.  The document is made in memory and
 * written whole by outfile.c, or not at all.
 */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include "deck.h"

#define PAGE_W 960.0
#define PAGE_H 540.0
#define MARGIN 48.0
#define FONT "DejaVu Sans"

/* The page's colours: the figures' own (templates/style.gp: fig_bg,
 * fig_fg, fig_axis), so a figure sits on its slide without a seam. */
struct theme {
	double bg[3], ink[3], grey[3];
};
static const struct theme light = {
	{ 1, 1, 1 }, { 0.1, 0.1, 0.1 }, { 0.35, 0.35, 0.35 } };
static const struct theme dark = {
	{ 0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0 },
	{ 0xe8 / 255.0, 0xe8 / 255.0, 0xe8 / 255.0 },
	{ 0xb0 / 255.0, 0xb0 / 255.0, 0xb0 / 255.0 } };

static void colour(cairo_t *cr, const double c[3])
{
	cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int n)
{
	fsc_buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static void font(cairo_t *cr, double size, int bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD :
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* Draw text from (x, y) wrapped at width w, lines lh apart, the lines
 * after the first indented by indent; the y under the last line.  Only
 * measures when draw is 0. */
static double wrapped_do(cairo_t *cr, const char *text, double x, double y,
			 double w, double lh, double indent, int draw)
{
	struct fsc_buf line = FSC_BUF_INIT, word = FSC_BUF_INIT,
		       disp = FSC_BUF_INIT;
	const char *p;
	double lx = x;

	/* valid UTF-8, control characters shown as symbols (escape.c) */
	fsc_display(&disp, text);
	p = disp.buf;

	while (*p) {
		size_t n = strcspn(p, " ");
		cairo_text_extents_t e;

		fsc_buf_reset(&word);
		fsc_buf_add(&word, line.buf, line.len);
		if (line.len)
			fsc_buf_adds(&word, " ");
		fsc_buf_add(&word, p, n);
		cairo_text_extents(cr, word.buf, &e);
		if (line.len && e.x_advance > w - (lx - x)) {
			cairo_move_to(cr, lx, y);
			if (draw)
				cairo_show_text(cr, line.buf);
			y += lh;
			lx = x + indent;
			fsc_buf_reset(&line);
			fsc_buf_add(&line, p, n);
		} else {
			fsc_buf_reset(&line);
			fsc_buf_add(&line, word.buf, word.len);
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	if (line.len) {
		cairo_move_to(cr, lx, y);
		if (draw)
			cairo_show_text(cr, line.buf);
		y += lh;
	}
	fsc_buf_release(&line);
	fsc_buf_release(&word);
	fsc_buf_release(&disp);
	return y;
}

static double wrapped(cairo_t *cr, const char *text, double x, double y,
		      double w, double lh, double indent)
{
	return wrapped_do(cr, text, x, y, w, lh, indent, 1);
}

static void title_slide(cairo_t *cr, const struct fsc_slide *s,
			const struct theme *th)
{
	double y = 180;
	size_t i;

	colour(cr, th->ink);
	font(cr, 44, 1);
	y = wrapped(cr, s->title, MARGIN, y, PAGE_W - 2 * MARGIN, 52, 0);
	if (s->subtitle) {
		colour(cr, th->grey);
		font(cr, 24, 0);
		y = wrapped(cr, s->subtitle, MARGIN, y + 4, PAGE_W - 2 * MARGIN,
			    30, 0);
	}
	colour(cr, th->ink);
	font(cr, 20, 0);
	y += 20;
	for (i = 0; i < s->nlines; i++)
		y = wrapped(cr, s->lines[i], MARGIN, y, PAGE_W - 2 * MARGIN,
			    28, 24);
}

/* The title band of a slide; the y under it. */
static double heading(cairo_t *cr, const struct fsc_slide *s, double size,
		      const struct theme *th)
{
	double y = MARGIN + size * 0.4;

	colour(cr, th->ink);
	font(cr, size, 1);
	y = wrapped(cr, s->title, MARGIN, y, PAGE_W - 2 * MARGIN, size * 1.2, 0);
	if (s->subtitle) {
		colour(cr, th->grey);
		font(cr, 12, 0);
		y = wrapped(cr, s->subtitle, MARGIN, y - size * 0.35,
			    PAGE_W - 2 * MARGIN, 15, 0);
	}
	return y;
}

/* The lines of a text slide from top at font size sz; the y under them
 * (only measured when draw is 0). */
static double body(cairo_t *cr, const struct fsc_slide *s, double top,
		   double sz, int draw)
{
	double y = top + sz;
	size_t i;

	font(cr, sz, 0);
	for (i = 0; i < s->nlines; i++) {
		if (s->bullets && draw) {
			cairo_move_to(cr, MARGIN, y);
			cairo_show_text(cr, "\xe2\x80\xa2");
		}
		y = wrapped_do(cr, s->lines[i], MARGIN + (s->bullets ? 22 : 0),
			       y, PAGE_W - 2 * MARGIN - 22, sz * 1.33, 0,
			       draw) + sz * 0.55;
	}
	return y;
}

static void text_slide(cairo_t *cr, const struct fsc_slide *s,
		       const struct theme *th)
{
	double top = heading(cr, s, 32, th) + 4, sz = 18;

	/* a smaller font, down to 10 pt, until the lines fit the page */
	while (sz > 10 && body(cr, s, top, sz, 0) > PAGE_H - 16)
		sz -= 1;
	colour(cr, th->ink);
	body(cr, s, top, sz, 1);
}

static int image_slide(cairo_t *cr, const struct fsc_slide *s,
		       const struct theme *th, struct fsc_err *err)
{
	double top = heading(cr, s, 24, th) - 6, h = PAGE_H - top - 8,
	       w = h * 16 / 9;
	RsvgRectangle vp = { (PAGE_W - w) / 2, top, w, h };
	GError *ge = NULL;
	RsvgHandle *svg = rsvg_handle_new_from_file(s->svg, &ge);

	if (svg)
		rsvg_handle_render_document(svg, cr, &vp, &ge);
	if (svg)
		g_object_unref(svg);
	if (ge) {
		fsc_err_set(err, s->svg, "cannot draw: %s", ge->message);
		g_error_free(ge);
		return -1;
	}
	return 0;
}

int fsc_deck_pdf(const struct fsc_deck *d, const char *path,
		 struct fsc_err *err)
{
	const struct theme *th = d->dark ? &dark : &light;
	struct fsc_buf out = FSC_BUF_INIT;
	cairo_surface_t *sf;
	cairo_t *cr;
	size_t i;
	int rc = -1;

	sf = cairo_pdf_surface_create_for_stream(to_buf, &out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
				       "fioscope " FSC_VERSION);
	if (d->n)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
					       d->s[0].title);
	cr = cairo_create(sf);
	for (i = 0; i < d->n; i++) {
		const struct fsc_slide *s = &d->s[i];

		cairo_save(cr);
		colour(cr, th->bg);
		cairo_paint(cr);
		if (s->kind == FSC_SLIDE_TITLE)
			title_slide(cr, s, th);
		else if (s->kind == FSC_SLIDE_TEXT)
			text_slide(cr, s, th);
		else if (image_slide(cr, s, th, err) < 0)
			goto out;
		cairo_restore(cr);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(sf);
	if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
		fsc_err_set(err, path, "cannot draw: %s",
			    cairo_status_to_string(cairo_surface_status(sf)));
		goto out;
	}
	rc = fsc_out_buf(path, &out, err);
out:
	if (cr)
		cairo_destroy(cr);
	cairo_surface_destroy(sf);
	fsc_buf_release(&out);
	return rc;
}
