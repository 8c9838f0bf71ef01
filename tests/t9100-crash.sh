#!/bin/sh
# Focus of this file: crash safety.  A long ingest (a few thousand files)
# is killed with SIGKILL at several random moments.  After each kill the
# store passes PRAGMA integrity_check and foreign_key_check, and no file is
# partly in it: every file that is in the store has exactly the rows
# (runs, io_stat, percentiles, options, snapshots, log samples) that an
# uninterrupted ingest gives it.  Ingesting again then ends with exactly the
# store an uninterrupted ingest makes (a dump of every data table, keyed by
# path and scenario key instead of ids and ingest times).
. "$(dirname "$0")/lib.sh"

KILLS=${FSC_CRASH_KILLS:-6}

# per file: what of it is in the store (the "all or nothing" unit)
cat >perfile.sql <<'SQL'
SELECT f.path, f.status, f.kind,
  (SELECT count(*) FROM run r WHERE r.file_id = f.id),
  (SELECT count(*) FROM io_stat i JOIN run r ON r.id = i.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM percentile p JOIN run r ON r.id = p.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM run_option o JOIN run r ON r.id = o.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM snapshot s JOIN run r ON r.id = s.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM log_sample l WHERE l.file_id = f.id)
FROM source_file f ORDER BY f.path;
SQL

# the whole store without ids and times, in a stable order
cat >dump.sql <<'SQL'
.mode list
.separator |
.nullvalue NULL
SELECT 'file', path, size, mtime_ns, sha256, kind, fio_version, docs, status,
  error FROM source_file ORDER BY path;
SELECT 'scenario', key, runtime, backend, rw, bs, clients, iodepth, numjobs,
  labels FROM scenario ORDER BY key;
SELECT 'run', f.path, r.seq, s.key, r.rep, r.client, r.jobname, r.groupid,
  r.error, r.start_ms, r.end_ms, r.job_runtime_ms, r.usr_cpu, r.sys_cpu
  FROM run r JOIN source_file f ON f.id = r.file_id
  JOIN scenario s ON s.id = r.scenario_id ORDER BY f.path, r.seq;
SELECT 'io', f.path, r.seq, i.ddir, i.io_bytes, i.bw_bytes, i.iops,
  i.runtime_ms, i.total_ios, i.short_ios, i.drop_ios, i.slat_min_ns,
  i.slat_max_ns, i.slat_mean_ns, i.slat_stddev_ns, i.clat_min_ns,
  i.clat_max_ns, i.clat_mean_ns, i.clat_stddev_ns, i.lat_min_ns, i.lat_max_ns,
  i.lat_mean_ns, i.lat_stddev_ns, i.clat_samples, i.clat_bins, i.bins_flag
  FROM io_stat i JOIN run r ON r.id = i.run_id
  JOIN source_file f ON f.id = r.file_id ORDER BY f.path, r.seq, i.ddir;
SELECT 'pct', f.path, r.seq, p.ddir, p.pct, p.value_ns
  FROM percentile p JOIN run r ON r.id = p.run_id
  JOIN source_file f ON f.id = r.file_id ORDER BY f.path, r.seq, p.ddir, p.pct;
SELECT 'opt', f.path, r.seq, o.scope, o.key, o.value
  FROM run_option o JOIN run r ON r.id = o.run_id
  JOIN source_file f ON f.id = r.file_id
  ORDER BY f.path, r.seq, o.scope, o.key;
SELECT 'snap', f.path, r.seq, n.seq, n.ddir, n.time_ms, n.runtime_ms,
  n.io_bytes, n.total_ios, n.clat_mean_ns
  FROM snapshot n JOIN run r ON r.id = n.run_id
  JOIN source_file f ON f.id = r.file_id ORDER BY f.path, r.seq, n.seq, n.ddir;
SELECT 'log', lf.path, f.path, r.seq, l.kind, l.job, l.time_ms, l.value,
  l.ddir, l.bs
  FROM log_sample l JOIN source_file lf ON lf.id = l.file_id
  JOIN run r ON r.id = l.run_id JOIN source_file f ON f.id = r.file_id
  ORDER BY lf.path, l.time_ms, l.ddir, l.value, l.bs;
SELECT 'stat', s.key, t.ddir, t.runs, t.reps, t.clients, t.failed_runs,
  t.bw_bytes, t.bw_bytes_stddev, t.bw_bytes_ci95, t.iops, t.clat_min_ns,
  t.clat_max_ns, t.clat_mean_ns, t.clat_p50_ns, t.clat_p90_ns, t.clat_p95_ns,
  t.clat_p99_ns, t.clat_p999_ns, t.clat_p9999_ns, t.clat_p99_lo_ns,
  t.clat_p99_hi_ns, t.latency_exact, t.overlap
  FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id
  ORDER BY s.key, t.ddir;
SELECT 'bin', s.key, b.ddir, b.value_ns, b.count
  FROM scenario_bin b JOIN scenario s ON s.id = b.scenario_id
  ORDER BY s.key, b.ddir, b.value_ns;
SELECT 'dirty', count(*) FROM dirty_scenario;
SQL

dump() { sqlite3 -batch "$1" <dump.sql; }
now_ms() { date +%s%3N; }
# a random integer in [lo, hi]
rand() {
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $(($1 + r % ($2 - $1 + 1)))
}

test_expect_success 'setup: a tree of ~2600 fio files (json, json+, .gz, logs)' '
	mkdir -p base tree &&
	i=0 &&
	for f in "$FIX"/fio3/*.json "$FIX"/fio2/*.json \
		 "$FIX"/tree/bare-metal/*/2/*/*.json; do
		i=$((i + 1)) &&
		cp "$f" "base/f$i-$(basename "$f")" || return 1
	done &&
	gzip base/f1-* &&
	for d in $(seq 100); do
		mkdir -p "tree/rep$((d % 5))" &&
		cp -r base "tree/rep$((d % 5))/d$d" &&
		# each copy a run of its own (a file is known by its content;
		# the gzip copies stay one file)
		for f in "tree/rep$((d % 5))/d$d"/*.json; do
			printf "%${d}s\n" "" >>"$f" || return 1
		done || return 1
	done &&
	cp -r "$FIX/fio3/logs" tree/logs1 && cp -r "$FIX/fio3/logs" tree/logs2 &&
	test "$(find tree -type f | wc -l)" -gt 2000
'

test_expect_success 'reference: one uninterrupted ingest' '
	t0=$(now_ms) &&
	"$FIOSCOPE" ingest --db ref.db --quiet --keep-unmatched --layout "rep{rep}/{*}/{*}" tree &&
	t1=$(now_ms) &&
	echo $((t1 - t0)) >ref.ms &&
	sqlite3 -batch ref.db <perfile.sql >ref.perfile &&
	dump ref.db >ref.dump &&
	test "$(q ref.db "PRAGMA integrity_check")" = ok &&
	grep -q "^dirty|0$" ref.dump &&
	test "$(q ref.db "SELECT count(*) FROM log_sample")" -gt 0
'

ms=$(cat ref.ms 2>/dev/null || echo 1000)
[ "$ms" -ge 50 ] || ms=50
killed=0
for k in $(seq "$KILLS"); do
	# Most rounds start on a new store, killed anywhere from just after
	# the start to near the end (stats refresh included); every third
	# round goes on from the store the previous kill left, as a user
	# would, and is killed in its first half.
	if [ $((k % 3)) = 0 ]; then
		how="on the killed store"
		d=$(rand 10 $((ms / 2)))
	else
		how="on a new store"
		rm -f crash.db crash.db-wal crash.db-shm
		d=$(rand $((ms / 20)) $((ms * 19 / 20)))
	fi
	test_expect_success "kill -9 after ${d} ms (of ~${ms}) $how: store whole, no file partly in" "
		\"\$FIOSCOPE\" ingest --db crash.db --quiet --keep-unmatched --layout 'rep{rep}/{*}/{*}' tree 2>err.$k &
		pid=\$! &&
		sleep \$(awk -v d=$d 'BEGIN { printf \"%.3f\", d / 1000 }') &&
		kill -9 \$pid 2>/dev/null; wait \$pid; echo \$? >rc.$k;
		test \"\$(q crash.db 'PRAGMA integrity_check')\" = ok &&
		test -z \"\$(q crash.db 'PRAGMA foreign_key_check')\" &&
		sqlite3 -batch crash.db <perfile.sql >crash.perfile &&
		comm -23 crash.perfile ref.perfile >partial &&
		test_cmp /dev/null partial
	"
	[ "$(cat rc.$k 2>/dev/null)" = 137 ] && killed=$((killed + 1))
done

test_expect_success "the kills interrupted ingests ($killed of $KILLS)" '
	test $killed -ge 1
'

test_expect_success 'ingest again: exactly the uninterrupted store' '
	"$FIOSCOPE" ingest --db crash.db --quiet --keep-unmatched --layout "rep{rep}/{*}/{*}" tree &&
	dump crash.db >crash.dump &&
	test_cmp ref.dump crash.dump
'

test_expect_success 'and once more: nothing changes' '
	"$FIOSCOPE" ingest --db crash.db --keep-unmatched --layout "rep{rep}/{*}/{*}" tree 2>err &&
	grep -q "ingested 0 files, [0-9]* unchanged, 0 failed" err &&
	dump crash.db >again.dump && test_cmp ref.dump again.dump
'

test_done
