/*
 * rows.c: a result set of text cells, written as an aligned table, CSV
 * (RFC 4180 quoting) or JSON (an array of objects).  Used by query and ls.
 * NULL cells are distinct from empty ones: "" in CSV, null in JSON, and
 * the table's null text otherwise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rows.h"

void fsc_rows_init(struct fsc_rows *r, size_t ncols)
{
	memset(r, 0, sizeof(*r));
	r->ncols = ncols;
	r->cells = fsc_calloc(ncols, sizeof(*r->cells));
	r->nums = fsc_calloc(ncols, sizeof(*r->nums));
}

void fsc_rows_add(struct fsc_rows *r, const char *cell)
{
	fsc_rows_addn(r, cell, cell ? strlen(cell) : 0);
}

void fsc_rows_addn(struct fsc_rows *r, const char *cell, size_t len)
{
	size_t n = r->nrows * r->ncols + r->fill;

	if (n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->cells = fsc_realloc(r->cells, r->cap * sizeof(*r->cells));
		r->lens = fsc_realloc(r->lens, r->cap * sizeof(*r->lens));
	}
	r->cells[n] = cell ? fsc_strndup(cell, len) : NULL;
	r->lens[n] = len;
	if (++r->fill == r->ncols) {
		r->fill = 0;
		r->nrows++;
	}
}

void fsc_rows_free(struct fsc_rows *r)
{
	size_t i;

	for (i = 0; i < r->nrows * r->ncols + r->fill; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	free(r->nums);
	memset(r, 0, sizeof(*r));
}

/* Display width: UTF-8 code points, escapes counted as written. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20)
			w += 2;
		else if ((c & 0xc0) != 0x80)
			w++;
	}
	return w;
}

void fsc_rows_table(const struct fsc_rows *r, const char *null_text,
		    struct fsc_buf *o)
{
	size_t *w = fsc_calloc(r->ncols, sizeof(*w));
	size_t i, j, k;

	for (i = 0; i <= r->nrows; i++)
		for (j = 0; j < r->ncols; j++) {
			const char *c = i ? r->cells[(i - 1) * r->ncols + j] :
					r->head[j];
			size_t cw = width(c ? c : null_text);

			if (cw > w[j])
				w[j] = cw;
		}
	for (i = 0; i <= r->nrows; i++) {
		for (j = 0; j < r->ncols; j++) {
			const char *c = i ? r->cells[(i - 1) * r->ncols + j] :
					r->head[j];
			size_t pad;

			if (!c)
				c = null_text;
			pad = w[j] - width(c);
			if (r->nums[j] && i)
				for (k = 0; k < pad; k++)
					fsc_buf_add(o, " ", 1);
			fsc_term_escape(o, c);
			if (j + 1 < r->ncols)
				for (k = 0; k < (r->nums[j] && i ? 0 : pad) + 2; k++)
					fsc_buf_add(o, " ", 1);
		}
		while (o->len && o->buf[o->len - 1] == ' ')
			o->buf[--o->len] = '\0';
		fsc_buf_add(o, "\n", 1);
	}
	free(w);
}

void fsc_rows_csv(const struct fsc_rows *r, struct fsc_buf *o)
{
	size_t i, j;

	for (i = 0; i <= r->nrows; i++) {
		for (j = 0; j < r->ncols; j++) {
			if (j)
				fsc_buf_add(o, ",", 1);
			fsc_csv_field(o, i ? r->cells[(i - 1) * r->ncols + j] :
				      r->head[j]);
		}
		fsc_buf_add(o, "\r\n", 2);
	}
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

void fsc_rows_json(const struct fsc_rows *r, struct fsc_buf *o)
{
	size_t i, j;

	fsc_buf_add(o, "[", 1);
	for (i = 0; i < r->nrows; i++) {
		fsc_buf_adds(o, i ? ",\n {" : "\n {");
		for (j = 0; j < r->ncols; j++) {
			const char *c = r->cells[i * r->ncols + j];

			if (j)
				fsc_buf_add(o, ", ", 2);
			fsc_json_string(o, r->head[j] ? r->head[j] : "");
			fsc_buf_add(o, ": ", 2);
			if (!c)
				fsc_buf_adds(o, "null");
			else if (r->nums[j] && is_number(c))
				fsc_buf_adds(o, c);
			else
				fsc_json_stringn(o, c, r->lens[i * r->ncols + j]);
		}
		fsc_buf_add(o, "}", 1);
	}
	fsc_buf_adds(o, r->nrows ? "\n]\n" : "]\n");
}
