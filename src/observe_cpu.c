/*
 * observe_cpu.c (#20): CPU cost and CPU-starved clients, from the store.
 *
 * CPU cost (--metric cpu): a scenario's CPU seconds are the sum over its
 * good runs of (usr_cpu + sys_cpu) / 100 x the run's runtime, from the
 * store's scenario_cpu_rep view (see schema/fioscope.sql for why no
 * numjobs factor: fio's usr_cpu is the job's CPU time over its run time,
 * and a group report sums both over the group).  The cell's value is
 * that sum over all repetitions and clients divided by the GiB they
 * moved (all directions), beside it the same per 1,000 I/Os; the ratio
 * to the baseline is the same either way when both sides moved the same
 * block size.  Per repetition the same quotient gives the mean and
 * variance the confidence interval of the ratio starts from.
 *
 * CPU-starved (Longhorn kbench: a client under 40% CPU idleness was
 * CPU-starved): fio's --idle-prof measures the system's idleness per
 * file (source_file.cpu_idleness); a cell whose scenario has runs from
 * files under the threshold says so, naming the clients.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "observe.h"

#define GIB 1073741824.0

static const char q_cpu[] =
	"SELECT cpu_s, io_bytes, total_ios FROM scenario_cpu_rep"
	" WHERE scenario_id = ?1 AND io_bytes > 0";

int fsc_obs_cpu(sqlite3 *db, int64_t scenario, double *per_gib,
		double *alt, int *nrep, double *mean, double *var)
{
	sqlite3_stmt *s;
	double cpu = 0, bytes = 0, ios = 0, sum = 0, sum2 = 0, v;
	int n = 0, rc;

	*per_gib = *alt = NAN;
	*nrep = 0;
	*mean = *var = 0;
	if (sqlite3_prepare_v2(db, q_cpu, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, scenario);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		double c = sqlite3_column_double(s, 0);
		double b = sqlite3_column_double(s, 1);

		cpu += c;
		bytes += b;
		ios += sqlite3_column_double(s, 2);
		v = c / (b / GIB);
		sum += v;
		sum2 += v * v;
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	if (bytes > 0)
		*per_gib = cpu / (bytes / GIB);
	if (ios > 0)
		*alt = cpu / (ios / 1000);
	*nrep = n;
	if (n) {
		*mean = sum / n;
		*var = n > 1 ? fmax(0, (sum2 - sum * sum / n) / (n - 1)) : 0;
	}
	return 0;
}

/* The runs of a scenario from files whose idleness is under ?2: the
 * lowest idleness, the count and the clients ("client NAME", the label's
 * or fio's, else "job NAME"). */
static const char q_starved[] =
	"SELECT min(f.cpu_idleness), count(*),"
	" group_concat(DISTINCT COALESCE('client ' || COALESCE(r.client,"
	" r.fio_client), 'job ' || r.jobname))"
	" FROM run r JOIN source_file f ON f.id = r.file_id"
	" WHERE r.scenario_id = ?1 AND f.cpu_idleness < ?2";

int fsc_obs_starved(struct fsc_obs *obs, sqlite3 *db, double pct)
{
	sqlite3_stmt *s;
	size_t i, j;
	int rc = 0;

	obs->starved_pct = pct;
	if (!obs->nrows || !obs->nruntimes)
		return 0;
	if (sqlite3_prepare_v2(db, q_starved, -1, &s, NULL) != SQLITE_OK)
		return -1;
	obs->starved_who = fsc_calloc(obs->nrows * obs->nruntimes,
				      sizeof(*obs->starved_who));
	for (i = 0; i < obs->nrows && !rc; i++)
		for (j = 0; j < obs->nruntimes && !rc; j++) {
			struct fsc_obs_cell *c = &obs->rows[i].cells[j];
			const char *who;

			if (c->verdict == FSC_OBS_MISSING || !c->scenario)
				continue;
			sqlite3_bind_int64(s, 1, c->scenario);
			sqlite3_bind_double(s, 2, pct);
			if (sqlite3_step(s) != SQLITE_ROW) {
				rc = -1;
				break;
			}
			if (sqlite3_column_int(s, 1) > 0) {
				c->idle = sqlite3_column_double(s, 0);
				c->starved = sqlite3_column_int(s, 1);
				who = (const char *)sqlite3_column_text(s, 2);
				if (who)
					obs->starved_who[i * obs->nruntimes +
							 j] = fsc_strdup(who);
			}
			sqlite3_reset(s);
		}
	sqlite3_finalize(s);
	return rc;
}
