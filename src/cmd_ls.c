/* cmd_ls.c: fioscope ls: the scenarios of the store, one line per scenario
 * and direction with I/O: runs, repetitions, aggregate bandwidth, p99
 * ('~' when approximate) and flags (clients that did not overlap, failed
 * runs).  A key no listed scenario states has no column, an unstated
 * value is blank; --csv and --json give the raw numbers under the store's
 * column names.  Numeric keys sort numerically. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "rows.h"
#include "key.h"

static const char usage[] =
"usage: fioscope ls [--db FILE] [--where KEY=VALUE]... [--csv|--json]\n"
"                   [--ascii]\n"
"\n"
"List the store's scenarios: one line per scenario and data direction,\n"
"with runs, repetitions, aggregate bandwidth and p99 completion latency\n"
"('~' marks latency approximated without json+ bins).  FLAGS: overlap=X\n"
"when the clients' run windows overlap less than 90%, with common=BW(SOURCE)\n"
"the bandwidth over the window all clients shared (from their bw 'logs',\n"
"or their run 'windows' at a uniform rate), failed=N for runs\n"
"with a fio error.  A key no listed scenario states has no column.\n"
"\n"
"  --db FILE          the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --where KEY=VALUE  only scenarios whose KEY is VALUE: runtime, backend,\n"
"                     rw, bs, clients, iodepth, numjobs, ddir or a label;\n"
"                     repeated: a key's values are alternatives, keys combine\n"
"  --csv              CSV with raw numbers (bytes, bytes/s, ns)\n"
"  --json             a JSON array of objects with raw numbers\n"
"  --ascii            'us' for microseconds (also when the locale is not\n"
"                     UTF-8)\n"
"  -h, --help         this help\n"
"\n"
"Exit status: 0 success, 1 store error, 2 usage error.\n";

enum { O_DB = 1, O_WHERE, O_CSV, O_JSON, O_ASCII };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "where", 0, 1, O_WHERE },
	{ "csv", 0, 0, O_CSV },
	{ "json", 0, 0, O_JSON },
	{ "ascii", 0, 0, O_ASCII },
	{ NULL, 0, 0, 0 },
};

static const char list_sql[] =
	"SELECT s.runtime, s.backend, s.rw, s.bs, COALESCE(s.clients, t.clients),"
	" s.iodepth, s.numjobs, CASE t.ddir WHEN 0 THEN 'read' WHEN 1 THEN"
	" 'write' ELSE 'trim' END, t.runs, t.reps, t.bw_bytes, t.clat_p99_ns,"
	" t.latency_exact, t.overlap, t.failed_runs, s.labels, t.grouping,"
	" CASE WHEN s.clients IS NULL AND t.clients_min < t.clients"
	"  THEN t.clients_min END, t.bw_common_bytes, t.bw_common_source"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" WHERE" FSC_WHERE_SQL
	" ORDER BY s.backend, s.bs, s.rw, s.runtime, 5, s.iodepth, s.numjobs,"
	" s.labels, t.ddir";

/* Which key columns (RUNTIME..JOBS, then LABELS) any listed scenario
 * states. */
static const char stated_sql[] =
	"SELECT count(s.runtime), count(s.backend), count(s.rw), count(s.bs),"
	" count(COALESCE(s.clients, t.clients)), count(s.iodepth),"
	" count(s.numjobs), count(NULLIF(s.labels, ''))"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" WHERE" FSC_WHERE_SQL;

/* The raw columns of --csv and --json, in list_sql's order. */
static const char *const raw_head[] = { "runtime", "backend", "rw", "bs",
	"clients", "iodepth", "numjobs", "ddir", "runs", "reps", "bw_bytes",
	"clat_p99_ns", "latency_exact", "overlap", "failed_runs", "labels",
	"grouping", "clients_min", "bw_common_bytes", "bw_common_source" };
#define NRAW (sizeof(raw_head) / sizeof(raw_head[0]))

static const char *const head[] = { "RUNTIME", "BACKEND", "RW", "BS",
	"CLIENTS", "QD", "JOBS", "DIR", "RUNS", "REPS", "BW", "P99",
	"FLAGS", "GROUPING", "LABELS" };
#define NHEAD (sizeof(head) / sizeof(head[0]))

static void cell_int(struct fsc_rows *r, sqlite3_stmt *s, int i, int size,
		     struct fsc_buf *o)
{
	char b[32];
	sqlite3_int64 v;

	if (sqlite3_column_type(s, i) == SQLITE_NULL) {
		fsc_rows_add(r, "", 0, o);
		return;
	}
	v = sqlite3_column_int64(s, i);
	if (size) {
		struct fsc_buf t = FSC_BUF_INIT;

		fsc_key_bs_short(v, &t);
		fsc_rows_add(r, t.buf, 1, o);
		fsc_buf_release(&t);
		return;
	}
	snprintf(b, sizeof(b), "%lld", v);
	fsc_rows_add(r, b, 1, o);
}

/* One human-readable line of the table; keep[i]: key column i shown. */
static void human_row(struct fsc_rows *r, sqlite3_stmt *s, int ascii,
		      const int *keep, struct fsc_buf *o)
{
	char b[64], f[160];
	int i, n = 0;

	for (i = 0; i < 3; i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);

		if (keep[i])
			fsc_rows_add(r, v ? v : "", 0, o);
	}
	for (i = 3; i < 7; i++)
		if (keep[i])
			cell_int(r, s, i, i == 3, o);
	fsc_rows_add(r, (const char *)sqlite3_column_text(s, 7), 0, o);
	cell_int(r, s, 8, 0, o);
	cell_int(r, s, 9, 0, o);
	/* NULL: no run succeeded (failed=N says how many failed) */
	if (sqlite3_column_type(s, 10) == SQLITE_NULL)
		snprintf(b, sizeof(b), "-");
	else
		cli_fmt_bw(sqlite3_column_double(s, 10), b, sizeof(b));
	fsc_rows_add(r, b, 1, o);
	if (sqlite3_column_type(s, 11) == SQLITE_NULL) {
		fsc_rows_add(r, "-", 1, o);
	} else {
		b[0] = sqlite3_column_int(s, 12) ? ' ' : '~';
		cli_fmt_ns(sqlite3_column_double(s, 11), ascii, b + 1,
			   sizeof(b) - 1);
		fsc_rows_add(r, b[0] == ' ' ? b + 1 : b, 1, o);
	}
	f[0] = '\0';
	if (sqlite3_column_type(s, 13) != SQLITE_NULL &&
	    sqlite3_column_double(s, 13) < FSC_OVERLAP_MIN) {
		n += snprintf(f + n, sizeof(f) - (size_t)n, "overlap=%.2f ",
			      sqlite3_column_double(s, 13));
		/* #20: the bandwidth over the window all clients shared */
		if (sqlite3_column_type(s, 18) != SQLITE_NULL) {
			char *sp;

			cli_fmt_bw(sqlite3_column_double(s, 18), b, sizeof(b));
			while ((sp = strchr(b, ' ')))	/* one word a flag */
				memmove(sp, sp + 1, strlen(sp));
			n += snprintf(f + n, sizeof(f) - (size_t)n,
				      "common=%s(%s) ", b,
				      (const char *)sqlite3_column_text(s, 19));
		}
	}
	if (sqlite3_column_int(s, 14))
		n += snprintf(f + n, sizeof(f) - (size_t)n, "failed=%d ",
			      sqlite3_column_int(s, 14));
	/* repetitions that disagree on the number of clients */
	if (sqlite3_column_type(s, 17) != SQLITE_NULL)
		n += snprintf(f + n, sizeof(f) - (size_t)n, "clients=%d-%d ",
			      sqlite3_column_int(s, 17), sqlite3_column_int(s, 4));
	if (n)
		f[n - 1] = '\0';
	fsc_rows_add(r, f, 0, o);
	/* the statistics of a store older than the grouping rule: "-" */
	fsc_rows_add(r, sqlite3_column_type(s, 16) == SQLITE_NULL ? "-" :
		     (const char *)sqlite3_column_text(s, 16), 0, o);
	if (keep[7])
		fsc_rows_add(r, (const char *)sqlite3_column_text(s, 15), 0, o);
}

/* The key columns any listed scenario states; the table's heading. */
static int stated(sqlite3 *db, const struct fsc_where *w, int *keep,
		  const char **h, size_t *nh)
{
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(db, stated_sql, -1, &s, NULL))
		return -1;
	fsc_where_bind(w, s);
	rc = sqlite3_step(s);
	for (i = 0; i < 8; i++)
		keep[i] = rc == SQLITE_ROW && sqlite3_column_int(s, (int)i) > 0;
	sqlite3_finalize(s);
	*nh = 0;
	for (i = 0; i < NHEAD; i++)
		if (i < 7 ? keep[i] : i + 1 == NHEAD ? keep[7] : 1)
			h[(*nh)++] = head[i];
	return 0;
}

static void raw_row(struct fsc_rows *r, sqlite3_stmt *s, struct fsc_buf *o)
{
	size_t i;

	for (i = 0; i < NRAW; i++) {
		int t = sqlite3_column_type(s, (int)i);

		fsc_rows_add(r, (const char *)sqlite3_column_text(s, (int)i),
			     t == SQLITE_INTEGER || t == SQLITE_FLOAT, o);
	}
}

static int list(struct fsc_store *st, const struct fsc_where *w,
		enum fsc_rows_mode mode, int ascii, const char *prog)
{
	struct fsc_buf out = FSC_BUF_INIT;
	struct fsc_rows r;
	sqlite3_stmt *s;
	const char *h[NHEAD];
	size_t nh = 0;
	int rc, keep[8];

	if (stated(fsc_store_db(st), w, keep, h, &nh) < 0 ||
	    sqlite3_prepare_v2(fsc_store_db(st), list_sql, -1, &s, NULL)) {
		cli_msg(prog, "%s", sqlite3_errmsg(fsc_store_db(st)));
		return 1;
	}
	fsc_where_bind(w, s);
	if (mode == FSC_ROWS_TABLE)
		fsc_rows_start(&r, mode, 1, ascii, "", nh, h);
	else
		fsc_rows_start(&r, mode, 1, ascii, "", NRAW, raw_head);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (mode == FSC_ROWS_TABLE)
			human_row(&r, s, ascii, keep, &out);
		else
			raw_row(&r, s, &out);
	}
	if (rc != SQLITE_DONE)
		cli_msg(prog, "%s", sqlite3_errmsg(fsc_store_db(st)));
	sqlite3_finalize(s);
	fsc_rows_end(&r, &out);
	fwrite(out.buf, 1, out.len, stdout);
	fsc_buf_release(&out);
	fsc_rows_free(&r);
	return rc != SQLITE_DONE;
}

int cmd_ls(int argc, char **argv, const char *prog)
{
	struct fsc_where where = FSC_WHERE_INIT;
	struct fsc_store *st = NULL;
	struct cli c;
	enum fsc_rows_mode mode = FSC_ROWS_TABLE;
	const char *db = NULL;
	int id, rc = FSC_EXIT_USAGE, ascii = 0;

	cli_init(&c, prog, "ls", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB: db = c.val; break;
		case O_CSV: mode = FSC_ROWS_CSV; break;
		case O_JSON: mode = FSC_ROWS_JSON; break;
		case O_ASCII: ascii = 1; break;
		case O_WHERE:
			if (cli_where_add(&c, &where))
				goto out;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, 0)) >= 0)
		goto out;
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		goto out;
	if ((rc = cli_where_check(prog, "ls", &where, st)))
		goto out;
	rc = list(st, &where, mode, cli_ascii(ascii), prog);
	rc |= cli_close_stdout(prog);
out:
	fsc_store_close(st);
	fsc_where_free(&where);
	return rc;
}
