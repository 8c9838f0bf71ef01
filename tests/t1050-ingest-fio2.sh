#!/bin/sh
# Focus of this file: fio 2.x output (usec fields, io_bytes in KiB, bw in
# KiB/s, json+ bins keyed by bucket index or by usec value), normalised to
# ns, bytes and bytes/s.  Expected values are the hand-checked ones of
# tests/fixtures/fio2/README.md.
. "$(dirname "$0")/lib.sh"

F2="$FIX/fio2"
dir() {	# dir FILE JOB DDIR COLUMNS
	q s.db "SELECT $4 FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE '%/$1' AND r.jobname = '$2' AND i.ddir = $3"
}
pcts() {	# pcts FILE JOB DDIR
	q s.db "SELECT group_concat(value_ns, ' ') FROM (SELECT p.value_ns FROM percentile p JOIN run r ON r.id = p.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE '%/$1' AND r.jobname = '$2' AND p.ddir = $3 ORDER BY p.pct)"
}

test_expect_success 'fio 2.x files ingest' '
	"$FIOSCOPE" ingest --db s.db "$F2/json-2jobs.json" "$F2/jsonplus-indexbins-randread.json" "$F2/jsonplus-valuebins-randread.json" 2>err &&
	grep -q "ingested 3 files" err
'

test_expect_success 'json-2jobs reader: KiB -> bytes, usec -> ns' '
	test "$(dir json-2jobs.json reader 0 "io_bytes, bw_bytes, iops, runtime_ms, total_ios")" = "62095360|62032896|15144.855145|1001|15160" &&
	test "$(dir json-2jobs.json reader 0 "clat_min_ns, clat_max_ns, printf(\"%.3f\", clat_mean_ns), printf(\"%.3f\", clat_stddev_ns)")" = "38000|1614000|65278.497|20946.769" &&
	test "$(dir json-2jobs.json reader 0 "lat_min_ns, lat_max_ns, printf(\"%.3f\", lat_mean_ns), printf(\"%.3f\", lat_stddev_ns)")" = "38000|1614000|65363.445|20958.451"
'

test_expect_success 'json-2jobs reader percentiles, "0.00" pads dropped' '
	test "$(pcts json-2jobs.json reader 0)" = "41000 48000 53000 57000 59000 61000 63000 67000 69000 72000 76000 82000 105000 129000 183000 221000 1208000"
'

test_expect_success 'json-2jobs writer: write direction, rw from its job, read from global' '
	test "$(dir json-2jobs.json writer 1 "io_bytes, bw_bytes, total_ios, clat_min_ns, clat_max_ns")" = "146604032|146456576|17896|38000|1759000" &&
	test "$(pcts json-2jobs.json writer 1 | cut -d" " -f13-)" = "92000 109000 155000 247000 1688000" &&
	test "$(q s.db "SELECT group_concat(r.jobname || \"=\" || s.rw) FROM (SELECT * FROM run ORDER BY jobname) r JOIN scenario s ON s.id = r.scenario_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%/json-2jobs.json\"")" = "reader=randread,writer=write"
'

for f in jsonplus-indexbins-randread.json jsonplus-valuebins-randread.json; do
	test_expect_success "$f: values, and bins in ns" "
		test \"\$(dir $f randread 0 'io_bytes, bw_bytes, total_ios, clat_min_ns, clat_max_ns')\" = '69001216|68931584|16846|36000|1983000' &&
		test \"\$(q s.db \"SELECT count(*) || ' ' || sum(b.count) || ' ' || min(b.value_ns) || ' ' || max(b.value_ns) FROM run_clat_bins b JOIN run r ON r.id = b.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE '%/$f' AND b.ddir = 0\")\" = '126 16846 36000 1976000' &&
		test \"\$(q s.db \"SELECT b.count FROM run_clat_bins b JOIN run r ON r.id = b.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE '%/$f' AND b.ddir = 0 AND b.value_ns = 668000\")\" = 1 &&
		test \"\$(pcts $f randread 0 | cut -d' ' -f7,13-)\" = '57000 100000 124000 173000 286000 668000'
	"
done

test_expect_success 'both 2.x json+ bin formats give the same histogram' '
	q s.db "SELECT b.value_ns, b.count FROM run_clat_bins b JOIN run r ON r.id = b.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%indexbins%\" ORDER BY 1" >a &&
	q s.db "SELECT b.value_ns, b.count FROM run_clat_bins b JOIN run r ON r.id = b.run_id JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%valuebins%\" ORDER BY 1" >b &&
	test -s a && test_cmp a b
'

test_expect_success 'percentiles recompute from the 2.x bins too' '
	"$TOP/$BUILD/check_pcts" s.db | grep -E "^check_pcts: [0-9]+ passed, 0 failed"
'

test_done
