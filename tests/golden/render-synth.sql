-- render-synth.sql: a synthetic, fully deterministic store for the renderer
-- tests (t4*): the golden .gp files are drawn from it, so they never change
-- when the real fixtures are regenerated.  Apply to a store made from
-- schema/fioscope.sql:  sqlite3 s.db < schema/fioscope.sql < this file.
--
-- 5 runtimes x beegfs x {read, randread, write, randwrite} x {4k, 1m} x
-- {1, 4, 16} clients x 3 repetitions.  Latency histograms are log-normal
-- shaped in fio's log-linear bins; percentiles are computed from them as
-- fio does (first bin whose cumulative count reaches p% of all).  kata-9p
-- writes have no bins (plain json: latency_exact = 0).  One scenario has
-- fio bw/iops/clat logs, another status-interval snapshots.
BEGIN;
INSERT INTO source_file (id, path, size, mtime_ns, sha256, kind,
	fio_version, docs, ingested_at, status, error, global_options) VALUES (1, 'synthetic.json', 1, 0, 'x', 'json+',
	'fio-3.33', 1, 0, 'ok', NULL, NULL);

CREATE TEMP TABLE rt(name, f_bw, f_lat, n);
INSERT INTO rt VALUES ('bare-metal', 1.00, 1.00, 1), ('runc', 0.97, 1.06, 2),
	('kata-9p', 0.35, 2.60, 3), ('kata-virtiofs', 0.70, 1.50, 4),
	('kata-virtiofs-dax', 0.85, 1.25, 5);
CREATE TEMP TABLE pat(rw, ddir, f_bw, f_lat);
INSERT INTO pat VALUES ('read', 0, 1.0, 1.0), ('randread', 0, 0.6, 1.3),
	('write', 1, 0.8, 1.6), ('randwrite', 1, 0.5, 2.0);
CREATE TEMP TABLE bsz(bs, f_bw, f_lat);
INSERT INTO bsz VALUES (4096, 1.0, 1.0), (1048576, 9.0, 14.0);
CREATE TEMP TABLE ncl(clients);
INSERT INTO ncl VALUES (1), (4), (16);

INSERT INTO scenario (runtime, backend, rw, bs, clients, iodepth, numjobs,
		      labels, key)
SELECT rt.name, 'beegfs', pat.rw, bsz.bs, ncl.clients, 1, 1, '',
       rt.name || '/beegfs/' || pat.rw || '/' || bsz.bs || '/' || ncl.clients
FROM rt, pat, bsz, ncl ORDER BY rt.n, pat.rowid, bsz.bs, ncl.clients;

-- per scenario: per-client rate falling with contention, a cap per pattern
CREATE TEMP TABLE sc AS
SELECT s.id, s.clients, s.bs, pat.ddir, rt.n AS rtn,
       min(s.clients * 150e6, 900e6) * rt.f_bw * pat.f_bw * bsz.f_bw
	 / (1 + 0.15 * (s.clients - 1) * (rt.n = 3)) AS bw,
       60000.0 * rt.f_lat * pat.f_lat * bsz.f_lat * (1 + s.clients / 6.0) AS med,
       (rt.name = 'kata-9p' AND pat.ddir = 1) AS approx
FROM scenario s JOIN rt ON rt.name = s.runtime
JOIN pat ON pat.rw = s.rw JOIN bsz ON bsz.bs = s.bs;

-- runs: clients x 3 repetitions, 60 s each, repetitions an hour apart;
-- client k starts k * 40 ms late (at 16 clients, one starts 2 s late)
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 16),
rep(r) AS (VALUES (1), (2), (3))
INSERT INTO run (file_id, scenario_id, seq, rep, client, jobname, groupid,
		 error, start_ms, end_ms, job_runtime_ms, usr_cpu, sys_cpu)
SELECT 1, sc.id, sc.id * 1000 + rep.r * 100 + k.i, rep.r, 'c' || k.i, 'fio', 0, 0,
       1795598000000 + sc.id * 10000000 + rep.r * 3600000 + k.i * 40
	 + (k.i = 16) * 2000,
       1795598000000 + sc.id * 10000000 + rep.r * 3600000 + k.i * 40
	 + (k.i = 16) * 2000 + 60000,
       60000, 5.0, 20.0
FROM sc, k, rep WHERE k.i <= sc.clients;

-- per run: the scenario's bandwidth shared unevenly (client k gets a
-- weight 1 + k/clients), +-3% by repetition
INSERT INTO io_stat (run_id, ddir, io_bytes, bw_bytes, iops, runtime_ms,
		     total_ios, short_ios, drop_ios, clat_mean_ns, clat_samples)
SELECT id, ddir, CAST(bw * 60 AS INTEGER), CAST(bw AS INTEGER), bw / bs,
       60000, CAST(bw * 60 / bs AS INTEGER), 0, 0, med * 1.1,
       CAST(bw * 60 / bs AS INTEGER)
FROM (SELECT r.id, sc.ddir, sc.bs, sc.med,
	     sc.bw * (1 + 0.03 * (r.rep - 2))
	     * (1 + CAST(substr(r.client, 2) AS REAL) / sc.clients)
	     / (sc.clients * 1.5 + 0.5) AS bw
      FROM run r JOIN sc ON sc.id = r.scenario_id);

-- merged histograms: fio-like bins (64 per power of two above 2^6 ns)
-- over 2^10..2^30 ns, log-normal counts around the median, a long tail
CREATE TEMP TABLE sbin AS
WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < 1279),
v(i, val) AS (SELECT i, CAST((1 << (10 + i / 64)) * (1 + (i % 64 + 0.5) / 64.0)
			      AS INTEGER) FROM b)
SELECT id AS scenario_id, ddir, val AS value_ns, n AS count FROM (
	SELECT sc.id, sc.ddir, v.val,
	       CAST(2000000 / 64 * (exp(-pow(ln(v.val / sc.med) / 0.35, 2) / 2)
		    + CASE WHEN v.val > sc.med
		      THEN 0.002 * exp(-ln(v.val / sc.med) / 0.8) ELSE 0 END)
		    AS INTEGER) AS n
	FROM sc, v WHERE NOT sc.approx)
WHERE n > 0;

CREATE TEMP TABLE pc AS
WITH c AS (SELECT scenario_id, ddir, value_ns,
		  sum(count) OVER (PARTITION BY scenario_id ORDER BY value_ns) AS cum,
		  sum(count) OVER (PARTITION BY scenario_id) AS n
	   FROM sbin)
SELECT scenario_id,
       min(CASE WHEN cum * 100 >= n * 50 THEN value_ns END) AS p50,
       min(CASE WHEN cum * 100 >= n * 90 THEN value_ns END) AS p90,
       min(CASE WHEN cum * 100 >= n * 95 THEN value_ns END) AS p95,
       min(CASE WHEN cum * 100 >= n * 99 THEN value_ns END) AS p99,
       min(CASE WHEN cum * 1000 >= n * 999 THEN value_ns END) AS p999,
       min(CASE WHEN cum * 10000 >= n * 9999 THEN value_ns END) AS p9999,
       min(value_ns) AS lo, max(value_ns) AS hi
FROM c GROUP BY scenario_id;

INSERT INTO scenario_stat (scenario_id, ddir, runs, reps, clients,
	failed_runs, bw_bytes, bw_bytes_stddev, bw_bytes_ci95, iops, clat_min_ns,
	clat_max_ns, clat_mean_ns, clat_p50_ns, clat_p90_ns, clat_p95_ns,
	clat_p99_ns, clat_p999_ns, clat_p9999_ns, clat_p99_lo_ns, clat_p99_hi_ns,
	latency_exact, overlap, clat_bins)
SELECT sc.id, sc.ddir, sc.clients * 3, 3, sc.clients, 0,
       t.bw, t.sd, 4.303 * t.sd / sqrt(3), t.bw / sc.bs,
       COALESCE(pc.lo, sc.med * 0.4), COALESCE(pc.hi, sc.med * 20), sc.med * 1.1,
       COALESCE(pc.p50, CAST(sc.med AS INTEGER)),
       COALESCE(pc.p90, CAST(sc.med * 1.6 AS INTEGER)),
       COALESCE(pc.p95, CAST(sc.med * 1.9 AS INTEGER)),
       COALESCE(pc.p99, CAST(sc.med * 2.6 AS INTEGER)),
       COALESCE(pc.p999, CAST(sc.med * 4.1 AS INTEGER)),
       COALESCE(pc.p9999, CAST(sc.med * 7.0 AS INTEGER)),
       CASE WHEN sc.approx THEN CAST(sc.med * 2.3 AS INTEGER) END,
       CASE WHEN sc.approx THEN CAST(sc.med * 2.9 AS INTEGER) END,
       NOT sc.approx,
       CASE WHEN sc.clients = 16 THEN 0.966 ELSE 0.999 END,
       CASE WHEN NOT sc.approx THEN (SELECT json_group_object(value_ns, count)
	FROM (SELECT value_ns, count FROM sbin b WHERE b.scenario_id = sc.id
	      ORDER BY value_ns)) END
FROM sc LEFT JOIN pc ON pc.scenario_id = sc.id
JOIN (SELECT id, avg(s) AS bw, sqrt((sum(s * s) - sum(s) * sum(s) / 3) / 2) AS sd
      FROM (SELECT r.scenario_id AS id, sum(i.bw_bytes) * 1.0 AS s FROM run r
	    JOIN io_stat i ON i.run_id = r.id GROUP BY r.scenario_id, r.rep)
      GROUP BY id) t ON t.id = sc.id;

-- fio logs (bw in bytes/s, iops, clat in ns; time from the job start) for
-- the 4 clients of bare-metal randread 4k, repetition 1: a dip at 20-30 s
WITH RECURSIVE t(ms) AS (SELECT 500 UNION ALL SELECT ms + 500 FROM t
			 WHERE ms < 59500)
INSERT INTO log_sample (run_id, file_id, kind, job, time_ms, value, ddir, bs)
SELECT r.id, 1, k.kind, 1, t.ms,
       CASE k.kind WHEN 'bw' THEN i.bw_bytes WHEN 'iops' THEN i.iops
       ELSE i.clat_mean_ns END
       * CASE WHEN t.ms BETWEEN 20000 AND 30000 THEN
	   (CASE k.kind WHEN 'clat' THEN 2.5 ELSE 0.4 END) ELSE 1 END
       * (1 + 0.05 * ((t.ms / 500 + (r.seq % 100) * 3) % 7 - 3) / 3.0),
       0, 4096
FROM run r JOIN scenario s ON s.id = r.scenario_id
JOIN io_stat i ON i.run_id = r.id, t,
(SELECT 'bw' AS kind UNION ALL SELECT 'iops' UNION ALL SELECT 'clat') k
WHERE s.runtime = 'bare-metal' AND s.rw = 'randread' AND s.bs = 4096
  AND s.clients = 4 AND r.rep = '1';

-- status-interval snapshots every 10 s (cumulative) for kata-virtiofs
-- write 4k with 4 clients, repetition 1: a slow middle interval
WITH RECURSIVE q(seq, sec) AS (SELECT 0, 10 UNION ALL
			       SELECT seq + 1, sec + 10 FROM q WHERE sec < 50)
INSERT INTO snapshot (run_id, seq, ddir, time_ms, runtime_ms, io_bytes,
		      total_ios, clat_mean_ns)
SELECT r.id, q.seq, 1, r.start_ms + q.sec * 1000, q.sec * 1000,
       CAST(i.bw_bytes * (q.sec - 6 * (q.sec >= 30)) AS INTEGER),
       CAST(i.bw_bytes * (q.sec - 6 * (q.sec >= 30)) / 4096 AS INTEGER),
       i.clat_mean_ns * (1 + 0.8 * (q.sec >= 30))
FROM run r JOIN scenario s ON s.id = r.scenario_id
JOIN io_stat i ON i.run_id = r.id, q
WHERE s.runtime = 'kata-virtiofs' AND s.rw = 'write' AND s.bs = 4096
  AND s.clients = 4 AND r.rep = '1';
COMMIT;
