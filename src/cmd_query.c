/* cmd_query.c: fioscope query: run SQL on a read-only connection to the
 * store and print the rows as an aligned table, CSV or JSON.  An
 * authorizer refuses anything that writes, attaches or changes settings,
 * on top of the read-only open. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "rows.h"

static const char usage[] =
"usage: fioscope query [--db FILE] [--csv|--json] SQL\n"
"\n"
"Run SQL (read-only) on the store and print the result.  Public views:\n"
"run_stats, scenario_stats, scenario_clat_bins (see the README).\n"
"\n"
"  --db FILE   the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --csv       CSV (RFC 4180) instead of an aligned table\n"
"  --json      a JSON array of objects\n"
"  -h, --help  this help\n"
"\n"
"Exit status: 0 success, 1 SQL or store error, 2 usage error.\n";

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

static int run(sqlite3 *db, const char *sql, int fmt, const char *prog)
{
	struct fsc_rows r;
	struct fsc_buf out = FSC_BUF_INIT;
	sqlite3_stmt *s = NULL;
	const char *tail = sql;
	int i, n, rc;

	while (*tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
			cli_msg(prog, "SQL error: %s", sqlite3_errmsg(db));
			fsc_buf_release(&out);
			return 1;
		}
		if (!s)
			continue;	/* whitespace or a comment */
		n = sqlite3_column_count(s);
		fsc_rows_init(&r, (size_t)n);
		r.head = fsc_calloc((size_t)n + 1, sizeof(*r.head));
		for (i = 0; i < n; i++)
			r.head[i] = sqlite3_column_name(s, i);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			for (i = 0; i < n; i++) {
				int t = sqlite3_column_type(s, i);

				if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
					r.nums[i] = 1;
				fsc_rows_addn(&r, (const char *)
					      sqlite3_column_text(s, i), (size_t)
					      sqlite3_column_bytes(s, i));
			}
		if (rc != SQLITE_DONE) {
			cli_msg(prog, "SQL error: %s", sqlite3_errmsg(db));
			free(r.head);
			fsc_rows_free(&r);
			sqlite3_finalize(s);
			fsc_buf_release(&out);
			return 1;
		}
		if (n) {
			if (fmt == 'c')
				fsc_rows_csv(&r, &out);
			else if (fmt == 'j')
				fsc_rows_json(&r, &out);
			else
				fsc_rows_table(&r, "NULL", &out);
			fwrite(out.buf, 1, out.len, stdout);
			fsc_buf_reset(&out);
		}
		free(r.head);
		fsc_rows_free(&r);
		sqlite3_finalize(s);
	}
	fsc_buf_release(&out);
	return 0;
}

int cmd_query(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsc_store *st;
	const char *db = NULL;
	int c, fmt = 't', rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'c':
		case 'j':
			fmt = c;
			break;
		case 'h':
			fputs(usage, stdout);
			return cli_close_stdout(prog);
		default:
			return cli_usage(prog, "query", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage(prog, "query", "expected one SQL argument");
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	sqlite3_exec(fsc_store_db(st), "PRAGMA query_only = 1", NULL, NULL,
		     NULL);
	sqlite3_set_authorizer(fsc_store_db(st), authorize, NULL);
	rc = run(fsc_store_db(st), argv[optind], fmt, prog);
	fsc_store_close(st);
	return rc | cli_close_stdout(prog);
}
