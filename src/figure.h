/*
 * figure.h: the renderer's figure stage (figure.c and figure_*.c): the
 * scenarios selected from the store, the figures drawn from them, and the
 * helpers the figure families share.  A figure is a name (a safe file
 * base name), a template kind and the gnuplot text of its data; gnuplot.c
 * turns it into a script.  The renderer reads the store only.
 */
#ifndef FSC_FIGURE_H
#define FSC_FIGURE_H
#include "fioscope.h"
#include "where.h"
#include "key.h"

/* One scenario and data direction (a scenario_stat row with its key). */
struct fsc_scn {
	int64_t id;		/* scenario.id */
	char *runtime, *backend, *rw, *labels;	/* NULL: unknown */
	int64_t bs, clients, iodepth, numjobs;	/* -1: unknown */
	int ddir;		/* 0 read, 1 write, 2 trim */
	int runs, reps, failed;
	double bw, bw_ci95;	/* bytes/s; ci95 NaN with one repetition */
	double iops;
	double p50, p99, p9999;	/* completion latency, ns; NaN unknown */
	int exact;		/* latency from merged json+ bins */
	int nbins;		/* merged bins stored */
	double overlap;		/* 0..1; NaN unknown */
	double cpu, cpu_ci95;	/* CPU seconds per GiB moved, all
				 * directions (fsc_obs_cpu), on the
				 * scenario's first direction only; NaN
				 * none; ci95 NaN with one repetition */
	int cpu_reps;		/* repetitions with CPU data */
	int lt;			/* the series' line type (figure_color.c) */
	int variant;		/* index of (iodepth, numjobs, labels) */
	char *series;		/* value of the compared key, or NULL */
	char *rest;		/* labels but the compared one, or NULL */
	char *rest_nx;		/* rest but the swept label, or NULL */
	int64_t lx;		/* the swept label's value; -1: none */
	int sk;			/* the compared key (fsc_render.skey) */
};

/* The x keys a line figure can have (swept numeric keys): the fixed
 * ones and one numeric label (fsc_render.xlabel, figure_color.c). */
enum fsc_xkey { FSC_X_CLIENTS, FSC_X_BS, FSC_X_IODEPTH, FSC_X_NUMJOBS,
		FSC_X_LABEL, FSC_NX };

/* One value of the compared key: its line type, colour and point type.
 * The five reference runtimes keep line types 1-5 of style.gp; any other
 * value gets line type 9 + its slot (figure_color.c: a hash of the name),
 * defined by the figure's fig_linetypes. */
struct fsc_series {
	char *name;		/* "" for the unnamed series */
	int lt, pt;
	char color[8];		/* "#rrggbb"; "" keeps style.gp's */
};

struct fsc_fig {
	char *name;		/* [A-Za-z0-9._-]+, unique in the set */
	const char *kind;	/* bw, iops, cpu, stack, lat, bar, tl, grid,
				 * cdf, timeline */
	const char *tmpl;	/* its template (kind when NULL) */
	const char *xkey;	/* swept key on its x axis, or NULL */
	char *held;		/* held values in words ("4 KiB blocks,
				 * iodepth 16"), or NULL */
	char *title;		/* fig_title, or NULL */
	struct fsc_buf data;	/* gnuplot variables and datablocks */
	char *error;		/* why it was not drawn, or NULL */
};

struct fsc_render {
	sqlite3 *db;		/* borrowed from the store */
	struct fsc_scn *scn;	/* selected, sorted by backend, bs, rw,
				 * runtime (line type), clients, ddir */
	size_t nscn;
	enum fsc_key_id skey;	/* the compared key: runtime, backend or a
				 * label (slabel) */
	char *slabel;
	char *xlabel;		/* the swept label (a numeric label whose
				 * values are all positive integers and
				 * vary: FSC_X_LABEL), or NULL */
	char *xlabel_part;	/* its name as a file name part */
	struct fsc_series *ser;	/* its values in the selection */
	size_t nser;
	int swept[FSC_NX];	/* the x key varies in the selection */
	int show_labels;	/* name suffixes needed */
	double slo_ns;		/* --slo, or 0 */
	struct fsc_buf slo_text;	/* per throughput-latency figure:
					 * "NAME: best ..." lines */
	struct fsc_fig *figs;
	size_t nfigs, capfigs;
};

/* Select the scenarios matching the --where filters w (NULL: all) into
 * r.  -1 with err (a key the store does not have, SQL error). */
int fsc_render_load(struct fsc_render *r, sqlite3 *db,
		    const struct fsc_where *w, struct fsc_err *err);
/* Release what one figure owns (name, data, held, title, error). */
void fsc_fig_release(struct fsc_fig *f);
void fsc_render_free(struct fsc_render *r);

/* The figure families; each appends its figures to r.  -1 with err. */
int fsc_fig_bw(struct fsc_render *r, struct fsc_err *err);	/* stack */
/* One line figure of group idx[0..n) against x key xk: bandwidth, IOPS
 * or CPU cost (metric FSC_M_*, figure_bw.c), completion latency
 * (figure_lat.c). */
int fsc_fig_bwline(struct fsc_render *r, size_t *idx, size_t n, int xk,
		   int metric);
int fsc_fig_latline(struct fsc_render *r, size_t *idx, size_t n, int xk,
		    struct fsc_err *err);
int fsc_fig_cdf(struct fsc_render *r, struct fsc_err *err);
int fsc_fig_timeline(struct fsc_render *r, struct fsc_err *err);

/* ---- helpers shared by figure_*.c (figure.c) ---- */

/* A new figure named by the parts joined with '-', each sanitised to
 * [A-Za-z0-9._-] (never starting with '.'), made unique in r. */
struct fsc_fig *fsc_fig_new(struct fsc_render *r, const char *kind,
			    const char *const *parts, size_t nparts);
/* A figure of one scenario g, named KIND-WHO-BACKEND-BS-RW-Nc[-VARIANT]
 * (who: the direction or the runtime); v gets g's variant suffix. */
struct fsc_fig *fsc_fig_new_scn(struct fsc_render *r, const char *kind,
				const char *who, const struct fsc_scn *g,
				struct fsc_buf *v);
/* Text of a value for names and titles: "unknown" for NULL. */
const char *fsc_txt(const char *s);
/* Block size for names ("4k", "1m", "512") and titles ("4 KiB"). */
void fsc_bs_name(int64_t bs, char *out, size_t n);
void fsc_bs_title(int64_t bs, char *out, size_t n);
/* "read", "write", "trim". */
const char *fsc_ddir_name(int ddir);
/* The scenario's variant suffix for names ("qd16-j4-k_v") or "". */
void fsc_variant_name(const struct fsc_render *r, const struct fsc_scn *s,
		      struct fsc_buf *out);
/* The same in words for titles ("iodepth 16, 4 jobs, k v") or "". */
void fsc_variant_words(const struct fsc_render *r, const struct fsc_scn *s,
		       struct fsc_buf *out);
/* Same figure group: equal keys but those in skip ("runtime", "rw",
 * "clients", "bs"), NULL-safe. */
int fsc_scn_same(const struct fsc_scn *a, const struct fsc_scn *b,
		 unsigned skip);
/* Collect into idx (r's order) the scenarios not yet done in the group of
 * scenario i, the keys in skip left free; marks them done.  The count. */
size_t fsc_group(const struct fsc_render *r, size_t i, unsigned skip,
		 char *done, size_t *idx);
/* Add v to the sorted set (n entries, room for one more) unless there. */
void fsc_add_int(int *set, size_t *n, int v);
void fsc_add_i64(int64_t *set, size_t *n, int64_t v);
/* Keep only the members with a known, positive x (clients, or block size
 * when by_bs) for a log axis; the new count. */
size_t fsc_group_xpos(const struct fsc_render *r, size_t *idx, size_t n,
		      int xk);
/* Does the group hold a block-size sweep: a runtime and pattern with
 * more than one block size? */
int fsc_is_sweep(const struct fsc_render *r, const size_t *idx, size_t n,
		 int xk);
/* Sort a group's members by pattern, runtime, then clients (by_bs = 0)
 * or block size (by_bs = 1). */
void fsc_group_sort(const struct fsc_render *r, size_t *idx, size_t n,
		    int xk);
#define FSC_K_RUNTIME 1u
#define FSC_K_RW 2u
#define FSC_K_CLIENTS 4u
#define FSC_K_BS 8u
#define FSC_K_DDIR 16u
#define FSC_K_IODEPTH 32u
#define FSC_K_NUMJOBS 64u
#define FSC_K_XLABEL 128u	/* the swept label (FSC_X_LABEL) */
#define FSC_K_SERIES FSC_K_RUNTIME	/* the compared key */

/* The skip bit of x key xk; its value in s (-1 unknown); its name in
 * figure names ("" for clients, "bs", "iodepth", "numjobs") and its axis
 * label and words ("clients", "block size", "iodepth", "jobs"). */
unsigned fsc_xkey_bit(int xk);
int64_t fsc_scn_x(const struct fsc_scn *s, int xk);
const char *fsc_xkey_name(const struct fsc_render *r, int xk);
const char *fsc_xkey_words(const struct fsc_render *r, int xk);

/* The held values of g in a figure whose keys in skip are free: the
 * figure name's parts in the fixed order runtime, backend, labels, bs,
 * clients ("2c"), iodepth ("qd16", not 1), numjobs ("j4", not 1), each
 * sanitised and joined by '-', into name (may be NULL); the same in words
 * into title ("beegfs, 1 MiB blocks, iodepth 16, 4 jobs"). */
void fsc_held(const struct fsc_render *r, const struct fsc_scn *g,
	      unsigned skip, struct fsc_buf *name, struct fsc_buf *title);
/* A figure named KIND[-XNAME]-DDIR-HELD (figure_held.c), kind shown in the
 * report as kind, drawn by template tmpl (NULL: kind); title and held
 * words are kept in the figure (and fig_title is written). */
struct fsc_fig *fsc_fig_held(struct fsc_render *r, const char *kind,
			     const char *tmpl, int xk,
			     const struct fsc_scn *g, unsigned skip,
			     const char *title);
/* A figure whose name is already safe (taken). */
struct fsc_fig *fsc_fig_new_name(struct fsc_render *r, const char *kind,
				 struct fsc_buf *name);
/* Append p sanitised for a file name part. */
void fsc_name_part(struct fsc_buf *b, const char *p);

/* ---- series and colours (figure_color.c) ---- */
/* Find the compared key of the loaded selection and give every scenario
 * its series and line type.  The rule: the five reference runtimes keep
 * line types 1-5; any other value v takes slot h(v) = FNV-1a(v) mod 48
 * (colour h mod 8 of the Okabe-Ito palette, open point type h div 8),
 * the next free slot when an earlier value (in name order) holds it;
 * line type 9 + slot. */
void fsc_series_assign(struct fsc_render *r);
/* Pin colours: "name=#rrggbb,...".  -1 with err on a malformed list. */
int fsc_series_pin(struct fsc_render *r, const char *spec,
		   struct fsc_err *err);
int fsc_colors_check(const char *spec, struct fsc_err *err);
/* Append the pins of the colours file path (figure_colors_file.c: lines
 * "name=#rrggbb", blank and '#' lines ignored) to spec, comma-separated.
 * -1 with err (its path and line) on a bad line or an unreadable file. */
int fsc_colors_file(const char *path, struct fsc_buf *spec,
		    struct fsc_err *err);
/* The pins of a run: those of file (NULL: the first "colors" file of the
 * template directories, tmpl first, if any), then colors (--colors, which
 * win).  *spec: malloc'd "name=#rrggbb,...", NULL when there are none.
 * -1 with err from fsc_colors_file. */
int fsc_colors_gather(const char *tmpl, const char *file,
		      const char *colors, char **spec, struct fsc_err *err);
/* fig_linetypes for the series lts[0..n) that style.gp does not define
 * (nothing when there is none); gnuplot.c evaluates it after style.gp. */
void fsc_gp_linetypes(struct fsc_buf *b, const struct fsc_render *r,
		      const int *lts, size_t n);

/* ---- the figure plan (figure_plan.c) ---- */
/* Every figure the campaign model calls for, in report order: for each
 * swept numeric key, bandwidth, IOPS and latency against it (a line per
 * compared value, a panel per pattern) where it takes two values or
 * more; grouped bars for what no line chart shows; throughput-latency
 * curves for an iodepth or clients sweep; a grid per pair of swept keys;
 * the stacked, distribution and timeline figures.  -1 with err. */
int fsc_fig_plan(struct fsc_render *r, struct fsc_err *err);
int fsc_fig_line(struct fsc_render *r, int metric, int xk, size_t *idx,
		 size_t n, struct fsc_err *err);
int fsc_fig_bars(struct fsc_render *r, char *drawn, struct fsc_err *err);
int fsc_fig_tl(struct fsc_render *r, struct fsc_err *err);
int fsc_fig_grid(struct fsc_render *r, struct fsc_err *err);
#define FSC_M_BW 0
#define FSC_M_IOPS 1
#define FSC_M_LAT 2
#define FSC_M_CPU 3	/* CPU seconds per GiB moved (#20) */
/* The knee of a throughput-latency curve (figure_tl.c): points i = 0..n-1
 * by load, throughput x[i], p99 y[i].  The knee is the last point before
 * the first step where p99 grows faster than throughput: the smallest i
 * with y[i+1]/y[i] > x[i+1]/x[i] (relative growth), -1 when p99 never
 * does (or n < 2). */
int fsc_knee(const double *x, const double *y, size_t n);
/* A latency "1ms", "250us", "2.5s", "800ns" in ns: 0, or -1. */
int fsc_latency_parse(const char *s, double *ns);
/* The highest throughput x[i] whose p99 y[i] <= slo; -1 when none. */
int fsc_slo_best(const double *x, const double *y, size_t n, double slo);

/* Units for an axis whose largest value is max: the divisor and name. */
double fsc_bw_unit(double max_bytes_per_s, const char **name);
double fsc_lat_unit(double max_ns, const char **name);
double fsc_iops_unit(double max_iops, const char **name);	/* "k", "M" */
/* fig_xlabel of an axis of x key xk: "clients (log2 scale)". */
void fsc_gp_xlabel(struct fsc_buf *b, const struct fsc_render *r,
		   int xk);
/* Decade bounds: 10^floor(log10(v)), 10^ceil(log10(v)). */
double fsc_decade_lo(double v);
double fsc_decade_hi(double v);
/* The same on a 1-2-5 ladder: 0.09 -> 0.05, 12 -> 20. */
double fsc_nice_lo(double v);
double fsc_nice_hi(double v);

/* Shared variables: the x axis of a clients or block-size dimension (log2
 * axis, a tic at every value): fig_xmin, fig_xmax, array xtic_val/xtic_lab. */
void fsc_gp_xaxis(struct fsc_buf *b, const int64_t *x, size_t n, int is_bs);
/* The runtimes of a figure as nseries, array series_name (with a "~"
 * prefix where marked[i], e.g. approximate latency) and series_lt; lts
 * sorted ascending.  marked may be NULL. */
void fsc_gp_series(struct fsc_buf *b, const struct fsc_render *r,
		   const int *lts, const int *marked, size_t n);
/* The runtime name of line type lt. */
const char *fsc_rt_name(const struct fsc_render *r, int lt);
/* Append a datablock "$name << EOD" ... "EOD" from text. */
void fsc_gp_block(struct fsc_buf *b, const char *name, const char *text);

#endif
