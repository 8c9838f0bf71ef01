/* cmd_ingest.c: fioscope ingest (fioscope-ingest): parse a results tree
 * into the store, then refresh the statistics of the scenarios it touched. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "ingest.h"

static const char usage[] =
"usage: fioscope ingest [--db FILE] [--layout TEMPLATE] [--set KEY=VALUE]...\n"
"                       [--jobs N] [--quiet] PATH...\n"
"\n"
"Ingest fio json / json+ output, status-interval streams and fio log files\n"
"found in PATHs (files or directories, walked recursively; .gz read) into\n"
"the store, keyed by scenario.  Unchanged files are skipped; a changed file\n"
"replaces its earlier rows; each file lands whole or not at all.\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --layout TEMPLATE    scenario keys from the path, e.g.\n"
"                       '{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'\n"
"                       placeholders: {runtime} {backend} {rw} {bs} {clients}\n"
"                       {client} {rep} {iodepth} {numjobs}, and {*} to skip\n"
"  --set KEY=VALUE      a scenario key or free label for every file\n"
"  --jobs N             parse with N threads (default: one per core)\n"
"  -q, --quiet          no notes or progress bar\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 all files ingested or unchanged, 1 a file or path failed,\n"
"2 usage error.\n";

enum { O_DB = 1, O_LAYOUT, O_SET, O_JOBS, O_QUIET };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "layout", 0, 1, O_LAYOUT },
	{ "set", 0, 1, O_SET },
	{ "jobs", 0, 1, O_JOBS },
	{ "quiet", 'q', 0, O_QUIET },
	{ NULL, 0, 0, 0 },
};

struct ui {
	const char *prog;
	int quiet, tty;
	struct timespec start, last;
	int drawn;
};

static void clear_bar(struct ui *u)
{
	if (u->drawn) {
		fputs("\r\033[K", stderr);
		u->drawn = 0;
	}
}

static void on_report(void *ctx, enum fsc_level lv, const struct fsc_err *e)
{
	struct ui *u = ctx;

	if (lv == FSC_NOTE && u->quiet)
		return;
	clear_bar(u);
	cli_diag(u->prog, lv == FSC_NOTE ? "note" : lv == FSC_WARNING ?
		 "warning" : NULL, e);
}

static double secs(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* "[#####     ] 120/800 files, 950 files/s, 210 MB/s, ETA 0:01" once the
 * walk is over; "walking... 120 files, ..." while the total still grows. */
static void on_progress(void *ctx, const struct fsc_progress *p)
{
	struct ui *u = ctx;
	struct timespec now;
	double t, rate, mbs;
	int i, w = 30, fill;

	if (!u->tty || u->quiet || (p->listed && p->total < 200))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	t = secs(&u->start, &now);
	/* a short walk draws nothing */
	if ((!p->listed && t < 0.5) ||
	    (p->done < p->total && secs(&u->last, &now) < 0.1))
		return;
	u->last = now;
	rate = t > 0 ? (double)p->done / t : 0;
	mbs = t > 0 ? (double)p->bytes / t / 1e6 : 0;
	if (!p->listed) {
		fprintf(stderr, "\r\033[Kwalking... %zu files, %.0f files/s, "
			"%.1f MB/s", p->done, rate, mbs);
	} else {
		long eta = rate > 0 ? (long)((double)(p->total - p->done) /
					      rate + 0.5) : 0;

		fill = (int)((double)p->done / (double)p->total * w);
		fputs("\r\033[K[", stderr);
		for (i = 0; i < w; i++)
			fputc(i < fill ? '#' : ' ', stderr);
		fprintf(stderr, "] %zu/%zu files, %.0f files/s, %.1f MB/s, "
			"ETA %ld:%02ld", p->done, p->total, rate, mbs,
			eta / 60, eta % 60);
	}
	u->drawn = 1;
	if (p->listed && p->done == p->total)
		clear_bar(u);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_ingest(int argc, char **argv, const char *prog)
{
	struct fsc_ingest_opts o = { 0 };
	struct fsc_ingest_summary sum;
	struct ui u = { .prog = prog };
	struct fsc_store *st = NULL;
	struct fsc_err err;
	struct cli c;
	const char *db = NULL;
	int id, rc = FSC_EXIT_USAGE;
	char *eq;

	o.sets.n = 0;
	cli_init(&c, prog, "ingest", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB:
			db = c.val;
			break;
		case O_LAYOUT:
			if (fsc_layout_check(c.val, &err) < 0) {
				cli_usage(prog, "ingest", "%s", err.msg);
				goto out;
			}
			o.layout = c.val;
			break;
		case O_SET:
			eq = strchr(c.val, '=');
			if (!eq || eq == c.val) {
				cli_bad_value(&c, "expected KEY=VALUE, got '%s'",
					      c.val);
				goto out;
			}
			*eq = '\0';
			if (fsc_labels_set(&o.sets, c.val, eq + 1) < 0) {
				*eq = '=';
				cli_bad_value(&c, "too many labels");
				goto out;
			}
			*eq = '=';
			break;
		case O_JOBS:
			if (!(o.threads = cli_jobs(&c)))
				goto out;
			break;
		case O_QUIET:
			u.quiet = 1;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, c.npos)) >= 0)
		goto out;
	rc = FSC_EXIT_USAGE;
	if (!c.npos) {
		cli_usage(prog, "ingest", "no PATH to ingest");
		goto out;
	}
	rc = 1;
	u.tty = isatty(2);
	clock_gettime(CLOCK_MONOTONIC, &u.start);
	o.report = on_report;
	o.progress = on_progress;
	o.ctx = &u;
	st = fsc_store_open(cli_db(db), 0, &err);
	if (!st) {
		cli_error(prog, &err);
		goto out;
	}
	if (fsc_ingest(st, c.pos, (size_t)c.npos, &o, &sum, &err) < 0) {
		clear_bar(&u);
		cli_error(prog, &err);
		goto out;
	}
	clear_bar(&u);
	if (!u.quiet || sum.failed)
		cli_msg(prog, "ingested %zu %s, %zu unchanged, %zu failed, "
			"%zu skipped; %zu %s added, %zu %s linked",
			sum.ingested, plural(sum.ingested, "file", "files"),
			sum.unchanged, sum.failed, sum.skipped, sum.runs,
			plural(sum.runs, "run", "runs"), sum.logs,
			plural(sum.logs, "log", "logs"));
	rc = sum.failed ? 1 : 0;
out:
	fsc_store_close(st);
	fsc_labels_free(&o.sets);
	return rc;
}
