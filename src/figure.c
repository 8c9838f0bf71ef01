/*
 * figure.c: the renderer's figure stage, shared part: select the scenarios
 * (--where, where.c), give every runtime its fixed line type,
 * name figures safely, and the units, axes and series that every figure
 * family (figure_*.c) writes the same way.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"
#include "rows.h"
#include "key.h"
#include "observe.h"

/* The scenarios with something to draw that match --where (where.h). */
static const char select_sql[] =
	"SELECT s.id, s.runtime, s.backend, s.rw, s.bs,"
	"  COALESCE(s.clients, t.clients), s.iodepth, s.numjobs, s.labels,"
	"  t.ddir, t.runs, t.reps, t.failed_runs, t.bw_bytes, t.bw_bytes_ci95,"
	"  t.iops, t.clat_p50_ns, t.clat_p99_ns, t.clat_p9999_ns,"
	"  t.latency_exact, t.overlap,"
	"  (SELECT count(*) FROM json_each(t.clat_bins))"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" WHERE t.runs > 0 AND" FSC_WHERE_SQL
	/* a scenario's directions together, its first one first (load_cpu) */
	" ORDER BY t.scenario_id, t.ddir";

/* A key no scenario states is not named: titles close up the gap
 * (fsc_key_tidy) and file names leave the part out. */
const char *fsc_txt(const char *s)
{
	return s ? s : "";
}

const char *fsc_ddir_name(int ddir)
{
	return ddir == 0 ? "read" : ddir == 1 ? "write" : "trim";
}

const char *fsc_rt_name(const struct fsc_render *r, int lt)
{
	size_t i;

	for (i = 0; i < r->nser; i++)
		if (r->ser[i].lt == lt)
			return r->ser[i].name;
	return "";
}

unsigned fsc_xkey_bit(int xk)
{
	static const unsigned bit[] = { FSC_K_CLIENTS, FSC_K_BS,
					FSC_K_IODEPTH, FSC_K_NUMJOBS,
					FSC_K_XLABEL };

	return xk >= 0 && xk < FSC_NX ? bit[xk] : 0;
}

int64_t fsc_scn_x(const struct fsc_scn *s, int xk)
{
	return xk == FSC_X_BS ? s->bs : xk == FSC_X_IODEPTH ? s->iodepth :
	       xk == FSC_X_NUMJOBS ? s->numjobs :
	       xk == FSC_X_LABEL ? s->lx : s->clients;
}

const char *fsc_xkey_name(const struct fsc_render *r, int xk)
{
	return xk == FSC_X_BS ? "bs" : xk == FSC_X_IODEPTH ? "iodepth" :
	       xk == FSC_X_NUMJOBS ? "numjobs" :
	       xk == FSC_X_LABEL ? fsc_txt(r->xlabel_part) : "";
}

const char *fsc_xkey_words(const struct fsc_render *r, int xk)
{
	return xk == FSC_X_BS ? "block size" : xk == FSC_X_IODEPTH ?
	       "iodepth" : xk == FSC_X_NUMJOBS ? "jobs" :
	       xk == FSC_X_LABEL ? fsc_txt(r->xlabel) : "clients";
}

/* fio's order of patterns (key.c) */
static int rw_rank(const char *rw)
{
	return fsc_key_rw_rank(rw);
}

/* strcmp with NULL (unknown) after every string */
static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return !a && !b ? 0 : !a ? 1 : -1;
	return strcmp(a, b);
}

static int icmp(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int scn_cmp(const void *pa, const void *pb)
{
	const struct fsc_scn *a = pa, *b = pb;
	int c;

	if ((c = nullcmp(a->backend, b->backend)) ||
	    (c = icmp(a->bs, b->bs)) ||
	    (c = icmp(rw_rank(a->rw), rw_rank(b->rw))) ||
	    (c = nullcmp(a->rw, b->rw)) || (c = icmp(a->lt, b->lt)) ||
	    (c = icmp(a->clients, b->clients)) ||
	    (c = icmp(a->ddir, b->ddir)) ||
	    (c = icmp(a->iodepth, b->iodepth)) ||
	    (c = icmp(a->numjobs, b->numjobs)) ||
	    (c = nullcmp(a->labels, b->labels)))
		return c;
	return icmp(a->id, b->id);
}

int fsc_scn_same(const struct fsc_scn *a, const struct fsc_scn *b,
		 unsigned skip)
{
	/* the compared key is the series (lt); the others are held */
	int free_key = (skip & FSC_K_SERIES) ? a->sk : -1;

	return (free_key == FSC_KEY_BACKEND ||
		!nullcmp(a->backend, b->backend)) &&
	       (free_key == FSC_KEY_RUNTIME ||
		!nullcmp(a->runtime, b->runtime)) &&
	       ((skip & FSC_K_BS) || a->bs == b->bs) &&
	       ((skip & FSC_K_RW) || !nullcmp(a->rw, b->rw)) &&
	       ((skip & FSC_K_SERIES) || a->lt == b->lt) &&
	       ((skip & FSC_K_CLIENTS) || a->clients == b->clients) &&
	       ((skip & FSC_K_DDIR) || a->ddir == b->ddir) &&
	       ((skip & FSC_K_IODEPTH) || a->iodepth == b->iodepth) &&
	       ((skip & FSC_K_NUMJOBS) || a->numjobs == b->numjobs) &&
	       ((skip & FSC_K_XLABEL) ? !nullcmp(a->rest_nx, b->rest_nx) :
		!nullcmp(a->rest, b->rest));
}

size_t fsc_group(const struct fsc_render *r, size_t i, unsigned skip,
		 char *done, size_t *idx)
{
	size_t j, n = 0;

	for (j = i; j < r->nscn; j++)
		if (!done[j] && fsc_scn_same(&r->scn[i], &r->scn[j], skip)) {
			done[j] = 1;
			idx[n++] = j;
		}
	return n;
}

void fsc_add_int(int *set, size_t *n, int v)
{
	size_t i, j;

	for (i = 0; i < *n && set[i] < v; i++)
		;
	if (i < *n && set[i] == v)
		return;
	for (j = *n; j > i; j--)
		set[j] = set[j - 1];
	set[i] = v;
	(*n)++;
}

void fsc_add_i64(int64_t *set, size_t *n, int64_t v)
{
	size_t i, j;

	for (i = 0; i < *n && set[i] < v; i++)
		;
	if (i < *n && set[i] == v)
		return;
	for (j = *n; j > i; j--)
		set[j] = set[j - 1];
	set[i] = v;
	(*n)++;
}

int fsc_is_sweep(const struct fsc_render *r, const size_t *idx, size_t n,
		 int xk)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			const struct fsc_scn *a = &r->scn[idx[i]],
					     *b = &r->scn[idx[j]];

			if (a->lt == b->lt && !nullcmp(a->rw, b->rw) &&
			    fsc_scn_x(a, xk) != fsc_scn_x(b, xk))
				return 1;
		}
	return 0;
}

size_t fsc_group_xpos(const struct fsc_render *r, size_t *idx, size_t n,
		      int xk)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (fsc_scn_x(&r->scn[idx[i]], xk) > 0)
			idx[k++] = idx[i];
	return k;
}

/* Order of a group's members: pattern, series, then x. */
static int member_cmp(const struct fsc_scn *a, const struct fsc_scn *b,
		      int xk)
{
	int c;

	if ((c = icmp(rw_rank(a->rw), rw_rank(b->rw))) ||
	    (c = nullcmp(a->rw, b->rw)) || (c = icmp(a->lt, b->lt)))
		return c;
	return icmp(fsc_scn_x(a, xk), fsc_scn_x(b, xk));
}

void fsc_group_sort(const struct fsc_render *r, size_t *idx, size_t n,
		    int xk)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && member_cmp(&r->scn[idx[j - 1]],
						&r->scn[idx[j]], xk) > 0; j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? fsc_strdup((const char *)t) : NULL;
}

static int64_t col_int(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 :
	       sqlite3_column_int64(s, i);
}

static double col_num(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN :
	       sqlite3_column_double(s, i);
}

/* Does field f take more than one value among the selected scenarios? */
static void variants(struct fsc_render *r)
{
	size_t i;

	for (i = 1; i < r->nscn; i++) {
		const struct fsc_scn *a = &r->scn[0], *b = &r->scn[i];

		r->show_labels |= !!nullcmp(a->labels, b->labels);
		r->swept[FSC_X_CLIENTS] |= a->clients != b->clients;
		r->swept[FSC_X_BS] |= a->bs != b->bs;
		r->swept[FSC_X_IODEPTH] |= a->iodepth != b->iodepth;
		r->swept[FSC_X_NUMJOBS] |= a->numjobs != b->numjobs;
		r->swept[FSC_X_LABEL] |= a->lx != b->lx;
	}
}

static int load_cpu(struct fsc_render *r, struct fsc_err *err);

int fsc_render_load(struct fsc_render *r, sqlite3 *db,
		    const struct fsc_where *w, struct fsc_err *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	r->slo_text = (struct fsc_buf)FSC_BUF_INIT;
	r->db = db;
	err->msg[0] = '\0';
	if (fsc_where_check(w, db, err) < 0)
		return -1;
	if (sqlite3_prepare_v2(db, select_sql, -1, &s, NULL))
		return fsc_err_set(err, "", "%s", sqlite3_errmsg(db));
	fsc_where_bind(w, s);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fsc_scn *c;

		if (r->nscn == cap) {
			cap = cap ? 2 * cap : 64;
			r->scn = fsc_realloc(r->scn, cap * sizeof(*r->scn));
		}
		c = &r->scn[r->nscn++];
		c->id = sqlite3_column_int64(s, 0);
		c->runtime = col_text(s, 1);
		c->backend = col_text(s, 2);
		c->rw = col_text(s, 3);
		c->bs = col_int(s, 4);
		c->clients = col_int(s, 5);
		c->iodepth = col_int(s, 6);
		c->numjobs = col_int(s, 7);
		c->labels = col_text(s, 8);
		if (c->labels && !*c->labels) {
			free(c->labels);
			c->labels = NULL;
		}
		c->ddir = sqlite3_column_int(s, 9);
		c->runs = sqlite3_column_int(s, 10);
		c->reps = sqlite3_column_int(s, 11);
		c->failed = sqlite3_column_int(s, 12);
		c->bw = col_num(s, 13);
		c->bw_ci95 = col_num(s, 14);
		c->iops = col_num(s, 15);
		c->p50 = col_num(s, 16);
		c->p99 = col_num(s, 17);
		c->p9999 = col_num(s, 18);
		c->exact = sqlite3_column_int(s, 19);
		c->overlap = col_num(s, 20);
		c->nbins = sqlite3_column_int(s, 21);
		c->series = c->rest = c->rest_nx = NULL;
		c->lx = -1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fsc_err_set(err, "", "%s", sqlite3_errmsg(db));
	if (load_cpu(r, err) < 0)
		return -1;
	fsc_series_assign(r);
	if (r->nscn)
		qsort(r->scn, r->nscn, sizeof(*r->scn), scn_cmp);
	variants(r);
	return 0;
}

/* The CPU cost of every scenario (observe_cpu.c's, the one home of its
 * formula), kept on its first direction's row only: the cost is over
 * all directions and one figure shows it once.  Before the sort: the
 * rows are still in select_sql's order, a scenario's first direction
 * first. */
static int load_cpu(struct fsc_render *r, struct fsc_err *err)
{
	size_t i;

	for (i = 0; i < r->nscn; i++) {
		struct fsc_scn *c = &r->scn[i];
		double alt, mean, var;

		c->cpu = c->cpu_ci95 = NAN;
		c->cpu_reps = 0;
		if (i && r->scn[i - 1].id == c->id)
			continue;
		if (fsc_obs_cpu(r->db, c->id, &c->cpu, &alt, &c->cpu_reps,
				&mean, &var) < 0)
			return fsc_err_set(err, "", "%s",
					   sqlite3_errmsg(r->db));
		if (c->cpu_reps > 1)
			c->cpu_ci95 = fsc_t95(c->cpu_reps - 1) *
				      sqrt(var / c->cpu_reps);
	}
	return 0;
}

void fsc_fig_release(struct fsc_fig *f)
{
	free(f->error);
	free(f->held);
	free(f->title);
	free(f->name);
	fsc_buf_release(&f->data);
}

void fsc_render_free(struct fsc_render *r)
{
	size_t i;

	for (i = 0; i < r->nscn; i++) {
		free(r->scn[i].runtime);
		free(r->scn[i].backend);
		free(r->scn[i].rw);
		free(r->scn[i].labels);
		free(r->scn[i].series);
		free(r->scn[i].rest);
		free(r->scn[i].rest_nx);
	}
	free(r->scn);
	for (i = 0; i < r->nser; i++)
		free(r->ser[i].name);
	free(r->ser);
	free(r->slabel);
	free(r->xlabel);
	free(r->xlabel_part);
	fsc_buf_release(&r->slo_text);
	for (i = 0; i < r->nfigs; i++)
		fsc_fig_release(&r->figs[i]);
	free(r->figs);
	memset(r, 0, sizeof(*r));
}

/* Append part sanitised for a file name: [A-Za-z0-9._-] kept, every other
 * byte '_', at most 48 bytes, never "" nor a leading '.'. */
void fsc_name_part(struct fsc_buf *b, const char *p)
{
	size_t n = 0;

	if (!p || !*p)
		p = "unknown";
	if (*p == '.')
		fsc_buf_adds(b, "_"), n++;
	for (; *p && n < 48; p++, n++) {
		char c = *p;

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '.' && c != '-')
			c = '_';
		fsc_buf_add(b, &c, 1);
	}
}

struct fsc_fig *fsc_fig_new(struct fsc_render *r, const char *kind,
			    const char *const *parts, size_t nparts)
{
	struct fsc_buf name = FSC_BUF_INIT;
	size_t i;

	for (i = 0; i < nparts; i++) {
		if (!parts[i] || (i && !*parts[i]))
			continue;
		if (i)
			fsc_buf_adds(&name, "-");
		fsc_name_part(&name, parts[i]);
	}
	return fsc_fig_new_name(r, kind, &name);
}

struct fsc_fig *fsc_fig_new_name(struct fsc_render *r, const char *kind,
				 struct fsc_buf *name_in)
{
	struct fsc_buf name = *name_in;
	struct fsc_fig *f;
	size_t i, base;
	int k = 1, dup;

	*name_in = (struct fsc_buf)FSC_BUF_INIT;
	/* short enough for any file system with ".svg" and a "-N" suffix */
	if (name.len > 200) {
		name.len = 200;
		name.buf[200] = '\0';
	}
	/* unique: a second "a/b" and "a_b" become NAME-2 */
	base = name.len;
	do {
		dup = 0;
		for (i = 0; i < r->nfigs && !dup; i++)
			dup = !strcmp(r->figs[i].name, name.buf);
		if (dup) {
			name.len = base;
			name.buf[base] = '\0';
			fsc_buf_addf(&name, "-%d", ++k);
		}
	} while (dup);
	if (r->nfigs == r->capfigs) {
		r->capfigs = r->capfigs ? 2 * r->capfigs : 32;
		r->figs = fsc_realloc(r->figs, r->capfigs * sizeof(*r->figs));
	}
	f = &r->figs[r->nfigs++];
	f->name = fsc_buf_detach(&name);
	f->kind = kind;
	f->tmpl = NULL;
	f->xkey = NULL;
	f->held = f->title = NULL;
	f->data = (struct fsc_buf)FSC_BUF_INIT;
	f->error = NULL;
	return f;
}

struct fsc_fig *fsc_fig_new_scn(struct fsc_render *r, const char *kind,
				const char *who, const struct fsc_scn *g,
				struct fsc_buf *v)
{
	char bsn[32], cn[32];

	fsc_bs_name(g->bs, bsn, sizeof(bsn));
	snprintf(cn, sizeof(cn), "%lldc", (long long)g->clients);
	fsc_variant_name(r, g, v);
	{
		const char *parts[] = { kind, who, fsc_txt(g->backend), bsn,
					fsc_txt(g->rw), cn, v->buf };

		return fsc_fig_new(r, kind, parts, 7);
	}
}

/* Block sizes as key.c writes them: "1m" in names, "1 MiB" in titles;
 * an unknown one is "". */
static void bs_text(int64_t bs, int title, char *out, size_t n)
{
	struct fsc_buf t = FSC_BUF_INIT;

	if (title)
		fsc_key_bs_long(bs, &t);
	else
		fsc_key_bs_short(bs, &t);
	snprintf(out, n, "%s", t.buf);
	fsc_buf_release(&t);
}

void fsc_bs_name(int64_t bs, char *out, size_t n)
{
	bs_text(bs, 0, out, n);
}

void fsc_bs_title(int64_t bs, char *out, size_t n)
{
	bs_text(bs, 1, out, n);
}

/* The scenario's variant, iodepth, jobs and labels, in a name (words 0:
 * "qd16-j4-k=v") or in words ("iodepth 16, 4 jobs, k v").  iodepth 1
 * and 1 job, fio's defaults, go without saying: a job that states them
 * and one that does not draw the same figure; any other value is always
 * said, so that adding data renames nothing. */
static void variant(const struct fsc_render *r, const struct fsc_scn *s,
		    int words, struct fsc_buf *out)
{
	const char *sep = words ? ", " : "-", *p;

	fsc_buf_reset(out);
	if (s->iodepth > 1)
		fsc_buf_addf(out, words ? "iodepth %lld" : "qd%lld",
			     (long long)s->iodepth);
	if (s->numjobs > 1)
		fsc_buf_addf(out, words ? "%s%lld jobs" : "%sj%lld",
			     out->len ? sep : "", (long long)s->numjobs);
	if (!r->show_labels || !s->labels)
		return;
	if (out->len)
		fsc_buf_adds(out, sep);
	for (p = s->labels; *p; p++)
		if (*p == '\n')
			fsc_buf_adds(out, sep);
		else
			fsc_buf_add(out, words && *p == '=' ? " " : p, 1);
}

void fsc_variant_name(const struct fsc_render *r, const struct fsc_scn *s,
		      struct fsc_buf *out)
{
	variant(r, s, 0, out);
}

void fsc_variant_words(const struct fsc_render *r, const struct fsc_scn *s,
		       struct fsc_buf *out)
{
	variant(r, s, 1, out);
}

double fsc_bw_unit(double max, const char **name)
{
	if (max >= 1e9)
		return *name = "GB/s", 1e9;
	if (max >= 1e6)
		return *name = "MB/s", 1e6;
	if (max >= 1e3)
		return *name = "kB/s", 1e3;
	return *name = "B/s", 1;
}

double fsc_iops_unit(double max, const char **name)
{
	if (max >= 1e6)
		return *name = "M", 1e6;
	if (max >= 1e3)
		return *name = "k", 1e3;
	return *name = "", 1;
}

double fsc_lat_unit(double max, const char **name)
{
	if (max >= 1e9)
		return *name = "s", 1e9;
	if (max >= 1e6)
		return *name = "ms", 1e6;
	return *name = "µs", 1e3;
}

double fsc_decade_lo(double v)
{
	return v > 0 ? pow(10, floor(log10(v) + 1e-9)) : 1;
}

double fsc_decade_hi(double v)
{
	return v > 0 ? pow(10, ceil(log10(v) - 1e-9)) : 10;
}

double fsc_nice_lo(double v)
{
	double d = fsc_decade_lo(v);

	return v >= 5 * d ? 5 * d : v >= 2 * d ? 2 * d : d;
}

double fsc_nice_hi(double v)
{
	double d = fsc_decade_lo(v);

	return v <= d * 1.000001 ? d : v <= 2 * d ? 2 * d : v <= 5 * d ?
	       5 * d : 10 * d;
}

void fsc_gp_xaxis(struct fsc_buf *b, const int64_t *x, size_t n, int is_bs)
{
	const char **lab = fsc_calloc(n, sizeof(*lab));
	double *val = fsc_calloc(n, sizeof(*val));
	char (*txt)[32] = fsc_calloc(n, sizeof(*txt));
	double lo = INFINITY, hi = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		val[i] = (double)x[i];
		if (is_bs)
			fsc_bs_name(x[i], txt[i], sizeof(txt[i]));
		else
			snprintf(txt[i], sizeof(txt[i]), "%lld",
				 (long long)x[i]);
		lab[i] = txt[i];
		if (val[i] > 0 && val[i] < lo)
			lo = val[i];
		if (val[i] > hi)
			hi = val[i];
	}
	if (!(lo <= hi))
		lo = hi = 1;
	/* half a power of two of room on either side of the data */
	fsc_gp_num(b, "fig_xmin", lo / 1.5);
	fsc_gp_num(b, "fig_xmax", hi * 1.5);
	fsc_gp_nums(b, "xtic_val", val, n);
	fsc_gp_strs(b, "xtic_lab", lab, n);
	free(lab);
	free(val);
	free(txt);
}

void fsc_gp_series(struct fsc_buf *b, const struct fsc_render *r,
		   const int *lts, const int *marked, size_t n)
{
	char **names = fsc_calloc(n, sizeof(*names));
	double *v = fsc_calloc(n, sizeof(*v));
	size_t i, k, m = 0;

	/* the key lists the values in the compared key's order */
	for (k = 0; k < r->nser; k++)
		for (i = 0; i < n; i++) {
			struct fsc_buf t = FSC_BUF_INIT;

			if (lts[i] != r->ser[k].lt)
				continue;
			fsc_buf_addf(&t, "%s%s", marked && marked[i] ? "~" :
				     "", r->ser[k].name);
			names[m] = fsc_buf_detach(&t);
			v[m++] = lts[i];
		}
	fsc_gp_num(b, "nseries", (double)m);
	fsc_gp_strs(b, "series_name", (const char *const *)names, m);
	fsc_gp_nums(b, "series_lt", v, m);
	fsc_gp_linetypes(b, r, lts, n);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(v);
}

void fsc_gp_xlabel(struct fsc_buf *b, const struct fsc_render *r,
		   int xk)
{
	struct fsc_buf t = FSC_BUF_INIT;

	if (xk == FSC_X_BS)
		fsc_buf_adds(&t, "block size (bytes, log2 scale)");
	else
		fsc_buf_addf(&t, "%s (log2 scale)", fsc_xkey_words(r, xk));
	fsc_gp_str(b, "fig_xlabel", t.buf);
	fsc_buf_release(&t);
}

void fsc_gp_block(struct fsc_buf *b, const char *name, const char *text)
{
	size_t n = strlen(text);

	fsc_buf_addf(b, "$%s << EOD\n", name);
	fsc_buf_add(b, text, n);
	if (n && text[n - 1] != '\n')
		fsc_buf_adds(b, "\n");
	fsc_buf_adds(b, "EOD\n");
}
