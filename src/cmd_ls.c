/* cmd_ls.c: fioscope ls: the scenarios of the store, one line per scenario
 * and direction with I/O: runs, repetitions, aggregate bandwidth, p99
 * ('~' when approximate) and flags (clients that did not overlap, failed
 * runs).  Unknown keys print as '?'. */
#include <getopt.h>
#include <stdlib.h>
#include "cli.h"
#include "rows.h"

static const char usage[] =
"usage: fioscope ls [--db FILE]\n"
"\n"
"List the store's scenarios: one line per scenario and data direction,\n"
"with runs, repetitions, aggregate bandwidth and p99 completion latency\n"
"('~' marks latency approximated without json+ bins).  FLAGS: overlap=X\n"
"when the clients' run windows overlap less than 90%, failed=N for runs\n"
"with a fio error, clients=MIN-MAX when repetitions had different numbers\n"
"of clients (CLIENTS is the most), unknown keys as '?'.  GROUPING: the rule that made the\n"
"runs clients and repetitions: 'clients-key' or 'rep-key' (the layout or\n"
"--set said), 'overlap' (runs whose windows overlap are clients, disjoint\n"
"ones repetitions), 'rep-key+overlap', 'no-times' (each file a client).\n"
"\n"
"  --db FILE   the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  -h, --help  this help\n";

static const char list_sql[] =
	"SELECT s.runtime, s.backend, s.rw, s.bs, COALESCE(s.clients, t.clients),"
	" s.iodepth, s.numjobs, CASE t.ddir WHEN 0 THEN 'read' WHEN 1 THEN"
	" 'write' ELSE 'trim' END, t.runs, t.reps, t.bw_bytes, t.clat_p99_ns,"
	" t.latency_exact, t.overlap, t.failed_runs, s.labels, t.grouping,"
	" CASE WHEN s.clients IS NULL AND t.clients_min < t.clients"
	"  THEN t.clients_min END"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" ORDER BY s.backend, s.bs, s.rw, s.runtime, 5, t.ddir";

static void cell_int(struct fsc_rows *r, sqlite3_stmt *s, int i, int size)
{
	char b[32];
	sqlite3_int64 v;

	if (sqlite3_column_type(s, i) == SQLITE_NULL) {
		fsc_rows_add(r, "?");
		return;
	}
	v = sqlite3_column_int64(s, i);
	if (size && v >= 1024 && v % 1024 == 0)
		snprintf(b, sizeof(b), v % (1 << 20) ? "%lldk" : "%lldm",
			 v % (1 << 20) ? v / 1024 : v >> 20);
	else
		snprintf(b, sizeof(b), "%lld", v);
	fsc_rows_add(r, b);
}

int cmd_ls(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *head[] = { "RUNTIME", "BACKEND", "RW", "BS",
		"CLIENTS", "QD", "JOBS", "DIR", "RUNS", "REPS", "BW", "P99",
		"FLAGS", "GROUPING", "LABELS" };
	struct fsc_rows r;
	struct fsc_buf out = FSC_BUF_INIT;
	struct fsc_store *st;
	sqlite3_stmt *s;
	const char *db = NULL;
	int c, i, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'h') {
			fputs(usage, stdout);
			return cli_close_stdout(prog);
		} else
			return cli_usage(prog, "ls", "unknown option");
	}
	if (optind != argc)
		return cli_usage(prog, "ls", "unexpected argument '%s'",
				 argv[optind]);
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	if (sqlite3_prepare_v2(fsc_store_db(st), list_sql, -1, &s, NULL)) {
		cli_msg(prog, "%s", sqlite3_errmsg(fsc_store_db(st)));
		fsc_store_close(st);
		return 1;
	}
	fsc_rows_init(&r, 15);
	r.head = head;
	for (i = 3; i < 7; i++)
		r.nums[i] = 1;
	r.nums[8] = r.nums[9] = r.nums[10] = r.nums[11] = 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		char b[64], f[64];
		int n = 0;

		for (i = 0; i < 3; i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);

			fsc_rows_add(&r, v ? v : "?");
		}
		for (i = 3; i < 7; i++)
			cell_int(&r, s, i, i == 3);
		fsc_rows_add(&r, (const char *)sqlite3_column_text(s, 7));
		cell_int(&r, s, 8, 0);
		cell_int(&r, s, 9, 0);
		/* NULL: no run succeeded (failed=N says how many failed) */
		if (sqlite3_column_type(s, 10) == SQLITE_NULL)
			snprintf(b, sizeof(b), "-");
		else
			cli_fmt_bw(sqlite3_column_double(s, 10), b, sizeof(b));
		fsc_rows_add(&r, b);
		if (sqlite3_column_type(s, 11) == SQLITE_NULL) {
			fsc_rows_add(&r, "-");
		} else {
			b[0] = sqlite3_column_int(s, 12) ? ' ' : '~';
			cli_fmt_ns(sqlite3_column_double(s, 11), b + 1,
				   sizeof(b) - 1);
			fsc_rows_add(&r, b[0] == ' ' ? b + 1 : b);
		}
		f[0] = '\0';
		if (sqlite3_column_type(s, 13) != SQLITE_NULL &&
		    sqlite3_column_double(s, 13) < 0.9)
			n += snprintf(f + n, sizeof(f) - (size_t)n,
				      "overlap=%.2f ", sqlite3_column_double(s, 13));
		if (sqlite3_column_int(s, 14))
			n += snprintf(f + n, sizeof(f) - (size_t)n, "failed=%d ",
				      sqlite3_column_int(s, 14));
		/* repetitions that disagree on the number of clients */
		if (sqlite3_column_type(s, 17) != SQLITE_NULL)
			n += snprintf(f + n, sizeof(f) - (size_t)n,
				      "clients=%d-%d ", sqlite3_column_int(s, 17),
				      sqlite3_column_int(s, 4));
		if (n)
			f[n - 1] = '\0';
		fsc_rows_add(&r, f);
		fsc_rows_add(&r, sqlite3_column_type(s, 16) == SQLITE_NULL ? "?" :
			     (const char *)sqlite3_column_text(s, 16));
		fsc_rows_add(&r, (const char *)sqlite3_column_text(s, 15));
	}
	sqlite3_finalize(s);
	fsc_rows_table(&r, "", &out);
	fwrite(out.buf, 1, out.len, stdout);
	fsc_buf_release(&out);
	fsc_rows_free(&r);
	fsc_store_close(st);
	return rc | cli_close_stdout(prog);
}
