/* cmd_report.c: fioscope report: every figure, the observations and the
 * coverage of the store as one self-contained HTML page, OUT/index.html. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report.h"

static const char usage[] =
"usage: fioscope report [--db FILE] [--out DIR] [--baseline [KEY=]VALUE]\n"
"                       [--where KEY=VALUE]... [--only KIND,...]\n"
"                       [--templates DIR] [--jobs N]\n"
"                       [--colors NAME=#RRGGBB,...] [--colors-file FILE]\n"
"                       [--slo LATENCY]\n"
"                       [--size slide|paper|WxH] [--font-scale X]\n"
"                       [--theme light|dark] [--transparent]\n"
"\n"
"Write a self-contained HTML report into DIR/index.html: the scenario\n"
"coverage matrix, the observations (bandwidth and p99 latency against the\n"
"baseline, with findings and scaling), every figure of 'fioscope render'\n"
"(SVG, PNG and .gp beside the page) and the provenance of every scenario.\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --out DIR            where the report goes (default: output)\n"
"  --baseline KEY=VALUE compare the values of KEY with VALUE (runtime=runc,\n"
"                       backend=local, fs=xfs); a bare VALUE is a runtime;\n"
"                       default: runtime=bare-metal when present, else the\n"
"                       first value of the one compared key that varies\n"
"  --where KEY=VALUE    figures and observations of the scenarios whose KEY\n"
"                       is VALUE only: runtime, backend, rw, bs, clients,\n"
"                       iodepth, numjobs, ddir or a label; repeated: a key's\n"
"                       values are alternatives, keys combine\n"
"  --only KIND,...      these figure kinds only: bw, iops, lat, cdf, stack,\n"
"                       timeline, tl, bar, grid, observations (the tables)\n"
"  --templates DIR      templates to use first (report.html, *.gp)\n"
"  --jobs N             gnuplot processes (default: one per core)\n"
"  --colors LIST        pin series colours: docker=#0072b2,host=#d55e00\n"
"  --colors-file FILE   pins, one name=#rrggbb a line, '#' comments\n"
"                       (default: the file 'colors' of the templates, if\n"
"                       any); --colors wins over it\n"
"  --slo LATENCY        p99 objective (1ms, 250us, 2s): the highest\n"
"                       throughput within it, in the throughput-latency\n"
"                       figures and the observations\n"
CLI_KNOB_USAGE
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 store, template or gnuplot error, 2 usage error.\n";

enum { O_DB = 1, O_OUT, O_BASELINE, O_WHERE, O_TEMPLATES, O_JOBS, O_ONLY,
       O_COLORS, O_COLORS_FILE, O_SLO };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "out", 0, 1, O_OUT },
	{ "baseline", 0, 1, O_BASELINE },
	{ "where", 0, 1, O_WHERE },
	{ "templates", 0, 1, O_TEMPLATES },
	{ "jobs", 0, 1, O_JOBS },
	{ "only", 0, 1, O_ONLY },
	{ "colors", 0, 1, O_COLORS },
	{ "colors-file", 0, 1, O_COLORS_FILE },
	{ "slo", 0, 1, O_SLO },
	CLI_KNOB_OPTS,
	{ NULL, 0, 0, 0 },
};

static int report(struct fsc_report_opts *ro, const char *db,
		  const char *prog)
{
	struct fsc_report_result res;
	struct fsc_buf msgs = FSC_BUF_INIT;
	struct fsc_store *st;
	struct fsc_err err = { "", "", 0 };
	int rc;

	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	if ((rc = cli_where_check(prog, "report", ro->where, st))) {
		fsc_store_close(st);
		return rc;
	}
	rc = fsc_report(st, ro, &res, &msgs, &err);
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
			"the report's figures are only .gp scripts in %s", ro->out);
		return 1;
	}
	if (res.failed) {
		cli_msg(prog, "%s", res.first_error);
		cli_msg(prog, "wrote %s/index.html: %zu of %zu figure%s and "
			"images failed (listed in the page)", ro->out,
			res.failed, res.figures, res.figures == 1 ? "" : "s");
		return 1;
	}
	cli_msg(prog, "wrote %s/index.html: %zu figure%s, %d scenario%s "
		"present, %d missing", ro->out, res.figures,
		res.figures == 1 ? "" : "s", res.cov.present,
		res.cov.present == 1 ? "" : "s", res.cov.missing);
	return 0;
}

int cmd_report(int argc, char **argv, const char *prog)
{
	struct fsc_report_opts ro = { .out = "output",
				      .knobs = FSC_KNOBS_INIT };
	struct fsc_where where = FSC_WHERE_INIT;
	struct cli c;
	const char *db = NULL, *colors_file = NULL;
	char *pins = NULL;
	int id, rc = FSC_EXIT_USAGE;

	ro.where = &where;
	cli_init(&c, prog, "report", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB: db = c.val; break;
		case O_OUT: ro.out = c.val; break;
		case O_BASELINE: ro.baseline = c.val; break;
		case O_TEMPLATES: ro.tmpl = c.val; break;
		case O_JOBS:
			if (!(ro.jobs = cli_jobs(&c)))
				goto out;
			break;
		case O_ONLY:
			if (!(ro.only = cli_only(&c)))
				goto out;
			break;
		case O_WHERE:
			if (cli_where_add(&c, &where))
				goto out;
			break;
		case O_COLORS:
			if (cli_colors(&c))
				goto out;
			ro.colors = c.val;
			break;
		case O_COLORS_FILE: colors_file = c.val; break;
		case O_SLO:
			if (cli_slo(&c, &ro.slo_ns))
				goto out;
			break;
		default:
			if (cli_knob(&c, id, &ro.knobs) > 0)
				goto out;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, 0)) < 0 && !*ro.out)
		rc = cli_usage(prog, "report", "--out: empty directory name");
	else if (rc < 0 && !(rc = cli_colors_gather(prog, ro.tmpl,
			colors_file, ro.colors, &pins))) {
		ro.colors = pins;
		rc = report(&ro, db, prog);
	}
out:
	free(pins);
	fsc_where_free(&where);
	return rc;
}
