#!/bin/sh
# Focus of this file: ingest of real fio 3.33 output (tests/fixtures/fio3):
# every format variant lands, values are normalised exactly as fio wrote
# them, and percentiles recomputed from the STORED json+ bins equal fio's.
. "$(dirname "$0")/lib.sh"

F3="$FIX/fio3"
# json_extract on the raw fixture: an independent reading of fio's numbers
raw() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"; }

test_expect_success 'ingest every fio3 fixture, exit 0' '
	"$FIOSCOPE" ingest --db s.db "$F3" 2>err &&
	grep -q "^fioscope: ingested 28 files, 0 unchanged, 0 failed, 0 skipped" err
'

test_expect_success 'run_stats has exactly the documented columns' '
	sqlite3 -header s.db "SELECT * FROM run_stats LIMIT 1" | head -n 1 >cols &&
	echo "runtime|backend|rw|bs|clients|iodepth|numjobs|client|jobname|ddir|bw_bytes|iops|runtime_ms|total_ios|clat_mean_ns|clat_p50_ns|clat_p99_ns|source_path|fio_version|rep|reps|grouping|error|total_ios_derived|usr_cpu|sys_cpu|ctx|cpu_idleness" >want &&
	test_cmp want cols
'

test_expect_success 'percentiles recomputed from stored bins equal fio (every json+ run)' '
	"$TOP/$BUILD/check_pcts" s.db >out &&
	grep -E "^check_pcts: [0-9]+ passed, 0 failed" out &&
	n=$(sed -E "s/^check_pcts: ([0-9]+) passed.*/\1/" out) && [ "$n" -ge 300 ]
'

test_expect_success 'bytes, bw, iops, latency stored exactly as fio wrote them' '
	f="$F3/jsonplus-read.json" &&
	got=$(q s.db "SELECT bw_bytes, io_bytes, total_ios, clat_min_ns, clat_max_ns FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-read.json\" AND ddir = 0") &&
	want="$(raw $f "\$.jobs[0].read.bw_bytes")|$(raw $f "\$.jobs[0].read.io_bytes")|$(raw $f "\$.jobs[0].read.total_ios")|$(raw $f "\$.jobs[0].read.clat_ns.min")|$(raw $f "\$.jobs[0].read.clat_ns.max")" &&
	echo "$got" && test "$got" = "$want"
'

test_expect_success 'stored bins are the fixture bins, count for count' '
	f="$F3/jsonplus-randread.json" &&
	q s.db "SELECT b.value_ns || \" \" || b.count FROM run_clat_bins b JOIN run r ON r.id = b.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-randread.json\" AND b.ddir = 0 ORDER BY b.value_ns" >got &&
	sqlite3 :memory: "SELECT CAST(key AS INTEGER) || \" \" || value FROM json_each(json_extract(readfile(\"$f\"), \"\$.jobs[0].read.clat_ns.bins\")) ORDER BY CAST(key AS INTEGER)" >want &&
	test -s want && test_cmp want got
'

test_expect_success 'plain json: no bins, kind json; json+: kind json+' '
	test "$(q s.db "SELECT kind FROM source_file WHERE path LIKE \"%/json-read.json\"")" = json &&
	test "$(q s.db "SELECT kind FROM source_file WHERE path LIKE \"%/jsonplus-read.json\"")" = "json+" &&
	test "$(q s.db "SELECT count(*) FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/json-read.json\" AND clat_bins IS NOT NULL")" = 0
'

test_expect_success 'numjobs=4: one run grouped, four runs without group_reporting' '
	test "$(q s.db "SELECT count(*) FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-numjobs4-grouped.json\"")" = 1 &&
	test "$(q s.db "SELECT count(*) FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-numjobs4-separate.json\"")" = 4
'

test_expect_success 'several jobs in one file, rw from global options' '
	q s.db "SELECT r.jobname || \" \" || s.rw FROM run r JOIN scenario s ON s.id = r.scenario_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-multijob.json\" ORDER BY r.seq" >got &&
	cat got && test $(wc -l <got) -ge 2 &&
	! grep -q " $" got
'

test_expect_success 'client/server: each client a run, "All clients" is not' '
	q s.db "SELECT client FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-clientserver-2clients.json\" ORDER BY client" >got &&
	cat got && test $(wc -l <got) = 2 && ! grep -q "All clients" got &&
	test "$(sort -u got | wc -l)" = 2 &&
	test "$(q s.db "SELECT count(*) FROM run WHERE jobname = \"All clients\"")" = 0
'

test_expect_success 'status-interval: last document is the result, earlier ones are snapshots' '
	f="%/jsonplus-status-interval.json" &&
	docs=$(q s.db "SELECT docs FROM source_file WHERE path LIKE \"$f\"") &&
	test "$docs" -gt 1 &&
	test "$(q s.db "SELECT count(DISTINCT p.seq) FROM snapshot p JOIN run r ON r.id = p.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"$f\"")" = $((docs - 1)) &&
	test "$(q s.db "SELECT count(*) FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"$f\"")" = 1
'

test_expect_success 'snapshots are cumulative: io_bytes never decreases' '
	test "$(q s.db "SELECT count(*) FROM snapshot a JOIN snapshot b ON a.run_id = b.run_id AND a.ddir = b.ddir AND b.seq = a.seq + 1 WHERE b.io_bytes < a.io_bytes")" = 0
'

test_expect_success 'normal,json output: the text before the JSON is skipped' '
	test "$(q s.db "SELECT count(*) FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/normal-json-read.json\"")" = 1
'

test_expect_success 'fio log files are linked to the run beside them' '
	test "$(q s.db "SELECT count(DISTINCT kind) FROM log_sample")" -ge 4 &&
	test "$(q s.db "SELECT count(DISTINCT l.run_id) FROM log_sample l JOIN run r ON r.id = l.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/logs/randrw-logs.json\"")" -ge 1 &&
	test "$(q s.db "SELECT count(*) FROM source_file WHERE kind = \"log\"")" = 10
'

test_expect_success 'unknown scenario keys are NULL and ls has no column for them' '
	test "$(sqlite3 s.db "SELECT count(*) FROM scenario WHERE runtime IS NOT NULL OR backend IS NOT NULL")" = 0 &&
	"$FIOSCOPE" ls --db s.db >ls &&
	head -1 ls | grep -q "^RW  *BS  *CLIENTS  *QD  *JOBS  *DIR" &&
	grep -q "^randread " ls && ! grep -q "?" ls
'

test_expect_success 're-ingesting the same tree changes nothing' '
	sqlite3 s.db .dump | grep -v "INSERT INTO source_file" >before &&
	"$FIOSCOPE" ingest --db s.db "$F3" 2>err &&
	grep -q "ingested 0 files, 28 unchanged" err &&
	sqlite3 s.db .dump | grep -v "INSERT INTO source_file" >after &&
	test_cmp before after
'

test_expect_success 'a touched file (same content) is unchanged' '
	cp "$F3/jsonplus-read.json" t.json &&
	"$FIOSCOPE" ingest --db t.db t.json 2>/dev/null &&
	touch -d "2001-01-01" t.json &&
	"$FIOSCOPE" ingest --db t.db t.json 2>err &&
	grep -q "ingested 0 files, 1 unchanged" err
'

test_expect_success 'a changed file replaces its earlier rows' '
	sed "s/\"bw_bytes\" : [0-9]*/\"bw_bytes\" : 12345/" "$F3/jsonplus-read.json" >t.json &&
	"$FIOSCOPE" ingest --db t.db t.json 2>err &&
	grep -q "ingested 1 file" err &&
	test "$(q t.db "SELECT count(*) FROM run")" = 1 &&
	test "$(q t.db "SELECT bw_bytes FROM io_stat WHERE ddir = 0")" = 12345 &&
	test "$(q t.db "SELECT count(*) FROM source_file")" = 1
'

test_expect_success 'a fio error is kept and flagged, not averaged in' '
	sed "0,/\"error\" : 0/s//\"error\" : 5/" "$F3/jsonplus-read.json" >e.json &&
	"$FIOSCOPE" ingest --db e.db --set runtime=x e.json "$F3/jsonplus-read.json" 2>/dev/null &&
	test "$(q e.db "SELECT count(*) FROM run WHERE error = 5")" = 1 &&
	test "$(q e.db "SELECT runs FROM scenario_stats")" = 1 &&
	"$FIOSCOPE" ls --db e.db | grep -q "failed=1"
'

test_expect_success 'empty bins although total_ios > 0: fio figures kept, run flagged' '
	awk "/\"bins\" : \{/ { print \"          \\\"bins\\\" : { }\"; skip = 1; next }
	     skip && /^ *}/ { skip = 0; next } !skip" "$F3/jsonplus-read.json" >eb.json &&
	grep -q "\"bins\" : { }" eb.json &&
	"$FIOSCOPE" ingest --db eb.db --set runtime=x eb.json 2>/dev/null &&
	test "$(q eb.db "SELECT bins_flag || \" \" || clat_bins FROM io_stat WHERE ddir = 0")" = "1 {}" &&
	test "$(q eb.db "SELECT latency_exact FROM scenario_stats")" = 0 &&
	test "$(q eb.db "SELECT clat_p99_ns FROM run_stats")" = "$(raw "$F3/jsonplus-read.json" "\$.jobs[0].read.clat_ns.percentile.\"99.000000\"")"
'

test_expect_success 'directions: idle ones the job never does have no row; a stalled one keeps its row' '
	test "$(q s.db "SELECT group_concat(i.ddir) FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-read.json\"")" = 0 &&
	test "$(q s.db "SELECT group_concat(i.ddir) FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/jsonplus-randrw.json\"")" = "0,1" &&
	sqlite3 :memory: "SELECT json_remove(json_set(readfile(\"$F3/json-read.json\"),
		\"\$.jobs[0].read.io_bytes\", 0, \"\$.jobs[0].read.io_kbytes\", 0,
		\"\$.jobs[0].read.total_ios\", 0, \"\$.jobs[0].read.bw_bytes\", 0,
		\"\$.jobs[0].read.bw\", 0), \"\$.jobs[0].read.clat_ns.percentile\")" >stall.json &&
	grep -q "\"total_ios\":0" stall.json &&
	"$FIOSCOPE" ingest --db st.db --set runtime=x stall.json 2>/dev/null &&
	test "$(q st.db "SELECT ddir || \" \" || total_ios FROM io_stat")" = "0 0"
'

test_expect_success 'FIOSCOPE_DB is the default store' '
	FIOSCOPE_DB=env.db "$FIOSCOPE" ingest "$F3/jsonplus-write.json" 2>/dev/null &&
	test "$(q env.db "SELECT count(*) FROM run")" = 1
'

test_done
