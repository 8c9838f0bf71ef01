/*
 * observe_dataset.c (#20): a data set that fits in the node's memory.
 * With `observe --node-memory SIZE`, a cell whose runs did buffered I/O
 * (fio's direct option not 1) on a data set no larger than SIZE per node
 * may have measured the page cache, not the storage: reads may come from
 * it, writes may stay in it (unless the job syncs: end_fsync, fsync,
 * fdatasync or sync).  What fio says is all that is read: the job's
 * options (its own, else its file's global ones), the data set of a run
 * being size (else filesize) times numjobs, or size alone when the jobs
 * share one file (filename set).  A percentage size, or none, decides
 * nothing.  The node's memory is not in fio's output: the user says it.
 */
#include <stdlib.h>
#include <string.h>
#include "observe.h"

/* A run's options that decide: its own, else its file's global ones. */
static const char q_runs[] =
	"SELECT r.id, sc.numjobs,"
	" (SELECT value FROM run_option o WHERE o.run_id = r.id AND"
	"  o.key = ?2 ORDER BY o.scope = 'job' DESC LIMIT 1),"
	" (SELECT value FROM run_option o WHERE o.run_id = r.id AND"
	"  o.key = 'filesize' ORDER BY o.scope = 'job' DESC LIMIT 1),"
	" (SELECT value FROM run_option o WHERE o.run_id = r.id AND"
	"  o.key = 'direct' ORDER BY o.scope = 'job' DESC LIMIT 1),"
	" EXISTS (SELECT 1 FROM run_option o WHERE o.run_id = r.id AND"
	"  o.key = 'filename'),"
	" EXISTS (SELECT 1 FROM run_option o WHERE o.run_id = r.id AND"
	"  o.key IN ('end_fsync', 'fsync', 'fdatasync', 'sync')"
	"  AND CAST(o.value AS TEXT) NOT IN ('0', 'none'))"
	" FROM run r JOIN scenario sc ON sc.id = r.scenario_id"
	" WHERE r.scenario_id = ?1";

/* A size as fio writes it ("4m", "1g", "4096"); -1: none or not one
 * (a percentage, a range). */
static int64_t size_of(sqlite3_stmt *s, int col)
{
	const char *v = (const char *)sqlite3_column_text(s, col);

	if (!v || strchr(v, '%') || strchr(v, '-') || strchr(v, ':'))
		return -1;
	return fsc_parse_size(v);
}

/* The cell's runs: all buffered, their largest data set (bytes), and
 * whether every one of them syncs; 0 when a run decides nothing. */
static int cell_of(sqlite3_stmt *s, int64_t scenario, int64_t *set,
		   int *syncs)
{
	int n = 0, ok = 1, rc;

	*set = 0;
	*syncs = 1;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, scenario);
	sqlite3_bind_text(s, 2, "size", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t size = size_of(s, 2), jobs;
		const char *d = (const char *)sqlite3_column_text(s, 4);

		if (size <= 0)
			size = size_of(s, 3);
		jobs = sqlite3_column_type(s, 1) == SQLITE_NULL ? 1 :
		       sqlite3_column_int64(s, 1);
		if (size <= 0 || (d && strcmp(d, "0")))
			ok = 0;		/* unknown, or direct I/O */
		if (!sqlite3_column_int(s, 5) && jobs > 1)
			size *= jobs;	/* a file per job */
		if (size > *set)
			*set = size;
		*syncs &= sqlite3_column_int(s, 6);
		n++;
	}
	if (rc != SQLITE_DONE)
		return -1;
	return n && ok;
}

int fsc_obs_dataset(struct fsc_obs *obs, sqlite3 *db, int64_t node_mem)
{
	sqlite3_stmt *s;
	size_t i, j;
	int rc = 0, k;

	obs->node_mem = node_mem;
	if (node_mem <= 0 || !obs->nrows || !obs->nruntimes)
		return 0;
	if (sqlite3_prepare_v2(db, q_runs, -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < obs->nrows && !rc; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			int64_t set;
			int syncs;

			if (c->verdict == FSC_OBS_MISSING || !c->scenario)
				continue;
			k = cell_of(s, c->scenario, &set, &syncs);
			if (k < 0) {
				rc = -1;
				break;
			}
			if (k && set <= node_mem &&
			    (!obs->rows[i].ddir ||
			     !strcmp(obs->rows[i].ddir, "read") || !syncs))
				c->dataset = set;
		}
	sqlite3_finalize(s);
	return rc;
}

void fsc_obs_size_words(int64_t bytes, struct fsc_buf *out)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					     "PiB" };
	double v = (double)bytes;
	int k = 0;

	while (v >= 1024 && k < 5) {
		v /= 1024;
		k++;
	}
	fsc_buf_addf(out, "%.3g %s", v, unit[k]);
}
