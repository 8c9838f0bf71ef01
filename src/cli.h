/* cli.h: what the thin command programs share (cli.c): messages in the one
 * format "prog: path: message", usage errors, number formatting. */
#ifndef FSC_CLI_H
#define FSC_CLI_H
#include <stdio.h>
#include "fioscope.h"

#define EXIT_USAGE 2

/* Print "prog: level: path: msg" (level may be NULL) on stderr. */
void cli_diag(const char *prog, const char *level, const struct fsc_err *err);
/* Print "prog: path: msg" for err on stderr. */
void cli_error(const char *prog, const struct fsc_err *err);
/* Print "prog: fmt..." on stderr. */
void cli_msg(const char *prog, const char *fmt, ...) FSC_PRINTF(2, 3);
/* Print each line of m (a helper program's output) as "prog: tag: line". */
void cli_relay(const char *prog, const char *tag, const struct fsc_buf *m);
/* Usage error: message, then "Try 'prog --help'..."; returns EXIT_USAGE. */
int cli_usage(const char *prog, const char *cmd, const char *fmt, ...)
	FSC_PRINTF(3, 4);
/* The value of --jobs (1 to 64); 0 after the usage message when it is
 * not one (the caller exits with EXIT_USAGE). */
int cli_jobs(const char *prog, const char *cmd, const char *arg);
/* Flush stdout and report a write error; returns 0 or 1. */
int cli_close_stdout(const char *prog);
/* Human units: bandwidth (decimal, bytes/s) and latency (ns). */
void cli_fmt_bw(double bytes_per_s, char *out, size_t n);
void cli_fmt_ns(double ns, char *out, size_t n);
/* The store's path from --db or the default. */
const char *cli_db(const char *opt);
/* Open the store of --db (cmd_open.c): NULL after the message, with *rc
 * the exit status (EXIT_USAGE for an empty --db or an in-memory database,
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
int cmd_rm(int argc, char **argv, const char *prog);
#endif
