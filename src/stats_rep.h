/* stats_rep.h: per-repetition statistics of a scenario (stats_rep.c),
 * for the readers that decide with confidence intervals (observe, its
 * scaling findings): the same repetitions stats.c forms, read from the
 * store's scenario_rep view (bandwidth, IOPS) or taken from each
 * repetition's merged json+ bins (latency). */
#ifndef FSC_STATS_REP_H
#define FSC_STATS_REP_H
#include "fioscope.h"

enum fsc_rep_what { FSC_REP_BW, FSC_REP_IOPS, FSC_REP_LAT };

struct fsc_rep_stat {
	int n;			/* repetitions with a value */
	double mean, var;	/* their mean and sample variance (0: n < 2) */
};

/* The per-repetition values of scenario's direction ddir: bandwidth or
 * IOPS (the sum over the repetition's good runs), or latency percentile
 * pct (from the repetition's merged bins when every run has usable ones,
 * else the sample-weighted mean of the runs' reported percentiles).  -1 on
 * a store error. */
int fsc_stats_rep(sqlite3 *db, int64_t scenario, int ddir,
		  enum fsc_rep_what what, double pct, struct fsc_rep_stat *out);

/* #20 spread: the coefficient of variation of a's values, the sample
 * standard deviation (N-1) over the mean; -1 (none, never 0) with fewer
 * than 3 values or a mean that is not above 0.  The one home of the rule:
 * stats.c stores it (scenario_stat.bw_cv, iops_cv, p99_cv), observe.c
 * reads those and uses this for the other percentiles. */
double fsc_stats_cv(const struct fsc_rep_stat *a);
#endif
