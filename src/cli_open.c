/* cli_open.c: how every command opens the store.  The path is checked
 * first (an empty --db or an in-memory database is a usage error), and a
 * reader that finds statistics pending (an ingest stopped before its
 * refresh) refreshes them when it can write the store, or says so in one
 * line and fails: never an empty or stale answer in silence.  Pending
 * statistics while an ingest is at work are its own to refresh: the
 * reader answers from what is committed, after a note saying so. */
#include "cli.h"

/* Refresh the pending statistics of the store at path through a writer
 * connection of its own; -1 with err when it cannot. */
static int refresh(const char *path, struct fsc_err *err)
{
	struct fsc_store *w = fsc_store_open(path, 0, err);
	int rc;

	if (!w)
		return -1;
	rc = fsc_stats_refresh(w, 0, err);
	fsc_store_close(w);
	return rc;
}

struct fsc_store *cli_open_store(const char *prog, const char *db,
				 int readonly, int *rc)
{
	const char *path = cli_db(db);
	struct fsc_store *st;
	struct fsc_err err, werr;
	int n;

	if (fsc_store_path_check(path, &err) < 0) {
		cli_error(prog, &err);
		*rc = FSC_EXIT_USAGE;
		return NULL;
	}
	st = fsc_store_open(path, readonly, &err);
	if (st && readonly) {
		n = fsc_store_pending(st, &err);
		if (n > 0 && fsc_store_writer_active(st)) {
			/* an ingest at work: its refresh is to come */
			fsc_err_set(&err, path, "an ingest is running: the "
				    "statistics of %d scenario%s are not "
				    "refreshed yet", n, n == 1 ? "" : "s");
			cli_diag(prog, "note", &err);
			n = 0;
		}
		if (n != 0) {
			fsc_store_close(st);
			st = NULL;
		}
		if (n > 0 && refresh(path, &werr) < 0)
			fsc_err_set(&err, path, "the statistics of %d scenario%s "
				    "are pending (an ingest was interrupted) and "
				    "cannot be refreshed here (%s): run 'fioscope "
				    "ingest' into it where it can be written", n,
				    n == 1 ? "" : "s", werr.msg);
		else if (n > 0)
			st = fsc_store_open(path, 1, &err);
	}
	if (!st) {
		cli_error(prog, &err);
		*rc = 1;
	}
	return st;
}
