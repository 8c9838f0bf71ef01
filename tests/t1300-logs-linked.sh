#!/bin/sh
# Focus of this file: which run a fio log belongs to.  A log NAME_bw.N.log
# (and _lat/_clat/_slat/_iops) belongs to the run whose options name NAME
# (write_bw_log=NAME and friends) and is fio's job N, wherever the two sit
# in the walked tree: the nearest JSON first (same directory, then the
# parent's subtree, and so on).  When no option names it, the one fio JSON
# of its directory.  Several equally near candidates, or none, make one
# note line, never a guess.  tests/fixtures/logdirs/ is real fio output
# (gen-failures.sh): fio ran in logs/, --output put the JSON in run/.
. "$(dirname "$0")/lib.sh"

LD="$FIX/logdirs"
# paths are stored canonical: P/ is stripped where the tests compare them
P=$(pwd -P)

# linked DB: "log path|json path|seq" per linked log
linked() {
	q "$1" "SELECT DISTINCT replace(lf.path, '$P/', '') || '|' ||
		replace(f.path, '$P/', '') || '|' || r.seq
		FROM log_sample l JOIN source_file lf ON lf.id = l.file_id
		JOIN run r ON r.id = l.run_id JOIN source_file f ON f.id = r.file_id
		ORDER BY 1"
}

test_expect_success 'logs in another directory than the JSON are linked by name and job index' '
	cp -r "$LD" T &&
	"$FIOSCOPE" ingest --db s.db T 2>err &&
	grep -q "ingested 8 files, 0 unchanged, 0 failed, 2 skipped, .*; 3 runs added, 7 logs linked" err &&
	cat >want <<-\EOF &&
	T/logs/other_iops.3.log|T/run/out.json|2
	T/logs/run_bw.1.log|T/run/out.json|0
	T/logs/run_bw.2.log|T/run/out.json|1
	T/logs/run_clat.1.log|T/run/out.json|0
	T/logs/run_clat.2.log|T/run/out.json|1
	T/logs/run_lat.1.log|T/run/out.json|0
	T/logs/run_lat.2.log|T/run/out.json|1
	EOF
	linked s.db >got && test_cmp want got &&
	test "$(q s.db "SELECT count(*) FROM log_sample l JOIN source_file f ON f.id = l.file_id
			WHERE f.path = '"'$P/T/logs/run_bw.1.log'"'")" = "$(grep -c . T/logs/run_bw.1.log)"
'

test_expect_success 'two copies of the tree: each log goes to the JSON of its own copy' '
	mkdir two && cp -r "$LD" two/a && cp -r "$LD" two/b &&
	# a copy is the same content, stored once: make b a campaign of its
	# own (fio never writes the same bytes twice), one more sample a log
	fio_unique two/b/run/out.json &&
	for f in two/b/logs/*.log; do tail -n 1 "$f" >>"$f" || return 1; done &&
	"$FIOSCOPE" ingest --db two.db two 2>err &&
	grep -q "14 logs linked" err &&
	linked two.db >got &&
	test "$(grep -c "^two/a/logs/.*|two/a/run/out.json|" got)" = 7 &&
	test "$(grep -c "^two/b/logs/.*|two/b/run/out.json|" got)" = 7
'

test_expect_success 'two JSON files equally near that name the log: one note each, not linked' '
	cp -r "$LD" A && cp -r A/run A/run2 && fio_unique A/run2/out.json &&
	"$FIOSCOPE" ingest --db a.db A 2>err &&
	grep -q "0 logs linked" err &&
	grep -c "^fioscope: note: A/logs/run_bw.1.log: skipped: fio log that several fio JSON files could own: $P/A/run/out.json and $P/A/run2/out.json$" err >n &&
	test "$(cat n)" = 1 &&
	test "$(grep -c "could own" err)" = 7 &&
	test "$(q a.db "SELECT count(*) FROM log_sample")" = 0
'

test_expect_success 'the nearer of two JSON files wins' '
	mkdir -p N/deep && cp -r "$LD/run" N/run && cp -r "$LD/logs" N/deep/logs &&
	cp -r "$LD/run" N/deep/run && fio_unique N/deep/run/out.json &&
	"$FIOSCOPE" ingest --db n.db N 2>err &&
	grep -q "7 logs linked" err &&
	test "$(linked n.db | grep -c "|N/deep/run/out.json|")" = 7
'

test_expect_success 'an orphan log (no JSON names it, none beside it): one note' '
	mkdir -p O/x && cp "$LD/logs/run_bw.1.log" O/x/nobody_bw.1.log &&
	cp -r "$LD/run" O/run &&
	"$FIOSCOPE" ingest --db o.db O 2>err &&
	grep -q "ingested 1 file, 0 unchanged, 0 failed, 1 skipped" err &&
	test "$(grep -c "O/x/nobody_bw.1.log" err)" = 1 &&
	grep -q "^fioscope: note: O/x/nobody_bw.1.log: skipped: fio log that no fio JSON names and with no single fio JSON output beside it$" err
'

test_expect_success 'named on the command line, an orphan log is an error (exit 1)' '
	test_expect_code 1 "$FIOSCOPE" ingest --db o2.db O/x/nobody_bw.1.log 2>err &&
	grep -q "^fioscope: O/x/nobody_bw.1.log: fio log that no fio JSON names" err
'

test_expect_success 'a log no option names: the single JSON of its directory' '
	mkdir D && cp "$LD/run/out.json" D/out.json && cp "$LD/logs/run_bw.1.log" D/unnamed_bw.1.log &&
	"$FIOSCOPE" ingest --db d.db D 2>err &&
	grep -q "1 log linked" err &&
	test "$(linked d.db)" = "D/unnamed_bw.1.log|D/out.json|0" &&
	cp D/out.json D/second.json && fio_unique D/second.json &&
	"$FIOSCOPE" ingest --db d2.db D 2>err &&
	grep -q "D/unnamed_bw.1.log: skipped: fio log that several fio JSON files could own: $P/D/out.json and $P/D/second.json" err
'

test_expect_success 'a replaced JSON: its logs from elsewhere are linked again' '
	sed "s/\"fio version\"/\"fio version\" /" T/run/out.json >tmp && mv tmp T/run/out.json &&
	"$FIOSCOPE" ingest --db s.db T 2>err &&
	grep -q "7 logs linked" err &&
	linked s.db >got && test_cmp want got
'

test_expect_success 'a v2 store: the upgrade indexes the stored runs'"'"' log names' '
	q s.db "SELECT name, kind, dir, run_id FROM log_name ORDER BY 4, 2" >names.v3 &&
	test "$(wc -l <names.v3)" = 5 &&
	q s.db "SELECT * FROM scenario_stats ORDER BY rw, ddir" >stats.v3 &&
	cp s.db v2.db &&
	sqlite3 v2.db "DROP VIEW scenario_rep; DROP VIEW run_stats; DROP VIEW scenario_cpu_rep; DROP VIEW disk_utils; DROP TABLE disk_util; ALTER TABLE run DROP COLUMN ctx; ALTER TABLE source_file DROP COLUMN cpu_idleness; ALTER TABLE source_file DROP COLUMN idle_unit_mean; ALTER TABLE source_file DROP COLUMN idle_unit_stddev; DROP VIEW run_clat_interval; DROP VIEW scenario_clat_interval; DROP TABLE scenario_hist_interval; DROP TABLE hist_interval; ALTER TABLE io_stat DROP COLUMN total_ios_derived; DROP TABLE log_name; DROP INDEX source_file_sha256; ALTER TABLE source_file DROP COLUMN keyed_by; ALTER TABLE source_file DROP COLUMN ctime_ns; ALTER TABLE source_file DROP COLUMN ino; ALTER TABLE run DROP COLUMN rep_idx; ALTER TABLE run DROP COLUMN fio_client; ALTER TABLE run DROP COLUMN defaults; PRAGMA user_version = 2;" &&
	cp "$FIX/fio3/jsonplus-read.json" other.json &&
	"$FIOSCOPE" ingest --db v2.db --quiet --set runtime=x other.json &&
	test "$(q v2.db "PRAGMA user_version")" = "$SCHEMA_VERSION" &&
	q v2.db "SELECT name, kind, dir, run_id FROM log_name WHERE run_id IN
		 (SELECT r.id FROM run r JOIN source_file f ON f.id = r.file_id
		  WHERE f.path = '"'$P/T/run/out.json'"') ORDER BY 4, 2" >names.up &&
	test_cmp names.v3 names.up &&
	q v2.db "SELECT * FROM scenario_stats WHERE runtime IS NULL ORDER BY rw, ddir" >stats.up &&
	test_cmp stats.v3 stats.up
'

test_done
