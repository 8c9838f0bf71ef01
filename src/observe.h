/*
 * observe.h: the observations stage.  observe.c reads the store's scenario
 * statistics into a plain data model (one row per scenario key, one cell
 * per runtime, the ratio to a baseline runtime, its 95% confidence interval
 * and a verdict) and derives plain-language findings from it by rules;
 * table_out.c writes the model as text, Markdown, CSV, JSON or HTML and
 * render_cairo.c draws it as PNG, SVG or PDF.  Nothing here prints.
 *
 * Ownership: fsc_obs_new returns a model owned by the caller and freed by
 * fsc_obs_free (NULL is fine); every string and array in it belongs to it.
 */
#ifndef FSC_OBSERVE_H
#define FSC_OBSERVE_H
#include "fioscope.h"
#include "knobs.h"
#include "where.h"

enum fsc_obs_metric {
	FSC_OBS_BW,		/* aggregate bandwidth, bytes/s: higher is better */
	FSC_OBS_IOPS,		/* aggregate IO/s: higher is better */
	FSC_OBS_P50,		/* completion latency percentiles, ns: */
	FSC_OBS_P99,		/*   lower is better */
	FSC_OBS_P9999,
	FSC_OBS_CPU,		/* #20: CPU seconds per GiB moved (usr + sys,
				   all clients): lower is better */
};

enum fsc_obs_verdict {
	FSC_OBS_MISSING,	/* no value for this runtime */
	FSC_OBS_BASELINE,	/* the baseline's own cell */
	FSC_OBS_NO_BASE,	/* a value, but no baseline value to compare */
	FSC_OBS_CLOSE,		/* "close to" */
	FSC_OBS_BETTER,		/* "outperforms" (bw, iops) / "faster" (latency) */
	FSC_OBS_WORSE,		/* "worse" / "slower" */
	FSC_OBS_INCONCLUSIVE,	/* repetitions, but the CI allows either */
	FSC_OBS_NOISY,		/* #20: the cell's or the baseline's spread
				   across repetitions is above the threshold:
				   "too noisy"; outranks every other verdict */
};

enum fsc_obs_format {
	FSC_OBS_TEXT, FSC_OBS_MD, FSC_OBS_CSV, FSC_OBS_JSON, FSC_OBS_HTML,
	FSC_OBS_SVG, FSC_OBS_PNG, FSC_OBS_PDF,
};

struct fsc_obs_opts {
	/* the first column: "KEY=VALUE", or a runtime; NULL: the default
	 * (runtime=bare-metal when the store has it, else the first value of
	 * the one categorical key that varies, else no comparison) */
	const char *baseline;
	enum fsc_obs_metric metric;
	double close;		/* "close to" half width, fraction (0.05) */
	double min_overlap;	/* flag scenarios whose overlap is below */
	const struct fsc_where *where;	/* --where filters, or NULL */
	/* #20: "too noisy" above this coefficient of variation across
	 * repetitions: bandwidth and IOPS, latency; 0: the defaults
	 * (FSC_OBS_NOISY_TPUT, FSC_OBS_NOISY_LAT) */
	double noisy_tput, noisy_lat;
	double fdr;		/* #20: Benjamini-Hochberg at Q; 0: off */
	/* #20: a run whose file's --idle-prof system idleness is under this
	 * percent was CPU-starved; 0: the default (FSC_OBS_STARVED) */
	double cpu_starved;
	/* #20: the node's memory (bytes) for the data-set caveat; 0: not
	 * given, no caveat (fio does not say it) */
	int64_t node_mem;
};
#define FSC_OBS_STARVED 40.0	/* Longhorn kbench's rule */
#define FSC_OBS_NOISY_TPUT 0.05
#define FSC_OBS_NOISY_LAT 0.10

struct fsc_obs_cell {
	enum fsc_obs_verdict verdict;
	double value;		/* metric: bytes/s, IO/s or ns */
	int exact;		/* 0: latency approximated without json+ bins */
	int reps, runs, failed;	/* repetitions, runs used, runs failed */
	int all_failed;		/* no value because every run failed: the
				   verdict is FSC_OBS_MISSING, the words and
				   the cell say "all runs failed" */
	double overlap;		/* clients' common window / longest; <0 unknown */
	int has_ratio;
	double ratio;		/* value / baseline value */
	int has_ci;		/* both sides repeated: 95% CI of the ratio */
	double ci_lo, ci_hi;	/* -inf/inf when unbounded (Fieller) */
	int single;		/* decided by the threshold, not by a CI */
	int slight;		/* CI excludes 1 but the ratio is within close */
	int nrep;		/* per-repetition values (reps >= 2): count, */
	double rep_mean, rep_var;	/* mean, sample variance */
	int dups;		/* other scenarios that fell on this cell */
	/* #20 */
	double cv;		/* coefficient of variation across repetitions
				   (sample sd, N-1, over mean); <0: fewer than
				   2 repetitions */
	int noisy;		/* cv above the threshold */
	int caveat;		/* beats a bare-metal baseline: a cache or a
				   weaker durability guarantee (plausibility) */
	int unlike;		/* its job options differ from the baseline's */
	int64_t scenario;	/* scenario.id (0: none) */
	/* #20 CPU cost: with --metric cpu, the cell's CPU seconds per 1,000
	 * I/Os (the table's value is per GiB); <0 unknown */
	double alt;
	/* #20 CPU-starved: the lowest --idle-prof system idleness (percent)
	 * of the scenario's runs, <0 when fio measured none; how many runs
	 * were under the threshold */
	double idle;
	int starved;
	/* #20 data set: buffered runs whose data set (bytes) fits in
	 * --node-memory; 0: none */
	int64_t dataset;
};

struct fsc_obs_row {
	/* scenario key but the compared key; NULL strings and -1 numbers
	 * are unknown */
	char *runtime, *backend, *rw, *ddir, *labels;
	int64_t bs, clients, iodepth, numjobs;
	int show_ddir;		/* the pattern has several directions */
	int group;		/* rows of one pattern (all but clients) share it */
	struct fsc_obs_cell *cells;	/* one per runtime, column order */
};

enum fsc_obs_kind {
	FSC_OBS_F_PATTERN,	/* one runtime on one pattern */
	FSC_OBS_F_RUNTIME,	/* one runtime across all scenarios */
	FSC_OBS_F_NOTE,		/* caveats: overlap, failed runs, duplicates */
	FSC_OBS_F_SCALING,	/* a swept numeric key, lowest to highest */
	FSC_OBS_F_SPREAD,	/* #20: too noisy to conclude; listed first */
	FSC_OBS_F_CAVEAT,	/* #20: plausibility: beats bare metal */
	FSC_OBS_F_CPU,		/* #20: costs more CPU per I/O (--metric cpu) */
};

struct fsc_obs_finding {
	enum fsc_obs_kind kind;
	char *group;		/* the pattern's label or the runtime's name */
	char *runtime;		/* the runtime it is about, or NULL */
	char *verdict;		/* the main verdict's words, or NULL */
	char *text;		/* the sentence, UTF-8, not escaped */
};

struct fsc_obs_summary {
	size_t compared;	/* cells with a ratio */
	size_t better, worse, close, inconclusive;
	size_t noisy;		/* #20: too noisy */
	size_t slightly_better, slightly_worse;	/* of better, worse */
	double geomean;		/* geometric mean of the ratios; 0 if none */
	size_t best, worst;	/* row indexes */
	double close_max;	/* largest |ratio - 1| among "close to" */
};

struct fsc_obs {
	enum fsc_obs_metric metric;
	double close, min_overlap;
	char *key;		/* the compared key ("runtime"), NULL: none */
	char *note;		/* which comparison was chosen, or why none */
	char **runtimes;	/* the key's values, column order: [0] is the
				   baseline (none without a comparison) */
	size_t nruntimes;
	struct fsc_obs_row *rows;
	size_t nrows;
	struct fsc_obs_summary *summary;	/* per runtime; [0] unused */
	struct fsc_obs_finding *findings;
	size_t nfindings;
	/* which key columns vary between rows (the others are constant) */
	int vary_runtime, vary_backend, vary_bs, vary_rw, vary_iodepth, vary_numjobs,
	    vary_labels;
	/* footnote counts */
	size_t missing;		/* cells without a value */
	size_t no_base;		/* cells with a value but no baseline value */
	size_t approx;		/* latency cells approximated */
	size_t single;		/* compared cells decided without a CI */
	size_t repeated;	/* compared cells decided by a CI */
	size_t nooverlap;	/* cells whose clients did not overlap */
	size_t failed;		/* cells with failed runs left out */
	size_t all_failed;	/* cells whose runs all failed (no value) */
	/* #20 */
	double noisy;		/* the CV threshold of this metric */
	size_t noisy_cells;	/* cells (baselines too) above it */
	size_t few_reps;	/* cells with a value and 2 repetitions (single
				   runs have their own footnote) */
	size_t caveats;		/* compared cells with a plausibility caveat */
	size_t tests;		/* cells decided by a CI, not too noisy */
	size_t unlike;		/* compared cells whose job options differ */
	char *like_notes;	/* their footnotes, lines, or NULL */
	double fdr;		/* Benjamini-Hochberg's Q, 0: not applied */
	size_t fdr_tests, fdr_dropped;	/* cells tested, differences dropped */
	/* #20 CPU-starved: the threshold (percent), and per cell (row i,
	 * column j at i * nruntimes + j) the clients under it, ", "
	 * separated, or NULL */
	double starved_pct;
	int64_t node_mem;	/* #20 --node-memory, bytes; 0: not given */
	char **starved_who;
	/* #20 the common window: per cell (row * nruntimes + column) the
	 * words the overlap note adds, or NULL (observe_window.c) */
	char **win_notes;
	size_t nwin_notes;
};

/* Build the observations from st.  -1 (NULL) with err when the baseline
 * runtime is absent (err lists the runtimes present), when nothing
 * matches, or on a store error. */
struct fsc_obs *fsc_obs_new(struct fsc_store *st,
			    const struct fsc_obs_opts *o, struct fsc_err *err);
void fsc_obs_free(struct fsc_obs *obs);
/* o with observe's defaults: the close band (FSC_CLOSE_BAND), the
 * overlap under which a scenario is flagged (FSC_OVERLAP_MIN), the
 * metric, baseline and where given (NULL: the defaults, everything),
 * the noise limits' defaults, no FDR. */
void fsc_obs_opts_init(struct fsc_obs_opts *o, enum fsc_obs_metric m,
		       const char *baseline, const struct fsc_where *where);

/* Names and words.  All return static strings. */
const char *fsc_obs_metric_name(enum fsc_obs_metric m);	/* "bw", "p99" */
const char *fsc_obs_metric_title(enum fsc_obs_metric m);
/* A kind of findings' heading ("Findings by backend", "Plausibility
 * caveats"), unescaped: the words every output uses. */
void fsc_obs_kind_head(const struct fsc_obs *obs, enum fsc_obs_kind k,
		       struct fsc_buf *out);
int fsc_obs_metric_is_latency(enum fsc_obs_metric m);
/* #20: lower is better (latency, CPU cost). */
int fsc_obs_metric_lower(enum fsc_obs_metric m);
/* The verdict's words ("outperforms", "close to", "faster"...). */
const char *fsc_obs_verdict_words(const struct fsc_obs *obs,
				  const struct fsc_obs_cell *c);
/* A short machine name ("better", "worse", "close", "missing"...). */
const char *fsc_obs_verdict_name(enum fsc_obs_verdict v);
/* The runtime's name as prose uses it ("bare-metal" -> "bare metal"). */
const char *fsc_obs_prose_name(const char *runtime);

/* Formatting into out (appended): the value with its unit ("2.91 GB/s",
 * "97.8 µs"), the ratio ("0.93x"), the row's pattern label. */
void fsc_obs_fmt_value(enum fsc_obs_metric m, double v, struct fsc_buf *out);
void fsc_obs_fmt_ratio(double r, struct fsc_buf *out);
void fsc_obs_fmt_bs(int64_t bs, struct fsc_buf *out);
void fsc_obs_pattern(const struct fsc_obs *obs, const struct fsc_obs_row *r,
		     struct fsc_buf *out);
/* The key columns tables show: those that vary between rows, then rw
 * (with the direction for mixed patterns) and clients; returns how many
 * were written into kc. */
enum fsc_obs_keycol {
	FSC_OBS_KC_RUNTIME, FSC_OBS_KC_BACKEND, FSC_OBS_KC_BS, FSC_OBS_KC_QD, FSC_OBS_KC_JOBS,
	FSC_OBS_KC_LABELS, FSC_OBS_KC_RW, FSC_OBS_KC_CLIENTS, FSC_OBS_KC_NR
};
int fsc_obs_key_columns(const struct fsc_obs *obs,
			enum fsc_obs_keycol kc[FSC_OBS_KC_NR]);
/* The column's heading ("rw") and a row's text in it ("randrw read"). */
const char *fsc_obs_key_head(enum fsc_obs_keycol k);
void fsc_obs_key_text(const struct fsc_obs_row *r, enum fsc_obs_keycol k,
		      struct fsc_buf *out);
/* The constant key values ("backend beegfs, bs 1m"), or "" when none. */
void fsc_obs_constants(const struct fsc_obs *obs, struct fsc_buf *out);
/* The cell's value as tables show it: "~" before approximate latency,
 * "*" after a value whose clients did not overlap, "—" when missing. */
void fsc_obs_cell_value(const struct fsc_obs *obs,
			const struct fsc_obs_cell *c, struct fsc_buf *out);
/* The cell's ratio as tables show it ("0.93x"); when single-run and
 * repeated cells mix, the fewer kind is marked, single runs with a dagger,
 * repeated cells with a double dagger.  "" without a ratio. */
void fsc_obs_cell_ratio(const struct fsc_obs *obs,
			const struct fsc_obs_cell *c, struct fsc_buf *out);
/* "Bandwidth relative to bare-metal" */
void fsc_obs_title(const struct fsc_obs *obs, struct fsc_buf *out);
/* The footnotes, one per line, each ending in '\n'. */
void fsc_obs_footnotes(const struct fsc_obs *obs, struct fsc_buf *out);

/* The cell's shade on a diverging blue-white-orange scale centred on 1.0x,
 * log2 of the ratio saturating at FSC_OBS_SHADE_OCTAVES octaves either way
 * (blue better, orange worse, whatever the metric's direction), as sRGB
 * 0..1; white for cells without a ratio.  Returns 1 when dark text is
 * unreadable on it (use white). */
#define FSC_OBS_SHADE_OCTAVES 2.0
int fsc_obs_shade(const struct fsc_obs *obs, double ratio, double rgb[3]);
/* A cell's shade: its ratio's, at half strength when inconclusive. */
int fsc_obs_cell_shade(const struct fsc_obs *obs,
		       const struct fsc_obs_cell *c, double rgb[3]);

/* The 95% confidence interval of x's mean over y's mean from their
 * per-repetition values (nrep >= 2 each): Fieller's, Welch df (see
 * observe.c).  -inf/inf when unbounded. */
void fsc_obs_fieller(const struct fsc_obs_cell *x,
		     const struct fsc_obs_cell *y, double *lo, double *hi);

/* observe_findings.c: fill obs->summary and obs->findings from the
 * verdicts (called by fsc_obs_new). */
void fsc_obs_findings(struct fsc_obs *obs);

/* The verdict of cell c against cell b (its ratio, CI, words), by the
 * rules at the top of observe.c. */
void fsc_obs_decide(const struct fsc_obs *obs, struct fsc_obs_cell *c,
		    const struct fsc_obs_cell *b);

/* observe_scaling.c: the scaling findings of every swept numeric key of
 * the model m, appended to obs->findings.  p[i] is scenario i's cell
 * (obs->metric) with its bandwidth and p99 (NAN when absent). */
struct fsc_model;
struct fsc_obs_point {
	struct fsc_obs_cell cell;
	double bw, p99;
};
void fsc_obs_scaling(struct fsc_obs *obs, const struct fsc_model *m,
		     const struct fsc_obs_point *p);
void fsc_obs_add_finding(struct fsc_obs *obs, enum fsc_obs_kind kind,
			 const char *group, const char *runtime,
			 const char *verdict, struct fsc_buf *text);

/* observe_spread.c (#20): Welch's two-sided p-value of equal means of
 * x and y (nrep >= 2 each); Benjamini-Hochberg at q over the cells
 * decided by a CI (differences it does not keep become close or
 * inconclusive; called by fsc_obs_new when opts ask); the footnotes of
 * spread, plausibility and multiple comparisons (fsc_obs_footnotes). */
double fsc_obs_pvalue(const struct fsc_obs_cell *x,
		      const struct fsc_obs_cell *y);
void fsc_obs_fdr(struct fsc_obs *obs, double q);
/* observe_like.c (#20): mark compared cells whose runs' job options
 * differ from their baseline's and word the footnotes.  -1 on a store
 * error. */
int fsc_obs_like(struct fsc_obs *obs, sqlite3 *db);
/* observe_window.c (#20): obs->win_notes for the cells whose clients did
 * not run together.  -1 on a store error. */
int fsc_obs_window(struct fsc_obs *obs, sqlite3 *db);
void fsc_obs_footnotes_20(const struct fsc_obs *obs, struct fsc_buf *out);
/* #20: the caveat of a cell beyond bare metal, as every output words it
 * ("beyond bare metal: check for a cache or weaker durability"; reads: "a cache?"). */
void fsc_obs_caveat_words(const struct fsc_obs_row *r, struct fsc_buf *out);
/* #20: the scenarios to run again (too noisy), one per line as
 * KEY=VALUE words (--where's syntax), values shell-quoted when they hold
 * anything but [A-Za-z0-9._:/+-]. */
void fsc_obs_rerun(const struct fsc_obs *obs, struct fsc_buf *out);

/* observe_cpu.c (#20): the CPU cost of a scenario (--metric cpu): all
 * its good runs' CPU seconds over the GiB they moved, *alt over the
 * thousands of I/Os (NAN when unknown); per repetition, their count,
 * mean and sample variance.  -1 on a store error. */
int fsc_obs_cpu(sqlite3 *db, int64_t scenario, double *per_gib,
		double *alt, int *nrep, double *mean, double *var);
/* #20: the cells whose buffered runs' data set fits in node_mem bytes
 * (cell.dataset; observe_dataset.c); node_mem 0: none.  -1 on a store
 * error. */
int fsc_obs_dataset(struct fsc_obs *obs, sqlite3 *db, int64_t node_mem);
/* "4 MiB", "1.5 GiB": bytes in binary units, 3 significant digits. */
void fsc_obs_size_words(int64_t bytes, struct fsc_buf *out);
/* The CPU-starved runs of every cell (cell.idle, cell.starved,
 * obs->starved_who), under pct percent idleness.  -1 on a store error. */
int fsc_obs_starved(struct fsc_obs *obs, sqlite3 *db, double pct);

/* table_out.c: append obs in a text format (TEXT, MD, CSV, JSON, HTML);
 * colour adds ANSI colours to TEXT.  -1 with err for an image format. */
int fsc_obs_write(const struct fsc_obs *obs, enum fsc_obs_format f,
		  int colour, struct fsc_buf *out, struct fsc_err *err);

/* render_cairo.c: draw the table as SVG, PNG or PDF into path: slides
 * of exactly width x height px (pt for PDF), numbered NAME-1.EXT, ...
 * when there are several.  title may be NULL.  The number of slides, or
 * -1 with err. */
int fsc_obs_render(const struct fsc_obs *obs, enum fsc_obs_format f,
		   const char *title, int width, int height, const char *path,
		   struct fsc_err *err);
/* The same with the figure knobs (knobs.h): canvas, font scale (the
 * slide's scale times font_scale, as long as it fits; above 1 the slides
 * are cut for a canvas 1/font_scale as large), theme, transparency (PNG
 * with alpha, no background), title. */
int fsc_obs_render_knobs(const struct fsc_obs *obs, enum fsc_obs_format f,
			 const struct fsc_knobs *k, const char *path,
			 struct fsc_err *err);
/* Release cairo's global font caches, for leak checkers: call once, when
 * no drawing is under way (a command's end). */
void fsc_obs_render_cleanup(void);
#endif
