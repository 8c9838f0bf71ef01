#!/bin/sh
# Focus of this file: scenario statistics (scenario_stats,
# scenario_clat_bins) checked against independent calculations on real
# fixtures: merged-histogram percentiles, sums, overlap, repetitions and
# the marking of approximate latency.
. "$(dirname "$0")/lib.sh"

L='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
A="$FIX/tree/bare-metal/beegfs-randread/2/c1/64k.json"
B="$FIX/tree/bare-metal/beegfs-randread/2/c2/64k.json"

# merged_pct NUM DEN: the first bucket value where the cumulative count of
# the union of A's and B's json+ bins reaches NUM/DEN of all samples,
# computed here in SQL straight from the fixture files (exact integers).
merged_pct() {
	sqlite3 :memory: "
	WITH b AS (
	  SELECT CAST(key AS INTEGER) v, value c FROM json_each(json_extract(readfile('$A'), '\$.jobs[0].read.clat_ns.bins'))
	  UNION ALL
	  SELECT CAST(key AS INTEGER), value FROM json_each(json_extract(readfile('$B'), '\$.jobs[0].read.clat_ns.bins'))),
	m AS (SELECT v, sum(c) c FROM b GROUP BY v),
	n AS (SELECT sum(c) n FROM m),
	cum AS (SELECT v, sum(c) OVER (ORDER BY v) s FROM m)
	SELECT min(v) FROM cum, n WHERE s * $2 >= $1 * n.n"
}
p99_of() {
	sqlite3 :memory: "SELECT json_extract(readfile('$1'), '\$.jobs[0].read.clat_ns.percentile.\"99.000000\"')"
}
sel="runtime = 'bare-metal' AND backend = 'beegfs' AND bs = 65536 AND ddir = 'read'"

test_expect_success 'setup: ingest the layout tree' '
	"$FIOSCOPE" ingest --db s.db --layout "$L" "$FIX/tree" "$FIX/tree-nooverlap" 2>/dev/null
'

test_expect_success 'scenario_stats has exactly the documented columns' '
	sqlite3 -header s.db "SELECT * FROM scenario_stats LIMIT 1" | head -n 1 >cols &&
	echo "runtime|backend|rw|bs|clients|iodepth|numjobs|ddir|runs|reps|bw_bytes|bw_bytes_stddev|bw_bytes_ci95|iops|clat_mean_ns|clat_p50_ns|clat_p90_ns|clat_p95_ns|clat_p99_ns|clat_p999_ns|clat_p9999_ns|latency_exact|overlap|grouping|failed_runs|bw_cv|iops_cv|p99_cv|bw_common_bytes|bw_common_source|late_client|early_client" >want &&
	test_cmp want cols &&
	sqlite3 -header s.db "SELECT * FROM scenario_clat_bins LIMIT 1" | head -n 1 >cols &&
	echo "runtime|backend|rw|bs|clients|ddir|value_ns|count" >want &&
	test_cmp want cols
'

for p in "50 100" "90 100" "99 100" "999 1000" "9999 10000"; do
	set -- $p
	test_expect_success "merged p$1/$2 equals the union of two clients' bins" "
		want=\$(merged_pct $1 $2) && test -n \"\$want\" &&
		col=\$(echo $1 | sed 's/^/clat_p/; s/\$/_ns/') &&
		got=\$(q s.db \"SELECT \$col FROM scenario_stats WHERE $sel\") &&
		echo \"want \$want got \$got\" && test \"\$got\" = \"\$want\"
	"
done

test_expect_success 'the merged p99 is not the average of the clients p99' '
	a=$(p99_of "$A") && b=$(p99_of "$B") &&
	avg=$(( (a + b) / 2 )) && merged=$(merged_pct 99 100) &&
	echo "p99 $a $b avg $avg merged $merged" &&
	test "$avg" != "$merged" &&
	test "$(q s.db "SELECT clat_p99_ns FROM scenario_stats WHERE $sel")" = "$merged"
'

test_expect_success 'scenario_clat_bins is the merged histogram' '
	test "$(q s.db "SELECT sum(count) FROM scenario_clat_bins WHERE $sel")" = \
	     "$(sqlite3 :memory: "SELECT json_extract(readfile(\"$A\"), \"\$.jobs[0].read.clat_ns.N\") + json_extract(readfile(\"$B\"), \"\$.jobs[0].read.clat_ns.N\")")"
'

test_expect_success 'aggregate bandwidth and IOPS are the sums over clients' '
	want=$(sqlite3 :memory: "SELECT json_extract(readfile(\"$A\"), \"\$.jobs[0].read.bw_bytes\") + json_extract(readfile(\"$B\"), \"\$.jobs[0].read.bw_bytes\")") &&
	test "$(q s.db "SELECT CAST(bw_bytes AS INTEGER) FROM scenario_stats WHERE $sel")" = "$want" &&
	test "$(q s.db "SELECT runs || \" \" || reps || \" \" || latency_exact FROM scenario_stats WHERE $sel")" = "2 1 1"
'

test_expect_success 'mean latency is the sample-weighted mean of the clients' '
	want=$(sqlite3 :memory: "SELECT printf(\"%.3f\", (json_extract(readfile(\"$A\"), \"\$.jobs[0].read.clat_ns.mean\") * json_extract(readfile(\"$A\"), \"\$.jobs[0].read.clat_ns.N\") + json_extract(readfile(\"$B\"), \"\$.jobs[0].read.clat_ns.mean\") * json_extract(readfile(\"$B\"), \"\$.jobs[0].read.clat_ns.N\")) / (json_extract(readfile(\"$A\"), \"\$.jobs[0].read.clat_ns.N\") + json_extract(readfile(\"$B\"), \"\$.jobs[0].read.clat_ns.N\")))") &&
	test "$(q s.db "SELECT printf(\"%.3f\", clat_mean_ns) FROM scenario_stats WHERE $sel")" = "$want"
'

test_expect_success 'clients that ran together overlap (>= 0.9)' '
	test "$(q s.db "SELECT min(overlap) >= 0.9 FROM scenario_stats s WHERE runtime = \"runc\"")" = 1
'

test_expect_success 'clients that ran one after the other are flagged' '
	"$FIOSCOPE" ingest --db n.db --layout "$L" "$FIX/tree-nooverlap" 2>/dev/null &&
	test "$(q n.db "SELECT overlap < 0.9 FROM scenario_stats")" = 1 &&
	"$FIOSCOPE" ls --db n.db >ls && cat ls && grep -q "overlap=0\.[0-8]" ls &&
	test "$(q n.db "SELECT bw_bytes > 0 FROM scenario_stats")" = 1
'

# three repetitions with known bandwidth: 100, 200 and 300 MB/s
test_expect_success 'repetitions: mean, stddev and 95% CI (Student t, 2 df)' '
	for r in 1 2 3; do
		sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : ${r}00000000/" "$FIX/fio3/jsonplus-read.json" >rep$r.json &&
		"$FIOSCOPE" ingest --db r.db --set runtime=runc --set rep=$r rep$r.json 2>/dev/null || return 1
	done &&
	q r.db "SELECT reps, runs, CAST(bw_bytes AS INTEGER), CAST(round(bw_bytes_stddev) AS INTEGER), printf(\"%.0f\", bw_bytes_ci95) FROM scenario_stats" >got &&
	ci=$(awk "BEGIN { printf \"%.0f\", 4.303 * 100000000 / sqrt(3) }") &&
	echo "3|3|200000000|100000000|$ci" >want && test_cmp want got
'

test_expect_success 'a repetition whose runs all failed is not a zero' '
	sed "0,/\"error\" : 0/s//\"error\" : 5/" rep3.json >rep4.json &&
	"$FIOSCOPE" ingest --db r.db --set runtime=runc --set rep=4 rep4.json 2>/dev/null &&
	test "$(q r.db "SELECT reps || \" \" || CAST(bw_bytes AS INTEGER) FROM scenario_stats")" = "3 200000000" &&
	test "$(q r.db "SELECT failed_runs FROM scenario_stat")" = 1
'

test_expect_success 'one repetition: no stddev, no CI' '
	test "$(q s.db "SELECT count(*) FROM scenario_stats WHERE bw_bytes_stddev IS NOT NULL OR bw_bytes_ci95 IS NOT NULL")" = 0
'

test_expect_success 'plain json (no bins): latency approximate, marked, sample-weighted' '
	"$FIOSCOPE" ingest --db a.db --set runtime=x "$FIX/fio3/json-randread.json" "$FIX/fio3/json-read.json" --set rw=randread 2>/dev/null;
	"$FIOSCOPE" ingest --db p.db --set runtime=x --set clients=2 "$FIX/fio3/json-randwrite.json" "$FIX/fio3/json-write.json" 2>/dev/null &&
	test "$(q p.db "SELECT group_concat(latency_exact) FROM scenario_stats")" = "0,0" &&
	"$FIOSCOPE" ls --db p.db | grep -q " ~[0-9]"
'

test_expect_success 'json+ mixed with plain json in one scenario is approximate' '
	"$FIOSCOPE" ingest --db m.db --set runtime=x --set rw=read --set clients=2 "$FIX/fio3/json-read.json" "$FIX/fio3/jsonplus-read.json" 2>/dev/null;
	test "$(q m.db "SELECT latency_exact FROM scenario_stats")" = 0 &&
	test "$(q m.db "SELECT count(*) FROM scenario_clat_bins")" = 0 &&
	p=$(q m.db "SELECT clat_p99_ns FROM scenario_stats") &&
	lo=$(q m.db "SELECT clat_p99_lo_ns FROM scenario_stat") &&
	hi=$(q m.db "SELECT clat_p99_hi_ns FROM scenario_stat") &&
	test "$lo" -le "$p" && test "$p" -le "$hi"
'

test_expect_success 'statistics follow a replaced file' '
	mkdir -p t && cp "$FIX/fio3/jsonplus-read.json" t/a.json &&
	"$FIOSCOPE" ingest --db t.db --set runtime=y t 2>/dev/null &&
	before=$(q t.db "SELECT bw_bytes FROM scenario_stats") &&
	sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : 777/" "$FIX/fio3/jsonplus-read.json" >t/a.json &&
	"$FIOSCOPE" ingest --db t.db --set runtime=y t 2>/dev/null &&
	test "$(q t.db "SELECT CAST(bw_bytes AS INTEGER) FROM scenario_stats")" = 777 &&
	test "$(q t.db "SELECT count(*) FROM dirty_scenario")" = 0
'

test_done
