#!/bin/sh
# Focus of this file: fio's latency histogram logs (#19 item 2):
# NAME_clat_hist.N.log linked to its run by write_hist_log, one
# run_clat_interval row per interval, and a scenario's clients merged
# interval by interval (scenario_clat_interval), checked against fio's own
# fio-histo-log-pctiles.py (Debian's fio ships it gzipped under
# /usr/share/doc/fio/; unpacked into the test's directory, never into the
# repository) by tests/histlog-check.py, which says how the tool's
# interpolating rule and fio's json+ rule differ and checks both.
# Fixtures: tests/fixtures/gen-histlog.sh (Debian's fio 3.33,
# log_hist_msec=100, two clients of two jobs run at the same time).
. "$(dirname "$0")/lib.sh"

H="$FIX/histlog"
TOOL=/usr/share/doc/fio/fio-histo-log-pctiles.py.gz

test_expect_success 'histogram logs are linked by write_hist_log and job index' '
	cp -r "$H" H &&
	"$FIOSCOPE" ingest --db s.db --layout "{client}/out.json" H 2>err &&
	grep -q "ingested 6 files, 0 unchanged, 0 failed, 0 skipped, .*; 4 runs added, 4 logs linked" err &&
	cat >want <<-\EOF &&
	c1 a 1 9
	c1 b 2 9
	c2 a 1 9
	c2 b 2 9
	EOF
	q s.db "SELECT client, jobname, job, count(*) FROM run_clat_interval
		GROUP BY client, jobname, job ORDER BY 1, 2" | tr "|" " " >got &&
	test_cmp want got &&
	test "$(q s.db "SELECT count(DISTINCT interval_ms) || \" \" || min(interval_ms) FROM run_clat_interval")" = "1 100"
'

test_expect_success 'an interval holds the samples of its line, in fio order of percentiles' '
	test "$(q s.db "SELECT count(*) FROM run_clat_interval
		WHERE samples > 0 AND p50_ns <= p90_ns AND p90_ns <= p99_ns AND p99_ns <= p999_ns")" = 36 &&
	zcat "$H/c1/h_clat_hist.1.log.gz" | head -1 |
		awk -F, "{ s = 0; for (i = 4; i <= NF; i++) s += \$i; print \$1, s, NF - 3 }" >want &&
	q s.db "SELECT time_ms, samples, 1856 FROM run_clat_interval WHERE client = '"'c1'"' AND job = 1
		ORDER BY time_ms LIMIT 1" | tr "|" " " >got &&
	test_cmp want got
'

test_expect_success 'the two clients merge slot by slot: samples add up' '
	test "$(q s.db "SELECT count(*) || \" \" || min(intervals) || \" \" || max(intervals) FROM scenario_clat_interval")" = "9 4 4" &&
	test "$(q s.db "SELECT sum(samples) FROM scenario_clat_interval")" = \
	     "$(q s.db "SELECT sum(samples) FROM run_clat_interval")"
'

test_expect_success 'percentiles agree with fio-histo-log-pctiles.py, single and merged' '
	test -f "$TOOL" &&
	zcat "$TOOL" >pctiles.py &&
	mkdir L &&
	for c in c1 c2; do
		mkdir L/$c &&
		for n in 1 2; do
			zcat "$H/$c/h_clat_hist.$n.log.gz" >L/$c/h_clat_hist.$n.log || return 1
		done
	done &&
	python3 "$TOP/tests/histlog-check.py" pctiles.py s.db L >out &&
	cat out &&
	grep -q "^single logs: checked 144 percentiles of 36 intervals" out &&
	grep -q "^merged logs: checked 36 percentiles of 9 intervals" out
'

test_expect_success 'the check fails when a stored percentile is off by one bucket' '
	cp s.db t.db &&
	q t.db "UPDATE hist_interval SET p99_ns = p999_ns + 100000 WHERE seq = 3 AND job = 2" &&
	! python3 "$TOP/tests/histlog-check.py" pctiles.py t.db L >out &&
	grep -q "p99.0" out &&
	cp s.db m.db &&
	q m.db "UPDATE scenario_hist_interval SET samples = samples + 1 WHERE time_ms = 500" &&
	! python3 "$TOP/tests/histlog-check.py" pctiles.py m.db L >out &&
	grep -q "^histlog-check: merged at 500 ms" out
'

test_expect_success 'a truncated log and a wrong bucket count: one line each, the rest ingests' '
	mkdir -p B/c1 &&
	cp "$H/c1/out.json" B/c1/ &&
	zcat "$H/c1/h_clat_hist.1.log.gz" | head -c 20000 >B/c1/h_clat_hist.1.log &&
	zcat "$H/c1/h_clat_hist.2.log.gz" | cut -d, -f1-1000 >B/c1/h_clat_hist.2.log &&
	"$FIOSCOPE" ingest --db b.db B 2>err &&
	cat >want <<-\EOF &&
	fioscope: note: B/c1/h_clat_hist.1.log:4: skipped: truncated fio histogram log: its last line ends without a newline and is not a whole interval
	fioscope: note: B/c1/h_clat_hist.2.log:1: skipped: 997 buckets on a fio histogram log line: fio writes 1856 (fio 3) or 1216 (fio 2.x; log_hist_coarseness is not read)
	EOF
	grep -v "ingested" err >got &&
	test_cmp want got &&
	grep -q "ingested 1 file, .* 2 runs added, 0 logs linked" err &&
	test_expect_code 1 "$FIOSCOPE" ingest --db b2.db B/c1/h_clat_hist.2.log B/c1/out.json 2>err &&
	grep -q "^fioscope: B/c1/h_clat_hist.2.log:1: 997 buckets" err &&
	test "$(q b2.db "SELECT count(*) FROM run")" = 2
'

test_done
