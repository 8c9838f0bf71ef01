/* cmd_rm.c: fioscope rm: take files out of the store, with their runs and
 * the statistics they made, in one transaction. */
#include <stdlib.h>
#include "cli.h"
#include "ingest.h"

static const char usage[] =
"usage: fioscope rm [--db FILE] PATH...\n"
"\n"
"Remove from the store the files at or under each PATH (as ingest stored\n"
"them: canonical paths; the files need not exist any more), with their\n"
"runs, log samples and snapshots, and compute the statistics of the\n"
"scenarios they touched again, in one transaction: the store is then as if\n"
"it never had those files.\n"
"\n"
"  --db FILE   the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  -h, --help  this help\n"
"\n"
"Exit status: 0 every PATH removed something, 1 a PATH was not in the\n"
"store or the store failed, 2 usage error.\n";

enum { O_DB = 1 };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ NULL, 0, 0, 0 },
};

int cmd_rm(int argc, char **argv, const char *prog)
{
	struct fsc_store *st;
	struct fsc_err err;
	struct cli c;
	const char *db = NULL;
	size_t *files, *runs, n, i, tf = 0, tr = 0;
	int id, rc = 0;

	cli_init(&c, prog, "rm", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0)
		if (id == O_DB)
			db = c.val;
	if ((rc = cli_finish(&c, id, c.npos)) >= 0)
		return rc;
	if (!c.npos)
		return cli_usage(prog, "rm", "no PATH to remove");
	st = cli_open_store(prog, db, 0, &rc);
	if (!st)
		return rc;
	rc = 0;
	n = (size_t)c.npos;
	files = calloc(n, sizeof(*files));
	runs = calloc(n, sizeof(*runs));
	if (!files || !runs ||
	    fsc_remove(st, c.pos, n, files, runs, &err) < 0) {
		if (files && runs)
			cli_error(prog, &err);
		else
			cli_msg(prog, "out of memory");
		rc = 1;
	} else {
		for (i = 0; i < n; i++) {
			tf += files[i];
			tr += runs[i];
			if (!files[i]) {
				fsc_err_set(&err, c.pos[i],
					    "no such file in the store");
				cli_error(prog, &err);
				rc = 1;
			}
		}
		cli_msg(prog, "removed %zu file%s, %zu run%s", tf,
			tf == 1 ? "" : "s", tr, tr == 1 ? "" : "s");
	}
	free(files);
	free(runs);
	fsc_store_close(st);
	return rc;
}
