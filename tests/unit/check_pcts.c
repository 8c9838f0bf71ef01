/* check_pcts.c: for every run and direction of a store that has json+ bins,
 * recompute each of fio's reported percentiles from the STORED bins (as
 * fio does: hist.c) and compare with the stored figure.  Prints one line
 * per mismatch and "N passed, N failed"; exits 1 on any mismatch or when
 * nothing was checked. */
#include <stdio.h>
#include <stdlib.h>
#include "fioscope.h"

int main(int argc, char **argv)
{
	struct fsc_err err;
	struct fsc_store *st;
	sqlite3_stmt *s;
	long passed = 0, failed = 0, flagged = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: check_pcts STORE\n");
		return 2;
	}
	st = fsc_store_open(argv[1], 1, &err);
	if (!st) {
		fprintf(stderr, "check_pcts: %s: %s\n", err.path, err.msg);
		return 1;
	}
	if (sqlite3_prepare_v2(fsc_store_db(st),
		"SELECT i.run_id, i.ddir, i.clat_bins, i.clat_samples, i.bins_flag,"
		" p.pct, p.value_ns FROM io_stat i JOIN percentile p"
		" ON p.run_id = i.run_id AND p.ddir = i.ddir"
		" WHERE i.clat_bins IS NOT NULL AND i.total_ios > 0"
		" ORDER BY 1, 2, 6", -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "check_pcts: %s\n",
			sqlite3_errmsg(fsc_store_db(st)));
		return 1;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct fsc_bin *b;
		size_t n;
		uint64_t got, want = (uint64_t)sqlite3_column_int64(s, 6);
		double pct = sqlite3_column_double(s, 5);

		if (sqlite3_column_int(s, 4)) {
			flagged++;	/* bins disagree with N: not exact */
			continue;
		}
		if (fsc_hist_parse((const char *)sqlite3_column_text(s, 2),
				   &b, &n) < 0) {
			printf("run %lld: unreadable bins\n",
			       (long long)sqlite3_column_int64(s, 0));
			failed++;
			continue;
		}
		got = fsc_hist_percentile(b, n,
			(uint64_t)sqlite3_column_int64(s, 3), pct);
		if (got == want) {
			passed++;
		} else {
			failed++;
			printf("run %lld ddir %d p%g: recomputed %llu, fio said %llu\n",
			       (long long)sqlite3_column_int64(s, 0),
			       sqlite3_column_int(s, 1), pct,
			       (unsigned long long)got, (unsigned long long)want);
		}
		free(b);
	}
	sqlite3_finalize(s);
	fsc_store_close(st);
	printf("check_pcts: %ld passed, %ld failed (%ld flagged runs skipped)\n",
	       passed, failed, flagged);
	return failed || !passed;
}
