/* err.c: the error record that library functions fill and commands print
 * as "prog: path:line: message". */
#include <stdio.h>
#include <string.h>
#include "fioscope.h"

int fsc_err_set(struct fsc_err *err, const char *path, const char *fmt, ...)
{
	va_list ap;
	size_t i;

	if (!err)
		return -1;
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	err->line = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* One line whatever the input held: control characters become '?'. */
	for (i = 0; err->msg[i]; i++)
		if ((unsigned char)err->msg[i] < 0x20)
			err->msg[i] = '?';
	return -1;
}

int fsc_err_line(struct fsc_err *err, long line)
{
	if (err)
		err->line = line;
	return -1;
}

void fsc_err_format(const struct fsc_err *err, const char *prog,
		    struct fsc_buf *out)
{
	const char *p;

	fsc_buf_addf(out, "%s: ", prog);
	if (err->path[0]) {
		for (p = err->path; *p; p++)
			fsc_buf_add(out, (unsigned char)*p < 0x20 ? "?" : p, 1);
		if (err->line > 0)
			fsc_buf_addf(out, ":%ld", err->line);
		fsc_buf_adds(out, ": ");
	}
	fsc_buf_adds(out, err->msg[0] ? err->msg : "unknown error");
}
