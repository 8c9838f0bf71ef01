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
	int lt;			/* the runtime's line type (style.gp) */
	int variant;		/* index of (iodepth, numjobs, labels) */
};

struct fsc_fig {
	char *name;		/* [A-Za-z0-9._-]+, unique in the set */
	const char *kind;	/* template: bw, stack, lat, cdf, timeline */
	struct fsc_buf data;	/* gnuplot variables and datablocks */
	char *error;		/* why it was not drawn, or NULL */
};

struct fsc_render {
	sqlite3 *db;		/* borrowed from the store */
	struct fsc_scn *scn;	/* selected, sorted by backend, bs, rw,
				 * runtime (line type), clients, ddir */
	size_t nscn;
	char **rt;		/* every runtime of the store, line-type order */
	size_t nrt;
	int show_qd, show_nj, show_labels;	/* name suffixes needed */
	struct fsc_fig *figs;
	size_t nfigs, capfigs;
};

/* Select the scenarios matching the --where filters w (NULL: all) into
 * r.  -1 with err (a key the store does not have, SQL error). */
int fsc_render_load(struct fsc_render *r, sqlite3 *db,
		    const struct fsc_where *w, struct fsc_err *err);
void fsc_render_free(struct fsc_render *r);

/* The figure families; each appends its figures to r.  -1 with err. */
int fsc_fig_bw(struct fsc_render *r, struct fsc_err *err);	/* bw, stack */
int fsc_fig_lat(struct fsc_render *r, struct fsc_err *err);
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
		      int by_bs);
/* Does the group hold a block-size sweep: a runtime and pattern with
 * more than one block size? */
int fsc_is_sweep(const struct fsc_render *r, const size_t *idx, size_t n);
/* Sort a group's members by pattern, runtime, then clients (by_bs = 0)
 * or block size (by_bs = 1). */
void fsc_group_sort(const struct fsc_render *r, size_t *idx, size_t n,
		    int by_bs);
#define FSC_K_RUNTIME 1u
#define FSC_K_RW 2u
#define FSC_K_CLIENTS 4u
#define FSC_K_BS 8u
#define FSC_K_DDIR 16u

/* Units for an axis whose largest value is max: the divisor and name. */
double fsc_bw_unit(double max_bytes_per_s, const char **name);
double fsc_lat_unit(double max_ns, const char **name);
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
