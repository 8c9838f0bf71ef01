/* rows.h: a result set of text cells and its three printed forms (rows.c). */
#ifndef FSC_ROWS_H
#define FSC_ROWS_H
#include "fioscope.h"

struct fsc_rows {
	size_t ncols, nrows, fill, cap;
	const char **head;	/* ncols column names, borrowed */
	char **cells;		/* row-major; NULL is SQL NULL */
	size_t *lens;		/* each cell's bytes (a cell may hold NUL) */
	int *nums;		/* per column: numeric (right-aligned, JSON number) */
};

void fsc_rows_init(struct fsc_rows *r, size_t ncols);
/* Append the next cell (copied; NULL allowed), row by row. */
void fsc_rows_add(struct fsc_rows *r, const char *cell);
/* Append a cell of n bytes that may hold NUL (SQLite text can). */
void fsc_rows_addn(struct fsc_rows *r, const char *cell, size_t n);
void fsc_rows_free(struct fsc_rows *r);
/* Aligned columns with a header line; control characters escaped. */
void fsc_rows_table(const struct fsc_rows *r, const char *null_text,
		    struct fsc_buf *o);
void fsc_rows_csv(const struct fsc_rows *r, struct fsc_buf *o);
void fsc_rows_json(const struct fsc_rows *r, struct fsc_buf *o);
#endif
