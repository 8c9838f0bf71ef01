-- tests/golden/tl-knee.sql: the constructed throughput and latency of
-- t4200 (issue #14), applied to a copy of the qd-jobs store.  Per numjobs,
-- iodepth 1, 4, 16 give 10k, 35k, 40k IOPS per job and p99 100, 120,
-- 800 us: from 4 to 16 throughput gains x1.14 while p99 grows x6.7, so
-- the knee is iodepth 4; within 500 us the best is iodepth 4 too, within
-- 1 ms iodepth 16.  Also drawn for the README's gallery (gen.sh there).
UPDATE scenario_stat SET
	iops = (SELECT (CASE s.iodepth WHEN 1 THEN 10000 WHEN 4 THEN 35000 ELSE 40000 END) * s.numjobs FROM scenario s WHERE s.id = scenario_id),
	clat_p99_ns = (SELECT CASE s.iodepth WHEN 1 THEN 100000 WHEN 4 THEN 120000 ELSE 800000 END FROM scenario s WHERE s.id = scenario_id),
	bw_bytes_ci95 = NULL, overlap = NULL;
UPDATE scenario_stat SET bw_bytes = iops * 4096,
	clat_p50_ns = clat_p99_ns / 2, clat_p9999_ns = clat_p99_ns * 2;
