/*
 * deck_text.c: the text slides of the deck: what was measured (title),
 * the coverage, and the provenance.  Every value comes from the store,
 * restricted to the scenarios the figures drew (ids: a JSON array bound
 * to the queries).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "deck.h"
#include "figure.h"
#include "report.h"

#define IN_IDS " IN (SELECT value FROM json_each(?1))"

/* The distinct values of sql (one column, ?1 the ids) joined by ", ";
 * bs: block sizes written as titles ("64 KiB").  -1 with err. */
static int joined(sqlite3 *db, const char *sql, const char *ids, int bs,
		  struct fsc_buf *o, struct fsc_err *err)
{
	sqlite3_stmt *s;
	int n = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return fsc_err_set(err, "", "store: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			continue;
		if (n++)
			fsc_buf_adds(o, ", ");
		if (bs) {
			char t[32];

			fsc_bs_title(sqlite3_column_int64(s, 0), t, sizeof(t));
			fsc_buf_adds(o, t);
		} else {
			fsc_buf_adds(o, (const char *)sqlite3_column_text(s, 0));
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return fsc_err_set(err, "", "store: %s", sqlite3_errmsg(db));
	if (!n)
		fsc_buf_adds(o, "unknown");
	return 0;
}

/* Add "LABEL: values" to s. */
static int line_of(struct fsc_slide *s, sqlite3 *db, const char *label,
		   const char *sql, const char *ids, int bs,
		   struct fsc_err *err)
{
	struct fsc_buf o = FSC_BUF_INIT;
	int rc;

	fsc_buf_addf(&o, "%s: ", label);
	rc = joined(db, sql, ids, bs, &o, err);
	if (rc == 0)
		fsc_slide_line(s, o.buf);
	fsc_buf_release(&o);
	return rc;
}

#define DISTINCT(col) "SELECT DISTINCT " col " FROM scenario WHERE id" \
	IN_IDS " ORDER BY 1"
#define VERSIONS "SELECT DISTINCT f.fio_version FROM run r JOIN source_file" \
	" f ON f.id = r.file_id WHERE r.scenario_id" IN_IDS " ORDER BY 1"

static void day(int64_t ms, char *out, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || !gmtime_r(&t, &tm))
		snprintf(out, n, "unknown");
	else
		strftime(out, n, "%Y-%m-%d", &tm);
}

int fsc_deck_title(struct fsc_store *st, const struct fsc_deck_opts *o,
		   const char *ids, struct fsc_deck *d, struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	struct fsc_slide *s;
	struct fsc_buf t = FSC_BUF_INIT;
	sqlite3_stmt *q;
	int rc = -1;

	s = fsc_deck_add(d, FSC_SLIDE_TITLE, "title",
			 o->title ? o->title : "fio results");
	s->subtitle = fsc_strdup(o->subtitle ? o->subtitle :
				 "what was measured");
	if (line_of(s, db, "Backend", DISTINCT("backend"), ids, 0, err) < 0 ||
	    line_of(s, db, "Block size", DISTINCT("bs"), ids, 1, err) < 0 ||
	    line_of(s, db, "fio version", VERSIONS, ids, 0, err) < 0)
		goto out;
	if (sqlite3_prepare_v2(db, "SELECT count(*), count(DISTINCT scenario_id),"
		" min(start_ms), max(end_ms) FROM run WHERE scenario_id" IN_IDS,
		-1, &q, NULL) != SQLITE_OK) {
		fsc_err_set(err, "", "store: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(q, 1, ids, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		char a[32], b[32];
		int runs = sqlite3_column_int(q, 0), ns = sqlite3_column_int(q, 1);

		day(sqlite3_column_int64(q, 2), a, sizeof(a));
		day(sqlite3_column_int64(q, 3), b, sizeof(b));
		fsc_buf_addf(&t, "Dates: %s", a);
		if (strcmp(a, b))
			fsc_buf_addf(&t, " to %s", b);
		fsc_slide_line(s, t.buf);
		fsc_buf_reset(&t);
		fsc_buf_addf(&t, "Runs: %d in %d scenario%s", runs, ns,
			     ns == 1 ? "" : "s");
		fsc_slide_line(s, t.buf);
		rc = 0;
	} else {
		fsc_err_set(err, "", "store: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(q);
	if (rc == 0)
		s->notes = fsc_strdup("What was measured: every value on this "
				      "slide is read from the store.");
out:
	fsc_buf_release(&t);
	return rc;
}

int fsc_deck_coverage(struct fsc_store *st, struct fsc_deck *d,
		      struct fsc_err *err)
{
	struct fsc_buf html = FSC_BUF_INIT, t = FSC_BUF_INIT;
	struct fsc_coverage cov;
	struct fsc_slide *s;
	int rc;

	memset(&cov, 0, sizeof(cov));
	rc = fsc_report_coverage(st, &html, &cov, err);
	fsc_buf_release(&html);
	if (rc < 0)
		return -1;
	s = fsc_deck_add(d, FSC_SLIDE_TEXT, "coverage", "Coverage");
	s->subtitle = fsc_strdup("scenario x direction cells of the store");
	fsc_buf_addf(&t, "%d cell%s present, %d missing", cov.present,
		     cov.present == 1 ? "" : "s", cov.missing);
	fsc_slide_line(s, t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "%d with failed runs (%d in which all runs failed)",
		     cov.failed, cov.all_failed);
	fsc_slide_line(s, t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "%d whose clients did not overlap", cov.nooverlap);
	fsc_slide_line(s, t.buf);
	fsc_buf_reset(&t);
	fsc_buf_addf(&t, "%d with approximate latency (no json+ bins)",
		     cov.approx);
	fsc_slide_line(s, t.buf);
	s->notes = fsc_strdup("The coverage matrix of `fioscope report` in "
			      "numbers: every scenario of the store and data "
			      "direction is a cell.");
	fsc_buf_release(&t);
	return 0;
}

int fsc_deck_provenance(struct fsc_store *st, const struct fsc_deck_opts *o,
			const char *ids, struct fsc_deck *d,
			struct fsc_err *err)
{
	sqlite3 *db = fsc_store_db(st);
	const char *path = sqlite3_db_filename(db, "main");
	const char *base = path && strrchr(path, '/') ? strrchr(path, '/') + 1
						      : path;
	struct fsc_buf t = FSC_BUF_INIT;
	struct fsc_slide *s;
	time_t now = time(NULL);
	struct tm tm;
	char when[64];
	int rc = -1;

	s = fsc_deck_add(d, FSC_SLIDE_TEXT, "provenance", "Provenance");
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	fsc_buf_addf(&t, "Made by fioscope %s on %s from the store ",
		     FSC_VERSION, when);
	fsc_buf_adds(&t, base ? base : "");
	fsc_slide_line(s, t.buf);
	if (line_of(s, db, "fio versions", VERSIONS, ids, 0, err) < 0 ||
	    line_of(s, db, "Source files", "SELECT count(DISTINCT r.file_id)"
		    " FROM run r WHERE r.scenario_id" IN_IDS, ids, 0, err) < 0 ||
	    line_of(s, db, "Runtimes", DISTINCT("runtime"), ids, 0, err) < 0 ||
	    line_of(s, db, "Patterns", DISTINCT("rw"), ids, 0, err) < 0)
		goto out;
	fsc_buf_reset(&t);
	fsc_buf_adds(&t, "Selection: ");
	fsc_buf_adds(&t, o->selection ? o->selection : "every scenario");
	if (o->only)
		fsc_buf_addf(&t, "; kinds %s", o->only);
	if (o->baseline)
		fsc_buf_addf(&t, "; baseline %s", o->baseline);
	fsc_slide_line(s, t.buf);
	fsc_slide_line(s, "Figures: gnuplot from templates/*.gp; tables and "
		       "findings: fioscope observe");
	s->notes = fsc_strdup(d->timeline_why ? d->timeline_why : "");
	rc = 0;
out:
	fsc_buf_release(&t);
	return rc;
}
