/* cmd_observe.c: fioscope observe: compare runtimes against a baseline
 * runtime, scenario by scenario, and print the table and the findings in
 * one of the text formats, or draw the table as PNG, SVG or PDF. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "observe.h"

static const char usage[] =
"usage: fioscope observe [--db FILE] [--baseline RUNTIME]\n"
"                        [--metric bw|iops|p50|p99|p9999]\n"
"                        [--format text|md|csv|json|html|svg|png|pdf]\n"
"                        [--out FILE] [--where KEY=VALUE]... [--close PCT]\n"
"                        [--min-overlap FRACTION] [--title TEXT]\n"
"\n"
"Compare every runtime with the baseline runtime: one row per scenario\n"
"(backend, bs, rw, clients; the direction too for mixed patterns), one\n"
"column per runtime, each cell the value and its ratio to the baseline,\n"
"then findings by pattern and by runtime.  With repetitions on both sides\n"
"a difference is claimed only where the 95% confidence interval of the\n"
"ratio (Fieller, Welch degrees of freedom) excludes 1; otherwise (single\n"
"runs) a ratio within the --close threshold is \"close to\", beyond it a\n"
"difference, and the text says it is a single run.  Latency: lower is\n"
"better; the ratio stays latency / baseline latency, and the words are\n"
"\"faster\" and \"slower\".\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --baseline RUNTIME   the runtime compared against (default: bare-metal)\n"
"  --metric M           bw (default), iops, p50, p99 or p9999 (completion\n"
"                       latency percentiles)\n"
"  --format F           text (default), md, csv, json, html, or an image:\n"
"                       svg, png, pdf (default from --out's extension)\n"
"  --out FILE           write there instead of standard output; images\n"
"                       default to output/observations.FORMAT\n"
"  --where KEY=VALUE    keep scenarios with KEY=VALUE; KEY is runtime,\n"
"                       backend, rw, bs, clients, iodepth, numjobs or ddir;\n"
"                       repeated keys match any of their values (the\n"
"                       baseline is kept whatever runtime=)\n"
"  --close PCT          \"close to\" within +-PCT percent (default 5)\n"
"  --min-overlap F      flag scenarios whose clients overlapped less\n"
"                       (0..1, default 0.9)\n"
"  --title TEXT         the image's title\n"
"  -h, --help           this help\n"
"\n"
"Colour on a terminal only.  Exit status: 0 done, 1 no store, no baseline\n"
"or an output error, 2 usage error.\n";

static const char *const fmts[] = { "text", "md", "csv", "json", "html",
				    "svg", "png", "pdf" };
static const char *const metrics[] = { "bw", "iops", "p50", "p99",
				       "p9999" };

static int lookup(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* The format named by a file's extension ("txt" is text), or -1. */
static int format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcmp(dot + 1, "txt"))
		return FSC_OBS_TEXT;
	if (!strcmp(dot + 1, "htm"))
		return FSC_OBS_HTML;
	return lookup(fmts, 8, dot + 1);
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return !*s || *end || errno || !(*out >= lo && *out <= hi) ? -1 : 0;
}

static int write_file(const char *prog, const char *path,
		      const struct fsc_buf *b)
{
	struct fsc_err err;

	if (fsc_out_buf(path, b, &err) < 0) {
		cli_error(prog, &err);
		return 1;
	}
	return 0;
}

static int use_colour(void)
{
	const char *term = getenv("TERM");

	return isatty(1) && !getenv("NO_COLOR") && term && strcmp(term, "dumb");
}

int cmd_observe(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "metric", required_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "where", required_argument, NULL, 'w' },
		{ "close", required_argument, NULL, 'c' },
		{ "min-overlap", required_argument, NULL, 'v' },
		{ "title", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsc_obs_opts o;
	struct fsc_buf out = FSC_BUF_INIT, path = FSC_BUF_INIT;
	struct fsc_store *st = NULL;
	struct fsc_obs *obs = NULL;
	struct fsc_err err;
	const char *db = NULL, *file = NULL, *title = NULL;
	int c, fmt = -1, rc = 1, k;
	double pct = 5;

	memset(&o, 0, sizeof(o));
	for (k = 0; k < FSC_OBS_K_NR; k++)
		o.where[k] = (struct fsc_buf)FSC_BUF_INIT;
	o.baseline = "bare-metal";
	o.min_overlap = 0.9;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'b':
			o.baseline = optarg;
			break;
		case 'm':
			if ((k = lookup(metrics, 5, optarg)) < 0) {
				rc = cli_usage(prog, "observe", "--metric: expected"
					       " bw, iops, p50, p99 or p9999, got"
					       " '%s'", optarg);
				goto out;
			}
			o.metric = (enum fsc_obs_metric)k;
			break;
		case 'f':
			if ((fmt = lookup(fmts, 8, optarg)) < 0) {
				rc = cli_usage(prog, "observe", "--format: expected"
					       " text, md, csv, json, html, svg,"
					       " png or pdf, got '%s'", optarg);
				goto out;
			}
			break;
		case 'o':
			file = optarg;
			break;
		case 'w':
			if (fsc_obs_where_add(&o, optarg, &err) < 0) {
				rc = cli_usage(prog, "observe", "%s", err.msg);
				goto out;
			}
			break;
		case 'c':
			if (parse_num(optarg, 0, 99, &pct) < 0) {
				rc = cli_usage(prog, "observe", "--close: expected"
					       " a percentage from 0 to 99, got"
					       " '%s'", optarg);
				goto out;
			}
			break;
		case 'v':
			if (parse_num(optarg, 0, 1, &o.min_overlap) < 0) {
				rc = cli_usage(prog, "observe", "--min-overlap:"
					       " expected a number from 0 to 1,"
					       " got '%s'", optarg);
				goto out;
			}
			break;
		case 't':
			title = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			rc = cli_close_stdout(prog);
			goto out;
		default:
			rc = cli_usage(prog, "observe", "unknown option");
			goto out;
		}
	}
	if (optind != argc) {
		rc = cli_usage(prog, "observe", "unexpected argument '%s'",
			       argv[optind]);
		goto out;
	}
	if (fmt < 0)
		fmt = file && format_of(file) >= 0 ? format_of(file) :
		      FSC_OBS_TEXT;
	o.close = pct / 100;
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		goto out;
	if (!(obs = fsc_obs_new(st, &o, &err))) {
		cli_error(prog, &err);
		rc = 1;
		goto out;
	}
	if (fmt >= FSC_OBS_SVG) {
		if (!file) {
			/* the default place for figures */
			if (mkdir("output", 0777) < 0 && errno != EEXIST) {
				cli_msg(prog, "output: cannot create: %s",
					strerror(errno));
				goto out;
			}
			fsc_buf_addf(&path, "output/observations.%s", fmts[fmt]);
			file = path.buf;
		}
		rc = fsc_obs_render(obs, (enum fsc_obs_format)fmt, title, file,
				    &err) < 0;
		fsc_obs_render_cleanup();
		if (rc)
			cli_error(prog, &err);
		goto out;
	}
	fsc_obs_write(obs, (enum fsc_obs_format)fmt, !file && use_colour(),
		      &out, &err);
	if (file) {
		rc = write_file(prog, file, &out);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
		rc = cli_close_stdout(prog);
	}
out:
	fsc_obs_free(obs);
	fsc_store_close(st);
	fsc_obs_opts_release(&o);
	fsc_buf_release(&out);
	fsc_buf_release(&path);
	return rc;
}
