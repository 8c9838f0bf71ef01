/*
 * coverage.c: the report's coverage matrices, from the campaign model
 * (model.h).  The keys that vary give the matrix its shape:
 * - rows: the first compared (categorical) key, e.g. runtime or backend;
 *   without one, the first swept key that is not the columns';
 * - column groups: the pattern (rw) when it varies;
 * - columns: the last swept (numeric) key, e.g. clients, numjobs or bs;
 * - one table per combination of the other varying keys, named in its
 *   caption with the constants.
 * So the reference campaign keeps runtime x pattern x clients, a
 * block-size sweep of two backends is backend x pattern x bs and an
 * iodepth x numjobs sweep iodepth x pattern x numjobs.  Each cell is one
 * scenario: present (with its flags), all runs failed, or missing;
 * "present" counts every distinct scenario that measured.  Every text from the store is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "model.h"

static const char cov_sql[] =
	"SELECT s.runtime, s.backend, s.rw, s.bs, max(COALESCE(s.clients,"
	" t.clients)), s.iodepth, s.numjobs, s.labels, sum(t.runs),"
	" sum(t.failed_runs), min(t.overlap), min(t.latency_exact)"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" GROUP BY s.id ORDER BY s.id";

struct scn {
	int runs, failed, exact, have_ov;
	double overlap;
};

struct shape {
	int row, group, col;	/* key indexes, -1: none */
	int *tab;		/* the other varying keys, -1 ended */
};

static void find_shape(const struct fsc_model *m, struct shape *sh)
{
	size_t k, nt = 0;

	sh->row = sh->group = sh->col = -1;
	sh->tab = fsc_calloc(m->nkeys + 1, sizeof(int));
	for (k = 0; k < m->nkeys; k++) {
		const struct fsc_model_key *K = &m->keys[k];

		if (!K->varies)
			continue;
		if (K->kind == FSC_KEY_CATEGORICAL && sh->row < 0)
			sh->row = (int)k;
		else if (K->id == FSC_KEY_RW)
			sh->group = (int)k;
		else if (K->kind == FSC_KEY_NUMERIC)
			sh->col = (int)k;	/* the last one */
	}
	for (k = 0; sh->row < 0 && k < m->nkeys; k++)
		if (m->keys[k].varies && m->keys[k].kind == FSC_KEY_NUMERIC &&
		    (int)k != sh->col)
			sh->row = (int)k;
	for (k = 0; k < m->nkeys; k++)
		if (m->keys[k].varies && (int)k != sh->row &&
		    (int)k != sh->group && (int)k != sh->col)
			sh->tab[nt++] = (int)k;
	sh->tab[nt] = -1;
}

/* The values of key k a row, group or column takes: its values, or one
 * NULL when there is no such key. */
static size_t axis(const struct fsc_model *m, int k, char ***v)
{
	static char *none[1] = { NULL };

	if (k < 0) {
		*v = none;
		return 1;
	}
	*v = m->keys[k].values;
	return m->keys[k].nvalues;
}

static int same(const char *a, const char *b)
{
	return !a || !b ? a == b : !strcmp(a, b);
}

/* The scenario of a cell: the table's scenario t0 alike in the table
 * keys, with these row, group and column values; -1 when missing. */
static long cell_of(const struct fsc_model *m, const struct shape *sh,
		    size_t t0, const char *r, const char *g, const char *c,
		    int *n)
{
	size_t i;
	long first = -1;
	int j;

	*n = 0;
	for (i = 0; i < m->n; i++) {
		if ((sh->row >= 0 && !same(fsc_model_val(m, i, (size_t)sh->row), r)) ||
		    (sh->group >= 0 && !same(fsc_model_val(m, i, (size_t)sh->group), g)) ||
		    (sh->col >= 0 && !same(fsc_model_val(m, i, (size_t)sh->col), c)))
			continue;
		for (j = 0; sh->tab[j] >= 0; j++)
			if (!same(fsc_model_val(m, i, (size_t)sh->tab[j]),
				  fsc_model_val(m, t0, (size_t)sh->tab[j])))
				break;
		if (sh->tab[j] < 0 && !(*n)++)
			first = (long)i;
	}
	return first;
}

static void head_value(const struct fsc_model *m, int k, const char *v,
		       struct fsc_buf *o)
{
	struct fsc_buf t = FSC_BUF_INIT;

	if (k >= 0 && m->keys[k].id == FSC_KEY_BS && v)
		fsc_key_bs_short(strtoll(v, NULL, 10), &t);
	else
		fsc_buf_adds(&t, v ? v : "");
	fsc_html_escape(o, t.buf);
	fsc_buf_release(&t);
}

static void one_cell(const struct scn *sc, int n, struct fsc_buf *o,
		     struct fsc_coverage *cov)
{
	int warn = sc->failed || (sc->have_ov && sc->overlap < FSC_OVERLAP_MIN);

	if (!sc->runs && sc->failed) {
		/* measured nothing: not a value of 0 */
		cov->failed++;
		cov->all_failed++;
		fsc_buf_addf(o, "<td class=\"warn\" title=\"%d runs, all"
			     " failed\"><span class=\"flag\">all runs failed"
			     "</span></td>", sc->failed);
		return;
	}
	cov->present += n;
	fsc_buf_addf(o, "<td class=\"%s\" title=\"%d run%s\">&#10003;",
		     warn ? "warn" : "ok", sc->runs, sc->runs == 1 ? "" : "s");
	if (sc->failed) {
		cov->failed++;
		fsc_buf_addf(o, " <span class=\"flag\">%d failed</span>",
			     sc->failed);
	}
	if (sc->have_ov && sc->overlap < FSC_OVERLAP_MIN) {
		cov->nooverlap++;
		fsc_buf_addf(o, " <span class=\"flag\">overlap %.2f</span>",
			     sc->overlap);
	}
	if (!sc->exact) {
		cov->approx++;
		fsc_buf_adds(o, " <span class=\"flag\" title=\"approximate latency\">~</span>");
	}
	if (n > 1)	/* keys that differ only where the model cannot see */
		fsc_buf_addf(o, " <span class=\"flag\">%d scenarios</span>", n);
	fsc_buf_adds(o, "</td>");
}

static void one_table(const struct fsc_model *m, const struct shape *sh,
		      size_t t0, const struct scn *sc, struct fsc_buf *o,
		      struct fsc_coverage *cov)
{
	struct fsc_buf cap = FSC_BUF_INIT;
	char **rv, **gv, **cv;
	size_t nr = axis(m, sh->row, &rv), ng = axis(m, sh->group, &gv),
	       nc = axis(m, sh->col, &cv), i, j, k;
	int t;

	fsc_model_constants(m, &cap);
	for (t = 0; sh->tab[t] >= 0; t++) {
		if (cap.len)
			fsc_buf_adds(&cap, ", ");
		fsc_model_phrase(m, (size_t)sh->tab[t],
				 fsc_model_val(m, t0, (size_t)sh->tab[t]), &cap);
	}
	fsc_buf_adds(o, "<table class=\"coverage\">\n");
	if (cap.len) {
		fsc_buf_adds(o, "<caption>");
		fsc_html_escape(o, cap.buf);
		fsc_buf_adds(o, "</caption>\n");
	}
	fsc_buf_addf(o, "<tr><th rowspan=\"%d\">", sh->group >= 0 ? 2 : 1);
	if (sh->row >= 0)
		fsc_html_escape(o, m->keys[sh->row].name);
	fsc_buf_adds(o, "</th>");
	if (sh->group >= 0) {
		for (j = 0; j < ng; j++) {
			fsc_buf_addf(o, "<th colspan=\"%zu\">", nc);
			fsc_html_escape(o, gv[j]);
			fsc_buf_adds(o, "</th>");
		}
		fsc_buf_adds(o, "</tr>\n<tr>");
	}
	for (j = 0; j < ng; j++)
		for (k = 0; k < nc; k++) {
			fsc_buf_adds(o, "<th>");
			if (sh->col >= 0)
				head_value(m, sh->col, cv[k], o);
			else if (sh->group < 0)
				fsc_buf_adds(o, "scenario");
			fsc_buf_adds(o, "</th>");
		}
	fsc_buf_adds(o, "</tr>\n");
	for (i = 0; i < nr; i++) {
		fsc_buf_adds(o, "<tr><th>");
		if (sh->row >= 0)
			head_value(m, sh->row, rv[i], o);
		fsc_buf_adds(o, "</th>");
		for (j = 0; j < ng; j++)
			for (k = 0; k < nc; k++) {
				int dups;
				long c = cell_of(m, sh, t0, rv[i], gv[j], cv[k],
						 &dups);

				if (c < 0) {
					cov->missing++;
					fsc_buf_adds(o, "<td class=\"missing\" title=\"missing\">&#8212;</td>");
				} else {
					one_cell(&sc[c], dups, o, cov);
				}
			}
		fsc_buf_adds(o, "</tr>\n");
	}
	fsc_buf_adds(o, "</table>\n");
	fsc_buf_release(&cap);
}

int fsc_report_coverage(struct fsc_store *st, struct fsc_buf *o,
			struct fsc_coverage *cov, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	struct fsc_model m = FSC_MODEL_INIT;
	struct shape sh = { -1, -1, -1, NULL };
	struct scn *sc = NULL;
	sqlite3_stmt *s;
	size_t i, cap = 0;
	int rc;

	memset(cov, 0, sizeof(*cov));
	if (sqlite3_prepare_v2(db, cov_sql, -1, &s, NULL) != SQLITE_OK)
		return fsc_err_set(err, NULL, "coverage: %s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fsc_model_scn x;

		memset(&x, 0, sizeof(x));
		x.runtime = (const char *)sqlite3_column_text(s, 0);
		x.backend = (const char *)sqlite3_column_text(s, 1);
		x.rw = (const char *)sqlite3_column_text(s, 2);
		x.bs = sqlite3_column_type(s, 3) == SQLITE_NULL ? -1 :
		       sqlite3_column_int64(s, 3);
		x.clients = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 :
			    sqlite3_column_int64(s, 4);
		x.iodepth = sqlite3_column_type(s, 5) == SQLITE_NULL ? -1 :
			    sqlite3_column_int64(s, 5);
		x.numjobs = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 :
			    sqlite3_column_int64(s, 6);
		x.labels = (const char *)sqlite3_column_text(s, 7);
		i = fsc_model_add(&m, &x);
		if (i == cap) {
			cap = cap ? 2 * cap : 64;
			sc = fsc_realloc(sc, cap * sizeof(*sc));
		}
		sc[i].runs = sqlite3_column_int(s, 8);
		sc[i].failed = sqlite3_column_int(s, 9);
		sc[i].have_ov = sqlite3_column_type(s, 10) != SQLITE_NULL;
		sc[i].overlap = sqlite3_column_double(s, 10);
		sc[i].exact = sqlite3_column_int(s, 11);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		fsc_model_free(&m);
		free(sc);
		return fsc_err_set(err, NULL, "coverage: %s",
				   sqlite3_errmsg(db));
	}
	fsc_model_finish(&m);
	if (!m.n) {
		fsc_buf_adds(o, "<p>No scenario in the store.</p>\n");
	} else {
		size_t *t = fsc_calloc(m.n, sizeof(*t)), nt = 0, j;

		find_shape(&m, &sh);
		/* one table per distinct combination of the table keys, in
		 * their order */
		for (i = 0; i < m.n; i++) {
			for (j = 0; j < nt; j++)
				if (!fsc_model_cmp_on(&m, i, t[j], sh.tab))
					break;
			if (j < nt)
				continue;
			for (j = nt++; j > 0 &&
			     fsc_model_cmp_on(&m, t[j - 1], i, sh.tab) > 0; j--)
				t[j] = t[j - 1];
			t[j] = i;
		}
		for (j = 0; j < nt; j++)
			one_table(&m, &sh, t[j], sc, o, cov);
		free(t);
	}
	free(sh.tab);
	free(sc);
	fsc_model_free(&m);
	return 0;
}
