-- fioscope store, schema version 3.
--
-- This file is the single source of truth for the store: the Makefile
-- compiles it into the programs (src/schema_sql.h), and fioscope applies it
-- to a new store.  A store whose PRAGMA user_version is newer than the
-- programs' is refused; an older one is migrated by the next ingest
-- (src/store.c), and refused by the read-only commands until then.
--
-- Version 2: scenario_bin, a table of one row per bin, became a view of
-- scenario_stat.clat_bins (its columns are unchanged).
-- Version 3 (integrity): see the "v3 (integrity)" lines: a file's inode,
-- ctime and the keys it was keyed by, an index of contents, a run's client
-- as fio named it, and which rule grouped a scenario's runs into clients
-- and repetitions.
--
-- Version 3 (failures, logs; see the "v3: failures and log names" notes
-- below, and upgrade[2] in src/store.c): scenario_stat.bw_bytes and iops
-- are NULL when no run of the scenario succeeded (the table is rebuilt and
-- every scenario recomputed), run_stats shows failed runs with an error
-- column, scenario_stats gains failed_runs, and the log_name table indexes
-- the write_bw_log/write_lat_log/write_iops_log prefixes of runs.
--
-- Version 4 (model): run.defaults, the keys that took fio's default;
-- run.rep_idx, the repetition the statistics refresh put a run in; the
-- scenario_rep view, grouped by it.
--
-- Version 5 (#19: histogram logs): the hist_interval table (fio's latency
-- histogram logs, write_hist_log), scenario_hist_interval (their merge
-- across a scenario's runs), the views run_clat_interval and
-- scenario_clat_interval, log_name kind 'hist', io_stat.total_ios_derived
-- and run_stats.total_ios_derived.
--
-- Version 6 (#20: spread and the common window): scenario_stat gains the
-- coefficients of variation across repetitions (bw_cv, iops_cv, p99_cv;
-- NULL with fewer than 3 repetitions), the aggregate bandwidth over the
-- window all clients ran together (bw_common_bytes, with its source
-- 'logs' or 'windows') and the clients that started last and finished
-- first (late_client, early_client); scenario_stats shows them.
--
-- Version 6 also (#20: CPU cost): run.ctx (fio's context switches),
-- source_file.cpu_idleness and idle_unit_mean/idle_unit_stddev (fio's
-- --idle-prof), the disk_util table (fio's per-device disk statistics),
-- run_stats.usr_cpu/sys_cpu/ctx/cpu_idleness, the views disk_utils and
-- scenario_cpu_rep.

-- Units: times in ms since the epoch, durations in ms, latencies in ns,
-- bandwidth in bytes/s, sizes in bytes.  ddir: 0 read, 1 write, 2 trim.
-- A scenario key that fio and the layout did not state is NULL ("unknown").

PRAGMA user_version = 6;

-- One row per file met by ingest: the provenance of every run.
CREATE TABLE source_file (
	id          INTEGER PRIMARY KEY,
	path        TEXT NOT NULL UNIQUE,   -- canonical (realpath) since v3
	size        INTEGER NOT NULL,       -- bytes on disk (compressed for .gz)
	mtime_ns    INTEGER NOT NULL,       -- modification time, ns since the epoch
	sha256      TEXT NOT NULL,          -- hex digest of the file's bytes
	kind        TEXT NOT NULL,          -- 'json', 'json+', 'log'
	fio_version TEXT,                   -- e.g. 'fio-3.33'
	docs        INTEGER NOT NULL DEFAULT 1, -- JSON documents (status-interval)
	ingested_at INTEGER NOT NULL,       -- ms since the epoch
	status      TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
	error       TEXT,                   -- what was wrong, when failed
	global_options TEXT,                -- fio's global options: a JSON object
	-- v3 (integrity): the "unchanged" shortcut and the keys' provenance:
	-- the inode number when stored and its status change time in ns;
	-- the --layout and --set it was keyed by.  No comment here holds a
	-- comma or follows a column: SQLite 3.40's DROP COLUMN misreads them
	ino         INTEGER,
	ctime_ns    INTEGER,
	keyed_by    TEXT,
	-- v6 (#20): fio's --idle-prof cpu_idleness: system then unit_mean
	-- and unit_stddev (percent); NULL when fio did not measure
	cpu_idleness REAL,
	idle_unit_mean REAL,
	idle_unit_stddev REAL
);
-- v3 (integrity): a file is known by its content
CREATE INDEX source_file_sha256 ON source_file(sha256);

-- A scenario is a key: every run points to one.  A job that does not
-- state rw, bs, iodepth or numjobs ran with fio's default (read, 4096, 1,
-- 1): the scenario has that value and the run says so (run.defaults).
CREATE TABLE scenario (
	id       INTEGER PRIMARY KEY,
	runtime  TEXT,      -- e.g. 'bare-metal', 'runc', 'kata-virtiofs-dax'
	backend  TEXT,      -- storage backend, e.g. 'beegfs'
	rw       TEXT,      -- fio rw: read, randread, write, randwrite, rw, randrw...
	bs       INTEGER,   -- block size, bytes
	clients  INTEGER,   -- as stated (layout/--set); NULL: counted from runs
	iodepth  INTEGER,
	numjobs  INTEGER,
	labels   TEXT NOT NULL DEFAULT '',  -- other key=value labels, sorted, '\n'-separated
	key      TEXT NOT NULL UNIQUE       -- canonical form of all the above
);

-- One row per fio job entry (or client entry of client/server output).
CREATE TABLE run (
	id          INTEGER PRIMARY KEY,
	file_id     INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	scenario_id INTEGER NOT NULL REFERENCES scenario(id),
	seq         INTEGER NOT NULL,   -- position of the entry in its file
	rep         TEXT,               -- repetition label ({rep} or --set rep=)
	client      TEXT,               -- client/host/pod name
	jobname     TEXT,
	groupid     INTEGER,
	error       INTEGER NOT NULL DEFAULT 0, -- fio's error code; non-zero is flagged
	start_ms    INTEGER,            -- end_ms - job_runtime_ms
	end_ms      INTEGER,            -- timestamp_ms (or timestamp * 1000)
	job_runtime_ms INTEGER,
	usr_cpu     REAL,               -- percent
	sys_cpu     REAL,               -- percent
	job_options TEXT,               -- fio's job options, JSON object
	-- v3 (integrity): the client's name in fio's output (client/server)
	-- kept apart from client (which a label may set) for re-keying
	fio_client  TEXT,
	-- v4 (model): the keys that took fio's default: 'iodepth numjobs'
	defaults    TEXT,
	-- v4: the repetition of its scenario the statistics refresh put it in
	-- (stats.c: by rep label or by run windows) from 0; NULL until then
	rep_idx     INTEGER,
	-- v6 (#20): fio's ctx (voluntary and involuntary context switches
	-- of the job or of the group report); NULL when absent
	ctx         INTEGER,
	UNIQUE (file_id, seq)
);
CREATE INDEX run_scenario ON run(scenario_id);

-- Per run and data direction.  A direction the job's rw never does, and in
-- which fio counted nothing (the trim side of a read job), has no row; an
-- idle direction the job should have done keeps its zeros.
-- clat_bins is fio's json+ completion latency
-- histogram as a JSON object {"value_ns": count, ...}: NULL when the file had
-- no bins (plain json); see the run_clat_bins view for rows.
CREATE TABLE io_stat (
	run_id      INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	ddir        INTEGER NOT NULL CHECK (ddir IN (0, 1, 2)),
	io_bytes    INTEGER NOT NULL,
	bw_bytes    INTEGER NOT NULL,   -- bytes/s
	iops        REAL NOT NULL,
	runtime_ms  INTEGER NOT NULL,
	total_ios   INTEGER NOT NULL,
	short_ios   INTEGER NOT NULL,
	drop_ios    INTEGER NOT NULL,
	slat_min_ns INTEGER, slat_max_ns INTEGER, slat_mean_ns REAL, slat_stddev_ns REAL,
	clat_min_ns INTEGER, clat_max_ns INTEGER, clat_mean_ns REAL, clat_stddev_ns REAL,
	lat_min_ns  INTEGER, lat_max_ns  INTEGER, lat_mean_ns  REAL, lat_stddev_ns  REAL,
	clat_samples INTEGER,           -- fio's clat N (total_ios when absent)
	clat_pcts   TEXT,               -- fio's percentiles {"99.000000": ns}
	clat_bins   TEXT,               -- json+ histogram, or NULL
	bins_flag   INTEGER NOT NULL DEFAULT 0, -- 1: bins empty or disagree with N
	-- v5 (#19): 1 when fio wrote no total_ios (fio before 2.1.14 and
	-- terse output): it is iops * runtime rounded to the nearest count
	total_ios_derived INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (run_id, ddir)
);	-- a rowid table: its rows are large (the bins), see sqlite.org/withoutrowid.html

-- Cumulative snapshots of a run from --status-interval output (every JSON
-- document of the file but the last), in order.
CREATE TABLE snapshot (
	run_id     INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	ddir       INTEGER NOT NULL,
	time_ms    INTEGER,             -- timestamp_ms of the snapshot
	runtime_ms INTEGER NOT NULL,    -- cumulative
	io_bytes   INTEGER NOT NULL,    -- cumulative
	total_ios  INTEGER NOT NULL,    -- cumulative
	clat_mean_ns REAL,
	PRIMARY KEY (run_id, seq, ddir)
) WITHOUT ROWID;

-- fio log files (write_bw_log, write_iops_log, write_lat_log) linked to a run.
CREATE TABLE log_sample (
	run_id  INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	file_id INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	kind    TEXT NOT NULL,          -- 'bw' (bytes/s), 'iops', 'clat', 'slat', 'lat' (ns)
	job     INTEGER NOT NULL,       -- the N of NAME_bw.N.log
	time_ms INTEGER NOT NULL,
	value   REAL NOT NULL,
	ddir    INTEGER NOT NULL,
	bs      INTEGER
);
CREATE INDEX log_sample_run ON log_sample(run_id, kind);

-- Statistics per scenario, direction and repetition, derived at the end of
-- every ingest for the scenarios it touched (never from fio files).
CREATE TABLE scenario_stat (
	scenario_id  INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
	ddir         INTEGER NOT NULL,
	runs         INTEGER NOT NULL,
	reps         INTEGER NOT NULL,
	clients      INTEGER NOT NULL,  -- distinct clients seen
	failed_runs  INTEGER NOT NULL,  -- runs with fio error != 0, with or without I/O
	-- v3: failures and log names: NULL (not 0) when no run succeeded
	bw_bytes     REAL,              -- mean over reps of the sum over runs
	bw_bytes_stddev REAL,           -- over reps; NULL with one rep
	bw_bytes_ci95 REAL,             -- half width, Student's t; NULL with one rep
	iops         REAL,              -- v3: NULL when no run succeeded
	clat_min_ns  INTEGER, clat_max_ns INTEGER, clat_mean_ns REAL,
	clat_p50_ns  INTEGER, clat_p90_ns INTEGER, clat_p95_ns INTEGER,
	clat_p99_ns  INTEGER, clat_p999_ns INTEGER, clat_p9999_ns INTEGER,
	clat_p99_lo_ns INTEGER, clat_p99_hi_ns INTEGER, -- range when approximate
	latency_exact INTEGER NOT NULL, -- 1: from merged json+ bins
	overlap      REAL,              -- common window / longest window, 0..1
	clat_bins    TEXT,              -- merged json+ histogram, when exact
	-- v3 (integrity): how runs became clients and repetitions (stats.c):
	-- 'clients-key', 'rep-key', 'overlap', 'rep-key+overlap', 'no-times'
	grouping     TEXT,
	clients_min  INTEGER,           -- fewest clients in a repetition
	-- v6 (#20 spread): sample sd (N-1) over the mean of the per-repetition
	-- values (stats_rep.c) of bandwidth and IOPS and p99; NULL (never 0)
	-- with fewer than 3 repetitions
	bw_cv        REAL,
	iops_cv      REAL,
	p99_cv       REAL,
	-- v6 (#20 the common window; stats_window.c): per repetition the
	-- window all clients ran together (latest start to earliest end) and
	-- the clients' bandwidth in it summed; the mean over repetitions.
	-- Source 'logs': from every run's bw log samples in the window;
	-- 'windows': each client's bytes scaled to the window (a uniform
	-- rate assumed).  NULL when some repetition has no common window
	bw_common_bytes REAL,
	bw_common_source TEXT,
	-- v6 (#20): in the repetition of least overlap the client that
	-- started last and the one that finished first
	late_client  TEXT,
	early_client TEXT,
	PRIMARY KEY (scenario_id, ddir)
) WITHOUT ROWID;

-- The merged completion latency histogram of a scenario (all its runs), as
-- rows: expanded from scenario_stat.clat_bins ({"value_ns": count, ...} in
-- increasing value_ns), one JSON value per direction keeps the statistics
-- refresh fast.
CREATE VIEW scenario_bin AS
SELECT t.scenario_id, t.ddir, CAST(j.key AS INTEGER) AS value_ns,
       j.value AS count
FROM scenario_stat t, json_each(t.clat_bins) j
WHERE t.clat_bins IS NOT NULL;

-- Per scenario, direction and repetition: the runs that measured and the
-- sums over them (bandwidth, IOPS), in the repetitions the statistics
-- refresh formed (run.rep_idx: by rep label, or by run windows when runs
-- ran one after another; a run with a fio error measured nothing).  The
-- readers' confidence intervals start here (stats_rep.c).
CREATE VIEW scenario_rep AS
SELECT r.scenario_id, i.ddir, r.rep_idx, min(r.rep) AS rep,
       sum(r.error = 0) AS runs, sum(r.error <> 0) AS failed_runs,
       sum(CASE WHEN r.error = 0 THEN i.bw_bytes ELSE 0 END) AS bw_bytes,
       sum(CASE WHEN r.error = 0 THEN i.iops ELSE 0 END) AS iops
FROM run r JOIN io_stat i ON i.run_id = r.id
WHERE i.total_ios > 0
GROUP BY r.scenario_id, i.ddir, r.rep_idx;

-- Public views: their names and columns are a contract with users' scripts.

-- v3: failures and log names: a run with a fio error is a row whether or
-- not it did I/O (a setup failure has none), with error set; a failed run
-- with no direction at all has one row with ddir NULL.
CREATE VIEW run_stats AS
SELECT s.runtime, s.backend, s.rw, s.bs,
       COALESCE(s.clients, (SELECT max(t.clients) FROM scenario_stat t
                            WHERE t.scenario_id = s.id)) AS clients,
       s.iodepth, s.numjobs, r.client, r.jobname,
       CASE i.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' WHEN 2 THEN 'trim' END AS ddir,
       i.bw_bytes, i.iops, i.runtime_ms, i.total_ios, i.clat_mean_ns,
       json_extract(i.clat_pcts, '$."50.000000"') AS clat_p50_ns,
       json_extract(i.clat_pcts, '$."99.000000"') AS clat_p99_ns,
       f.path AS source_path, f.fio_version,
       -- v3 (integrity): the run's repetition label and its scenario's
       -- repetitions and grouping rule, as scenario_stats has them
       r.rep, t.reps, t.grouping,
       r.error,  -- v3 (failures)
       i.total_ios_derived,  -- v5 (#19): 1: total_ios from iops and runtime
       -- v6 (#20): the run's CPU (percent of its runtime, fio's usr_cpu
       -- and sys_cpu), context switches, and its file's --idle-prof
       -- system idleness (percent; NULL when not measured)
       r.usr_cpu, r.sys_cpu, r.ctx, f.cpu_idleness
FROM run r
JOIN scenario s ON s.id = r.scenario_id
JOIN source_file f ON f.id = r.file_id
LEFT JOIN io_stat i ON i.run_id = r.id
LEFT JOIN scenario_stat t ON t.scenario_id = s.id AND t.ddir = i.ddir
WHERE i.total_ios > 0 OR r.error <> 0;

CREATE VIEW scenario_stats AS
SELECT s.runtime, s.backend, s.rw, s.bs,
       COALESCE(s.clients, t.clients) AS clients,
       s.iodepth, s.numjobs,
       CASE t.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' ELSE 'trim' END AS ddir,
       t.runs, t.reps, t.bw_bytes, t.bw_bytes_stddev, t.bw_bytes_ci95, t.iops,
       t.clat_mean_ns, t.clat_p50_ns, t.clat_p90_ns, t.clat_p95_ns,
       t.clat_p99_ns, t.clat_p999_ns, t.clat_p9999_ns,
       t.latency_exact, t.overlap,
       t.grouping,     -- v3 (integrity)
       t.failed_runs,  -- v3: failures and log names
       -- v6 (#20): spread and the common window
       t.bw_cv, t.iops_cv, t.p99_cv, t.bw_common_bytes, t.bw_common_source,
       t.late_client, t.early_client
FROM scenario_stat t JOIN scenario s ON s.id = t.scenario_id;

CREATE VIEW scenario_clat_bins AS
SELECT s.runtime, s.backend, s.rw, s.bs,
       COALESCE(s.clients, t.clients) AS clients,
       CASE b.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' ELSE 'trim' END AS ddir,
       b.value_ns, b.count
FROM scenario_bin b
JOIN scenario_stat t ON t.scenario_id = b.scenario_id AND t.ddir = b.ddir
JOIN scenario s ON s.id = b.scenario_id;

-- fio's reported completion latency percentiles, as rows (expanded from
-- io_stat.clat_pcts: one JSON value per direction keeps ingest fast).
CREATE VIEW percentile AS
SELECT i.run_id, i.ddir, CAST(j.key AS REAL) AS pct, j.value AS value_ns
FROM io_stat i, json_each(i.clat_pcts) j
WHERE i.clat_pcts IS NOT NULL;

-- Job options of a run (scope 'job') and its file's global options (scope
-- 'global'), as key/value rows.
CREATE VIEW run_option AS
SELECT r.id AS run_id, 'job' AS scope, j.key, j.value
FROM run r, json_each(r.job_options) j
WHERE r.job_options IS NOT NULL
UNION ALL
SELECT r.id, 'global', j.key, j.value
FROM run r JOIN source_file f ON f.id = r.file_id, json_each(f.global_options) j
WHERE f.global_options IS NOT NULL;

-- The per-run json+ bins as rows (expanded from io_stat.clat_bins).
CREATE VIEW run_clat_bins AS
SELECT i.run_id, i.ddir, CAST(j.key AS INTEGER) AS value_ns, j.value AS count
FROM io_stat i, json_each(i.clat_bins) j
WHERE i.clat_bins IS NOT NULL;

-- Scenarios whose statistics must be recomputed: written in the same
-- transaction as the runs that changed them, emptied by the refresh, so an
-- ingest killed in between leaves the work for the next one.
CREATE TABLE dirty_scenario (
	id INTEGER PRIMARY KEY
);
CREATE INDEX log_sample_file ON log_sample(file_id);

-- v3: failures and log names.  The log file prefixes a run's options name
-- (write_bw_log=NAME and friends, job or global options; v5: write_hist_log
-- as kind 'hist'; the last path
-- component of NAME, or the job name when NAME is empty): a fio log
-- NAME_bw.N.log is linked by an indexed look-up of NAME, wherever the two
-- files sit in the walked tree (src/ingest_write.c, log_run).  dir is the
-- directory of the run's file, with its final '/'.
CREATE TABLE log_name (
	name   TEXT NOT NULL,
	kind   TEXT NOT NULL CHECK (kind IN ('bw', 'lat', 'iops', 'hist')),
	dir    TEXT NOT NULL,
	run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	PRIMARY KEY (name, kind, dir, run_id)
) WITHOUT ROWID;
CREATE INDEX log_name_run ON log_name(run_id);

-- v5 (#19: histogram logs).  fio's latency histogram logs (write_hist_log=
-- NAME with log_hist_msec: NAME_clat_hist.N.log) linked to a run as the
-- other logs are: one row per interval (the samples that completed in the
-- interval_ms before time_ms, ms since the job started), its non-empty
-- buckets as JSON {"value_ns": count} like io_stat.clat_bins, and the
-- percentiles of the interval computed as fio computes json+ percentiles
-- (src/hist.c: the value of the first bucket whose cumulative count
-- reaches p/100 of the samples).  interval_ms is the run's log_hist_msec
-- option, or when fio's output names none, the median gap between the
-- log's records.
CREATE TABLE hist_interval (
	run_id      INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	file_id     INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	job         INTEGER NOT NULL,   -- the N of NAME_clat_hist.N.log
	seq         INTEGER NOT NULL,   -- the line's place in the log
	time_ms     INTEGER NOT NULL,
	interval_ms INTEGER NOT NULL,
	ddir        INTEGER NOT NULL,
	bs          INTEGER,
	samples     INTEGER NOT NULL,
	p50_ns INTEGER, p90_ns INTEGER, p99_ns INTEGER, p999_ns INTEGER,
	bins        TEXT NOT NULL,
	PRIMARY KEY (file_id, seq)
);
CREATE INDEX hist_interval_run ON hist_interval(run_id);

-- v5 (#19): per scenario, the histogram log intervals of all its runs
-- (clients and repetitions) merged, derived by the statistics refresh
-- (src/stats_hist.c).  Each run's intervals are placed by its run window:
-- fio's log times are ms since the job started, so an interval ends at
-- run.start_ms + time_ms; measured from the first start of the run's
-- repetition (run.rep_idx) and rounded to a multiple k of interval_ms, it
-- is slot k, and time_ms is k * interval_ms.  Clients that ran at the same
-- time meet in the slots of the same moments (to the ms precision of
-- fio's timestamps); repetitions, each from its own first start, merge
-- into the same slots.  A run without times counts from its own start.
CREATE TABLE scenario_hist_interval (
	scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
	ddir        INTEGER NOT NULL,
	interval_ms INTEGER NOT NULL,
	time_ms     INTEGER NOT NULL,
	intervals   INTEGER NOT NULL,   -- log intervals merged into the slot
	samples     INTEGER NOT NULL,
	p50_ns INTEGER, p90_ns INTEGER, p99_ns INTEGER, p999_ns INTEGER,
	bins        TEXT NOT NULL,
	PRIMARY KEY (scenario_id, ddir, interval_ms, time_ms)
) WITHOUT ROWID;

-- Completion latency percentiles per interval of a run's histogram logs.
CREATE VIEW run_clat_interval AS
SELECT h.run_id AS run, r.client, r.jobname, h.job, h.time_ms,
       h.interval_ms,
       CASE h.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' ELSE 'trim' END AS ddir,
       h.samples, h.p50_ns, h.p90_ns, h.p99_ns, h.p999_ns,
       f.path AS source_path
FROM hist_interval h JOIN run r ON r.id = h.run_id
JOIN source_file f ON f.id = h.file_id;

-- The same over time for a scenario, all its runs' histograms merged.
CREATE VIEW scenario_clat_interval AS
SELECT s.runtime, s.backend, s.rw, s.bs,
       COALESCE(s.clients, (SELECT max(t.clients) FROM scenario_stat t
                            WHERE t.scenario_id = s.id)) AS clients,
       s.iodepth, s.numjobs, h.scenario_id,
       CASE h.ddir WHEN 0 THEN 'read' WHEN 1 THEN 'write' ELSE 'trim' END AS ddir,
       h.time_ms, h.interval_ms, h.intervals, h.samples,
       h.p50_ns, h.p90_ns, h.p99_ns, h.p999_ns
FROM scenario_hist_interval h JOIN scenario s ON s.id = h.scenario_id;

-- v6 (#20: CPU cost).  fio's "disk_util" array of a file (its devices'
-- statistics from /sys/block over the run): one row per entry, in order.
-- Counts are fio's (I/Os, merges, ticks in ms), util a percent; the
-- aggr_* columns (the mean over a device's slaves, e.g. a dm or md
-- device's disks) are NULL when fio wrote none, and so is any field it
-- did not write.
CREATE TABLE disk_util (
	file_id      INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL,
	name         TEXT,
	read_ios     INTEGER, write_ios INTEGER,
	read_merges  INTEGER, write_merges INTEGER,
	read_ticks   INTEGER, write_ticks INTEGER,
	in_queue     INTEGER,
	util         REAL,
	aggr_read_ios INTEGER, aggr_write_ios INTEGER,
	aggr_read_merges INTEGER, aggr_write_merges INTEGER,
	aggr_read_ticks INTEGER, aggr_write_ticks INTEGER,
	aggr_in_queue INTEGER,
	aggr_util    REAL,
	PRIMARY KEY (file_id, seq)
) WITHOUT ROWID;

-- v6 (#20): the disk statistics with the file they came from.
CREATE VIEW disk_utils AS
SELECT d.name, d.read_ios, d.write_ios, d.read_merges, d.write_merges,
       d.read_ticks, d.write_ticks, d.in_queue, d.util,
       d.aggr_read_ios, d.aggr_write_ios, d.aggr_read_ticks,
       d.aggr_write_ticks, d.aggr_util, f.path AS source_path,
       f.fio_version
FROM disk_util d JOIN source_file f ON f.id = d.file_id;

-- v6 (#20): per scenario and repetition, the CPU seconds of its good runs
-- and the bytes and I/Os they moved (all directions).  A run's CPU
-- seconds are (usr_cpu + sys_cpu) / 100 x its runtime: fio computes
-- usr_cpu as 100 x the job's user time / its total run time, and a group
-- report (group_reporting) sums both over the group's jobs, so the
-- product is the CPU time of all the numjobs clones with no factor.  The
-- runtime is job_runtime (fio 3: the total run time, summed over the
-- group); fio 2 and terse output have none: the longest direction's
-- runtime then (exact for one job; a group report of N jobs undercounts
-- by N).  A run without usr_cpu/sys_cpu is left out, bytes and all.
CREATE VIEW scenario_cpu_rep AS
SELECT r.scenario_id, r.rep_idx, count(*) AS runs,
       sum((r.usr_cpu + r.sys_cpu) / 100.0 *
           (CASE WHEN r.job_runtime_ms > 0 THEN r.job_runtime_ms
                 ELSE b.runtime_ms END) / 1000.0) AS cpu_s,
       sum(b.io_bytes) AS io_bytes, sum(b.total_ios) AS total_ios
FROM run r JOIN (SELECT run_id, sum(io_bytes) AS io_bytes,
                        sum(total_ios) AS total_ios,
                        max(runtime_ms) AS runtime_ms
                 FROM io_stat GROUP BY run_id) b ON b.run_id = r.id
WHERE r.error = 0 AND r.usr_cpu IS NOT NULL AND r.sys_cpu IS NOT NULL
GROUP BY r.scenario_id, r.rep_idx;
