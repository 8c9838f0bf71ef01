/* cmd_rm.c: fioscope rm: take files out of the store, with their runs and
 * the statistics they made, in one transaction. */
#include <getopt.h>
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

int cmd_rm(int argc, char **argv, const char *prog)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fsc_store *st;
	struct fsc_err err;
	const char *db = NULL;
	size_t *files, *runs, n, i, tf = 0, tr = 0;
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'h') {
			fputs(usage, stdout);
			return cli_close_stdout(prog);
		} else
			return cli_usage(prog, "rm", "unknown option");
	}
	if (optind >= argc)
		return cli_usage(prog, "rm", "no PATH to remove");
	st = fsc_store_open(cli_db(db), 0, &err);
	if (!st) {
		cli_error(prog, &err);
		return 1;
	}
	n = (size_t)(argc - optind);
	files = calloc(n, sizeof(*files));
	runs = calloc(n, sizeof(*runs));
	if (!files || !runs ||
	    fsc_remove(st, argv + optind, n, files, runs, &err) < 0) {
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
				fsc_err_set(&err, argv[optind + i],
					    "no such file in the store");
				cli_error(prog, &err);
				rc = 1;
			}
		}
		cli_msg(prog, "removed %zu files, %zu runs", tf, tr);
	}
	free(files);
	free(runs);
	fsc_store_close(st);
	return rc;
}
