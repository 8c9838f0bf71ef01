#!/bin/sh
# Focus of this file: fio 2.0 and 2.1 JSON (#19 item 1), which has no
# total_ios (fio 2.1.14 added it) and no job options (fio 2.3): total_ios
# is derived from fio's integer iops and the runtime, and the keys come from
# --set/--layout, unknown otherwise.  Fixtures: tests/fixtures/fio2/gen-old.py
# (the run of fio3/json-randread.json in those versions' layout; the
# expected values are worked out in tests/fixtures/fio2/README.md).
. "$(dirname "$0")/lib.sh"

F2="$FIX/fio2"
for v in 2.0.13 2.1.4; do
	f=json-$v-randread.json
	test_expect_success "fio-$v: ingests with its keys from --set" "
		\"\$FIOSCOPE\" ingest --db $v.db --set runtime=old --set backend=local --set rw=randread --set bs=4k \"$F2/$f\" 2>err &&
		grep -q 'ingested 1 file, 0 unchanged, 0 failed' err &&
		test \"\$(q $v.db 'SELECT runtime || \" \" || backend || \" \" || rw || \" \" || bs FROM scenario')\" = 'old local randread 4096' &&
		test \"\$(q $v.db 'SELECT fio_version FROM source_file')\" = fio-$v
	"
	test_expect_success "fio-$v: KiB, KiB/s and usec normalised; total_ios derived" "
		test \"\$(q $v.db 'SELECT io_bytes || \" \" || bw_bytes || \" \" || iops || \" \" || runtime_ms || \" \" || total_ios FROM io_stat WHERE ddir = 0')\" = '79380480 79300608 19360.0 1001 19379' &&
		test \"\$(q $v.db 'SELECT clat_min_ns || \" \" || clat_max_ns || \" \" || clat_mean_ns || \" \" || clat_samples FROM io_stat WHERE ddir = 0')\" = '31000 3224000 51060.0 19379'
	"
	test_expect_success "fio-$v: the derived total_ios is marked, in run_stats too (v5, #19)" "
		test \"\$(q $v.db 'SELECT total_ios_derived FROM io_stat WHERE ddir = 0')\" = 1 &&
		test \"\$(q $v.db 'SELECT total_ios || \" \" || total_ios_derived FROM run_stats WHERE ddir = \"read\"')\" = '19379 1'
	"
	test_expect_success "fio-$v: 17 percentiles in ns, the 0.00 pads dropped" "
		test \"\$(q $v.db 'SELECT count(*) || \" \" || min(value_ns) || \" \" || max(value_ns) FROM percentile WHERE ddir = 0')\" = '17 38000 1613000' &&
		test \"\$(q $v.db 'SELECT value_ns FROM percentile WHERE ddir = 0 AND pct = 99')\" = 86000
	"
	test_expect_success "fio-$v: without --set the keys are unknown, no fio default" "
		\"\$FIOSCOPE\" ingest --db none$v.db \"$F2/$f\" 2>/dev/null &&
		test \"\$(q none$v.db 'SELECT count(*) FROM scenario WHERE rw IS NULL AND bs IS NULL AND iodepth IS NULL AND numjobs IS NULL')\" = 1
	"
done

test_expect_success 'fio 3 JSON: total_ios as fio wrote it, not marked derived' '
	"$FIOSCOPE" ingest --db f3.db "$FIX/fio3/json-randread.json" 2>/dev/null &&
	test "$(q f3.db "SELECT count(*) || \" \" || sum(total_ios_derived) FROM run_stats")" = "1 0"
'

test_done
