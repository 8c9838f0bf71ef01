/* rows.h: a stream of result rows written as an aligned table, a box,
 * Markdown, CSV or JSON (rows.c).  Rows go out as they arrive: the table
 * forms hold the first FSC_ROWS_WINDOW rows to size their columns, then
 * write each row at once, so memory stays constant whatever the count. */
#ifndef FSC_ROWS_H
#define FSC_ROWS_H
#include "fioscope.h"

enum fsc_rows_mode {
	FSC_ROWS_TABLE, FSC_ROWS_BOX, FSC_ROWS_MD, FSC_ROWS_CSV, FSC_ROWS_JSON
};
#define FSC_ROWS_WINDOW 256

struct fsc_rows {
	enum fsc_rows_mode mode;
	int header;		/* write the column names (not JSON) */
	int ascii;		/* box: + - | instead of box drawing */
	const char *null_text;	/* SQL NULL in the table forms */
	size_t ncols;
	char **head;		/* column names, owned */
	char **cells;		/* held rows then the current one, row-major;
				 * NULL is SQL NULL */
	char *isnum;		/* per held cell: a number (JSON, alignment) */
	size_t *lens;		/* per held cell: its bytes (SQLite text may
				 * hold NUL: JSON keeps it as \u0000) */
	size_t nheld;		/* complete rows held */
	size_t fill;		/* cells of the current row */
	size_t *w;		/* column widths, once fixed */
	char *numcol;		/* per column: right-aligned */
	int fixed;		/* widths fixed: rows go straight out */
	size_t nout;		/* rows written */
};

/* Start a result of ncols columns named head[]. */
void fsc_rows_start(struct fsc_rows *r, enum fsc_rows_mode mode, int header,
		    int ascii, const char *null_text, size_t ncols,
		    const char *const *head);
/* Add the next cell (copied; NULL is SQL NULL; num: it is a number), row
 * by row.  Whatever can go out is appended to o. */
void fsc_rows_add(struct fsc_rows *r, const char *cell, int num,
		  struct fsc_buf *o);
/* The same for a cell of n bytes that may hold NUL. */
void fsc_rows_addn(struct fsc_rows *r, const char *cell, size_t n, int num,
		   struct fsc_buf *o);
/* The end of the result: what is held, and the closing, to o. */
void fsc_rows_end(struct fsc_rows *r, struct fsc_buf *o);
void fsc_rows_free(struct fsc_rows *r);
#endif
