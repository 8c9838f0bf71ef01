/*
 * report_html.c: the parts of the HTML report that come straight from the
 * store: the scenario coverage matrix (runtime x pattern x clients: present,
 * missing, failed runs, clients that did not overlap, approximate latency)
 * and the provenance of every scenario (its source files and fio
 * versions); plus HTML escaping and the {{name}} template expansion that
 * puts the report together.  Every text from the store is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

int fsc_template_expand(const char *t, const struct fsc_tvar *vars, size_t n,
			struct fsc_buf *out, struct fsc_err *err)
{
	const char *p, *end;
	size_t i, kn;

	while ((p = strstr(t, "{{"))) {
		fsc_buf_add(out, t, (size_t)(p - t));
		end = strstr(p + 2, "}}");
		if (!end)
			return fsc_err_set(err, NULL, "template: unclosed '{{'");
		kn = (size_t)(end - p - 2);
		for (i = 0; i < n; i++)
			if (strlen(vars[i].key) == kn &&
			    !strncmp(vars[i].key, p + 2, kn))
				break;
		if (i == n)
			return fsc_err_set(err, NULL,
					   "template: unknown name '%.*s'",
					   (int)kn, p + 2);
		fsc_buf_adds(out, vars[i].value ? vars[i].value : "");
		t = end + 2;
	}
	fsc_buf_adds(out, t);
	return 0;
}

/* The distinct values of one column, in the order given by sql. */
static int distinct(sqlite3 *db, const char *sql, const char *a,
		    sqlite3_int64 b, char ***out, size_t *n)
{
	sqlite3_stmt *s;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, b);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);

		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = fsc_realloc(*out, cap * sizeof(**out));
		}
		(*out)[(*n)++] = fsc_strdup(v ? v : "?");
	}
	sqlite3_finalize(s);
	return 0;
}

static void free_list(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* The runtimes in the fixed order of the style: the reference five first. */
static const char runtimes_sql[] =
	"SELECT DISTINCT COALESCE(runtime, '?') r FROM scenario"
	" WHERE COALESCE(backend, '?') = ?1 AND COALESCE(bs, -1) = ?2"
	" ORDER BY CASE r WHEN 'bare-metal' THEN 0 WHEN 'runc' THEN 1"
	" WHEN 'kata-9p' THEN 2 WHEN 'kata-virtiofs' THEN 3"
	" WHEN 'kata-virtiofs-dax' THEN 4 ELSE 5 END, r";
static const char patterns_sql[] =
	"SELECT DISTINCT COALESCE(rw, '?') p FROM scenario"
	" WHERE COALESCE(backend, '?') = ?1 AND COALESCE(bs, -1) = ?2"
	" ORDER BY CASE p WHEN 'read' THEN 0 WHEN 'randread' THEN 1"
	" WHEN 'write' THEN 2 WHEN 'randwrite' THEN 3 ELSE 4 END, p";
static const char clients_sql[] =
	"SELECT DISTINCT CAST(clients AS TEXT) FROM scenario_stats"
	" WHERE COALESCE(backend, '?') = ?1 AND COALESCE(bs, -1) = ?2"
	" ORDER BY clients";
static const char groups_sql[] =
	"SELECT DISTINCT COALESCE(backend, '?'), COALESCE(bs, -1) FROM scenario"
	" ORDER BY 1, 2";
/* One cell: runs, failed runs, min overlap, all latency exact. */
static const char cell_sql[] =
	"SELECT sum(t.runs), sum(t.failed_runs), min(t.overlap),"
	" min(t.latency_exact), count(*)"
	" FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id"
	" WHERE COALESCE(s.backend, '?') = ?1 AND COALESCE(s.bs, -1) = ?2"
	" AND COALESCE(s.runtime, '?') = ?3 AND COALESCE(s.rw, '?') = ?4"
	" AND COALESCE(s.clients, t.clients) = ?5";

static void fmt_bs(sqlite3_int64 bs, char *b, size_t n)
{
	if (bs < 0)
		snprintf(b, n, "?");
	else if (bs >= 1024 && bs % (1 << 20) == 0)
		snprintf(b, n, "%lld MiB", (long long)(bs >> 20));
	else if (bs >= 1024 && bs % 1024 == 0)
		snprintf(b, n, "%lld KiB", (long long)(bs >> 10));
	else
		snprintf(b, n, "%lld B", (long long)bs);
}

static int one_matrix(sqlite3 *db, sqlite3_stmt *cell, const char *backend,
		      sqlite3_int64 bs, struct fsc_buf *o,
		      struct fsc_coverage *cov)
{
	char **rt = NULL, **pat = NULL, **cl = NULL, bsb[32];
	size_t nrt = 0, npat = 0, ncl = 0, i, j, k;
	int rc = -1;

	if (distinct(db, runtimes_sql, backend, bs, &rt, &nrt) < 0 ||
	    distinct(db, patterns_sql, backend, bs, &pat, &npat) < 0 ||
	    distinct(db, clients_sql, backend, bs, &cl, &ncl) < 0)
		goto out;
	fmt_bs(bs, bsb, sizeof(bsb));
	fsc_buf_adds(o, "<table class=\"coverage\">\n<caption>backend ");
	fsc_html_escape(o, backend);
	fsc_buf_addf(o, ", block size %s</caption>\n<tr><th rowspan=\"2\">runtime</th>",
		     bsb);
	for (j = 0; j < npat; j++) {
		fsc_buf_addf(o, "<th colspan=\"%zu\">", ncl);
		fsc_html_escape(o, pat[j]);
		fsc_buf_adds(o, "</th>");
	}
	fsc_buf_adds(o, "</tr>\n<tr>");
	for (j = 0; j < npat; j++)
		for (k = 0; k < ncl; k++) {
			fsc_buf_adds(o, "<th>");
			fsc_html_escape(o, cl[k]);
			fsc_buf_adds(o, "</th>");
		}
	fsc_buf_adds(o, "</tr>\n");
	for (i = 0; i < nrt; i++) {
		fsc_buf_adds(o, "<tr><th>");
		fsc_html_escape(o, rt[i]);
		fsc_buf_adds(o, "</th>");
		for (j = 0; j < npat; j++)
			for (k = 0; k < ncl; k++) {
				int runs = 0, failed = 0, exact = 1, n = 0;
				double overlap = 1;
				int have_ov = 0;

				sqlite3_bind_text(cell, 1, backend, -1, SQLITE_STATIC);
				sqlite3_bind_int64(cell, 2, bs);
				sqlite3_bind_text(cell, 3, rt[i], -1, SQLITE_STATIC);
				sqlite3_bind_text(cell, 4, pat[j], -1, SQLITE_STATIC);
				sqlite3_bind_int64(cell, 5, atoll(cl[k]));
				if (sqlite3_step(cell) == SQLITE_ROW) {
					runs = sqlite3_column_int(cell, 0);
					failed = sqlite3_column_int(cell, 1);
					have_ov = sqlite3_column_type(cell, 2) !=
						  SQLITE_NULL;
					overlap = sqlite3_column_double(cell, 2);
					exact = sqlite3_column_int(cell, 3);
					n = sqlite3_column_int(cell, 4);
				}
				sqlite3_reset(cell);
				if (!n) {
					cov->missing++;
					fsc_buf_adds(o, "<td class=\"missing\" title=\"missing\">&#8212;</td>");
					continue;
				}
				if (!runs && failed) {
					/* measured nothing: not a value of 0 */
					cov->failed++;
					cov->all_failed++;
					fsc_buf_addf(o, "<td class=\"warn\" title=\"%d runs,"
						     " all failed\"><span class=\"flag\">"
						     "all runs failed</span></td>",
						     failed);
					continue;
				}
				cov->present++;
				fsc_buf_addf(o, "<td class=\"%s\" title=\"%d run%s\">&#10003;",
					     failed || (have_ov && overlap < 0.9) ?
					     "warn" : "ok", runs, runs == 1 ? "" : "s");
				if (failed) {
					cov->failed++;
					fsc_buf_addf(o, " <span class=\"flag\">%d failed</span>",
						     failed);
				}
				if (have_ov && overlap < 0.9) {
					cov->nooverlap++;
					fsc_buf_addf(o, " <span class=\"flag\">overlap %.2f</span>",
						     overlap);
				}
				if (!exact) {
					cov->approx++;
					fsc_buf_adds(o, " <span class=\"flag\" title=\"approximate latency\">~</span>");
				}
				fsc_buf_adds(o, "</td>");
			}
		fsc_buf_adds(o, "</tr>\n");
	}
	fsc_buf_adds(o, "</table>\n");
	rc = 0;
out:
	free_list(rt, nrt);
	free_list(pat, npat);
	free_list(cl, ncl);
	return rc;
}

int fsc_report_coverage(struct fsc_store *st, struct fsc_buf *o,
			struct fsc_coverage *cov, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	sqlite3_stmt *g = NULL, *cell = NULL;
	int rc = -1;

	memset(cov, 0, sizeof(*cov));
	if (sqlite3_prepare_v2(db, groups_sql, -1, &g, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, cell_sql, -1, &cell, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(g) == SQLITE_ROW)
		if (one_matrix(db, cell, (const char *)sqlite3_column_text(g, 0),
			       sqlite3_column_int64(g, 1), o, cov) < 0)
			goto out;
	rc = 0;
out:
	if (rc < 0)
		fsc_err_set(err, NULL, "coverage: %s", sqlite3_errmsg(db));
	sqlite3_finalize(g);
	sqlite3_finalize(cell);
	return rc;
}

static const char prov_sql[] =
	"SELECT COALESCE(s.runtime, '?'), COALESCE(s.backend, '?'),"
	" COALESCE(s.rw, '?'), COALESCE(s.bs, -1),"
	" (SELECT COALESCE(s.clients, max(t.clients)) FROM scenario_stat t"
	"  WHERE t.scenario_id = s.id),"
	" count(DISTINCT f.id), group_concat(DISTINCT f.fio_version), s.id"
	" FROM scenario s JOIN run r ON r.scenario_id = s.id"
	" JOIN source_file f ON f.id = r.file_id"
	" GROUP BY s.id ORDER BY 2, 4, 3, 1, 5";
static const char files_sql[] =
	"SELECT DISTINCT f.path FROM run r JOIN source_file f ON f.id = r.file_id"
	" WHERE r.scenario_id = ?1 ORDER BY 1";

int fsc_report_provenance(struct fsc_store *st, struct fsc_buf *o,
			  struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	sqlite3_stmt *s = NULL, *f = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, prov_sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, files_sql, -1, &f, NULL) != SQLITE_OK)
		goto out;
	fsc_buf_adds(o, "<table class=\"provenance\">\n<tr><th>runtime</th>"
		     "<th>backend</th><th>pattern</th><th>block size</th>"
		     "<th>clients</th><th>source files</th><th>fio</th></tr>\n");
	while (sqlite3_step(s) == SQLITE_ROW) {
		char bsb[32];
		int k;

		fsc_buf_adds(o, "<tr>");
		for (k = 0; k < 3; k++) {
			fsc_buf_adds(o, "<td>");
			fsc_html_escape(o, (const char *)sqlite3_column_text(s, k));
			fsc_buf_adds(o, "</td>");
		}
		fmt_bs(sqlite3_column_int64(s, 3), bsb, sizeof(bsb));
		fsc_buf_addf(o, "<td>%s</td><td>%s</td><td><details><summary>%d file%s</summary>",
			     bsb, sqlite3_column_type(s, 4) == SQLITE_NULL ? "?" :
			     (const char *)sqlite3_column_text(s, 4),
			     sqlite3_column_int(s, 5),
			     sqlite3_column_int(s, 5) == 1 ? "" : "s");
		sqlite3_bind_int64(f, 1, sqlite3_column_int64(s, 7));
		while (sqlite3_step(f) == SQLITE_ROW) {
			fsc_buf_adds(o, "<code>");
			fsc_html_escape(o, (const char *)sqlite3_column_text(f, 0));
			fsc_buf_adds(o, "</code><br>");
		}
		sqlite3_reset(f);
		fsc_buf_adds(o, "</details></td><td>");
		fsc_html_escape(o, (const char *)sqlite3_column_text(s, 6));
		fsc_buf_adds(o, "</td></tr>\n");
	}
	fsc_buf_adds(o, "</table>\n");
	rc = 0;
out:
	if (rc < 0)
		fsc_err_set(err, NULL, "provenance: %s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	sqlite3_finalize(f);
	return rc;
}
