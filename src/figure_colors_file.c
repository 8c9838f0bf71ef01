/*
 * figure_colors_file.c: pinned series colours from a small file (#14),
 * beside --colors: one "name=#rrggbb" a line, blank lines and lines
 * starting with '#' ignored, blanks around the name and the colour too.
 * The file is --colors-file FILE, or else the first file named "colors"
 * in the template directories (gnuplot.h's search order); the pins of
 * --colors come after the file's, so they win.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "figure.h"
#include "gnuplot.h"

#define MAX_LINES 10000

static char *trim(char *s, char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && strchr(" \t\r\n", e[-1]))
		e--;
	*e = '\0';
	return s;
}

/* One line: nothing for a blank or a comment, else "name=#rrggbb"
 * appended to spec.  -1 with err's message on a bad line. */
static int line_pin(char *l, struct fsc_buf *spec, struct fsc_err *err)
{
	char *s = trim(l, l + strlen(l)), *eq, *name, *hex;
	struct fsc_buf one = FSC_BUF_INIT;
	int rc;

	if (!*s || *s == '#')
		return 0;
	eq = strchr(s, '=');
	if (!eq)
		return fsc_err_set(err, "", "expected name=#rrggbb, not '%.60s'", s);
	name = trim(s, eq);
	hex = trim(eq + 1, eq + 1 + strlen(eq + 1));
	if (!*name)
		return fsc_err_set(err, "", "no name before '='");
	if (strchr(name, ','))
		return fsc_err_set(err, "", "a name with ',' cannot be pinned: "
				   "'%.60s'", name);
	fsc_buf_addf(&one, "%s=%s", name, hex);
	rc = fsc_colors_check(one.buf, err);
	if (rc < 0)	/* the message without its "--colors: " */
		memmove(err->msg, err->msg + strlen("--colors: "),
			strlen(err->msg + strlen("--colors: ")) + 1);
	else
		fsc_buf_addf(spec, "%s%s", spec->len ? "," : "", one.buf);
	fsc_buf_release(&one);
	return rc;
}

int fsc_colors_file(const char *path, struct fsc_buf *spec,
		    struct fsc_err *err)
{
	FILE *f = fopen(path, "r");
	char *l = NULL;
	size_t cap = 0;
	long n = 0;
	int rc = 0;

	if (!f)
		return fsc_err_set(err, path, "cannot open: %s", strerror(errno));
	while (getline(&l, &cap, f) >= 0) {
		if (++n > MAX_LINES || strlen(l) > 1000) {
			rc = fsc_err_set(err, path, "%s", n > MAX_LINES ?
					 "more than 10000 lines" :
					 "line longer than 1000 bytes");
			break;
		}
		if (line_pin(l, spec, err) < 0) {
			snprintf(err->path, sizeof(err->path), "%s", path);
			rc = -1;
			break;
		}
	}
	if (!rc && ferror(f))
		rc = fsc_err_set(err, path, "read error");
	if (rc < 0 && n <= MAX_LINES)
		fsc_err_line(err, n);
	free(l);
	fclose(f);
	return rc;
}

int fsc_colors_gather(const char *tmpl, const char *file,
		      const char *colors, char **spec, struct fsc_err *err)
{
	struct fsc_buf s = FSC_BUF_INIT, path = FSC_BUF_INIT;
	struct fsc_gp_env env;
	struct stat sb;
	size_t i;
	int rc = 0;

	*spec = NULL;
	if (!file) {
		/* a bad --templates is the render stage's to report */
		struct fsc_err ignored;

		int ok = fsc_gp_env_init(&env, tmpl, &ignored) == 0;

		for (i = 0; ok && i < env.ndirs && !file; i++) {
			fsc_buf_reset(&path);
			fsc_buf_addf(&path, "%s/colors", env.dirs[i]);
			if (stat(path.buf, &sb) == 0 && S_ISREG(sb.st_mode))
				file = path.buf;
		}
		fsc_gp_env_free(&env);
	}
	if (file)
		rc = fsc_colors_file(file, &s, err);
	if (rc == 0 && colors && *colors)
		fsc_buf_addf(&s, "%s%s", s.len ? "," : "", colors);
	fsc_buf_release(&path);
	if (rc == 0 && s.len)
		*spec = fsc_buf_detach(&s);
	fsc_buf_release(&s);
	return rc;
}
