/*
 * gnuplot.h: the renderer's gnuplot side (gnuplot.c): gnuplot string
 * literals, template lookup, the self-contained figure script, and running
 * gnuplot on many scripts with at most one process per core.
 *
 * A figure script (NAME.gp) is, in order: a header comment, the figure's
 * variables and inline datablocks (written by figure_*.c), then one pass
 * per output format of "reset; templates/style.gp; templates/KIND.gp".
 * Templates are plain gnuplot that read the variables; nothing is
 * substituted into them, so no text from the store can reach gnuplot as
 * code: every string from the store is written as a quoted literal.
 */
#ifndef FSC_GNUPLOT_H
#define FSC_GNUPLOT_H
#include "fioscope.h"

/* Output formats, a bit set. */
#define FSC_FMT_SVG 1
#define FSC_FMT_PNG 2
#define FSC_FMT_PDF 4

/* Append s as a gnuplot single-quoted string literal: quotes doubled,
 * control characters and invalid UTF-8 replaced, so the literal is one
 * line and its SVG text well-formed.  NULL appends ''. */
void fsc_gp_quote(struct fsc_buf *b, const char *s);

/* Append "# TEXT\n", TEXT printf-formatted with every control character
 * made '?': a comment line in a datablock that no name can end early. */
void fsc_gp_comment(struct fsc_buf *b, const char *fmt, ...) FSC_PRINTF(2, 3);

/* Variable definitions for a script's data section: NAME = 'text',
 * NAME = number (%.6g; NaN for non-finite), array NAME[n] = [...]
 * (n >= 1: an empty array is written with one empty/NaN element). */
void fsc_gp_str(struct fsc_buf *b, const char *name, const char *value);
void fsc_gp_num(struct fsc_buf *b, const char *name, double v);
void fsc_gp_strs(struct fsc_buf *b, const char *name,
		 const char *const *v, size_t n);
void fsc_gp_nums(struct fsc_buf *b, const char *name, const double *v,
		 size_t n);

/* Where templates are looked for, and the loaded ones. */
struct fsc_gp_env {
	char *dirs[5];		/* search order */
	size_t ndirs;
	unsigned formats;	/* FSC_FMT_* */
	int width, height;	/* pixels */
	struct fsc_gp_tmpl *tmpl;	/* loaded templates, cached */
	size_t ntmpl;
};

/* Set up the template search list: opt (--templates), then
 * $FIOSCOPE_TEMPLATES, then FSC_DATADIR/templates, then, beside the
 * executable (/proc/self/exe), ../share/fioscope/templates (installed
 * under another prefix) and ../templates (the build tree's own).  Each
 * template is taken from the first directory that has it.  A directory
 * named by opt or the environment must exist.  -1 with err. */
int fsc_gp_env_init(struct fsc_gp_env *env, const char *opt,
		    struct fsc_err *err);
void fsc_gp_env_free(struct fsc_gp_env *env);

/* The text of template NAME.gp (NAME itself when it has an extension,
 * e.g. "report.html") from the first directory that has it,
 * borrowed from env.  NULL with err when no directory has it. */
const char *fsc_gp_template(struct fsc_gp_env *env, const char *name,
			    struct fsc_err *err);

/* Write the self-contained script of a figure into out: header, data
 * (the figure's variables), then per format the style and the kind's
 * template.  -1 with err when a template is missing. */
int fsc_gp_script(struct fsc_gp_env *env, const char *figname,
		  const char *kind, const char *data, struct fsc_buf *out,
		  struct fsc_err *err);

/* mkdir -p path.  -1 with err. */
int fsc_gp_mkdirs(const char *path, struct fsc_err *err);
/* Write text to the file path (created or truncated).  -1 with err. */
int fsc_gp_write(const char *path, const struct fsc_buf *text,
		 struct fsc_err *err);

/* 1 when an executable gnuplot is in $PATH, else 0. */
int fsc_gp_available(void);

/* Run gnuplot in dir on the scripts (names relative to dir), spread over
 * at most nproc processes balanced by weight (e.g. script size); each
 * process renders its share of the scripts in one run.  gnuplot's
 * diagnostics are appended to msgs.  -1 with err when a process could
 * not start or failed. */
int fsc_gp_run(const char *dir, char *const *scripts, const size_t *weight,
	       size_t n, int nproc, struct fsc_buf *msgs, struct fsc_err *err);

#endif
