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

test_expect_success 'the two clients merge slot by slot, placed by their run windows' '
	# c2 started 104 ms after c1 (start_ms): its intervals fall one
	# slot later, so the first and last slots hold one client each
	test "$(q s.db "SELECT max(start_ms) - min(start_ms) >= 50 FROM run")" = 1 &&
	cat >want <<-\EOF &&
	100 2
	200 4
	900 4
	1000 2
	EOF
	q s.db "SELECT time_ms, intervals FROM scenario_clat_interval
		WHERE time_ms IN (100, 200, 900, 1000) ORDER BY time_ms" | tr "|" " " >got &&
	test_cmp want got &&
	test "$(q s.db "SELECT count(*) FROM scenario_clat_interval")" = 10 &&
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
	grep -q "^merged logs: checked 40 percentiles of 10 intervals" out
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

test_expect_success 'the timeline figure draws each run'"'"'s p50 and p99 from its histogram log' '
	"$FIOSCOPE" render --db s.db --out fig --format svg 2>err &&
	gp=fig/timeline-4k-randread-2c-qd4.gp &&
	grep -q "^array panel_ylabel\[2\] = \[\"p50 latency (histogram logs) (µs)\", \"p99 latency (histogram logs) (ms)\"\]" $gp &&
	test "$(grep -c "^# c[12], read: time (s), p99 latency (histogram logs)" $gp)" = 4 &&
	# at the run'"'"'s start plus its slot (its jobs'"'"' logs merge per slot)
	q s.db "SELECT (r.start_ms - (SELECT min(start_ms) FROM run)
		+ (h.time_ms + h.interval_ms / 2) / h.interval_ms * h.interval_ms) / 1000.0, h.p99_ns / 1e6
		FROM hist_interval h JOIN run r ON r.id = h.run_id WHERE h.run_id = 1 ORDER BY h.time_ms" >want.raw &&
	python3 -c "
import sys
for l in open(\"want.raw\"):
    t, v = l.strip().split(\"|\")
    print(\"%.6g %.6g\" % (float(t), float(v)))" >want &&
	sed -n "/^# c1, read: time (s), p99 latency/,/^\$/p" $gp | grep "^[0-9]" | head -9 >got &&
	test_cmp want got &&
	! grep "^array panel_ylabel" $gp | grep -q "completion latency"
'

test_expect_success 'a v4 store: the upgrade to v5 links the histogram logs of the next ingest' '
	cp s.db v4.db &&
	q v4.db "SELECT run_id, name FROM log_name WHERE kind = '"'hist'"' ORDER BY 1" >names.v5 &&
	test "$(wc -l <names.v5)" = 4 &&
	sqlite3 v4.db "DROP VIEW run_stats; DROP VIEW run_clat_interval; DROP VIEW scenario_clat_interval;
		DROP TABLE scenario_hist_interval; DROP TABLE hist_interval;
		ALTER TABLE io_stat DROP COLUMN total_ios_derived;
		DELETE FROM log_name WHERE kind = '"'hist'"';
		DELETE FROM source_file WHERE kind = '"'log'"'; PRAGMA user_version = 4;" &&
	"$FIOSCOPE" ingest --db v4.db --quiet --layout "{client}/out.json" H &&
	test "$(q v4.db "PRAGMA user_version")" = "$SCHEMA_VERSION" &&
	q v4.db "SELECT run_id, name FROM log_name WHERE kind = '"'hist'"' ORDER BY 1" >names.up &&
	test_cmp names.v5 names.up &&
	test "$(q v4.db "SELECT count(*) FROM run_clat_interval")" = 36 &&
	q s.db "SELECT * FROM scenario_clat_interval" >merged.v5 &&
	q v4.db "SELECT * FROM scenario_clat_interval" >merged.up &&
	test_cmp merged.v5 merged.up
'

test_expect_success 'fioscope rm of one client'"'"'s logs: the merged intervals follow' '
	cp s.db r.db &&
	"$FIOSCOPE" rm --db r.db H/c2/h_clat_hist.1.log.gz H/c2/h_clat_hist.2.log.gz 2>/dev/null &&
	test "$(q r.db "SELECT count(*) FROM run_clat_interval")" = 18 &&
	test "$(q r.db "SELECT count(*) || \" \" || max(intervals) FROM scenario_clat_interval")" = "9 2" &&
	test "$(q r.db "SELECT sum(samples) FROM scenario_clat_interval")" = \
	     "$(q r.db "SELECT sum(samples) FROM run_clat_interval")"
'

test_expect_success 'a fio 2.x histogram log (1216 buckets of usec) beside fio 2.1 JSON' '
	mkdir O &&
	cp "$FIX/fio2/json-2.1.4-randread.json" O/out.json &&
	# bucket 100 is 100 usec; bucket 200 is fio'"'"'s 256 + 8.5 * 4 = 290 usec
	python3 -c "
for t, a, b in ((250, 3, 1), (500, 0, 2), (760, 1, 0), (1010, 0, 0)):
    c = [0] * 1216
    c[100], c[200] = a, b
    print(\", \".join(str(x) for x in [t, 0, 4096] + c))" >O/x_clat_hist.1.log &&
	"$FIOSCOPE" ingest --db o.db --set runtime=old O 2>err &&
	grep -q "1 run added, 1 log linked" err &&
	# no log_hist_msec in fio 2.1 JSON: the median gap (250, 260, 250)
	cat >want <<-\EOF &&
	250 250 4 100000 290000 290000
	500 250 2 290000 290000 290000
	760 250 1 100000 100000 100000
	1010 250 0 - - -
	EOF
	q o.db "SELECT time_ms, interval_ms, samples, COALESCE(p50_ns, \"-\"), COALESCE(p90_ns, \"-\"),
		COALESCE(p99_ns, \"-\") FROM run_clat_interval ORDER BY time_ms" |
		tr "|" " " >got &&
	test_cmp want got
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
