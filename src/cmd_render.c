/* cmd_render.c: fioscope render: draw the store's figures through gnuplot
 * (bandwidth, latency, latency distribution, per-run timeline), each as
 * SVG, PNG and optionally PDF beside a self-contained NAME.gp script. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "figure.h"
#include "gnuplot.h"
#include "render_run.h"

static const char usage[] =
"usage: fioscope render [--db FILE] [--out DIR] [--format svg,png,pdf]\n"
"                       [--where KEY=VALUE]... [--size slide|paper|WxH]\n"
"                       [--only KIND,...] [--templates DIR] [--jobs N]\n"
"                       [--colors NAME=#RRGGBB,...] [--colors-file FILE]\n"
"                       [--slo LATENCY]\n"
"                       [--font-scale X] [--theme light|dark] [--transparent]\n"
"                       [--title TEXT] [--subtitle TEXT]\n"
"\n"
"Draw figures from the store: bandwidth and completion latency against\n"
"clients (and block size where swept), the latency distribution of each\n"
"scenario across runtimes, per-client stacked bandwidth and per-run\n"
"timelines.  Each figure NAME is written as NAME.svg, NAME.png (NAME.pdf)\n"
"and NAME.gp, a self-contained gnuplot script that redraws it.\n"
"\n"
"  --db FILE         the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --out DIR         where figures go (default: output), created if needed\n"
"  --format LIST     comma-separated svg, png, pdf (default: svg,png)\n"
"  --where KEY=VALUE only scenarios with this key (runtime, backend, rw,\n"
"                    bs, clients, iodepth, numjobs, ddir or a label);\n"
"                    repeated: a key's values are alternatives, keys combine\n"
"  --only KIND,...   these figure kinds only: bw, iops, lat, cdf, stack,\n"
"                    timeline, tl, bar, grid, observations\n"
"  --templates DIR   gnuplot templates to use first (then\n"
"                    $FIOSCOPE_TEMPLATES, then the installed ones)\n"
"  --jobs N          gnuplot processes (default: one per core)\n"
"  --colors LIST     pin series colours: docker=#0072b2,host=#d55e00\n"
"  --colors-file FILE  pins, one name=#rrggbb a line, '#' comments\n"
"                    (default: the file 'colors' of the templates, if\n"
"                    any); --colors wins over it\n"
"                    (default: the reference runtimes' own, others from\n"
"                    a hash of the name)\n"
"  --slo LATENCY     p99 objective (1ms, 250us, 2s): the throughput-latency\n"
"                    figures mark the highest throughput within it\n"
CLI_KNOB_USAGE CLI_TITLE_USAGE
"  -h, --help        this help\n"
"\n"
"Exit status: 0 success, 1 store, template or gnuplot error, 2 usage error.\n";

struct opts {
	const char *db, *out, *tmpl, *only, *colors, *colors_file;
	double slo_ns;
	unsigned formats;
	int jobs;
	struct fsc_where where;
	struct fsc_knobs knobs;
};

static int parse_formats(const char *s, unsigned *f)
{
	const char *e;
	size_t n;

	*f = 0;
	for (; *s; s = *e ? e + 1 : e) {
		e = strchr(s, ',');
		if (!e)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n == 3 && !strncmp(s, "svg", 3))
			*f |= FSC_FMT_SVG;
		else if (n == 3 && !strncmp(s, "png", 3))
			*f |= FSC_FMT_PNG;
		else if (n == 3 && !strncmp(s, "pdf", 3))
			*f |= FSC_FMT_PDF;
		else
			return -1;
	}
	return *f ? 0 : -1;
}

static int render(const struct opts *o, const char *prog)
{
	struct fsc_render_opts ro = {
		.out = o->out, .tmpl = o->tmpl, .formats = o->formats,
		.knobs = o->knobs, .jobs = o->jobs,
		.where = &o->where, .only = o->only,
		.colors = o->colors, .slo_ns = o->slo_ns,
	};
	struct fsc_store *st;
	struct fsc_render r;
	struct fsc_err err = { "", "", 0 };
	struct fsc_buf msgs = FSC_BUF_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	st = cli_open_store(prog, o->db, 1, &rc);
	if (!st)
		return rc;
	if ((rc = cli_where_check(prog, "render", &o->where, st))) {
		fsc_store_close(st);
		return rc;
	}
	rc = fsc_render_run(st, &ro, &r, &msgs, &err);
	cli_relay(prog, "gnuplot", &msgs);
	if (rc < 0) {
		cli_error(prog, &err);
		rc = 1;
	} else if (!r.nfigs) {
		if (o->only)
			cli_msg(prog, "%s: no figure of --only %s to draw",
				cli_db(o->db), o->only);
		else
			cli_msg(prog, "%s: no scenario to draw%s",
				cli_db(o->db),
				o->where.n ? " matches --where" : "");
		rc = 1;
	} else if (rc == FSC_RENDER_FAILED) {
		size_t i, nf = 0;

		for (i = 0; i < r.nfigs; i++)
			if (r.figs[i].error && !nf++)
				cli_msg(prog, "%s", r.figs[i].error);
		cli_msg(prog, "%zu of %zu figures not drawn in %s", nf,
			r.nfigs, o->out);
		rc = 1;
	} else if (rc == FSC_RENDER_NO_GNUPLOT) {
		cli_msg(prog, "gnuplot not found (Debian package gnuplot-nox); "
			"the %zu .gp scripts are in %s", r.nfigs, o->out);
		rc = 1;
	} else {
		cli_msg(prog, "drew %zu figure%s in %s", r.nfigs,
			r.nfigs == 1 ? "" : "s", o->out);
		rc = 0;
	}
	fsc_buf_release(&msgs);
	fsc_render_free(&r);
	fsc_store_close(st);
	return rc;
}

enum { O_DB = 1, O_OUT, O_FORMAT, O_WHERE, O_TEMPLATES, O_JOBS,
       O_ONLY, O_COLORS, O_COLORS_FILE, O_SLO };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "out", 0, 1, O_OUT },
	{ "format", 0, 1, O_FORMAT },
	{ "where", 0, 1, O_WHERE },
	{ "templates", 0, 1, O_TEMPLATES },
	{ "jobs", 0, 1, O_JOBS },
	{ "only", 0, 1, O_ONLY },
	{ "colors", 0, 1, O_COLORS },
	{ "colors-file", 0, 1, O_COLORS_FILE },
	{ "slo", 0, 1, O_SLO },
	CLI_KNOB_OPTS,
	CLI_TITLE_OPTS,
	{ NULL, 0, 0, 0 },
};

int cmd_render(int argc, char **argv, const char *prog)
{
	struct opts o = { .out = "output",
			  .formats = FSC_FMT_SVG | FSC_FMT_PNG,
			  .where = FSC_WHERE_INIT, .knobs = FSC_KNOBS_INIT };
	struct cli c;
	char *pins = NULL;
	int id, rc = FSC_EXIT_USAGE;

	cli_init(&c, prog, "render", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB: o.db = c.val; break;
		case O_OUT: o.out = c.val; break;
		case O_TEMPLATES: o.tmpl = c.val; break;
		case O_FORMAT:
			if (parse_formats(c.val, &o.formats) < 0) {
				cli_bad_value(&c, "expected a list of svg, png, "
					      "pdf, not '%s'", c.val);
				goto out;
			}
			break;
		case O_JOBS:
			if (!(o.jobs = cli_jobs(&c)))
				goto out;
			break;
		case O_ONLY:
			if (!(o.only = cli_only(&c)))
				goto out;
			break;
		case O_WHERE:
			if (cli_where_add(&c, &o.where))
				goto out;
			break;
		case O_COLORS:
			if (cli_colors(&c))
				goto out;
			o.colors = c.val;
			break;
		case O_COLORS_FILE: o.colors_file = c.val; break;
		case O_SLO:
			if (cli_slo(&c, &o.slo_ns))
				goto out;
			break;
		default:
			if (cli_knob(&c, id, &o.knobs) > 0)
				goto out;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, 0)) < 0 && !*o.out)
		rc = cli_usage(prog, "render", "--out: empty directory name");
	else if (rc < 0 && !(rc = cli_colors_gather(prog, o.tmpl,
			o.colors_file, o.colors, &pins))) {
		o.colors = pins;
		rc = render(&o, prog);
	}
out:
	free(pins);
	fsc_where_free(&o.where);
	return rc;
}
