/* cli.c: helpers of the command programs: diagnostics in the one format,
 * usage errors, output checks and human-readable units. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include "cli.h"

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

int cli_usage(const char *prog, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	/* "fioscope ingest" names the command; "fioscope-ingest" is it */
	fprintf(stderr, "\nTry '%s%s%s --help' for more information.\n", prog,
		cmd && !strchr(prog, '-') ? " " : "",
		cmd && !strchr(prog, '-') ? cmd : "");
	return EXIT_USAGE;
}

int cli_jobs(const char *prog, const char *cmd, const char *arg)
{
	int64_t n = fsc_parse_uint(arg);

	if (n >= 1 && n <= 64)
		return (int)n;
	cli_usage(prog, cmd, "--jobs: expected a number from 1 to 64, got '%s'",
		  arg);
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

void cli_fmt_ns(double v, char *out, size_t n)
{
	if (v >= 1e9)
		snprintf(out, n, "%.2f s", v / 1e9);
	else if (v >= 1e6)
		snprintf(out, n, v >= 1e8 ? "%.0f ms" : "%.1f ms", v / 1e6);
	else if (v >= 1e3)
		snprintf(out, n, v >= 1e5 ? "%.0f us" : "%.1f us", v / 1e3);
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
