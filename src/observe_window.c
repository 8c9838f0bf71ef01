/*
 * observe_window.c (#20): the words of the common window beside a cell
 * whose clients did not run together (the overlap note of
 * observe_findings.c): the aggregate bandwidth over the window they all
 * ran (scenario_stat.bw_common_bytes, stats_window.c) against the summed
 * figure, which source it came from, and the clients that started last
 * and finished first.
 */
#include <stdlib.h>
#include <string.h>
#include "observe.h"

static const char q_window[] =
	"SELECT bw_bytes, bw_common_bytes, bw_common_source, late_client,"
	" early_client FROM scenario_stat WHERE scenario_id = ?1"
	" AND ddir = CASE ?2 WHEN 'read' THEN 0 WHEN 'write' THEN 1 ELSE 2 END";

/* The words for one cell's scenario into out; 0 when there are none. */
static int words(sqlite3_stmt *s, const struct fsc_obs_row *r,
		 const struct fsc_obs_cell *c, struct fsc_buf *out)
{
	const char *src, *late, *early;
	int rc;

	sqlite3_bind_int64(s, 1, c->scenario);
	sqlite3_bind_text(s, 2, r->ddir ? r->ddir : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		goto done;
	src = (const char *)sqlite3_column_text(s, 2);
	late = (const char *)sqlite3_column_text(s, 3);
	early = (const char *)sqlite3_column_text(s, 4);
	if (sqlite3_column_type(s, 1) != SQLITE_NULL && src &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		fsc_buf_adds(out, "; over the window all clients shared ");
		fsc_obs_fmt_value(FSC_OBS_BW, sqlite3_column_double(s, 1), out);
		fsc_buf_adds(out, !strcmp(src, "logs") ? " (from the bw logs)" :
			     " (from the run windows: a uniform rate assumed)");
		fsc_buf_adds(out, " against ");
		fsc_obs_fmt_value(FSC_OBS_BW, sqlite3_column_double(s, 0), out);
		fsc_buf_adds(out, " summed");
	}
	if (late && early && strcmp(late, early))
		fsc_buf_addf(out, "; %s started last, %s finished first", late,
			     early);
	else if (late)
		fsc_buf_addf(out, "; %s started last and finished first", late);
done:
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int fsc_obs_window(struct fsc_obs *obs, sqlite3 *db)
{
	struct fsc_buf t = FSC_BUF_INIT;
	sqlite3_stmt *s;
	size_t i, j;
	int rc = 0;

	if (!obs->nrows || !obs->nruntimes)
		return 0;
	if (sqlite3_prepare_v2(db, q_window, -1, &s, NULL) != SQLITE_OK)
		return -1;
	obs->win_notes = fsc_calloc(obs->nrows * obs->nruntimes,
				    sizeof(*obs->win_notes));
	obs->nwin_notes = obs->nrows * obs->nruntimes;
	for (i = 0; i < obs->nrows && !rc; i++)
		for (j = 0; j < obs->nruntimes && !rc; j++) {
			const struct fsc_obs_cell *c = &obs->rows[i].cells[j];

			if (c->verdict == FSC_OBS_MISSING || !c->scenario ||
			    c->overlap < 0 || c->overlap >= obs->min_overlap)
				continue;
			rc = words(s, &obs->rows[i], c, &t);
			if (t.len)
				obs->win_notes[i * obs->nruntimes + j] =
					fsc_buf_detach(&t);
			fsc_buf_reset(&t);
		}
	fsc_buf_release(&t);
	sqlite3_finalize(s);
	return rc;
}
