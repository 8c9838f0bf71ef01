/*
 * observe_like.c (#20): like-for-like.  A compared cell and its baseline
 * should differ only in the compared key; where their runs' fio job
 * options differ otherwise (direct, ioengine, size, rate, runtime...), a
 * footnote names the option, how many cells, and one example with both
 * values.  The scenario's own keys (rw, bs, iodepth, numjobs) and options
 * that only name or log things are left out.  A run's option is its job
 * option, else its file's global option (the run_option view); a scenario
 * whose runs disagree shows "MIN..MAX".
 */
#include <stdlib.h>
#include <string.h>
#include "observe.h"

static const char q_opts[] =
	"SELECT key, CASE WHEN count(DISTINCT value) = 1 THEN min(value)"
	" ELSE min(value) || '..' || max(value) END FROM ("
	" SELECT r.id, j.key, CAST(j.value AS TEXT) AS value FROM run r,"
	"  json_each(r.job_options) j WHERE r.scenario_id = ?1"
	"  AND r.job_options IS NOT NULL"
	" UNION ALL SELECT r.id, g.key, CAST(g.value AS TEXT) FROM run r"
	"  JOIN source_file f ON f.id = r.file_id, json_each(f.global_options) g"
	"  WHERE r.scenario_id = ?1 AND f.global_options IS NOT NULL"
	"  AND NOT EXISTS (SELECT 1 FROM json_each(r.job_options) k"
	"   WHERE r.job_options IS NOT NULL AND k.key = g.key))"
	" GROUP BY key ORDER BY key";

/* Options that are the scenario's keys, or only name, log or report. */
static int ignored(const char *k)
{
	static const char *const ign[] = { "rw", "readwrite", "bs", "blocksize",
		"iodepth", "numjobs", "name", "description", "filename",
		"directory", "filename_format", "write_bw_log", "write_lat_log",
		"write_iops_log", "write_hist_log", "log_avg_msec",
		"log_hist_msec", "per_job_logs", "exec_prerun", "exec_postrun",
		"group_reporting", "output", "output-format", "stonewall",
		"new_group", "log_unix_epoch", "log_offset", "clat_percentiles",
		"lat_percentiles", "percentile_list" };
	size_t i;

	for (i = 0; i < sizeof(ign) / sizeof(*ign); i++)
		if (!strcmp(k, ign[i]))
			return 1;
	return 0;
}

struct kv {
	char *k, *v;
};

static int opts_of(sqlite3_stmt *s, int64_t scn, struct kv **out, size_t *n)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, scn);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);

		if (!k || ignored(k))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = fsc_realloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].k = fsc_strdup(k);
		(*out)[(*n)++].v = fsc_strdup((const char *)
					      sqlite3_column_text(s, 1));
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

static void kv_free(struct kv *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(a[i].k);
		free(a[i].v);
	}
	free(a);
}

/* One option that differs in a column: how many cells, one example. */
struct diff {
	size_t col, cells;
	char *key, *example;
};

static void note(struct fsc_obs *obs, struct diff **d, size_t *nd, size_t j,
		 size_t row, const char *k, const char *a, const char *b)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i;

	for (i = 0; i < *nd; i++)
		if ((*d)[i].col == j && !strcmp((*d)[i].key, k)) {
			(*d)[i].cells++;
			return;
		}
	*d = fsc_realloc(*d, (*nd + 1) * sizeof(**d));
	fsc_obs_pattern(obs, &obs->rows[row], &t);
	if (obs->rows[row].clients >= 0)
		fsc_buf_addf(&t, ", %lld client%s",
			     (long long)obs->rows[row].clients,
			     obs->rows[row].clients == 1 ? "" : "s");
	fsc_buf_addf(&t, ": %s vs %s", a ? a : "(not set)", b ? b : "(not set)");
	(*d)[*nd].col = j;
	(*d)[*nd].cells = 1;
	(*d)[*nd].key = fsc_strdup(k);
	(*d)[(*nd)++].example = fsc_buf_detach(&t);
}

int fsc_obs_like(struct fsc_obs *obs, sqlite3 *db)
{
	struct fsc_buf t = FSC_BUF_INIT;
	struct diff *d = NULL;
	size_t nd = 0, i, j, x, y, k;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, q_opts, -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < obs->nrows; i++) {
		struct kv *b = NULL;
		size_t nb = 0;

		if (!obs->rows[i].cells[0].scenario)
			continue;
		if (opts_of(s, obs->rows[i].cells[0].scenario, &b, &nb) < 0)
			goto fail_b;
		for (j = 1; j < obs->nruntimes; j++) {
			struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			struct kv *a = NULL;
			size_t na = 0;

			if (!c->has_ratio || !c->scenario)
				continue;
			if (opts_of(s, c->scenario, &a, &na) < 0) {
				kv_free(a, na);
				kv_free(b, nb);
				goto fail;
			}
			/* a merge of two sorted lists */
			for (x = 0, y = 0; x < na || y < nb;) {
				int cmp = x == na ? 1 : y == nb ? -1 :
					  strcmp(a[x].k, b[y].k);

				if (cmp < 0) {
					note(obs, &d, &nd, j, i, a[x].k, a[x].v, NULL);
					c->unlike = 1;
					x++;
				} else if (cmp > 0) {
					note(obs, &d, &nd, j, i, b[y].k, NULL, b[y].v);
					c->unlike = 1;
					y++;
				} else {
					if (strcmp(a[x].v, b[y].v)) {
						note(obs, &d, &nd, j, i, a[x].k,
						     a[x].v, b[y].v);
						c->unlike = 1;
					}
					x++;
					y++;
				}
			}
			obs->unlike += c->unlike;
			kv_free(a, na);
		}
		kv_free(b, nb);
	}
	for (k = 0; k < nd; k++) {
		fsc_buf_addf(&t, "Unlike job options: %s differs between %s and"
			     " %s in %zu cell%s (e.g. %s).\n", d[k].key,
			     obs->runtimes[d[k].col], obs->runtimes[0],
			     d[k].cells, d[k].cells == 1 ? "" : "s",
			     d[k].example);
		free(d[k].key);
		free(d[k].example);
	}
	free(d);
	sqlite3_finalize(s);
	obs->like_notes = fsc_buf_detach(&t);
	return 0;
fail_b:
fail:
	for (k = 0; k < nd; k++) {
		free(d[k].key);
		free(d[k].example);
	}
	free(d);
	fsc_buf_release(&t);
	sqlite3_finalize(s);
	return -1;
}
