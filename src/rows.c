/*
 * rows.c: a stream of result rows written as an aligned table, a box
 * (Unicode or ASCII lines), Markdown, CSV (escape.c's RFC 4180 quoting) or
 * JSON (an array of objects).  Used by query and ls.  NULL cells are
 * distinct from empty ones: "" in CSV, null in JSON, the null text in the
 * table forms.  The table forms size their columns on the first
 * FSC_ROWS_WINDOW rows; a later, wider cell widens its line only.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rows.h"

void fsc_rows_start(struct fsc_rows *r, enum fsc_rows_mode mode, int header,
		    int ascii, const char *null_text, size_t ncols,
		    const char *const *head)
{
	size_t j;

	memset(r, 0, sizeof(*r));
	r->mode = mode;
	r->header = header;
	r->ascii = ascii;
	r->null_text = null_text ? null_text : "";
	r->ncols = ncols;
	r->head = fsc_calloc(ncols + 1, sizeof(*r->head));
	for (j = 0; j < ncols; j++)
		r->head[j] = fsc_strdup(head[j] ? head[j] : "");
	r->w = fsc_calloc(ncols + 1, sizeof(*r->w));
	r->numcol = fsc_calloc(ncols + 1, 1);
	/* CSV and JSON need no widths: rows go straight out */
	r->fixed = mode == FSC_ROWS_CSV || mode == FSC_ROWS_JSON;
	r->cells = fsc_calloc(((r->fixed ? 0 : FSC_ROWS_WINDOW) + 1) *
			      ncols + 1, sizeof(*r->cells));
	r->isnum = fsc_calloc(((r->fixed ? 0 : FSC_ROWS_WINDOW) + 1) *
			      ncols + 1, 1);
	r->lens = fsc_calloc(((r->fixed ? 0 : FSC_ROWS_WINDOW) + 1) *
			     ncols + 1, sizeof(*r->lens));
}

/* Display width: UTF-8 code points, escapes counted as written. */
static size_t width(const char *s, int md)
{
	size_t w = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || (md && c == '|'))
			w += 2;
		else if ((c & 0xc0) != 0x80)
			w++;
	}
	return w;
}

static void pad(struct fsc_buf *o, size_t n)
{
	while (n--)
		fsc_buf_add(o, " ", 1);
}

static void rep(struct fsc_buf *o, const char *s, size_t n)
{
	while (n--)
		fsc_buf_adds(o, s);
}

/* A box's rule: which is 0 top, 1 under the header, 2 bottom. */
static void rule(const struct fsc_rows *r, int which, struct fsc_buf *o)
{
	static const char *const u[3][3] = {
		{ "\xe2\x94\x8c", "\xe2\x94\xac", "\xe2\x94\x90" },	/* ┌┬┐ */
		{ "\xe2\x94\x9c", "\xe2\x94\xbc", "\xe2\x94\xa4" },	/* ├┼┤ */
		{ "\xe2\x94\x94", "\xe2\x94\xb4", "\xe2\x94\x98" },	/* └┴┘ */
	};
	const char *h = r->ascii ? "-" : "\xe2\x94\x80";	/* ─ */
	size_t j;

	for (j = 0; j < r->ncols; j++) {
		fsc_buf_adds(o, r->ascii ? "+" : u[which][j ? 1 : 0]);
		rep(o, h, r->w[j] + 2);
	}
	fsc_buf_adds(o, r->ascii ? "+\n" : u[which][2]);
	if (!r->ascii)
		fsc_buf_add(o, "\n", 1);
}

/* One line of a table form; head: the header line (left-aligned). */
static void line(const struct fsc_rows *r, char *const *cells, int head,
		 struct fsc_buf *o)
{
	int md = r->mode == FSC_ROWS_MD, box = r->mode == FSC_ROWS_BOX;
	const char *bar = box && !r->ascii ? "\xe2\x94\x82" : "|";	/* │ */
	size_t j, start = o->len;

	for (j = 0; j < r->ncols; j++) {
		const char *c = cells[j] ? cells[j] : r->null_text;
		size_t cw = width(c, md);
		size_t p = r->w[j] > cw ? r->w[j] - cw : 0;
		int right = r->numcol[j] && !head;

		if (md || box) {
			fsc_buf_adds(o, j ? " " : "");
			fsc_buf_adds(o, bar);
			fsc_buf_add(o, " ", 1);
		} else if (j) {
			fsc_buf_add(o, "  ", 2);
		}
		if (right)
			pad(o, p);
		fsc_term_escape_md(o, c, md);
		if (!right)
			pad(o, p);
	}
	if (md || box) {
		fsc_buf_add(o, " ", 1);
		fsc_buf_adds(o, bar);
	} else {
		while (o->len > start && o->buf[o->len - 1] == ' ')
			o->buf[--o->len] = '\0';
	}
	fsc_buf_add(o, "\n", 1);
}

static void md_rule(const struct fsc_rows *r, struct fsc_buf *o)
{
	size_t j;

	for (j = 0; j < r->ncols; j++) {
		fsc_buf_adds(o, "| ");
		rep(o, "-", r->w[j] > 3 ? r->w[j] - 1 : 2);
		fsc_buf_adds(o, r->numcol[j] ? ":" : "-");
		fsc_buf_add(o, " ", 1);
	}
	fsc_buf_adds(o, "|\n");
}

/* A cell prints as a JSON number when it is one, else as a string. */
static int is_number(const char *s)
{
	char *end;
	double d;

	if (!*s || strchr(" \t\n+", *s) || strchr(s, 'x') || strchr(s, 'X') ||
	    (s[0] == '0' && s[1] && s[1] != '.'))
		return 0;
	d = strtod(s, &end);
	return !*end && isfinite(d) && !strpbrk(s, "iInN");
}

static void json_row(struct fsc_rows *r, char *const *cells,
		     const char *isnum, const size_t *lens, struct fsc_buf *o)
{
	size_t j;

	fsc_buf_adds(o, r->nout ? ",\n {" : "[\n {");
	for (j = 0; j < r->ncols; j++) {
		const char *c = cells[j];

		if (j)
			fsc_buf_add(o, ", ", 2);
		fsc_json_string(o, r->head[j]);
		fsc_buf_add(o, ": ", 2);
		if (!c)
			fsc_buf_adds(o, "null");
		else if (isnum[j] && is_number(c))
			fsc_buf_adds(o, c);
		else
			fsc_json_stringn(o, c, lens[j]);
	}
	fsc_buf_add(o, "}", 1);
}

static void csv_row(const struct fsc_rows *r, char *const *cells,
		    struct fsc_buf *o)
{
	size_t j;

	for (j = 0; j < r->ncols; j++) {
		if (j)
			fsc_buf_add(o, ",", 1);
		fsc_csv_field(o, cells[j]);
	}
	fsc_buf_add(o, "\r\n", 2);
}

/* What comes before the first row: a box's top, the header. */
static void begin(struct fsc_rows *r, struct fsc_buf *o)
{
	if (r->mode == FSC_ROWS_JSON)
		return;
	if (r->mode == FSC_ROWS_CSV) {
		if (r->header)
			csv_row(r, r->head, o);
		return;
	}
	if (r->mode == FSC_ROWS_BOX)
		rule(r, 0, o);
	if (!r->header)
		return;
	line(r, r->head, 1, o);
	if (r->mode == FSC_ROWS_BOX)
		rule(r, 1, o);
	else if (r->mode == FSC_ROWS_MD)
		md_rule(r, o);
}

static void emit(struct fsc_rows *r, char *const *cells, const char *isnum,
		 const size_t *lens, struct fsc_buf *o)
{
	if (r->mode == FSC_ROWS_JSON)
		json_row(r, cells, isnum, lens, o);
	else if (r->mode == FSC_ROWS_CSV)
		csv_row(r, cells, o);
	else
		line(r, cells, 0, o);
	r->nout++;
}

/* Fix the widths from the header and the held rows, write them. */
static void fix(struct fsc_rows *r, struct fsc_buf *o)
{
	int md = r->mode == FSC_ROWS_MD;
	size_t i, j;

	for (j = 0; j < r->ncols; j++) {
		r->w[j] = r->header ? width(r->head[j], md) : 0;
		if (md && r->w[j] < 3)
			r->w[j] = 3;
	}
	for (i = 0; i < r->nheld; i++)
		for (j = 0; j < r->ncols; j++) {
			const char *c = r->cells[i * r->ncols + j];
			size_t cw = width(c ? c : r->null_text, md);

			if (cw > r->w[j])
				r->w[j] = cw;
			if (r->isnum[i * r->ncols + j])
				r->numcol[j] = 1;
		}
	r->fixed = 1;
	begin(r, o);
	for (i = 0; i < r->nheld; i++) {
		emit(r, r->cells + i * r->ncols, r->isnum + i * r->ncols,
		     r->lens + i * r->ncols, o);
		for (j = 0; j < r->ncols; j++) {
			free(r->cells[i * r->ncols + j]);
			r->cells[i * r->ncols + j] = NULL;
		}
	}
	r->nheld = 0;
}

/* A cell of n bytes that holds NUL, as the text forms show it: what
 * follows a NUL is never cut.  The table forms show it as they show any
 * control character ("\\?"); CSV as U+FFFD, the replacement character
 * (a NUL byte in CSV stops most readers).  JSON keeps it as \u0000. */
static char *nul_shown(enum fsc_rows_mode mode, const char *cell, size_t n)
{
	struct fsc_buf b = FSC_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		if (cell[i])
			fsc_buf_add(&b, cell + i, 1);
		else if (mode == FSC_ROWS_CSV)
			fsc_buf_adds(&b, "\xef\xbf\xbd");
		else
			fsc_buf_adds(&b, "\x01");
	return fsc_buf_detach(&b);
}

void fsc_rows_add(struct fsc_rows *r, const char *cell, int num,
		  struct fsc_buf *o)
{
	fsc_rows_addn(r, cell, cell ? strlen(cell) : 0, num, o);
}

void fsc_rows_addn(struct fsc_rows *r, const char *cell, size_t n, int num,
		   struct fsc_buf *o)
{
	size_t at = r->nheld * r->ncols + r->fill, j;

	if (r->fixed && !r->nout && !r->nheld && !r->fill &&
	    (r->mode == FSC_ROWS_CSV))
		begin(r, o);
	r->cells[at] = NULL;
	if (cell && r->mode != FSC_ROWS_JSON && memchr(cell, '\0', n)) {
		r->cells[at] = nul_shown(r->mode, cell, n);
	} else if (cell) {
		r->cells[at] = fsc_malloc(n + 1);
		memcpy(r->cells[at], cell, n);
		r->cells[at][n] = '\0';
	}
	r->lens[at] = n;
	r->isnum[at] = (char)(num != 0);
	if (++r->fill < r->ncols)
		return;
	r->fill = 0;
	if (!r->fixed) {
		if (++r->nheld == FSC_ROWS_WINDOW)
			fix(r, o);
		return;
	}
	emit(r, r->cells, r->isnum, r->lens, o);
	for (j = 0; j < r->ncols; j++) {
		free(r->cells[j]);
		r->cells[j] = NULL;
	}
}

void fsc_rows_end(struct fsc_rows *r, struct fsc_buf *o)
{
	if (!r->fixed)
		fix(r, o);
	else if (r->mode == FSC_ROWS_CSV && !r->nout)
		begin(r, o);
	if (r->mode == FSC_ROWS_BOX)
		rule(r, 2, o);
	if (r->mode == FSC_ROWS_JSON)
		fsc_buf_adds(o, r->nout ? "\n]\n" : "[]\n");
}

void fsc_rows_free(struct fsc_rows *r)
{
	size_t i, held = (r->nheld + 1) * r->ncols;

	for (i = 0; r->cells && i < held; i++)
		free(r->cells[i]);
	for (i = 0; r->head && i < r->ncols; i++)
		free(r->head[i]);
	free(r->head);
	free(r->cells);
	free(r->isnum);
	free(r->lens);
	free(r->w);
	free(r->numcol);
	memset(r, 0, sizeof(*r));
}
