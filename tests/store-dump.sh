#!/bin/sh
# tests/store-dump.sh FIOSCOPE OUT: ingest the fixture groups whose parse is
# most delicate (fio 2.x, client/server, --status-interval, normal+json, the
# other fio 3 shapes with their logs, hostile and bad input) into a new store
# and write its data tables, in a fixed order and with the volatile columns
# (ingest time, the copies' mtime) set to 0, to OUT.  t1060 compares it with
# tests/golden/store-dump.txt, which the fioscope of before the move to
# json-c made: a change of parser must not change a stored byte.
set -eu
FIOSCOPE=$1
case $2 in /*) OUT=$2 ;; *) OUT=$PWD/$2 ;; esac
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# the files of those groups when the golden was made (newer fixtures have
# their own tests)
while read -r f; do
	mkdir -p "$W/fix/$(dirname "$f")"
	cp "$TOP/tests/fixtures/$f" "$W/fix/$f"
done <<'LIST'
bad/absurd-numbers.json
bad/deeply-nested.json
bad/empty.json
bad/json-not-fio.json
bad/nan-literals.json
bad/not-json-jobfile.json
bad/status-interval-last-truncated.json
bad/truncated-jsonplus.json
bad/wrong-types-fields.json
bad/wrong-types-jobs-object.json
fio2/README.md
fio2/json-2jobs.json
fio2/jsonplus-indexbins-randread.json
fio2/jsonplus-valuebins-randread.json
fio3/json-randread.json
fio3/json-randrw.json
fio3/json-randwrite.json
fio3/json-read.json
fio3/json-write.json
fio3/jsonplus-clientserver-1client.json
fio3/jsonplus-clientserver-2clients.json
fio3/jsonplus-multijob.json
fio3/jsonplus-numjobs4-grouped.json
fio3/jsonplus-numjobs4-separate.json
fio3/jsonplus-randread.json
fio3/jsonplus-randrw.json
fio3/jsonplus-randwrite.json
fio3/jsonplus-read.json
fio3/jsonplus-status-interval.json
fio3/jsonplus-write.json
fio3/logs/randrw-logs.json
fio3/logs/randrw-logs_bw.1.log
fio3/logs/randrw-logs_bw.2.log
fio3/logs/randrw-logs_clat.1.log
fio3/logs/randrw-logs_clat.2.log
fio3/logs/randrw-logs_iops.1.log
fio3/logs/randrw-logs_iops.2.log
fio3/logs/randrw-logs_lat.1.log
fio3/logs/randrw-logs_lat.2.log
fio3/logs/randrw-logs_slat.1.log
fio3/logs/randrw-logs_slat.2.log
fio3/normal-json-read.json
hostile/README.md
hostile/bins-disagree.json
hostile/gen.py
hostile/logs/nanjob.json
hostile/logs/nanjob_bw.1.log
hostile/logs/nanjob_clat.1.log
hostile/logs/nanjob_iops.1.log
hostile/logs/nanjob_lat.1.log
hostile/names-10k.json
hostile/names-invalid-utf8.json
hostile/names-quotes.json
hostile/nest-50.json
hostile/nest-70.json
hostile/num-1e308.json
hostile/num-2pow63-bin.json
hostile/num-2pow63.json
hostile/num-2pow64.json
hostile/num-infinity-spelled.json
hostile/num-job-runtime-negative.json
hostile/num-nan-spelled.json
hostile/num-nan-string.json
hostile/num-negative.json
LIST
cd "$W"
"$FIOSCOPE" ingest --quiet --db s.db fix/fio2 fix/fio3 fix/hostile fix/bad \
	>/dev/null 2>ingest.err || :
{
	echo "-- ingest messages"
	LC_ALL=C sort ingest.err
	sqlite3 s.db <<'SQL'
.mode quote
.print -- source_file
SELECT path, size, sha256, kind, fio_version, docs, status, error,
       global_options FROM source_file ORDER BY path;
.print -- scenario
SELECT id, runtime, backend, rw, bs, clients, iodepth, numjobs, labels, key
  FROM scenario ORDER BY id;
.print -- run
SELECT r.id, f.path, r.scenario_id, r.seq, r.rep, r.client, r.jobname,
       r.groupid, r.error, r.start_ms, r.end_ms, r.job_runtime_ms,
       r.usr_cpu, r.sys_cpu, r.job_options
  FROM run r JOIN source_file f ON f.id = r.file_id ORDER BY r.id;
.print -- io_stat
SELECT run_id, ddir, io_bytes, bw_bytes, iops, runtime_ms, total_ios,
       short_ios, drop_ios, slat_min_ns, slat_max_ns, slat_mean_ns,
       slat_stddev_ns, clat_min_ns, clat_max_ns, clat_mean_ns,
       clat_stddev_ns, lat_min_ns, lat_max_ns, lat_mean_ns, lat_stddev_ns,
       clat_samples, clat_pcts, clat_bins, bins_flag
  FROM io_stat ORDER BY run_id, ddir;
.print -- snapshot
SELECT run_id, seq, ddir, time_ms, runtime_ms, io_bytes, total_ios,
       clat_mean_ns FROM snapshot ORDER BY run_id, seq, ddir;
.print -- log_sample
SELECT l.run_id, f.path, l.kind, l.job, l.time_ms, l.value, l.ddir, l.bs
  FROM log_sample l JOIN source_file f ON f.id = l.file_id
 ORDER BY f.path, l.rowid;
.print -- scenario_stat
SELECT scenario_id, ddir, runs, reps, clients, failed_runs, bw_bytes,
       bw_bytes_stddev, bw_bytes_ci95, iops, clat_min_ns, clat_max_ns,
       clat_mean_ns, clat_p50_ns, clat_p90_ns, clat_p95_ns, clat_p99_ns,
       clat_p999_ns, clat_p9999_ns, clat_p99_lo_ns, clat_p99_hi_ns,
       latency_exact, overlap, clat_bins
  FROM scenario_stat ORDER BY scenario_id, ddir;
SQL
} | sed "s#$(pwd -P)/##g" >"$OUT"   # paths are stored canonical (absolute)
