#!/bin/sh
# Focus of this file: fio's terse output, versions 3, 4 and 5 (#19 item 3).
# Each tests/fixtures/terse/vN.terse holds the terse lines of one fio 3.33
# run of two jobs and vN.json the JSON document of the same run
# (--output-format=terse,json+; tests/fixtures/terse/gen.sh): ingested
# apart, they agree within fio's rounding.  Terse prints whole KiB, KiB/s
# and iops (rounded down from the same counts JSON prints) and usec
# latencies (fio's ns divided by 1000, rounded down); it has no total_ios
# (derived: iops * runtime, within runtime/1000 + 1 I/Os of fio's count).
. "$(dirname "$0")/lib.sh"

T="$FIX/terse"
# violations SQL: rows of io_stat (terse in main, json in j) that disagree
cmp_sql="SELECT count(*) FROM io_stat t JOIN run tr ON tr.id = t.run_id
  JOIN j.run jr ON jr.jobname = tr.jobname
  JOIN j.io_stat s ON s.run_id = jr.id AND s.ddir = t.ddir
  WHERE NOT (t.io_bytes = s.io_bytes
    AND t.bw_bytes <= s.bw_bytes AND s.bw_bytes < t.bw_bytes + 1024
    AND t.iops = CAST(s.iops AS INTEGER)
    AND abs(t.total_ios - s.total_ios) <= t.runtime_ms / 1000 + 1
    AND t.runtime_ms = s.runtime_ms
    AND t.clat_min_ns <= s.clat_min_ns AND s.clat_min_ns < t.clat_min_ns + 1000
    AND t.clat_max_ns <= s.clat_max_ns AND s.clat_max_ns < t.clat_max_ns + 1000
    AND abs(t.clat_mean_ns - s.clat_mean_ns) < 1)"
pct_sql="SELECT count(*) || ' ' || sum(NOT (t.value_ns <= s.value_ns AND s.value_ns < t.value_ns + 1000))
  FROM percentile t JOIN run tr ON tr.id = t.run_id
  JOIN j.run jr ON jr.jobname = tr.jobname
  JOIN j.percentile s ON s.run_id = jr.id AND s.ddir = t.ddir AND s.pct = t.pct"

for v in 3 4 5; do
	test_expect_success "terse v$v: two runs, flagged terse, fio's version" "
		\"\$FIOSCOPE\" ingest --db t$v.db \"$T/v$v.terse\" 2>err &&
		grep -q 'ingested 1 file.*; 2 runs added' err &&
		test \"\$(q t$v.db 'SELECT kind || \" \" || fio_version FROM source_file')\" = 'terse fio-3.33' &&
		test \"\$(q t$v.db 'SELECT group_concat(jobname) FROM (SELECT jobname FROM run ORDER BY seq)')\" = rr,rw
	"
	test_expect_success "terse v$v: the same bandwidth, IOPS, latency as the run's JSON" "
		\"\$FIOSCOPE\" ingest --db j$v.db \"$T/v$v.json\" 2>/dev/null &&
		test \"\$(sqlite3 t$v.db \"ATTACH 'j$v.db' AS j; SELECT count(*) FROM io_stat t JOIN run tr ON tr.id = t.run_id JOIN j.run jr ON jr.jobname = tr.jobname JOIN j.io_stat s ON s.run_id = jr.id AND s.ddir = t.ddir WHERE t.total_ios > 0\")\" = 3 &&
		test \"\$(sqlite3 t$v.db \"ATTACH 'j$v.db' AS j; \$cmp_sql\")\" = 0
	"
	test_expect_success "terse v$v: 17 percentiles per direction, each within 1 usec of JSON's" "
		test \"\$(sqlite3 t$v.db \"ATTACH 'j$v.db' AS j; \$pct_sql\")\" = '51 0'
	"
done

test_expect_success 'terse after fio normal text (normal,terse): the runs' '
	"$FIOSCOPE" ingest --db m.db "$T/mixed.terse" 2>err &&
	grep -q "2 runs added" err &&
	test "$(q m.db "SELECT io_bytes || \" \" || bw_bytes || \" \" || total_ios FROM io_stat i JOIN run r ON r.id = i.run_id WHERE r.jobname = \"rr\" AND ddir = 0")" = "50728960 50677760 12384"
'

test_expect_success 'a broken terse line: one line naming the field, exit 1' '
	sed "1s/;fio-3.33;rr;0;0;[0-9]*;/;fio-3.33;rr;0;0;12x;/" "$T/v3.terse" >bad.terse &&
	test_expect_code 1 "$FIOSCOPE" ingest --db b.db bad.terse 2>err &&
	head -n 1 err >first &&
	echo "fioscope: bad.terse:1: terse output: field 6 is not an unsigned integer" >want &&
	test_cmp want first &&
	test "$(q b.db "SELECT count(*) FROM run")" = 0
'

test_expect_success 'a cut terse line: too few fields for its version' '
	head -c 300 "$T/v4.terse" >cut.terse &&
	test_expect_code 1 "$FIOSCOPE" ingest --db c.db cut.terse 2>err &&
	grep -q "^fioscope: cut.terse:1: terse output: [0-9]* fields, terse version 4 has at least 162$" err
'

test_done
