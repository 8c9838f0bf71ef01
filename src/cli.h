/* cli.h: what the thin command programs share (cli.c): the one option
 * parser, messages in the one format "prog: path:line: message", usage
 * errors, colour and unit choices, number formatting. */
#ifndef FSC_CLI_H
#define FSC_CLI_H
#include <stdio.h>
#include "fioscope.h"
#include "where.h"
#include "knobs.h"

/* Exit status of a usage error (bad option, bad value, bad argument). */
#define FSC_EXIT_USAGE 2

/* One option of a command: --name (and -c when shrt), with a value when
 * arg.  A command's options are a table ended by { NULL }; -h and --help
 * are every command's and need no entry. */
struct cli_opt {
	const char *name;
	char shrt;
	int arg;
	int id;		/* what cli_next returns for it, > 0 */
};

/* Returned by cli_next. */
#define CLI_END 0	/* no more options: positionals in pos[0..npos) */
#define CLI_STOP (-1)	/* --help printed or a usage error: exit status */

struct cli {
	const char *prog, *cmd, *usage;
	const struct cli_opt *opts;
	int argc;
	char **argv;
	int i;			/* next argv index */
	int dashdash;		/* "--" seen: the rest are positionals */
	char **pos;		/* positional arguments (in argv), in order */
	int npos;
	const char *val;	/* the value of the option just returned */
	const char *name;	/* its spelling as given, for messages */
	int status;		/* after CLI_STOP: the exit status */
};

/* Start parsing argv[1..argc) of command cmd (usage is its --help text). */
void cli_init(struct cli *c, const char *prog, const char *cmd,
	      const char *usage, const struct cli_opt *opts, int argc,
	      char **argv);
/* The next option's id (its value in c->val), CLI_END, or CLI_STOP after
 * printing the help or a usage error (c->status is the exit status).
 * Options and positionals may be mixed; "--" ends the options and "-" is
 * a positional. */
int cli_next(struct cli *c);
/* After the options (id: cli_next's last answer): -1 when the command
 * goes on, else the exit status to return: --help was printed, a usage
 * error said so, or more than maxpos positionals came. */
int cli_finish(const struct cli *c, int id, int maxpos);
/* --where's value added to w: 0, or FSC_EXIT_USAGE after the message. */
int cli_where_add(const struct cli *c, struct fsc_where *w);
/* --only KIND,... (only.h): the value, or NULL after the usage message. */
const char *cli_only(const struct cli *c);
/* A usage error about the option just returned ("--jobs: expected ...");
 * returns FSC_EXIT_USAGE. */
int cli_bad_value(const struct cli *c, const char *fmt, ...) FSC_PRINTF(2, 3);

/* Print "prog: level: path:line: msg" (level may be NULL) on stderr. */
void cli_diag(const char *prog, const char *level, const struct fsc_err *err);
/* Print "prog: path:line: msg" for err on stderr. */
void cli_error(const char *prog, const struct fsc_err *err);
/* Print "prog: fmt..." on stderr. */
void cli_msg(const char *prog, const char *fmt, ...) FSC_PRINTF(2, 3);
/* Print each line of m (a helper program's output) as "prog: tag: line". */
void cli_relay(const char *prog, const char *tag, const struct fsc_buf *m);
/* Usage error: "prog cmd: message", then "Try 'prog cmd --help' for more
 * information."; returns FSC_EXIT_USAGE. */
int cli_usage(const char *prog, const char *cmd, const char *fmt, ...)
	FSC_PRINTF(3, 4);
/* The value of --jobs (1 to 64); 0 after the usage message when it is
 * not one (the caller exits with FSC_EXIT_USAGE). */
int cli_jobs(const struct cli *c);
/* --colors NAME=#RRGGBB,... and --slo LATENCY (figures, #14): 0, or the
 * usage error's status after saying it. */
int cli_colors(const struct cli *c);
/* The pins of --colors-file (or the templates' "colors" file) and --colors
 * (figure.h, fsc_colors_gather) into *spec: 0, or FSC_EXIT_USAGE after
 * the one line "prog: FILE:LINE: what is wrong". */
int cli_colors_gather(const char *prog, const char *tmpl, const char *file,
		      const char *colors, char **spec);
int cli_slo(const struct cli *c, double *ns);
/* The value of --size: slide (1920x1080), paper (1200x800) or WxH
 * (200x150 to 10000x10000) into *w, *h: 0, or FSC_EXIT_USAGE after the
 * usage message. */
int cli_size(const struct cli *c, int *w, int *h);
/* The figure knobs' options (knobs.h), for a command's option table:
 * ids CLI_K_SIZE to CLI_K_SUBTITLE.  CLI_KNOB_OPTS lists those of every
 * figure-making command, CLI_TITLE_OPTS the title and subtitle (commands
 * that make one figure); *_USAGE describe them for --help. */
enum { CLI_K_SIZE = 100, CLI_K_FONT_SCALE, CLI_K_THEME, CLI_K_TRANSPARENT,
       CLI_K_TITLE, CLI_K_SUBTITLE };
#define CLI_KNOB_OPTS \
	{ "size", 0, 1, CLI_K_SIZE }, \
	{ "font-scale", 0, 1, CLI_K_FONT_SCALE }, \
	{ "theme", 0, 1, CLI_K_THEME }, \
	{ "transparent", 0, 0, CLI_K_TRANSPARENT }
#define CLI_TITLE_OPTS \
	{ "title", 0, 1, CLI_K_TITLE }, \
	{ "subtitle", 0, 1, CLI_K_SUBTITLE }
#define CLI_KNOB_USAGE \
"  --size SIZE          slide (1920x1080, default), paper (1200x800) or WxH\n" \
"  --font-scale X       text size, 0.5 to 2 (default 1: 27 pt at 1080 px)\n" \
"  --theme T            light (default) or dark\n" \
"  --transparent        no background (PNG with alpha)\n"
#define CLI_TITLE_USAGE \
"  --title TEXT         the title, where one figure is made\n" \
"  --subtitle TEXT      a line under the title, where one figure is made\n"
/* Apply the knob option id (its value in c->val) to k: 0 when done,
 * FSC_EXIT_USAGE after the usage message, -1 when id is no knob. */
int cli_knob(const struct cli *c, int id, struct fsc_knobs *k);
/* Check --where's keys against the store: 0, or FSC_EXIT_USAGE after
 * the usage message that lists the keys present. */
int cli_where_check(const char *prog, const char *cmd,
		    const struct fsc_where *w, struct fsc_store *st);
/* Flush stdout and report a write error; returns 0 or 1. */
int cli_close_stdout(const char *prog);

/* --color=auto|always|never: CLI_COLOR_* or -1 when s is none of them. */
enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
int cli_color_mode(const char *s);
/* Colour on standard output?  auto: a terminal, TERM not "dumb" and
 * NO_COLOR unset or empty (https://no-color.org). */
int cli_use_colour(int mode);
/* Plain ASCII output (us, not µs; +-| boxes)?  When asked, or when the
 * locale's character set is not UTF-8. */
int cli_ascii(int asked);

/* Human units: bandwidth (decimal, bytes/s) and latency (ns; "µs", or
 * "us" when ascii). */
void cli_fmt_bw(double bytes_per_s, char *out, size_t n);
void cli_fmt_ns(double ns, int ascii, char *out, size_t n);
/* The store's path from --db or the default. */
const char *cli_db(const char *opt);
/* Open the store of --db (cli_open.c): NULL after the message, with *rc
 * the exit status (FSC_EXIT_USAGE for an empty --db or an in-memory database,
 * else 1); *rc is left alone on success.  A reader finds no statistics pending: it refreshed them, or
 * it failed saying so. */
struct fsc_store *cli_open_store(const char *prog, const char *db,
				 int readonly, int *rc);

int cmd_ingest(int argc, char **argv, const char *prog);
int cmd_ls(int argc, char **argv, const char *prog);
int cmd_observe(int argc, char **argv, const char *prog);
int cmd_query(int argc, char **argv, const char *prog);
int cmd_render(int argc, char **argv, const char *prog);
int cmd_report(int argc, char **argv, const char *prog);
int cmd_slides(int argc, char **argv, const char *prog);
int cmd_rm(int argc, char **argv, const char *prog);
#endif
