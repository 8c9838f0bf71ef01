/*
 * figure_timeline.c: inside one scenario (template timeline.gp): each
 * run's window on a time axis (start_ms to end_ms, per repetition from its
 * first start), the window common to all of a repetition's runs, and where
 * the store has them, bandwidth, IOPS and completion latency over time per
 * run: from fio's logs (log_sample) and from status-interval snapshots,
 * whose cumulative counters are differenced into per-interval values.
 * #20: of a scenario's repetitions only the one whose bandwidth is
 * closest to their median is drawn, and the note says which.
 * #19: where a run has latency histogram logs (hist_interval), its p50
 * and p99 per interval in two more panels, exact (fio's json+ rule), and
 * its approximate clat log curve is left out.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

/* The runs of a scenario; a run without a client is named by its job and
 * file (and its position when the file holds several of that job). */
static const char runs_sql[] =
	"SELECT r.id, COALESCE(r.rep, ''), COALESCE(r.client,"
	"  COALESCE(r.jobname, 'job') || ' in ' || substr(f.path,"
	"   length(rtrim(f.path, replace(f.path, '/', ''))) + 1)"
	"  || CASE WHEN (SELECT count(*) FROM run x WHERE x.file_id = r.file_id"
	"   AND x.jobname IS r.jobname) > 1 THEN ' #' || (r.seq + 1) ELSE '' END),"
	"  r.start_ms, r.end_ms, r.error"
	" FROM run r JOIN source_file f ON f.id = r.file_id"
	" WHERE r.scenario_id = ?1 AND r.start_ms IS NOT NULL"
	"  AND r.end_ms IS NOT NULL AND (?2 IS NULL OR r.rep_idx = ?2)"
	" ORDER BY length(COALESCE(r.rep, '')), r.rep,"
	"  length(COALESCE(r.client, '')), r.client, f.path, r.seq";

/* #20: a scenario's repetitions with their bandwidth (all directions
 * summed), for the one the figure shows */
static const char reps_sql[] =
	"SELECT rep_idx, sum(bw_bytes) FROM scenario_rep"
	" WHERE scenario_id = ?1 AND runs > 0 AND rep_idx IS NOT NULL"
	" GROUP BY rep_idx ORDER BY rep_idx";

/* Logs of one run: kind bw (bytes/s), iops, clat (ns); ms from its start.
 * A run of several jobs (numjobs with group_reporting) has one log per
 * job, and a job's log may skip an interval (fio samples bandwidth every
 * bw_avg_time, which can exceed log_avg_msec).  So the samples go into
 * buckets of the interval (the smallest gap between two samples of a job,
 * to 10 ms; 100 ms for per-I/O logs), each job's mean per bucket, and the
 * run's value per bucket is the mean of the jobs that have one: times the
 * number of jobs for bandwidth and IOPS. */
static const char logs_sql[] =
	"WITH l AS (SELECT kind, ddir, job, time_ms, value, time_ms - lag(time_ms)"
	"  OVER (PARTITION BY kind, ddir, job ORDER BY time_ms) AS gap"
	"  FROM log_sample WHERE run_id = ?1 AND kind IN ('bw', 'iops', 'clat')"
	"  AND (kind <> 'clat' OR NOT EXISTS (SELECT 1 FROM hist_interval h"
	"   WHERE h.run_id = ?1))),"
	" w AS (SELECT CASE WHEN min(gap) >= 10 THEN round(min(gap) / 10.0) * 10"
	"  ELSE 100 END AS w FROM l WHERE gap > 0),"
	" n AS (SELECT kind, ddir, count(DISTINCT job) AS n FROM l"
	"  GROUP BY kind, ddir),"
	" j AS (SELECT kind, ddir, job, CAST(round(time_ms / w.w) AS INTEGER) AS b,"
	"  avg(value) AS v, w.w AS w FROM l, w GROUP BY kind, ddir, job, b)"
	" SELECT j.kind, j.ddir, j.b * max(j.w), avg(j.v)"
	"  * CASE j.kind WHEN 'clat' THEN 1 ELSE max(n.n) END, max(n.n)"
	" FROM j JOIN n ON n.kind = j.kind AND n.ddir = j.ddir"
	" GROUP BY j.kind, j.ddir, j.b ORDER BY j.kind, j.ddir, j.b";

/* Snapshots of one run, then its final result (seq -1), per direction */
static const char snaps_sql[] =
	"SELECT ddir, time_ms, runtime_ms, io_bytes, total_ios, clat_mean_ns"
	" FROM (SELECT ddir, seq, time_ms, runtime_ms, io_bytes, total_ios,"
	"  clat_mean_ns FROM snapshot WHERE run_id = ?1"
	" UNION ALL SELECT i.ddir, 1 << 30, r.end_ms, i.runtime_ms, i.io_bytes,"
	"  i.total_ios, i.clat_mean_ns FROM io_stat i JOIN run r"
	"  ON r.id = i.run_id WHERE i.run_id = ?1"
	"  AND EXISTS (SELECT 1 FROM snapshot WHERE run_id = ?1))"
	" ORDER BY ddir, seq";

/* #19: a run's histogram log intervals, its jobs' merged per slot as
 * scenario_clat_interval merges runs (stats_hist.c) */
static const char hist_sql[] =
	"SELECT ddir, interval_ms, (time_ms + interval_ms / 2) / interval_ms"
	" AS slot, bins FROM hist_interval WHERE run_id = ?1"
	" ORDER BY ddir, interval_ms, slot";

enum { K_BW, K_IOPS, K_LAT, K_P50, K_P99, K_NR };
#define K_SNAP (K_LAT + 1)	/* the kinds snapshots give */

struct tl_run {
	int64_t id, start, end;
	int error, row;
	char *rep, *client;
	double t0;		/* its repetition's first start, ms */
};

/* One series: a run, a kind, a direction, points (s, value). */
struct tl_set {
	int kind, ddir, row;
	double *t, *v;
	size_t n, cap;
};

struct timeline {
	struct tl_run *run;
	size_t nrun;
	struct tl_set *set;
	size_t nset, capset;
	double max[K_NR];
	unsigned ddirs;		/* the scenario's directions, bits */
	int jobs;		/* the most per-job logs of one run and kind */
	/* #20: the repetition shown (rep_idx), -1: all; its place of */
	int64_t rep;
	size_t rep_k, rep_n;
};

static struct tl_set *new_set(struct timeline *T, int kind, int ddir,
			      int row)
{
	struct tl_set *s;

	if (T->nset == T->capset) {
		T->capset = T->capset ? 2 * T->capset : 16;
		T->set = fsc_realloc(T->set, T->capset * sizeof(*T->set));
	}
	s = &T->set[T->nset++];
	s->kind = kind;
	s->ddir = ddir;
	s->row = row;
	s->t = s->v = NULL;
	s->n = s->cap = 0;
	return s;
}

/* Add (t, v) to s; a NaN value breaks the line there. */
static void point(struct timeline *T, struct tl_set *s, double t, double v)
{
	if (!isfinite(v) && (!s->n || !isfinite(s->v[s->n - 1])))
		return;
	if (isfinite(v) && v > T->max[s->kind])
		T->max[s->kind] = v;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->t = fsc_realloc(s->t, s->cap * sizeof(double));
		s->v = fsc_realloc(s->v, s->cap * sizeof(double));
	}
	s->t[s->n] = t;
	s->v[s->n++] = v;
}

static int kind_of(const char *k)
{
	return !strcmp(k, "bw") ? K_BW : !strcmp(k, "iops") ? K_IOPS : K_LAT;
}

static void load_logs(struct timeline *T, sqlite3_stmt *s,
		      const struct tl_run *r)
{
	struct tl_set *cur = NULL;

	/* a missing interval is not "no I/O": fio samples bandwidth every
	 * bw_avg_time, which may be longer than log_avg_msec; so the line
	 * joins the samples there are */
	sqlite3_bind_int64(s, 1, r->id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int kind = kind_of((const char *)sqlite3_column_text(s, 0));
		int ddir = sqlite3_column_int(s, 1);
		double t = ((double)r->start + sqlite3_column_double(s, 2) -
			    r->t0) / 1000;

		if (ddir < 0 || ddir > 2 || !(T->ddirs & (1u << ddir)))
			continue;
		if (!cur || cur->kind != kind || cur->ddir != ddir)
			cur = new_set(T, kind, ddir, r->row);
		point(T, cur, t, sqlite3_column_double(s, 3));
		if (sqlite3_column_int(s, 4) > T->jobs)
			T->jobs = sqlite3_column_int(s, 4);
	}
	sqlite3_reset(s);
}

/* Add a histogram slot's p50 and p99 to the run's sets (hist_point). */
struct hist_ctx {
	struct timeline *T;
	const struct tl_run *r;
	size_t set[2];		/* indexes of its p50 and p99 sets */
	int ddir;
};

static int hist_point(void *ctx, const struct fsc_hist_slot *sl)
{
	struct hist_ctx *c = ctx;
	double t = ((double)c->r->start + (double)(sl->k * sl->msec) -
		    c->r->t0) / 1000;
	int k;

	if (sl->ddir < 0 || sl->ddir > 2 || !(c->T->ddirs & (1u << sl->ddir)))
		return 0;
	if (sl->ddir != c->ddir) {
		for (k = 0; k < 2; k++) {
			new_set(c->T, K_P50 + k, sl->ddir, c->r->row);
			c->set[k] = c->T->nset - 1;
		}
		c->ddir = sl->ddir;
	}
	for (k = 0; k < 2; k++)
		point(c->T, &c->T->set[c->set[k]], t, sl->samples ?
		      (double)fsc_hist_percentile(sl->bins, sl->nbins,
						  sl->samples, k ? 99 : 50) : NAN);
	return 0;
}

static void load_hist(struct timeline *T, sqlite3_stmt *s,
		      const struct tl_run *r)
{
	struct hist_ctx c = { .T = T, .r = r, .ddir = -1 };

	sqlite3_bind_int64(s, 1, r->id);
	fsc_hist_slots(s, hist_point, &c);
}

/* Differences of cumulative snapshots: each interval's value drawn as a
 * flat segment over the interval. */
static void load_snaps(struct timeline *T, sqlite3_stmt *s,
		       const struct tl_run *r)
{
	/* indexes, not pointers: new_set may move T->set */
	size_t set[K_SNAP] = { 0, 0, 0 };
	double pt = 0, prt = 0, pio = 0, pios = 0, plat = 0;
	int pdd = -1, k;

	sqlite3_bind_int64(s, 1, r->id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int ddir = sqlite3_column_int(s, 0);
		double t = sqlite3_column_double(s, 1);
		double rt = sqlite3_column_double(s, 2);
		double io = sqlite3_column_double(s, 3);
		double ios = sqlite3_column_double(s, 4);
		double lat = sqlite3_column_double(s, 5);
		double t0, t1, v[K_SNAP];

		if (ddir < 0 || ddir > 2 || !(T->ddirs & (1u << ddir)))
			continue;
		if (ddir != pdd) {
			pt = (double)r->start;
			prt = pio = pios = plat = 0;
			for (k = 0; k < K_SNAP; k++) {
				new_set(T, k, ddir, r->row);
				set[k] = T->nset - 1;
			}
			pdd = ddir;
		}
		if (rt > prt && t > pt) {
			v[K_BW] = (io - pio) / (rt - prt) * 1000;
			v[K_IOPS] = (ios - pios) / (rt - prt) * 1000;
			/* the interval's mean from two cumulative means */
			v[K_LAT] = ios > pios ? (lat * ios - plat * pios) /
				   (ios - pios) : NAN;
			if (!(v[K_LAT] > 0))
				v[K_LAT] = NAN;	/* inconsistent counters */
			t0 = (pt - r->t0) / 1000;
			t1 = (t - r->t0) / 1000;
			for (k = 0; k < K_SNAP; k++) {
				point(T, &T->set[set[k]], t0, v[k]);
				point(T, &T->set[set[k]], t1, v[k]);
			}
		}
		pt = t;
		prt = rt;
		pio = io;
		pios = ios;
		plat = lat;
	}
	sqlite3_reset(s);
}

/* Append s, at most 22 characters: the first 11, an ellipsis and the last
 * 10 of a longer one (pod names differ in the middle and at the end).
 * Counts UTF-8 characters; for tics (gnuplot formats) '%' becomes '%%'. */
static void add_short(struct fsc_buf *b, const char *s, int tic)
{
	size_t n = 0, k = 0;
	const char *p;

	for (p = s; *p; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	for (p = s; *p; p++) {
		int lead = ((unsigned char)*p & 0xc0) != 0x80;

		if (lead)
			k++;
		if (n > 22 && k > 11 && k <= n - 10) {
			if (lead && k == 12)
				fsc_buf_adds(b, "\xe2\x80\xa6");
			continue;
		}
		if (tic && *p == '%')
			fsc_buf_adds(b, "%%");
		else
			fsc_buf_add(b, p, 1);
	}
}

/* A run's label: "rep R CLIENT" when there are repetitions. */
static char *run_label(const struct tl_run *r, int reps, int tic)
{
	struct fsc_buf b = FSC_BUF_INIT;

	if (reps) {
		fsc_buf_adds(&b, "rep ");
		add_short(&b, r->rep, tic);
		fsc_buf_adds(&b, " ");
	}
	add_short(&b, r->client, tic);
	return fsc_buf_detach(&b);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* #20: of scenario scn's repetitions (2 or more), the one whose bandwidth
 * is closest to their median (the first on a tie): its rep_idx, its
 * place *k (from 1) among *n; -1 when there is no choice to make. */
static int64_t median_rep(sqlite3 *db, int64_t scn, size_t *k, size_t *n)
{
	sqlite3_stmt *s;
	double *v = NULL, *sorted, med, best = INFINITY;
	int64_t *id = NULL, pick = -1;
	size_t cap = 0, i;

	*n = *k = 0;
	if (sqlite3_prepare_v2(db, reps_sql, -1, &s, NULL))
		return -1;
	sqlite3_bind_int64(s, 1, scn);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			v = fsc_realloc(v, cap * sizeof(*v));
			id = fsc_realloc(id, cap * sizeof(*id));
		}
		id[*n] = sqlite3_column_int64(s, 0);
		v[(*n)++] = sqlite3_column_double(s, 1);
	}
	sqlite3_finalize(s);
	if (*n >= 2) {
		sorted = fsc_malloc(*n * sizeof(*sorted));
		memcpy(sorted, v, *n * sizeof(*sorted));
		qsort(sorted, *n, sizeof(*sorted), cmp_double);
		med = *n % 2 ? sorted[*n / 2] :
		      (sorted[*n / 2 - 1] + sorted[*n / 2]) / 2;
		free(sorted);
		for (i = 0; i < *n; i++)
			if (fabs(v[i] - med) < best) {
				best = fabs(v[i] - med);
				pick = id[i];
				*k = i + 1;
			}
	}
	free(v);
	free(id);
	return pick;
}

static int load_runs(struct fsc_render *r, int64_t scn, struct timeline *T,
		     struct fsc_err *err)
{
	sqlite3_stmt *s;
	size_t cap = 16, i, first = 0;

	T->rep = median_rep(r->db, scn, &T->rep_k, &T->rep_n);
	if (sqlite3_prepare_v2(r->db, runs_sql, -1, &s, NULL))
		return fsc_err_set(err, "", "%s", sqlite3_errmsg(r->db));
	T->run = fsc_malloc(cap * sizeof(*T->run));
	sqlite3_bind_int64(s, 1, scn);
	if (T->rep >= 0)
		sqlite3_bind_int64(s, 2, T->rep);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct tl_run *x;

		if (T->nrun == cap)
			T->run = fsc_realloc(T->run, (cap *= 2) * sizeof(*x));
		x = &T->run[T->nrun];
		x->id = sqlite3_column_int64(s, 0);
		x->rep = fsc_strdup((const char *)sqlite3_column_text(s, 1));
		x->client = fsc_strdup((const char *)sqlite3_column_text(s, 2));
		x->start = sqlite3_column_int64(s, 3);
		x->end = sqlite3_column_int64(s, 4);
		x->error = sqlite3_column_int(s, 5);
		x->row = (int)++T->nrun;
	}
	sqlite3_finalize(s);
	if (!T->nrun)
		return 0;
	/* each repetition's time starts at its first start */
	for (i = 0; i <= T->nrun; i++) {
		size_t j;
		int64_t t0;

		if (i < T->nrun && !strcmp(T->run[i].rep, T->run[first].rep))
			continue;
		for (t0 = T->run[first].start, j = first; j < i; j++)
			if (T->run[j].start < t0)
				t0 = T->run[j].start;
		for (j = first; j < i; j++)
			T->run[j].t0 = (double)t0;
		first = i;
	}
	return 0;
}

/* The windows ($win) and each repetition's common window ($common);
 * returns the smallest common share of the longest window, 0..1. */
static double windows(const struct timeline *T, struct fsc_buf *win,
		      struct fsc_buf *common, double *tmax)
{
	double share = 1;
	size_t i, first = 0;

	for (i = 0; i < T->nrun; i++) {
		const struct tl_run *x = &T->run[i];
		double a = (x->start - x->t0) / 1000, b = (x->end - x->t0) / 1000;

		fsc_buf_addf(win, "%.6g %.6g %d %d\n", a, b, x->row,
			     x->error != 0);
		if (b > *tmax)
			*tmax = b;
	}
	for (i = 1; i <= T->nrun; i++) {
		double lo = -INFINITY, hi = INFINITY, len = 0;
		size_t j;

		if (i < T->nrun && !strcmp(T->run[i].rep, T->run[first].rep))
			continue;
		for (j = first; j < i; j++) {
			const struct tl_run *x = &T->run[j];

			lo = fmax(lo, (x->start - x->t0) / 1000);
			hi = fmin(hi, (x->end - x->t0) / 1000);
			len = fmax(len, (double)(x->end - x->start) / 1000);
		}
		if (hi > lo)
			fsc_buf_addf(common, "%.6g %.6g %.6g %.6g\n", lo, hi,
				     T->run[first].row - 0.5,
				     T->run[i - 1].row + 0.5);
		else	/* no common window: nothing to mark */
			fsc_buf_addf(common, "NaN NaN %.6g %.6g\n",
				     T->run[first].row - 0.5,
				     T->run[i - 1].row + 0.5);
		if (len > 0)
			share = fmin(share, hi > lo ? (hi - lo) / len : 0);
		first = i;
	}
	return share;
}

static int timeline_figure(struct fsc_render *r, const size_t *idx, size_t n,
			   struct fsc_err *err)
{
	const struct fsc_scn *g = &r->scn[idx[0]];
	static const char *const kname[K_NR] = { "bandwidth", "IOPS",
		"completion latency", "p50 latency (histogram logs)",
		"p99 latency (histogram logs)" };
	struct timeline T;
	struct fsc_buf win = FSC_BUF_INIT, com = FSC_BUF_INIT,
		       ser = FSC_BUF_INIT, t = FSC_BUF_INIT, v = FSC_BUF_INIT;
	const char **labs = NULL, *ylab[K_NR], *units[K_NR];
	double *rows = NULL, *sk = NULL, *sd = NULL, *sr = NULL, tmax = 0,
	       share, div[K_NR], pf[K_NR], pl[K_NR], pmax[K_NR], keyrow[8];
	const char *keylab[8];
	size_t nkey = 0;
	size_t i, j, ns = 0, nk = 0;
	int reps = 0, kinds[K_NR] = { 0 }, rc = 0;
	char bst[32], yl[K_NR][64];
	sqlite3_stmt *ls = NULL, *ss = NULL, *hs = NULL;
	struct fsc_fig *f;

	memset(&T, 0, sizeof(T));
	for (i = 0; i < n; i++)
		T.ddirs |= 1u << r->scn[idx[i]].ddir;
	if (load_runs(r, g->id, &T, err) < 0)
		return -1;
	if (!T.nrun)
		goto out;
	if (sqlite3_prepare_v2(r->db, logs_sql, -1, &ls, NULL) ||
	    sqlite3_prepare_v2(r->db, snaps_sql, -1, &ss, NULL) ||
	    sqlite3_prepare_v2(r->db, hist_sql, -1, &hs, NULL)) {
		rc = fsc_err_set(err, "", "%s", sqlite3_errmsg(r->db));
		goto out;
	}
	for (i = 0; i < T.nrun; i++) {
		size_t before = T.nset;

		reps |= strcmp(T.run[i].rep, T.run[0].rep) != 0;
		load_logs(&T, ls, &T.run[i]);
		if (T.nset == before)
			load_snaps(&T, ss, &T.run[i]);
		load_hist(&T, hs, &T.run[i]);
	}
	share = windows(&T, &win, &com, &tmax);
	/* the series, grouped by panel (kind), empty ones dropped */
	labs = fsc_calloc(T.nrun, sizeof(*labs));
	rows = fsc_calloc(T.nrun, sizeof(*rows));
	sk = fsc_calloc(T.nset + 1, sizeof(double));
	sd = fsc_calloc(T.nset + 1, sizeof(double));
	sr = fsc_calloc(T.nset + 1, sizeof(double));
	for (j = 0; j < K_NR; j++) {
		if (j == K_BW)
			div[j] = fsc_bw_unit(T.max[j], &units[j]);
		else if (j == K_IOPS)
			div[j] = T.max[j] >= 1e4 ? 1e3 : 1, units[j] =
				 div[j] > 1 ? "thousands" : "";
		else
			div[j] = fsc_lat_unit(T.max[j], &units[j]);
		for (i = 0; i < T.nset; i++) {
			struct tl_set *s = &T.set[i];
			size_t k;

			if ((size_t)s->kind != j || !s->n)
				continue;
			if (!kinds[j]) {
				kinds[j] = (int)++nk;
				pf[nk - 1] = (double)ns + 1;
				pmax[nk - 1] = fsc_nice_hi(T.max[j] / div[j]);
			}
			pl[nk - 1] = (double)ns + 1;
			if (ns)
				fsc_buf_adds(&ser, "\n\n");
			fsc_gp_comment(&ser, "%s, %s: time (s), %s (%s)",
				     T.run[s->row - 1].client,
				     fsc_ddir_name(s->ddir), kname[j], units[j]);
			for (k = 0; k < s->n; k++)
				if (isfinite(s->v[k]))
					fsc_buf_addf(&ser, "%.6g %.6g\n", s->t[k],
						     s->v[k] / div[j]);
				else
					fsc_buf_addf(&ser, "%.6g NaN\n", s->t[k]);
			sk[ns] = kinds[j];
			sd[ns] = s->ddir;
			sr[ns++] = s->row;
		}
		snprintf(yl[j], sizeof(yl[j]), *units[j] ? "%s (%s)" : "%s",
			 kname[j], units[j]);
		ylab[j] = yl[j];
	}
	for (i = 0; i < T.nrun; i++) {
		labs[i] = run_label(&T.run[i], reps, 1);
		rows[i] = T.run[i].row;
	}
	/* the key names the runs with series, when they are few */
	for (i = 0; i < ns && nkey <= 8; i++) {
		for (j = 0; j < nkey && keyrow[j] != sr[i]; j++)
			;
		if (j == nkey && nkey++ < 8) {
			keyrow[j] = sr[i];
			keylab[j] = run_label(&T.run[(size_t)sr[i] - 1], reps, 0);
		}
	}
	if (nkey > 8) {
		for (j = 0; j < 8; j++)
			free((char *)keylab[j]);
		nkey = 0;
	}
	fsc_bs_title(g->bs, bst, sizeof(bst));
	f = fsc_fig_new_scn(r, "timeline", fsc_txt(g->runtime), g, &v);
	fsc_buf_addf(&t, "Timeline: %s, %s %s, %s blocks, %lld client%s",
		     fsc_txt(g->runtime), fsc_txt(g->backend), fsc_txt(g->rw),
		     bst, (long long)g->clients, g->clients == 1 ? "" : "s");
	fsc_variant_words(r, g, &v);	/* the name's suffix, in words */
	if (v.len)
		fsc_buf_addf(&t, ", %s", v.buf);
	fsc_gp_str(&f->data, "fig_title", t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "time since the %sfirst run started (s)",
		     reps ? "repetition's " : "");
	fsc_gp_str(&f->data, "fig_xlabel", t.buf);
	fsc_buf_reset(&t);
	if (T.rep >= 0)	/* #20 */
		fsc_buf_addf(&t, "repetition %zu of %zu, closest to the median "
			     "bandwidth; ", T.rep_k, T.rep_n);
	if (share > 0)
		fsc_buf_addf(&t, "bars: each run's window; between the dashed "
			     "lines: the window all runs share, %.0f%% of the "
			     "longest run%s", share * 100,
			     reps ? " (the least over repetitions)" : "");
	else
		fsc_buf_addf(&t, "bars: each run's window; no window common to "
			     "all runs%s", reps ? " in some repetition" : "");
	if (ns && T.ddirs == 3)
		fsc_buf_adds(&t, "; solid read, dashed write");
	if (ns && !nkey)
		fsc_buf_adds(&t, "; one line per run");
	if (T.jobs > 1)	/* #14: say how the per-job logs were combined */
		fsc_buf_addf(&t, "; up to %d job logs per run: bandwidth and "
			     "IOPS summed, latency averaged", T.jobs);
	fsc_gp_str(&f->data, "fig_note", t.buf);
	fsc_gp_num(&f->data, "fig_tmax", tmax > 0 ? tmax : 1);
	fsc_gp_num(&f->data, "fig_lt", g->lt);
	fsc_gp_num(&f->data, "fig_mixed", T.ddirs == 3);
	fsc_gp_num(&f->data, "nruns", (double)T.nrun);
	fsc_gp_strs(&f->data, "run_label", labs, T.nrun);
	fsc_gp_nums(&f->data, "run_row", rows, T.nrun);
	fsc_gp_num(&f->data, "npanels", (double)nk);
	{
		const char *yl_p[K_NR];

		for (j = 0; j < K_NR; j++)
			if (kinds[j])
				yl_p[kinds[j] - 1] = ylab[j];
		fsc_gp_strs(&f->data, "panel_ylabel", yl_p, nk);
	}
	fsc_gp_nums(&f->data, "panel_ymax", pmax, nk);
	fsc_gp_nums(&f->data, "panel_first", pf, nk);
	fsc_gp_nums(&f->data, "panel_last", pl, nk);
	fsc_gp_num(&f->data, "nkey", (double)nkey);
	fsc_gp_nums(&f->data, "key_row", keyrow, nkey);
	fsc_gp_strs(&f->data, "key_label", keylab, nkey);
	for (j = 0; j < nkey; j++)
		free((char *)keylab[j]);
	fsc_gp_num(&f->data, "nsets", (double)ns);
	fsc_gp_nums(&f->data, "set_panel", sk, ns);
	fsc_gp_nums(&f->data, "set_ddir", sd, ns);
	fsc_gp_nums(&f->data, "set_row", sr, ns);
	fsc_gp_block(&f->data, "win", win.buf);
	fsc_gp_block(&f->data, "common", com.buf);
	if (ns)
		fsc_gp_block(&f->data, "series", ser.buf);
out:
	sqlite3_finalize(ls);
	sqlite3_finalize(ss);
	sqlite3_finalize(hs);
	for (i = 0; i < T.nrun; i++) {
		free(T.run[i].rep);
		free(T.run[i].client);
		if (labs)
			free((char *)labs[i]);
	}
	for (i = 0; i < T.nset; i++) {
		free(T.set[i].t);
		free(T.set[i].v);
	}
	free(T.run);
	free(T.set);
	free(labs);
	free(rows);
	free(sk);
	free(sd);
	free(sr);
	fsc_buf_release(&win);
	fsc_buf_release(&com);
	fsc_buf_release(&ser);
	fsc_buf_release(&t);
	fsc_buf_release(&v);
	return rc;
}

int fsc_fig_timeline(struct fsc_render *r, struct fsc_err *err)
{
	char *done = fsc_calloc(r->nscn, 1);
	size_t *idx = fsc_calloc(r->nscn, sizeof(*idx)), i, n;
	int rc = 0;

	/* one figure per scenario, whatever its directions */
	for (i = 0; i < r->nscn && rc == 0; i++)
		if (!done[i] && (n = fsc_group(r, i, FSC_K_DDIR, done, idx)))
			rc = timeline_figure(r, idx, n, err);
	free(done);
	free(idx);
	return rc;
}
