/* cmd_ingest.c: fioscope ingest (fioscope-ingest): parse a results tree
 * into the store, then refresh the statistics of the scenarios it touched. */
#include <getopt.h>
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
"  --quiet              no notes or progress bar\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 all files ingested or unchanged, 1 a file or path failed\n"
"or did not match the layout, 2 usage error.\n";

struct ui {
	const char *prog;
	int quiet, tty;
	struct timespec last;
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

static void on_progress(void *ctx, size_t done, size_t total)
{
	struct ui *u = ctx;
	struct timespec now;
	int i, w = 30, fill;

	if (!u->tty || u->quiet || total < 200)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done < total && (now.tv_sec - u->last.tv_sec) * 1000000000L +
	    (now.tv_nsec - u->last.tv_nsec) < 100000000L)
		return;
	u->last = now;
	fill = (int)((double)done / (double)total * w);
	fputs("\r[", stderr);
	for (i = 0; i < w; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %zu/%zu files", done, total);
	u->drawn = 1;
	if (done == total)
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
		if (!v && (i == FSC_K_RW || i == FSC_K_BS ||
			   i == FSC_K_IODEPTH || i == FSC_K_NUMJOBS))
			/* fio ran with its default, which fioscope does not
			 * assume: the key stays unknown */
			fsc_buf_addf(&b, " %s=? (fio default %s, not assumed)",
				     fsc_key_names[i], i == FSC_K_RW ? "read" :
				     i == FSC_K_BS ? "4096" : "1");
		else if (!v)
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

int cmd_ingest(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "layout", required_argument, NULL, 'l' },
		{ "set", required_argument, NULL, 's' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "max-memory", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "keep-unmatched", no_argument, NULL, 'k' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsc_ingest_opts o = { 0 };
	struct fsc_ingest_summary sum;
	struct ui u = { .prog = prog };
	struct fsc_store *st = NULL;
	struct fsc_err err;
	const char *db = NULL;
	int c, rc = 1;

	o.sets.n = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		char *eq;

		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			if (fsc_layout_check(optarg, &err) < 0) {
				fsc_labels_free(&o.sets);
				return cli_usage(prog, "ingest", "%s", err.msg);
			}
			o.layout = optarg;
			break;
		case 's':
			eq = strchr(optarg, '=');
			if (!eq || eq == optarg) {
				fsc_labels_free(&o.sets);
				return cli_usage(prog, "ingest",
					"--set: expected KEY=VALUE, got '%s'", optarg);
			}
			*eq = '\0';
			if (!fsc_label_valid(optarg, eq + 1)) {
				*eq = '=';
				fsc_labels_free(&o.sets);
				return cli_usage(prog, "ingest",
					"--set: invalid value in '%s'", optarg);
			}
			if (fsc_labels_set(&o.sets, optarg, eq + 1) < 0) {
				fsc_labels_free(&o.sets);
				return cli_usage(prog, "ingest",
					"--set: too many labels");
			}
			*eq = '=';
			break;
		case 'm':
			if (strspn(optarg, "0123456789kKmMgGtTiIbB") !=
			    strlen(optarg) || fsc_parse_size(optarg) <= 0) {
				fsc_labels_free(&o.sets);
				return cli_usage(prog, "ingest", "--max-memory: "
					"expected a size such as 2g or 512m, got '%s'",
					optarg);
			}
			o.max_memory = (uint64_t)fsc_parse_size(optarg);
			break;
		case 'j':
			if (!(o.threads = cli_jobs(prog, "ingest", optarg))) {
				fsc_labels_free(&o.sets);
				return EXIT_USAGE;
			}
			break;
		case 'q':
			u.quiet = 1;
			break;
		case 'k':
			o.keep_unmatched = 1;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			fsc_labels_free(&o.sets);
			return cli_close_stdout(prog);
		default:
			fsc_labels_free(&o.sets);
			return cli_usage(prog, "ingest", "unknown option");
		}
	}
	if (optind >= argc) {
		fsc_labels_free(&o.sets);
		return cli_usage(prog, "ingest", "no PATH to ingest");
	}
	u.tty = isatty(2);
	o.report = on_report;
	o.progress = on_progress;
	o.ctx = &u;
	o.keys = on_keys;
	/* a dry run opens no store: its bytes cannot change */
	st = o.dry_run ? NULL : cli_open_store(prog, db, 0, &rc);
	if (!st && !o.dry_run)
		goto out;
	if (fsc_ingest(st, argv + optind, (size_t)(argc - optind), &o, &sum,
		       &err) < 0) {
		clear_bar(&u);
		cli_error(prog, &err);
		goto out;
	}
	clear_bar(&u);
	if (o.dry_run)
		cli_msg(prog, "dry run: %zu files would be ingested (%zu runs), "
			"%zu failed, %zu skipped, %zu did not match the layout; "
			"the store was not opened", sum.ingested, sum.runs,
			sum.failed, sum.skipped, sum.unmatched);
	else if (!u.quiet || sum.failed || sum.unmatched)
		cli_msg(prog, "ingested %zu files, %zu unchanged, %zu failed, "
			"%zu skipped, %zu re-keyed, %zu duplicates, "
			"%zu did not match the layout; %zu runs added, "
			"%zu logs linked", sum.ingested, sum.unchanged,
			sum.failed, sum.skipped, sum.rekeyed, sum.duplicates,
			sum.unmatched, sum.runs, sum.logs);
	rc = sum.failed || sum.unmatched ? 1 : 0;
	if (o.dry_run)
		rc |= cli_close_stdout(prog);
out:
	fsc_store_close(st);
	fsc_labels_free(&o.sets);
	return rc;
}
