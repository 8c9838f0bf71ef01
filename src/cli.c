/* cli.c: helpers of the command programs: the one option parser,
 * diagnostics in the one format, usage errors, output checks, colour and
 * unit choices and human-readable units. */
#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "only.h"
#include "figure.h"

/* "fioscope ingest" names the command; "fioscope-ingest" is it. */
static void whoami(const char *prog, const char *cmd, char *out, size_t n)
{
	if (cmd && !strchr(prog, '-'))
		snprintf(out, n, "%s %s", prog, cmd);
	else
		snprintf(out, n, "%s", prog);
}

static int vusage(const char *prog, const char *cmd, const char *fmt,
		  va_list ap) FSC_PRINTF(3, 0);

static int vusage(const char *prog, const char *cmd, const char *fmt,
		  va_list ap)
{
	char who[128];

	whoami(prog, cmd, who, sizeof(who));
	fprintf(stderr, "%s: ", who);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", who);
	return FSC_EXIT_USAGE;
}

int cli_usage(const char *prog, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vusage(prog, cmd, fmt, ap);
	va_end(ap);
	return rc;
}

void cli_init(struct cli *c, const char *prog, const char *cmd,
	      const char *usage, const struct cli_opt *opts, int argc,
	      char **argv)
{
	memset(c, 0, sizeof(*c));
	c->prog = prog;
	c->cmd = cmd;
	c->usage = usage;
	c->opts = opts;
	c->argc = argc;
	c->argv = argv;
	c->i = 1;
	c->pos = argv + 1;
}

static int stop(struct cli *c, int status)
{
	c->status = status;
	return CLI_STOP;
}

/* "unknown option '--word'", with the nearest option name. */
static int unknown(struct cli *c, const char *word, size_t len)
{
	const char *names[64];
	char buf[64][40], given[128];
	const char *near;
	size_t n = 0, i;

	snprintf(given, sizeof(given), "%.*s", (int)len, word);
	for (i = 0; c->opts[i].name && n < 63; i++, n++) {
		snprintf(buf[n], sizeof(buf[n]), "--%s", c->opts[i].name);
		names[n] = buf[n];
	}
	names[n++] = "--help";
	near = given[1] == '-' ? fsc_suggest(given, names, n) : NULL;
	if (near)
		return stop(c, cli_usage(c->prog, c->cmd, "unknown option '%s'; "
					 "did you mean '%s'?", given, near));
	return stop(c, cli_usage(c->prog, c->cmd, "unknown option '%s'",
				 given));
}

static int help(struct cli *c)
{
	fputs(c->usage, stdout);
	return stop(c, cli_close_stdout(c->prog));
}

static int take(struct cli *c, const struct cli_opt *o, const char *inline_v)
{
	if (!o->arg) {
		if (inline_v)
			return stop(c, cli_usage(c->prog, c->cmd, "option '--%s' "
						 "takes no value", o->name));
		c->val = NULL;
		return o->id;
	}
	if (inline_v) {
		c->val = inline_v;
		return o->id;
	}
	if (c->i >= c->argc)
		return stop(c, cli_usage(c->prog, c->cmd, "option '%s' needs a "
					 "value", c->name));
	c->val = c->argv[c->i++];
	return o->id;
}

int cli_next(struct cli *c)
{
	const struct cli_opt *o;
	const char *a, *eq;
	size_t len;

	for (;;) {
		if (c->i >= c->argc)
			return CLI_END;
		a = c->argv[c->i++];
		if (c->dashdash || a[0] != '-' || !a[1]) {
			c->pos[c->npos++] = (char *)a;
			continue;
		}
		if (!strcmp(a, "--")) {
			c->dashdash = 1;
			continue;
		}
		break;
	}
	c->name = a;
	if (a[1] != '-') {
		/* -h, or a short option: -fFILE or -f FILE */
		if (a[1] == 'h' && !a[2])
			return help(c);
		for (o = c->opts; o->name; o++)
			if (o->shrt && o->shrt == a[1] && (o->arg || !a[2]))
				break;
		if (!o->name)
			return unknown(c, a, strlen(a));
		return take(c, o, o->arg && a[2] ? a + 2 : NULL);
	}
	eq = strchr(a, '=');
	len = eq ? (size_t)(eq - a) : strlen(a);
	if (len == 6 && !strncmp(a, "--help", 6)) {
		if (eq)
			return stop(c, cli_usage(c->prog, c->cmd, "option "
						 "'--help' takes no value"));
		return help(c);
	}
	for (o = c->opts; o->name; o++)
		if (strlen(o->name) == len - 2 && !strncmp(o->name, a + 2, len - 2))
			break;
	if (!o->name)
		return unknown(c, a, len);
	return take(c, o, eq ? eq + 1 : NULL);
}

int cli_finish(const struct cli *c, int id, int maxpos)
{
	if (id == CLI_STOP)
		return c->status;
	if (c->npos > maxpos)
		return cli_usage(c->prog, c->cmd, "unexpected argument '%s'",
				 c->pos[maxpos]);
	return -1;
}

int cli_where_add(const struct cli *c, struct fsc_where *w)
{
	struct fsc_err err;

	if (fsc_where_add(w, c->val, &err) < 0)
		return cli_usage(c->prog, c->cmd, "%s", err.msg);
	return 0;
}

int cli_bad_value(const struct cli *c, const char *fmt, ...)
{
	char who[128], opt[128];
	const char *eq = strchr(c->name, '=');
	va_list ap;

	whoami(c->prog, c->cmd, who, sizeof(who));
	snprintf(opt, sizeof(opt), "%.*s", eq ? (int)(eq - c->name) :
		 (int)strlen(c->name), c->name);
	fprintf(stderr, "%s: %s: ", who, opt);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", who);
	return FSC_EXIT_USAGE;
}

int cli_jobs(const struct cli *c)
{
	int64_t n = fsc_parse_uint(c->val);

	if (n >= 1 && n <= 64)
		return (int)n;
	cli_bad_value(c, "expected a number from 1 to 64, got '%s'", c->val);
	return 0;
}

int cli_colors(const struct cli *c)
{
	struct fsc_err e;

	if (fsc_colors_check(c->val, &e) == 0)
		return 0;
	return cli_bad_value(c, "%s", e.msg + strlen("--colors: "));
}

int cli_colors_gather(const char *prog, const char *tmpl, const char *file,
		      const char *colors, char **spec)
{
	struct fsc_err e = { "", "", 0 };

	if (fsc_colors_gather(tmpl, file, colors, spec, &e) == 0)
		return 0;
	cli_error(prog, &e);
	return FSC_EXIT_USAGE;
}

int cli_slo(const struct cli *c, double *ns)
{
	if (fsc_latency_parse(c->val, ns) == 0)
		return 0;
	return cli_bad_value(c, "expected a latency such as 1ms, 250us or "
			     "2s, not '%s'", c->val);
}

int cli_size(const struct cli *c, int *w, int *h)
{
	const char *s = c->val;
	char *e;
	long a, b;

	if (!strcmp(s, "slide"))
		return *w = 1920, *h = 1080, 0;
	if (!strcmp(s, "paper"))
		return *w = 1200, *h = 800, 0;
	a = strtol(s, &e, 10);
	if (e != s && (*e == 'x' || *e == 'X')) {
		s = e + 1;
		b = strtol(s, &e, 10);
		if (e != s && !*e && a >= 200 && b >= 150 && a <= 10000 &&
		    b <= 10000) {
			*w = (int)a;
			*h = (int)b;
			return 0;
		}
	}
	return cli_bad_value(c, "expected slide, paper or WxH (200x150 to "
			     "10000x10000), not '%s'", c->val);
}

int cli_knob(const struct cli *c, int id, struct fsc_knobs *k)
{
	char *e;

	switch (id) {
	case CLI_K_SIZE:
		return cli_size(c, &k->width, &k->height);
	case CLI_K_FONT_SCALE:
		k->font_scale = strtod(c->val, &e);
		if (e == c->val || *e || !(k->font_scale >= 0.5 &&
					    k->font_scale <= 2))
			return cli_bad_value(c, "expected a number from 0.5 "
					     "to 2, not '%s'", c->val);
		return 0;
	case CLI_K_THEME:
		if (strcmp(c->val, "light") && strcmp(c->val, "dark"))
			return cli_bad_value(c, "expected light or dark, not "
					     "'%s'", c->val);
		k->dark = !strcmp(c->val, "dark");
		return 0;
	case CLI_K_TRANSPARENT:
		k->transparent = 1;
		return 0;
	case CLI_K_TITLE:
		k->title = c->val;
		return 0;
	case CLI_K_SUBTITLE:
		k->subtitle = c->val;
		return 0;
	}
	return -1;
}

void cli_diag(const char *prog, const char *level, const struct fsc_err *err)
{
	struct fsc_buf b = FSC_BUF_INIT, p = FSC_BUF_INIT;

	fsc_buf_adds(&p, prog);
	if (level)
		fsc_buf_addf(&p, ": %s", level);
	fsc_err_format(err, p.buf, &b);
	fprintf(stderr, "%s\n", b.buf);
	fsc_buf_release(&b);
	fsc_buf_release(&p);
}

void cli_error(const char *prog, const struct fsc_err *err)
{
	cli_diag(prog, NULL, err);
}

void cli_msg(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_only(const struct cli *c)
{
	struct fsc_err err;

	if (fsc_only_parse(c->val, &err) < 0) {
		cli_bad_value(c, "%s", err.msg);
		return NULL;
	}
	return c->val;
}

int cli_where_check(const char *prog, const char *cmd,
		    const struct fsc_where *w, struct fsc_store *st)
{
	struct fsc_err err;

	if (fsc_where_check(w, fsc_store_db(st), &err) < 0)
		return cli_usage(prog, cmd, "%s", err.msg);
	return 0;
}

int cli_close_stdout(const char *prog)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_msg(prog, "write error on standard output: %s",
			strerror(errno));
		return 1;
	}
	return 0;
}

int cli_color_mode(const char *s)
{
	return !strcmp(s, "auto") ? CLI_COLOR_AUTO :
	       !strcmp(s, "always") ? CLI_COLOR_ALWAYS :
	       !strcmp(s, "never") ? CLI_COLOR_NEVER : -1;
}

int cli_use_colour(int mode)
{
	const char *term = getenv("TERM"), *no = getenv("NO_COLOR");

	if (mode != CLI_COLOR_AUTO)
		return mode == CLI_COLOR_ALWAYS;
	return isatty(1) && !(no && *no) && term && strcmp(term, "dumb");
}

int cli_ascii(int asked)
{
	const char *cs = nl_langinfo(CODESET);

	return asked || !cs || (strcmp(cs, "UTF-8") && strcmp(cs, "utf8"));
}

void cli_fmt_bw(double v, char *out, size_t n)
{
	static const char *const u[] = { "B/s", "kB/s", "MB/s", "GB/s",
					 "TB/s" };
	int i = 0;

	while (v >= 1000 && i < 4) {
		v /= 1000;
		i++;
	}
	snprintf(out, n, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" :
		 "%.2f %s", v, u[i]);
}

void cli_fmt_ns(double v, int ascii, char *out, size_t n)
{
	const char *us = ascii ? "us" : "\xc2\xb5s";

	if (v >= 1e9)
		snprintf(out, n, "%.2f s", v / 1e9);
	else if (v >= 1e6)
		snprintf(out, n, v >= 1e8 ? "%.0f ms" : "%.1f ms", v / 1e6);
	else if (v >= 1e3)
		snprintf(out, n, v >= 1e5 ? "%.0f %s" : "%.1f %s", v / 1e3, us);
	else
		snprintf(out, n, "%.0f ns", v);
}

const char *cli_db(const char *opt)
{
	return opt ? opt : fsc_store_default_path();
}

void cli_relay(const char *prog, const char *tag, const struct fsc_buf *m)
{
	const char *s = m->buf, *e;

	for (; *s; s = *e ? e + 1 : e) {
		e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		if (e > s)
			cli_msg(prog, "%s: %.*s", tag, (int)(e - s), s);
	}
}
