/* cmd_report.c: fioscope report: every figure, the observations and the
 * coverage of the store as one self-contained HTML page, OUT/index.html. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report.h"

static const char usage[] =
"usage: fioscope report [--db FILE] [--out DIR] [--baseline RUNTIME]\n"
"                       [--templates DIR] [--jobs N]\n"
"\n"
"Write a self-contained HTML report into DIR/index.html: the scenario\n"
"coverage matrix, the observations (bandwidth and p99 latency against the\n"
"baseline runtime, with findings), every figure of 'fioscope render'\n"
"(SVG, PNG and .gp beside the page) and the provenance of every scenario.\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --out DIR            where the report goes (default: output)\n"
"  --baseline RUNTIME   the runtime compared against (default: bare-metal)\n"
"  --templates DIR      templates to use first (report.html, *.gp)\n"
"  --jobs N             gnuplot processes (default: one per core)\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 store, template or gnuplot error, 2 usage error.\n";

int cmd_report(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "templates", required_argument, NULL, 't' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsc_report_opts ro = { .out = "output", .baseline = "bare-metal" };
	struct fsc_report_result res;
	struct fsc_buf msgs = FSC_BUF_INIT;
	struct fsc_store *st;
	struct fsc_err err = { "", "" };
	const char *db = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'o': ro.out = optarg; break;
		case 'b': ro.baseline = optarg; break;
		case 't': ro.tmpl = optarg; break;
		case 'j':
			if (!(ro.jobs = cli_jobs(prog, "report", optarg)))
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(usage, stdout);
			return cli_close_stdout(prog);
		default:
			return cli_usage(prog, "report", "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(prog, "report", "unexpected argument '%s'",
				 argv[optind]);
	if (!*ro.out)
		return cli_usage(prog, "report", "--out: empty directory name");
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	rc = fsc_report(st, &ro, &res, &msgs, &err);
	cli_relay(prog, "gnuplot", &msgs);
	fsc_buf_release(&msgs);
	fsc_store_close(st);
	if (rc < 0) {
		/* the first file that could not be written comes first */
		if (res.failed)
			cli_msg(prog, "%s", res.first_error);
		cli_error(prog, &err);
		return 1;
	}
	if (res.no_gnuplot) {
		cli_msg(prog, "gnuplot not found (Debian package gnuplot-nox); "
			"the report's figures are only .gp scripts in %s", ro.out);
		return 1;
	}
	if (res.failed) {
		cli_msg(prog, "%s", res.first_error);
		cli_msg(prog, "wrote %s/index.html: %zu of %zu figures and "
			"images failed (listed in the page)", ro.out,
			res.failed, res.figures);
		return 1;
	}
	cli_msg(prog, "wrote %s/index.html: %zu figures, %d scenarios present, %d missing",
		ro.out, res.figures, res.cov.present, res.cov.missing);
	return 0;
}
