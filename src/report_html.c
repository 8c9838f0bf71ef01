/*
 * report_html.c: the parts of the HTML report that come straight from the
 * store (the coverage matrices are coverage.c's): the provenance of every scenario (its source files and fio
 * versions); plus HTML escaping and the {{name}} template expansion that
 * puts the report together.  Every text from the store is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "key.h"

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

/* A block size as the provenance table shows it ("1 MiB"). */
static void fmt_bs(sqlite3_int64 bs, char *b, size_t n)
{
	struct fsc_buf t = FSC_BUF_INIT;

	fsc_key_bs_long(bs, &t);
	snprintf(b, n, "%s", t.buf);
	fsc_buf_release(&t);
}

static const char prov_sql[] =
	"SELECT s.runtime, s.backend, s.rw, s.bs,"
	" (SELECT COALESCE(s.clients, max(t.clients)) FROM scenario_stat t"
	"  WHERE t.scenario_id = s.id), s.iodepth, s.numjobs,"
	" replace(s.labels, char(10), ' '),"
	" count(DISTINCT f.id), group_concat(DISTINCT f.fio_version), s.id"
	" FROM scenario s JOIN run r ON r.scenario_id = s.id"
	" JOIN source_file f ON f.id = r.file_id"
	" GROUP BY s.id ORDER BY 2, 4, 3, 1, 5, 6, 7, 8";
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
		     "<th>clients</th><th>iodepth</th><th>numjobs</th>"
		     "<th>labels</th><th>source files</th><th>fio</th></tr>\n");
	while (sqlite3_step(s) == SQLITE_ROW) {
		char bsb[32];
		int k;

		fsc_buf_adds(o, "<tr>");
		/* a key no scenario stated is an empty cell */
		for (k = 0; k < 8; k++) {
			const char *v = (const char *)sqlite3_column_text(s, k);

			bsb[0] = '\0';
			if (k == 3 && v)
				fmt_bs(sqlite3_column_int64(s, 3), bsb,
				       sizeof(bsb));
			fsc_buf_adds(o, "<td>");
			fsc_html_escape(o, k == 3 ? bsb : v ? v : "");
			fsc_buf_adds(o, "</td>");
		}
		fsc_buf_addf(o, "<td><details><summary>%d file%s</summary>",
			     sqlite3_column_int(s, 8),
			     sqlite3_column_int(s, 8) == 1 ? "" : "s");
		sqlite3_bind_int64(f, 1, sqlite3_column_int64(s, 10));
		while (sqlite3_step(f) == SQLITE_ROW) {
			fsc_buf_adds(o, "<code>");
			fsc_html_escape(o, (const char *)sqlite3_column_text(f, 0));
			fsc_buf_adds(o, "</code><br>");
		}
		sqlite3_reset(f);
		fsc_buf_adds(o, "</details></td><td>");
		fsc_html_escape(o, (const char *)sqlite3_column_text(s, 9));
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
