/* cmd_observe.c: fioscope observe: compare runtimes against a baseline
 * runtime, scenario by scenario, and print the table and the findings in
 * one of the text formats, or draw the table as PNG, SVG or PDF. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "observe.h"
#include "observe_gate.h"
#include "key.h"

static const char usage[] =
"usage: fioscope observe [--db FILE] [--baseline [KEY=]VALUE]\n"
"                        [--metric bw|iops|p50|p99|p9999|cpu]\n"
"                        [--format text|md|csv|json|html|svg|png|pdf]\n"
"                        [--out FILE] [--where KEY=VALUE]... [--close PCT]\n"
"                        [--min-overlap FRACTION] [--title TEXT]\n"
"                        [--size slide|paper|WxH] [--color auto|always|never]\n"
"                        [--noisy PCT] [--noisy-latency PCT] [--fdr Q]\n"
"                        [--cpu-starved PCT] [--node-memory SIZE]\n"
"                        [--rerun] [--gate RULES] [--gate-file FILE]\n"
"                        [--against OTHER.db] [--junit FILE] [--strict]\n"
"                        [--font-scale X] [--theme light|dark] [--transparent]\n"
"\n"
"Compare the values of one key (runtime, backend, a label...) with a\n"
"baseline value: one row per scenario (the other keys that vary; the\n"
"direction too for mixed patterns), one column per value, each cell the\n"
"value and its ratio to the baseline, then findings by pattern and by\n"
"value, and scaling findings for every swept numeric key (bs, clients,\n"
"iodepth, numjobs: lowest to highest value, efficiency, saturation).  With repetitions on both sides\n"
"a difference is claimed only where the 95% confidence interval of the\n"
"ratio (Fieller, Welch degrees of freedom) excludes 1; otherwise (single\n"
"runs) a ratio within the --close threshold is \"close to\", beyond it a\n"
"difference, and the text says it is a single run.  Latency: lower is\n"
"better; the ratio stays latency / baseline latency, and the words are\n"
"\"faster\" and \"slower\".\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --baseline KEY=VALUE compare the values of KEY with VALUE (runtime=runc,\n"
"                       backend=local, fs=xfs); a bare VALUE is a runtime;\n"
"                       default: runtime=bare-metal when present, else the\n"
"                       first value (in order) of the one categorical key\n"
"                       that varies, said in the output; else no table,\n"
"                       and a hint naming the keys\n"
"  --metric M           bw (default), iops, p50, p99 or p9999 (completion\n"
"                       latency percentiles), or cpu: CPU seconds (fio's\n"
"                       usr_cpu + sys_cpu over the runtime, all clients)\n"
"                       per GiB moved, and per 1,000 I/Os beside it\n"
"  --format F           text (default), md, csv, json, html, or an image:\n"
"                       svg, png, pdf (default from --out's extension)\n"
"  --out FILE           write there instead of standard output; images\n"
"                       default to output/observations.FORMAT; an\n"
"                       extension names the format (.txt, .md, .csv,\n"
"                       .json, .html, .svg, .png, .pdf; another one is a\n"
"                       usage error unless --format is given)\n"
"  --where KEY=VALUE    only scenarios whose KEY is VALUE: runtime, backend,\n"
"                       rw, bs, clients, iodepth, numjobs, ddir or a label;\n"
"                       repeated: a key's values are alternatives, keys\n"
"                       combine (the baseline is kept whatever runtime=)\n"
"  --close PCT          \"close to\" within +-PCT percent (default 5)\n"
"  --min-overlap F      flag scenarios whose clients overlapped less\n"
"                       (0..1, default 0.9)\n"
"  --title TEXT         the image's title\n"
"  --size SIZE          the image's canvas, every slide: slide (1920x1080,\n"
"                       default), paper (1200x800) or WxH\n"
"  --font-scale X       the image's text size, 0.5 to 2 (default 1)\n"
"  --theme T            the image's colours: light (default) or dark\n"
"  --transparent        the image without background (PNG with alpha)\n"
"  --color WHEN         colour the text table: auto (default: on a terminal\n"
"                       unless NO_COLOR is set and not empty), always, never\n"
"  --noisy PCT          \"too noisy\" when the coefficient of variation\n"
"                       across repetitions (N-1) of a cell or of its\n"
"                       baseline is above PCT percent: bandwidth and IOPS\n"
"                       (default 5); the verdict outranks the others\n"
"  --noisy-latency PCT  the same for latency and CPU cost (default 10)\n"
"  --cpu-starved PCT    a client whose fio --idle-prof system idleness is\n"
"                       under PCT percent was CPU-starved: a plausibility\n"
"                       caveat (default 40, Longhorn kbench's rule)\n"
"  --node-memory SIZE   a node's memory (e.g. 64g): buffered runs whose\n"
"                       data set (fio's size x numjobs) fits in it get a\n"
"                       plausibility caveat (page cache); default: none\n"
"  --fdr Q              Benjamini-Hochberg at false discovery rate Q (0..1)\n"
"                       over the cells decided by a confidence interval;\n"
"                       the differences it does not keep become \"close\n"
"                       to\" or \"inconclusive\" (default: off)\n"
"  --rerun              print only the scenarios too noisy to conclude\n"
"                       anything from, one per line as KEY=VALUE words\n"
"                       (values shell-quoted when needed)\n"
"  --strict             refuse to compare cells whose runs' fio job options\n"
"                       differ from their baseline's beyond the compared\n"
"                       key and the scenario's keys (without it: footnotes\n"
"                       name the options and both values)\n"
"  --gate RULES         check tolerances instead of printing the table:\n"
"                       METRIC>=SIGNED% or METRIC<=SIGNED% (bw, iops, p50,\n"
"                       p99, p9999), e.g. 'bw>=-5% p99<=+10%': each ratio\n"
"                       to the baseline (or to --against) must hold; it\n"
"                       fails only beyond the 95% confidence interval\n"
"                       (single runs: the ratio); repeatable\n"
"  --gate-file FILE     the same rules from a file (blanks, commas or\n"
"                       newlines between rules, '#' comments)\n"
"  --against OTHER.db   gate each cell against the same cell (scenario and\n"
"                       compared value) of another store, e.g. an earlier\n"
"                       campaign\n"
"  --junit FILE         also write the gate's checks as JUnit XML\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 done, 1 no store, no baseline\n"
"or an output error, 2 usage error.  With --gate: 0 every rule holds, 1 a\n"
"rule fails beyond the confidence interval (or an error), 3 no failure\n"
"but some cells too noisy to decide.\n";

static const char *const fmts[] = { "text", "md", "csv", "json", "html",
				    "svg", "png", "pdf" };
static const char *const metrics[] = { "bw", "iops", "p50", "p99",
				       "p9999", "cpu" };

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

enum { O_DB = 1, O_BASELINE, O_METRIC, O_FORMAT, O_OUT, O_WHERE, O_CLOSE,
       O_MIN_OVERLAP, O_COLOR, O_NOISY, O_NOISY_LAT, O_FDR,
       O_CPU_STARVED, O_NODE_MEM,
       O_RERUN, O_GATE, O_GATE_FILE, O_AGAINST, O_JUNIT, O_STRICT };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "baseline", 0, 1, O_BASELINE },
	{ "metric", 0, 1, O_METRIC },
	{ "format", 0, 1, O_FORMAT },
	{ "out", 0, 1, O_OUT },
	{ "where", 0, 1, O_WHERE },
	{ "close", 0, 1, O_CLOSE },
	{ "min-overlap", 0, 1, O_MIN_OVERLAP },
	{ "title", 0, 1, CLI_K_TITLE },
	{ "color", 0, 1, O_COLOR },
	{ "noisy", 0, 1, O_NOISY },
	{ "noisy-latency", 0, 1, O_NOISY_LAT },
	{ "fdr", 0, 1, O_FDR },
	{ "cpu-starved", 0, 1, O_CPU_STARVED },
	{ "node-memory", 0, 1, O_NODE_MEM },
	{ "rerun", 0, 0, O_RERUN },
	{ "gate", 0, 1, O_GATE },
	{ "gate-file", 0, 1, O_GATE_FILE },
	{ "against", 0, 1, O_AGAINST },
	{ "junit", 0, 1, O_JUNIT },
	{ "strict", 0, 0, O_STRICT },
	CLI_KNOB_OPTS,
	{ NULL, 0, 0, 0 },
};

/* The rules file's text into b: 0, or 1 after the message. */
static int read_rules(const char *prog, const char *path, struct fsc_buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f) {
		cli_msg(prog, "%s: cannot read: %s", path, strerror(errno));
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b->len < 65536)
		fsc_buf_add(b, chunk, n);
	if (ferror(f) || b->len >= 65536) {
		cli_msg(prog, "%s: %s", path, ferror(f) ? "read error" :
			"too long for a rules file");
		fclose(f);
		return 1;
	}
	fclose(f);
	fsc_buf_adds(b, "\n");
	return 0;
}

/* #20: --gate: the checks, their output, the exit status. */
static int gate(const char *prog, struct fsc_gate *g, struct fsc_store *st,
		const char *against, const struct fsc_obs_opts *o, int fmt,
		const char *file, const char *junit)
{
	struct fsc_store *other = NULL;
	struct fsc_buf out = FSC_BUF_INIT, x = FSC_BUF_INIT;
	struct fsc_err err;
	int rc = 1;

	if (against && !(other = cli_open_store(prog, against, 1, &rc)))
		return rc;
	if (fsc_gate_run(g, st, other, o, &err) < 0) {
		cli_error(prog, &err);
		goto out;
	}
	if (fmt == FSC_OBS_JSON)
		fsc_gate_json(g, &out);
	else
		fsc_gate_text(g, &out);
	if (junit) {
		fsc_gate_junit(g, &x);
		if (write_file(prog, junit, &x))
			goto out;
	}
	if (file) {
		if (write_file(prog, file, &out))
			goto out;
	} else {
		fwrite(out.buf, 1, out.len, stdout);
		if (cli_close_stdout(prog))
			goto out;
	}
	rc = fsc_gate_exit(g);
out:
	fsc_store_close(other);
	fsc_buf_release(&out);
	fsc_buf_release(&x);
	return rc;
}

int cmd_observe(int argc, char **argv, const char *prog)
{
	struct fsc_gate g;
	struct fsc_buf rules = FSC_BUF_INIT;
	const char *against = NULL, *junit = NULL;
	struct fsc_obs_opts o;
	struct fsc_where where = FSC_WHERE_INIT;
	struct fsc_buf out = FSC_BUF_INIT, path = FSC_BUF_INIT;
	struct fsc_store *st = NULL;
	struct fsc_obs *obs = NULL;
	struct fsc_err err;
	struct cli c;
	const char *db = NULL, *file = NULL;
	struct fsc_knobs knobs = FSC_KNOBS_INIT;
	int id, fmt = -1, rc = FSC_EXIT_USAGE, k, colour = CLI_COLOR_AUTO;
	int rerun = 0, strict = 0;
	double pct = 100 * FSC_CLOSE_BAND;

	fsc_obs_opts_init(&o, FSC_OBS_BW, NULL, &where);
	memset(&g, 0, sizeof(g));
	cli_init(&c, prog, "observe", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB:
			db = c.val;
			break;
		case O_BASELINE:
			o.baseline = c.val;
			break;
		case O_METRIC:
			if ((k = lookup(metrics, 6, c.val)) < 0) {
				cli_bad_value(&c, "expected bw, iops, p50, p99, "
					      "p9999 or cpu, got '%s'", c.val);
				goto out;
			}
			o.metric = (enum fsc_obs_metric)k;
			break;
		case O_FORMAT:
			if ((fmt = lookup(fmts, 8, c.val)) < 0) {
				cli_bad_value(&c, "expected text, md, csv, json, "
					      "html, svg, png or pdf, got '%s'",
					      c.val);
				goto out;
			}
			break;
		case O_OUT:
			file = c.val;
			break;
		case O_WHERE:
			if (cli_where_add(&c, &where))
				goto out;
			break;
		case O_CLOSE:
			if (parse_num(c.val, 0, 99, &pct) < 0) {
				cli_bad_value(&c, "expected a percentage from 0 "
					      "to 99, got '%s'", c.val);
				goto out;
			}
			break;
		case O_MIN_OVERLAP:
			if (parse_num(c.val, 0, 1, &o.min_overlap) < 0) {
				cli_bad_value(&c, "expected a number from 0 to "
					      "1, got '%s'", c.val);
				goto out;
			}
			break;
		case O_NOISY:
		case O_NOISY_LAT:
			if (parse_num(c.val, 0.01, 1000, id == O_NOISY ?
				      &o.noisy_tput : &o.noisy_lat) < 0) {
				cli_bad_value(&c, "expected a percentage above 0,"
					      " got '%s'", c.val);
				goto out;
			}
			break;
		case O_CPU_STARVED:	/* #20 */
			if (parse_num(c.val, 0.01, 100, &o.cpu_starved) < 0) {
				cli_bad_value(&c, "expected a percentage above 0"
					      " up to 100, got '%s'", c.val);
				goto out;
			}
			break;
		case O_NODE_MEM:	/* #20 */
			if ((o.node_mem = fsc_parse_size(c.val)) <= 0 ||
			    strchr(c.val, ',')) {
				cli_bad_value(&c, "expected a size such as 64g,"
					      " got '%s'", c.val);
				goto out;
			}
			break;
		case O_FDR:
			if (parse_num(c.val, 1e-6, 1, &o.fdr) < 0) {
				cli_bad_value(&c, "expected a rate above 0 and up"
					      " to 1, got '%s'", c.val);
				goto out;
			}
			break;
		case O_RERUN:
			rerun = 1;
			break;
		case O_GATE:
			if (fsc_gate_parse(&g, c.val, &err) < 0) {
				cli_bad_value(&c, "%s", err.msg);
				goto out;
			}
			break;
		case O_GATE_FILE:
			fsc_buf_reset(&rules);
			if ((rc = read_rules(prog, c.val, &rules)))
				goto out;
			rc = FSC_EXIT_USAGE;
			if (fsc_gate_parse(&g, rules.buf, &err) < 0) {
				cli_msg(prog, "%s: %s", c.val, err.msg);
				rc = 1;
				goto out;
			}
			break;
		case O_AGAINST:
			against = c.val;
			break;
		case O_JUNIT:
			junit = c.val;
			break;
		case O_STRICT:
			strict = 1;
			break;
		case O_COLOR:
			if ((colour = cli_color_mode(c.val)) < 0) {
				cli_bad_value(&c, "expected auto, always or "
					      "never, got '%s'", c.val);
				goto out;
			}
			break;
		default:
			if (cli_knob(&c, id, &knobs) > 0)
				goto out;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, 0)) >= 0)
		goto out;
	if ((against || junit) && !g.nrules) {
		rc = cli_usage(prog, "observe", "--against and --junit need"
			       " --gate or --gate-file");
		goto out;
	}
	if (fmt < 0 && file && format_of(file) < 0 && strrchr(file, '.') &&
	    !strchr(strrchr(file, '.'), '/')) {
		/* x.jpg: a format observe does not write, not text in it */
		rc = cli_usage(prog, "observe", "--out %s: unknown format '%s'; "
			       "the formats: txt, md, csv, json, html, svg, png, "
			       "pdf (or name one with --format)", file,
			       strrchr(file, '.') + 1);
		goto out;
	}
	rc = 1;
	if (fmt < 0)
		fmt = file && format_of(file) >= 0 ? format_of(file) :
		      FSC_OBS_TEXT;
	o.close = pct / 100;
	o.noisy_tput /= 100;
	o.noisy_lat /= 100;
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		goto out;
	if ((rc = cli_where_check(prog, "observe", &where, st)))
		goto out;
	rc = 1;
	if (!(obs = fsc_obs_new(st, &o, &err))) {
		cli_error(prog, &err);
		rc = 1;
		goto out;
	}
	if (strict && obs->unlike) {
		cli_msg(prog, "refusing to compare: the job options of %zu"
			" compared cell%s differ from their baseline's (without"
			" --strict the footnotes name them)", obs->unlike,
			obs->unlike == 1 ? "" : "s");
		fwrite(obs->like_notes, 1, strlen(obs->like_notes), stderr);
		rc = 1;
		goto out;
	}
	if (g.nrules) {
		rc = gate(prog, &g, st, against, &o, fmt, file, junit);
		goto out;
	}
	if (rerun) {
		fsc_obs_rerun(obs, &out);
		fwrite(out.buf, 1, out.len, stdout);
		rc = cli_close_stdout(prog);
		goto out;
	}
	if (fmt >= FSC_OBS_SVG && !obs->nruntimes) {
		/* no comparison: no table to draw */
		cli_msg(prog, "no table to draw: %s", obs->note);
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
		rc = fsc_obs_render_knobs(obs, (enum fsc_obs_format)fmt, &knobs,
					  file, &err) < 0;
		fsc_obs_render_cleanup();
		if (rc)
			cli_error(prog, &err);
		goto out;
	}
	fsc_obs_write(obs, (enum fsc_obs_format)fmt,
		      !file && cli_use_colour(colour),
		      &out, &err);
	if (file) {
		rc = write_file(prog, file, &out);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
		rc = cli_close_stdout(prog);
	}
out:
	fsc_gate_free(&g);
	fsc_buf_release(&rules);
	fsc_obs_free(obs);
	fsc_store_close(st);
	fsc_where_free(&where);
	fsc_buf_release(&out);
	fsc_buf_release(&path);
	return rc;
}
