#!/bin/sh
# Focus of this file: failed fio runs, made by Debian's fio
# (tests/fixtures/gen-failures.sh): a setup failure (filename= naming a
# directory: error 21, no I/O at all) and a failure after I/O (/dev/full:
# error 28).  Every failed run is counted, in ls (failed=N), run_stats
# (error), scenario_stats (failed_runs) and the report's coverage; a
# scenario whose runs all failed has no value (NULL, never 0), and observe
# and report say "all runs failed" instead of a ratio.
. "$(dirname "$0")/lib.sh"

FF="$FIX/failures"

test_expect_success 'the fixtures are what fio wrote: error 21 with no I/O, error 28 with I/O' '
	grep -q "\"error\" : 21," "$FF/setup-fail-read.json" &&
	grep -q "\"error\" : 28," "$FF/enospc-write.json" &&
	grep -q "\"error\" : 0," "$FF/ok-read.json"
'

test_expect_success 'a setup failure alone: failed=1 in ls, error in run_stats, NULL values' '
	"$FIOSCOPE" ingest --db s.db --set runtime=runc "$FF/setup-fail-read.json" 2>err &&
	grep -q "ingested 1 file, 0 unchanged, 0 failed" err &&
	"$FIOSCOPE" ls --db s.db >ls &&
	grep -q "^runc .* read  *0  *0  *-  *-  *failed=1" ls &&
	test "$(q s.db "SELECT error, total_ios FROM run_stats")" = "21|0" &&
	test "$(q s.db "SELECT runs, failed_runs, bw_bytes IS NULL, iops IS NULL,
			clat_p99_ns IS NULL FROM scenario_stats")" = "0|1|1|1|1"
'

test_expect_success 'a failure after I/O is counted the same way' '
	"$FIOSCOPE" ingest --db w.db --set runtime=runc "$FF/enospc-write.json" 2>/dev/null &&
	test "$(q w.db "SELECT error, total_ios > 0 FROM run_stats")" = "28|1" &&
	test "$(q w.db "SELECT runs, failed_runs, bw_bytes IS NULL FROM scenario_stats")" = "0|1|1" &&
	"$FIOSCOPE" ls --db w.db | grep -q "failed=1"
'

test_expect_success 'a failed run beside a good one: counted, left out of the values' '
	"$FIOSCOPE" ingest --db m.db --set runtime=runc "$FF/ok-read.json" "$FF/setup-fail-read.json" 2>/dev/null &&
	good=$(q m.db "SELECT bw_bytes FROM run_stats WHERE error = 0") &&
	test "$(q m.db "SELECT runs, failed_runs, CAST(bw_bytes AS INTEGER) FROM scenario_stats")" = "1|1|$good" &&
	test "$(q m.db "SELECT overlap FROM scenario_stats")" = 1.0 &&
	"$FIOSCOPE" ls --db m.db | grep -q "failed=1" &&
	"$FIOSCOPE" render --db m.db --out figs --format svg --jobs 1 2>err &&
	grep -q "^fioscope: drew [1-9][0-9]* figures\? in figs$" err
'

test_expect_success 'an all-failed scenario is not drawn' '
	"$FIOSCOPE" ingest --db af.db --set runtime=runc "$FF/setup-fail-read.json" 2>/dev/null &&
	test_expect_code 1 "$FIOSCOPE" render --db af.db --out figs2 --format svg --jobs 1 2>err &&
	grep -q "no scenario to draw" err
'

# bare-metal succeeded, runc failed at setup, kata-9p failed at setup
# too: the same scenario key (rw read, bs 4k) in three runtimes.
test_expect_success 'an all-failed scenario: "all runs failed" in observe, never a ratio' '
	"$FIOSCOPE" ingest --db o.db --set runtime=bare-metal "$FF/ok-read.json" 2>/dev/null &&
	cp "$FF/setup-fail-read.json" f1.json && cp "$FF/setup-fail-read.json" f2.json &&
	fio_unique f2.json &&
	"$FIOSCOPE" ingest --db o.db --set runtime=runc f1.json 2>/dev/null &&
	"$FIOSCOPE" ingest --db o.db --set runtime=kata-9p f2.json 2>/dev/null &&
	"$FIOSCOPE" observe --db o.db >obs &&
	grep -q "all runs failed  *all runs failed" obs &&
	! grep -q "0\.00x" obs &&
	grep -q "All runs failed (fio error) in 2 cells: no value, no ratio" obs &&
	grep -q "runc, .*: its one run failed (fio error): no value to compare" obs &&
	"$FIOSCOPE" observe --db o.db --format json >obs.json &&
	q :memory: "SELECT group_concat(json_extract(c.value, \"\$.words\") || \"/\"
			|| quote(json_extract(c.value, \"\$.value\")) || \"/\"
			|| quote(json_extract(c.value, \"\$.ratio\")), \",\"),
		       json_extract(readfile(\"obs.json\"), \"\$.counts.all_failed\")
		FROM json_each(json_extract(readfile(\"obs.json\"), \"\$.rows[0].cells\")) c
		WHERE c.key > 0" >got &&
	echo "all runs failed/NULL/NULL,all runs failed/NULL/NULL|2" >want &&
	test_cmp want got &&
	"$FIOSCOPE" observe --db o.db --format csv | grep -c ",all runs failed," >n &&
	test "$(cat n)" = 2
'

test_expect_success 'an all-failed baseline: no ratio for anyone' '
	"$FIOSCOPE" ingest --db b.db --set runtime=bare-metal "$FF/setup-fail-read.json" 2>/dev/null &&
	"$FIOSCOPE" ingest --db b.db --set runtime=runc "$FF/ok-read.json" 2>/dev/null &&
	"$FIOSCOPE" observe --db b.db >obs &&
	grep -q "^read  *1  *all runs failed " obs &&
	! grep -q "[0-9]x" obs
'

test_expect_success 'report: the coverage and the table say all runs failed' '
	"$FIOSCOPE" report --db o.db --out rep >/dev/null 2>&1 &&
	grep -q "1 present, 0 missing, 2 with failed runs (2 in which all runs failed)" rep/index.html &&
	test "$(grep -c "<span class=\"flag\">all runs failed</span>" rep/index.html)" = 2 &&
	grep -q "all runs failed" rep/index.html &&
	! grep -q "0\.00x" rep/index.html
'

# (not a failure of fio's, but of arithmetic: a merged bucket past 2^64)
test_expect_success 'merged histogram counts that would wrap at 2^64: marked inexact' '
	cp "$FF/ok-read.json" c1.json && cp "$FF/ok-read.json" c2.json && fio_unique c2.json &&
	"$FIOSCOPE" ingest --db h.db --set runtime=x c1.json c2.json 2>/dev/null &&
	test "$(q h.db "SELECT latency_exact FROM scenario_stats")" = 1 &&
	sqlite3 h.db "UPDATE io_stat SET clat_bins = '"'"'{\"1000\":18446744073709551000}'"'"';
		      INSERT INTO dirty_scenario SELECT id FROM scenario" &&
	"$FIOSCOPE" ls --db h.db >ls &&
	test "$(q h.db "SELECT latency_exact FROM scenario_stats")" = 0 &&
	grep -q "~" ls
'

test_done
