/*
 * stats_window.c (#20): the aggregate bandwidth of a scenario over the
 * window all its clients ran together, beside the sum of the clients'
 * own bandwidths (stats.c's bw_bytes), which overstates what they did
 * together when they started apart.  pbench-fio sums the clients' rates
 * only over the timestamps all clients share; elbencho reports "first
 * done" beside "last done".
 *
 * Per repetition the common window is [latest start, earliest end] of
 * its successful runs (run.start_ms, run.end_ms).  A client's bytes in
 * it are:
 * - 'logs': from its bw log (log_sample, bytes/s at ms since the job
 *   started): each sample stands for the rate over the time since the
 *   previous sample of its job (from the job's start for the first), so
 *   the bytes in the window are the integral of that step function over
 *   the part of the window the samples cover, and its rate there the
 *   bytes over the covered time; the jobs of a run are summed.
 * - 'windows', when some run has no bw log covering the window: its
 *   io_bytes times the window's share of its own run window, that is a
 *   uniform rate over its run assumed.
 * The repetition's figure is the clients' rates in the window summed;
 * the scenario's the mean over repetitions (as bw_bytes).  One source
 * for all: 'logs' only when every run has one.
 */
#include <math.h>
#include "stats_window.h"

/* The rate (bytes/s) of run id in [cs, ce] from its bw log; -1: no log
 * covers the window for every job of the run; -2: a store error. */
static double log_rate(sqlite3_stmt *q, int ddir, const struct fsc_win_run *r,
		       double cs, double ce)
{
	double rate = 0, bytes = 0, cov = 0, tprev = 0, span = r->end - r->start;
	int64_t job = -1;
	int rc, any = 0;

	sqlite3_bind_int64(q, 1, r->id);
	sqlite3_bind_int(q, 2, ddir);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t j = sqlite3_column_int64(q, 0);
		double t = sqlite3_column_double(q, 1);
		double v = sqlite3_column_double(q, 2), lo, hi;

		if (j != job) {
			if (any && cov <= 0)
				break;	/* a job without a sample in the window */
			if (any)
				rate += bytes * 1000 / cov;
			job = j;
			bytes = cov = tprev = 0;
			any = 1;
		}
		/* times since the job started; an epoch time (log_unix_epoch)
		 * or a log of another run is not this run's */
		if (t < 0 || t > span + 1000) {
			cov = 0;
			break;
		}
		lo = fmax(r->start + tprev, cs);
		hi = fmin(r->start + t, ce);
		if (hi > lo) {
			bytes += v * (hi - lo) / 1000;
			cov += hi - lo;
		}
		tprev = t;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -2;
	if (!any || cov <= 0)
		return -1;
	return rate + bytes * 1000 / cov;
}

int fsc_stats_common(sqlite3_stmt *logs, int ddir,
		     const struct fsc_win_run *w, size_t n,
		     struct fsc_win_result *out)
{
	double sum_logs = 0, sum_win = 0, least = INFINITY;
	int k, nreps = 0, reps = 0, use_logs = 1;
	size_t i;

	out->bw = 0;
	out->source = NULL;
	out->late = out->early = NULL;
	for (i = 0; i < n; i++)
		if (w[i].rep >= nreps)
			nreps = w[i].rep + 1;
	for (k = 0; k < nreps; k++) {
		double cs = -INFINITY, ce = INFINITY, longest = 0;
		double rl = 0, rw = 0;
		size_t late = n, early = n, m = 0;

		for (i = 0; i < n; i++) {
			if (w[i].rep != k)
				continue;
			if (!isfinite(w[i].start) || !isfinite(w[i].end) ||
			    w[i].end <= w[i].start)
				return 0;
			if (late == n || w[i].start > w[late].start)
				late = i;
			if (early == n || w[i].end < w[early].end)
				early = i;
			cs = fmax(cs, w[i].start);
			ce = fmin(ce, w[i].end);
			longest = fmax(longest, w[i].end - w[i].start);
			m++;
		}
		if (!m)
			continue;	/* no run of this repetition here */
		if (ce <= cs)
			return 0;	/* the clients never ran together */
		for (i = 0; i < n; i++) {
			double r;

			if (w[i].rep != k)
				continue;
			rw += w[i].bytes * 1000 / (w[i].end - w[i].start);
			if (!use_logs)
				continue;
			r = log_rate(logs, ddir, &w[i], cs, ce);
			if (r < -1.5)
				return -1;
			if (r < 0)
				use_logs = 0;
			rl += r;
		}
		sum_win += rw;
		sum_logs += rl;
		reps++;
		/* the repetition whose clients shared the least */
		if (m > 1 && (ce - cs) / longest < least &&
		    (ce - cs) / longest < 1) {
			least = (ce - cs) / longest;
			out->late = w[late].client;
			out->early = w[early].client;
		}
	}
	if (!reps)
		return 0;
	out->source = use_logs ? "logs" : "windows";
	out->bw = (use_logs ? sum_logs : sum_win) / reps;
	return 1;
}
