/* cmd_query.c: fioscope query: run SQL from the argument, a file or
 * standard input on a read-only connection to the store and print the
 * rows as SQLite returns them: an aligned table, a box, Markdown, CSV or
 * JSON.  An authorizer refuses anything that writes, attaches or changes
 * settings, on top of the read-only open. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "rows.h"

static const char usage[] =
"usage: fioscope query [--db FILE] [--csv|--json|--markdown|--box]\n"
"                      [--header|--no-header] [--ascii] [-f FILE | SQL | -]\n"
"\n"
"Run SQL (read-only) on the store and print each statement's rows as\n"
"they come.  The SQL is the argument, the file of -f, or standard input\n"
"('-', or no argument when standard input is not a terminal).  Public\n"
"views: run_stats, scenario_stats, scenario_clat_bins (fioscope-store(5)).\n"
"\n"
"  --db FILE       the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  -f, --file FILE read the SQL from FILE ('-': standard input)\n"
"  --csv           CSV (RFC 4180) instead of an aligned table\n"
"  --json          a JSON array of objects per statement\n"
"  --markdown      a Markdown table\n"
"  --box           a table drawn with lines\n"
"  --header        the column names first (default)\n"
"  --no-header     no column names\n"
"  --ascii         --box with + - | (also when the locale is not UTF-8)\n"
"  -h, --help      this help\n"
"\n"
"Exit status: 0 success, 1 SQL or store error, 2 usage error.\n";

enum { O_DB = 1, O_FILE, O_CSV, O_JSON, O_MD, O_BOX, O_HEADER, O_NOHEADER,
       O_ASCII };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "file", 'f', 1, O_FILE },
	{ "csv", 0, 0, O_CSV },
	{ "json", 0, 0, O_JSON },
	{ "markdown", 0, 0, O_MD },
	{ "box", 0, 0, O_BOX },
	{ "header", 0, 0, O_HEADER },
	{ "no-header", 0, 0, O_NOHEADER },
	{ "ascii", 0, 0, O_ASCII },
	{ NULL, 0, 0, 0 },
};

struct src {
	const char *name;	/* the file's name for messages, or NULL */
	const char *sql;
};

struct fmt {
	enum fsc_rows_mode mode;
	int header, ascii, tty;
};

static int authorize(void *ctx, int op, const char *a, const char *b,
		     const char *db, const char *trigger)
{
	(void)ctx; (void)db; (void)trigger;
	switch (op) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_UPDATE:
		/* a table-valued function (json_each, pragma_table_info)
		 * declares its columns through this check; SQLite itself
		 * refuses every real change of sqlite_master */
		return a && !strcmp(a, "sqlite_master") ? SQLITE_OK :
		       SQLITE_DENY;
	case SQLITE_PRAGMA:
		/* reading a pragma is fine; setting one is not.  A few pragmas
		 * take an argument and only read (table_info(run)); a few act
		 * without one (a checkpoint or vacuum writes). */
		if (!b)
			return strcmp(a, "optimize") && strcmp(a, "wal_checkpoint") &&
			       strcmp(a, "incremental_vacuum") ? SQLITE_OK :
			       SQLITE_DENY;
		return !strcmp(a, "table_info") || !strcmp(a, "table_xinfo") ||
		       !strcmp(a, "index_list") || !strcmp(a, "index_info") ||
		       !strcmp(a, "index_xinfo") ||
		       !strcmp(a, "foreign_key_list") ||
		       !strcmp(a, "integrity_check") ||
		       !strcmp(a, "quick_check") ? SQLITE_OK : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

/* After "no such table: X": the nearest name, and the public views
 * (schema/fioscope.sql: their names and columns are a contract). */
static void table_hint(sqlite3 *db, const char *msg, struct fsc_buf *m)
{
	static const char sql[] =
		"SELECT name FROM sqlite_master"
		" WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
		" ORDER BY type DESC, name";
	const char *name = strstr(msg, "no such table: ");
	const char **names = NULL, *near, *dot;
	sqlite3_stmt *s;
	size_t n = 0, i;

	if (!name || sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return;
	name += 15;
	if ((dot = strchr(name, '.')))
		name = dot + 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);

		names = fsc_realloc(names, (n + 1) * sizeof(*names));
		names[n++] = fsc_strdup(t);
	}
	sqlite3_finalize(s);
	near = fsc_suggest(name, names, n);
	if (near)
		fsc_buf_addf(m, "; did you mean '%s'?", near);
	fsc_buf_addf(m, "%s the public views are run_stats, scenario_stats"
		     " and scenario_clat_bins", near ? "" : ";");
	for (i = 0; i < n; i++)
		free((char *)names[i]);
	free(names);
}

/* The line of p in the SQL text. */
static long line_at(const struct src *src, const char *p)
{
	const char *q;
	long line = 1;

	for (q = src->sql; q < p && *q; q++)
		line += *q == '\n';
	return line;
}

/* "prog: file:line: SQL error: msg" (the line of off in the text). */
static int sql_error(sqlite3 *db, const struct src *src, size_t off,
		     const char *prog)
{
	struct fsc_buf m = FSC_BUF_INIT;
	struct fsc_err err;
	int code = sqlite3_errcode(db);

	fsc_buf_addf(&m, "SQL error: %s", sqlite3_errmsg(db));
	if (code == SQLITE_AUTH || code == SQLITE_READONLY ||
	    !strcmp(sqlite3_errmsg(db), "not authorized") ||
	    strstr(sqlite3_errmsg(db), "may not be modified"))
		fsc_buf_adds(&m, ": the store is opened read-only");
	table_hint(db, sqlite3_errmsg(db), &m);
	fsc_err_set(&err, src->name, "%s", m.buf);
	if (src->name)
		fsc_err_line(&err, line_at(src, src->sql + off));
	cli_error(prog, &err);
	fsc_buf_release(&m);
	return 1;
}

/* Write what o holds; 0, or -1 when standard output failed. */
static int drain(struct fsc_buf *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, stdout) != o->len)
		return -1;
	fsc_buf_reset(o);
	return ferror(stdout) ? -1 : 0;
}

/* One statement's rows, written as SQLite returns them. */
static int rows(sqlite3_stmt *s, const struct fmt *f, struct fsc_buf *o)
{
	struct fsc_rows r;
	const char **head;
	int i, n = sqlite3_column_count(s), rc, bad = 0;

	head = fsc_calloc((size_t)n + 1, sizeof(*head));
	for (i = 0; i < n; i++)
		head[i] = sqlite3_column_name(s, i);
	fsc_rows_start(&r, f->mode, f->header, f->ascii, "NULL", (size_t)n,
		       head);
	free(head);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			int t = sqlite3_column_type(s, i);

			/* text may hold NUL: the JSON form keeps it */
			fsc_rows_addn(&r, (const char *)sqlite3_column_text(s, i),
				      (size_t)sqlite3_column_bytes(s, i),
				      t == SQLITE_INTEGER || t == SQLITE_FLOAT, o);
		}
		/* a terminal sees each row at once, a pipe in blocks */
		if ((f->tty || o->len >= 65536) && drain(o) < 0) {
			bad = 1;
			break;
		}
	}
	if (n && !bad && rc == SQLITE_DONE) {
		fsc_rows_end(&r, o);
		bad = drain(o) < 0 || fflush(stdout) != 0;
	}
	fsc_rows_free(&r);
	return bad ? SQLITE_IOERR : rc;
}

static int run(sqlite3 *db, const struct src *src, const struct fmt *f,
	       const char *prog)
{
	struct fsc_buf o = FSC_BUF_INIT;
	sqlite3_stmt *s = NULL;
	const char *tail = src->sql, *start;
	int rc = 0, r;

	while (*tail) {
		start = tail;
		while (*start == ' ' || *start == '\n' || *start == '\t' ||
		       *start == '\r')
			start++;
		if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
			int off = sqlite3_error_offset(db);

			rc = sql_error(db, src, (size_t)(start - src->sql) +
				       (off > 0 ? (size_t)off : 0), prog);
			break;
		}
		if (!s)
			continue;	/* whitespace or a comment */
		if (!sqlite3_stmt_readonly(s)) {
			/* what the authorizer cannot see (VACUUM) */
			struct fsc_err err;

			fsc_err_set(&err, src->name, "SQL error: the statement "
				    "writes: the store is opened read-only");
			if (src->name)
				fsc_err_line(&err, line_at(src, start));
			cli_error(prog, &err);
			sqlite3_finalize(s);
			rc = 1;
			break;
		}
		r = rows(s, f, &o);
		if (r == SQLITE_IOERR) {
			rc = 1;		/* cli_close_stdout says why */
		} else if (r != SQLITE_DONE) {
			rc = sql_error(db, src, (size_t)(start - src->sql), prog);
		}
		sqlite3_finalize(s);
		if (rc)
			break;
	}
	fsc_buf_release(&o);
	return rc;
}

/* The whole of a file ("-": standard input) into b; -1 with err. */
static int slurp(const char *path, struct fsc_buf *b, struct fsc_err *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t n;

	if (!f)
		return fsc_err_set(err, path, "cannot read: %s", strerror(errno));
	do {
		fsc_buf_grow(b, 65536);
		n = fread(b->buf + b->len, 1, 65536, f);
		b->len += n;
		b->buf[b->len] = '\0';
	} while (n == 65536);
	if (ferror(f) || memchr(b->buf, '\0', b->len)) {
		fsc_err_set(err, strcmp(path, "-") ? path : "<stdin>",
			    ferror(f) ? "cannot read: %s" : "not SQL text (a NUL byte)",
			    strerror(errno));
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

static int query(const char *db, const struct src *src, const struct fmt *f,
		 const char *prog)
{
	struct fsc_store *st;
	int rc = 1;

	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	sqlite3_exec(fsc_store_db(st), "PRAGMA query_only = 1", NULL, NULL,
		     NULL);
	sqlite3_set_authorizer(fsc_store_db(st), authorize, NULL);
	rc = run(fsc_store_db(st), src, f, prog);
	fsc_store_close(st);
	return rc | cli_close_stdout(prog);
}

int cmd_query(int argc, char **argv, const char *prog)
{
	struct fmt f = { FSC_ROWS_TABLE, 1, 0, 0 };
	struct fsc_buf text = FSC_BUF_INIT;
	struct src src = { NULL, NULL };
	struct fsc_err err;
	struct cli c;
	const char *db = NULL, *file = NULL;
	int id, rc = FSC_EXIT_USAGE, ascii = 0;

	cli_init(&c, prog, "query", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB: db = c.val; break;
		case O_FILE: file = c.val; break;
		case O_CSV: f.mode = FSC_ROWS_CSV; break;
		case O_JSON: f.mode = FSC_ROWS_JSON; break;
		case O_MD: f.mode = FSC_ROWS_MD; break;
		case O_BOX: f.mode = FSC_ROWS_BOX; break;
		case O_HEADER: f.header = 1; break;
		case O_NOHEADER: f.header = 0; break;
		case O_ASCII: ascii = 1; break;
		}
	}
	if ((rc = cli_finish(&c, id, c.npos)) >= 0)
		return rc;
	if (c.npos > 1 || (file && c.npos))
		return cli_usage(prog, "query", "expected one SQL text: an "
				 "argument, -f FILE or standard input");
	if (!file && (!c.npos || !strcmp(c.pos[0], "-"))) {
		if (!c.npos && isatty(0))
			return cli_usage(prog, "query", "no SQL: give it as an "
					 "argument, with -f FILE or on standard "
					 "input");
		file = "-";
	}
	f.ascii = cli_ascii(ascii);
	f.tty = isatty(1);
	if (file) {
		if (slurp(file, &text, &err) < 0) {
			cli_error(prog, &err);
			fsc_buf_release(&text);
			return 1;
		}
		src.name = strcmp(file, "-") ? file : "<stdin>";
		src.sql = text.buf;
	} else {
		src.sql = c.pos[0];
	}
	rc = query(db, &src, &f, prog);
	fsc_buf_release(&text);
	return rc;
}
