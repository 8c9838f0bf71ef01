/* cmd_ingest.c: fioscope ingest (fioscope-ingest): parse a results tree
 * into the store, then refresh the statistics of the scenarios it touched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "ingest.h"

static const char usage[] =
"usage: fioscope ingest [--db FILE] [--layout TEMPLATE] [--set KEY=VALUE]...\n"
"                       [--keep-unmatched] [--dry-run] [--jobs N]\n"
"                       [--max-memory SIZE] [--quiet] PATH...\n"
"\n"
"Ingest fio json / json+ output, status-interval streams and fio log files\n"
"found in PATHs (files or directories, walked recursively; .gz read) into\n"
"the store, keyed by scenario.  A file is known by its content: the same\n"
"bytes under another path are not ingested again.  Unchanged files are\n"
"skipped, or re-keyed when --layout or --set differ from last time; a\n"
"changed file replaces its earlier rows; each file lands whole or not at all.\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --layout TEMPLATE    scenario keys from the path, e.g.\n"
"                       '{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'\n"
"                       placeholders: {runtime} {backend} {rw} {bs} {clients}\n"
"                       {client} {rep} {iodepth} {numjobs}, and {*} to skip\n"
"  --set KEY=VALUE      a scenario key or free label for every file\n"
"  --keep-unmatched     ingest files the layout does not match, keys unknown\n"
"                       (else they are reported and not ingested)\n"
"  --dry-run            print each run's keys and where each came from\n"
"                       (JSON, layout, --set); open no store, change nothing\n"
"  --jobs N             parse with N threads (default: one per core)\n"
"  --max-memory SIZE    memory for reading and parsing, shared by all the\n"
"                       threads, e.g. 2g or 512m (default: a quarter of the\n"
"                       physical memory); a file that needs more is refused\n"
"  -q, --quiet          no notes or progress bar\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 all files ingested or unchanged, 1 a file or path failed\n"
"or did not match the layout, 2 usage error.\n";

enum { O_DB = 1, O_LAYOUT, O_SET, O_JOBS, O_QUIET, O_MAXMEM, O_KEEP, O_DRY };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "layout", 0, 1, O_LAYOUT },
	{ "set", 0, 1, O_SET },
	{ "jobs", 0, 1, O_JOBS },
	{ "quiet", 'q', 0, O_QUIET },
	{ "max-memory", 0, 1, O_MAXMEM },
	{ "keep-unmatched", 0, 0, O_KEEP },
	{ "dry-run", 0, 0, O_DRY },
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

/* --dry-run: one line per run, each key with where it came from. */
static void on_keys(void *ctx, const char *path, size_t run,
		    const char *jobname, const struct fsc_keys *k)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char num[32];
	size_t j;
	int i;

	(void)ctx;
	fsc_buf_addf(&b, "%s: run %zu", path, run + 1);
	if (jobname)
		fsc_buf_addf(&b, " (%s)", jobname);
	fsc_buf_add(&b, ":", 1);
	for (i = 0; i < FSC_K_NR; i++) {
		const char *v = NULL;
		int64_t n = -1;

		switch (i) {
		case FSC_K_RUNTIME: v = k->runtime; break;
		case FSC_K_BACKEND: v = k->backend; break;
		case FSC_K_RW: v = k->rw; break;
		case FSC_K_REP: v = k->rep; break;
		case FSC_K_CLIENT: v = k->client; break;
		case FSC_K_BS: n = k->bs; break;
		case FSC_K_CLIENTS: n = k->clients; break;
		case FSC_K_IODEPTH: n = k->iodepth; break;
		default: n = k->numjobs; break;
		}
		if (n > 0) {
			snprintf(num, sizeof(num), "%lld", (long long)n);
			v = num;
		}
		if (!v)
			fsc_buf_addf(&b, " %s=?", fsc_key_names[i]);
		else
			fsc_buf_addf(&b, " %s=%s (%s)", fsc_key_names[i], v,
				     fsc_key_src_names[k->src[i]]);
	}
	if (k->labels.len)
		fsc_buf_addf(&b, " labels=%s", k->labels.buf);
	/* paths and labels are untrusted: no control byte reaches the
	 * terminal (as in diagnostics) */
	for (j = 0; j < b.len; j++)
		if ((unsigned char)b.buf[j] < 0x20 || b.buf[j] == 0x7f)
			b.buf[j] = '?';
	printf("%s\n", b.buf);
	fsc_buf_release(&b);
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
			if (!fsc_label_valid(c.val, eq + 1)) {
				*eq = '=';
				cli_bad_value(&c, "invalid value in '%s'", c.val);
				goto out;
			}
			if (fsc_labels_set(&o.sets, c.val, eq + 1) < 0) {
				*eq = '=';
				cli_bad_value(&c, "too many labels");
				goto out;
			}
			*eq = '=';
			break;
		case O_MAXMEM:
			if (strspn(c.val, "0123456789kKmMgGtTiIbB") !=
			    strlen(c.val) || fsc_parse_size(c.val) <= 0) {
				cli_bad_value(&c, "expected a size such as 2g or "
					      "512m, got '%s'", c.val);
				goto out;
			}
			o.max_memory = (uint64_t)fsc_parse_size(c.val);
			break;
		case O_JOBS:
			if (!(o.threads = cli_jobs(&c)))
				goto out;
			break;
		case O_QUIET:
			u.quiet = 1;
			break;
		case O_KEEP:
			o.keep_unmatched = 1;
			break;
		case O_DRY:
			o.dry_run = 1;
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
	o.keys = on_keys;
	/* a dry run opens no store: its bytes cannot change */
	st = o.dry_run ? NULL : cli_open_store(prog, db, 0, &rc);
	if (!st && !o.dry_run)
		goto out;
	if (fsc_ingest(st, c.pos, (size_t)c.npos, &o, &sum, &err) < 0) {
		clear_bar(&u);
		cli_error(prog, &err);
		goto out;
	}
	clear_bar(&u);
	if (o.dry_run)
		cli_msg(prog, "dry run: %zu %s would be ingested (%zu %s), "
			"%zu failed, %zu skipped, %zu did not match the layout; "
			"the store was not opened", sum.ingested,
			plural(sum.ingested, "file", "files"), sum.runs,
			plural(sum.runs, "run", "runs"), sum.failed,
			sum.skipped, sum.unmatched);
	else if (!u.quiet || sum.failed || sum.unmatched)
		cli_msg(prog, "ingested %zu %s, %zu unchanged, %zu failed, "
			"%zu skipped, %zu re-keyed, %zu %s, "
			"%zu did not match the layout; %zu %s added, "
			"%zu %s linked", sum.ingested,
			plural(sum.ingested, "file", "files"), sum.unchanged,
			sum.failed, sum.skipped, sum.rekeyed, sum.duplicates,
			plural(sum.duplicates, "duplicate", "duplicates"),
			sum.unmatched, sum.runs,
			plural(sum.runs, "run", "runs"), sum.logs,
			plural(sum.logs, "log", "logs"));
	rc = sum.failed || sum.unmatched ? 1 : 0;
	if (o.dry_run)
		rc |= cli_close_stdout(prog);
out:
	fsc_store_close(st);
	fsc_labels_free(&o.sets);
	return rc;
}
