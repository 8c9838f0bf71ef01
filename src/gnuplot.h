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
#include "knobs.h"

/* Output formats, a bit set. */
#define FSC_FMT_SVG 1
#define FSC_FMT_PNG 2
#define FSC_FMT_PDF 4

/* Append "# TEXT\n", TEXT printf-formatted with every control character
 * made '?': a comment line in a datablock that no name can end early. */
void fsc_gp_comment(struct fsc_buf *b, const char *fmt, ...) FSC_PRINTF(2, 3);

/* Variable definitions for a script's data section: NAME = "text" (fsc_gp_label),
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
	struct fsc_knobs knobs;	/* size, font scale, theme... */
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

/* Remove a directory of files (gnuplot's work directory, the slides'
 * images): its files, then itself. */
void fsc_gp_rmdir(const char *dir);

/* 1 when an executable gnuplot is in $PATH, else 0. */
int fsc_gp_available(void);

/* One figure for fsc_gp_run: dir/NAME.gp draws NAME.svg/.png/.pdf. */
struct fsc_gp_job {
	const char *name;	/* borrowed */
	size_t weight;		/* its cost, e.g. the script's size */
	double dpi;		/* > 0: the PNG gets pHYs and tEXt (png_meta.h) */
	const char *selection;	/* borrowed: the PNG's Comment text */
	char *error;		/* set (malloc'd) when it was not drawn */
};

/* Draw the figures of dir (each dir/NAME.gp written), spread over at most
 * nproc gnuplot processes balanced by weight, each reading its share of
 * the scripts one after the other: a failing script stops no other.
 * gnuplot writes into a work directory in dir; each image is checked to
 * be complete (non-empty, a whole SVG, PNG or PDF) and renamed into dir,
 * so that no empty or cut image is left under a final name.  A figure
 * with an image missing gets its error (gnuplot's message about its
 * script, else "PATH: cannot write: ...").  gnuplot's output is appended
 * to msgs.  Returns the number of failed figures, or -1 with err when
 * gnuplot could not run. */
int fsc_gp_run(const char *dir, struct fsc_gp_job *jobs, size_t n,
	       unsigned formats, int nproc, struct fsc_buf *msgs,
	       struct fsc_err *err);

#endif
