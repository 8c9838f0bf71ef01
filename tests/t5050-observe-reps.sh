#!/bin/sh
# Focus of this file: observe with repetitions: a difference is claimed
# only when the 95% confidence interval of the ratio excludes 1.  The same
# mean ratio (1.12x) is "outperforms" with tight repetitions and
# "inconclusive" with scattered ones.  The interval (Fieller, Welch df) is
# recomputed here in awk from the per-repetition numbers we chose.
# The "too noisy" rule (#20, t5070) would outrank these verdicts: the
# tables here raise its threshold (--noisy) to test the interval alone.
. "$(dirname "$0")/lib.sh"

. "$TOP/tests/observe-lib.sh"
# mk_lat DB RUNTIME P99_US REP: plain json randread with p99 set (us)
mk_lat() {
	n_mk=$((n_mk + 1))
	sed "0,/\"99.000000\" : [0-9]*/s//\"99.000000\" : ${3}000/" \
		"$FIX/fio3/json-randread.json" >in$n_mk.json && fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$1" --set runtime="$2" --set backend=b \
		--set clients=1 --set rep="$4" in$n_mk.json
}
# fieller "X1 X2 ..." "Y1 Y2 ...": the 95% interval of mean(X)/mean(Y),
# Welch-Satterthwaite df at the estimate, rounded down; "lo hi".
fieller() {
	echo "$1;$2" | awk -F';' '
	function stats(s, a,   n, i, m, v) {
		n = split(s, a, " "); m = 0; v = 0
		for (i = 1; i <= n; i++) m += a[i] / n
		for (i = 1; i <= n; i++) v += (a[i] - m) ^ 2 / (n - 1)
		N = n; M = m; V = v / n
	}
	BEGIN { split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306", T, " ") }
	{
		stats($1); nx = N; mx = M; vx = V
		stats($2); ny = N; my = M; vy = V
		r = mx / my
		df = (vx + r * r * vy) ^ 2 / (vx ^ 2 / (nx - 1) + r ^ 4 * vy ^ 2 / (ny - 1))
		t = T[int(df)]
		a = my * my - t * t * vy
		d = sqrt(mx * mx * vy + my * my * vx - t * t * vx * vy)
		printf "%.6g %.6g\n", (mx * my - t * d) / a, (mx * my + t * d) / a
	}'
}
# csv_ci FILE RUNTIME RW: "lo hi" from observe's CSV
csv_ci() {
	awk -F, -v rt="$2" -v rw="$3" '$9 == rt && $3 == rw { print $20, $21 }' "$1"
}

test_expect_success 'setup: three repetitions each, chosen numbers (MB/s)' '
	reps r.db bare-metal read 1000 1010 990 &&
	reps r.db tight read 1120 1130 1110 &&
	reps r.db scattered read 1000 1300 1060 &&
	reps r.db slower read 900 905 895 &&
	reps r.db same read 1002 1008 998 &&
	reps r.db bare-metal write 1000 1001 999 &&
	reps r.db tight write 1030 1031 1029 &&
	reps r.db scattered write 1200 &&
	"$FIOSCOPE" observe --db r.db --noisy 50 >out && cat out &&
	"$FIOSCOPE" observe --db r.db --noisy 50 --format csv >csv
'

test_expect_success 'the store agrees: mean over repetitions' '
	test "$(q r.db "SELECT reps, CAST(bw_bytes AS INTEGER) FROM scenario_stats WHERE runtime = \"tight\" AND rw = \"read\"")" = "3|1120000000"
'

test_expect_success 'ratio 1.12x, tight repetitions: the CI excludes 1: outperforms' '
	grep -qx "    - tight, read: 1.12x \[1.09x, 1.15x\] bare metal at 1 client (outperforms; beyond bare metal: check for a cache)" out
'

test_expect_success 'ratio 1.12x, scattered repetitions: the CI holds 1: inconclusive' '
	grep -qx "    - scattered, read: 1.12x \[0.73x, 1.52x\] bare metal at 1 client (inconclusive)" out &&
	grep -qx "Inconclusive: 1 cell whose interval allows either direction; shaded at half strength." out
'

test_expect_success 'CI below 1: worse; CI inside +-5%: close to' '
	grep -qx "    - slower, read: 0.90x \[0.88x, 0.92x\] bare metal at 1 client (worse)" out &&
	grep -qx "    - same, read: 1.00x \[0.98x, 1.03x\] bare metal at 1 client (close to)" out
'

test_expect_success 'CI excludes 1 but the ratio is within 5%: slightly' '
	grep -qx "    - tight, write: 1.03x \[1.03x, 1.03x\] bare metal at 1 client (slightly outperforms; beyond bare metal: check for a cache or weaker durability)" out
'

test_expect_success 'one side a single run: the threshold rule, marked in cell and text' '
	grep -qx "    - scattered, write: 1.20x bare metal at 1 client (outperforms, single run; beyond bare metal: check for a cache or weaker durability)" out &&
	grep -q "1.20 GB/s 1.20x†!" out &&
	grep -q "^Single run (†): 1 of 6 compared cells" out &&
	grep -q "^Repetitions: in 5 of 6 compared cells a difference is claimed only where the 95% confidence interval" out
'

test_expect_success 'mostly single runs: the repeated cells get the mark (double dagger)' '
	reps m.db bare-metal read 1000 1010 990 && reps m.db runc read 1000 1010 990 &&
	reps m.db bare-metal write 1000 && reps m.db runc write 1000 &&
	reps m.db kata write 1000 &&
	"$FIOSCOPE" observe --db m.db >mixed && cat mixed &&
	grep -q "^read .* 1.00x‡" mixed && ! grep -q "†" mixed &&
	grep -q "^Repetitions (‡): in 1 of 3 compared cells" mixed
'

for rt in tight scattered slower same; do
	test_expect_success "CI of $rt: the CSV matches an independent Fieller computation" "
		case $rt in
		tight) x='1120 1130 1110' ;;
		scattered) x='1000 1300 1060' ;;
		slower) x='900 905 895' ;;
		same) x='1002 1008 998' ;;
		esac &&
		want=\$(fieller \"\$x\" '1000 1010 990') &&
		got=\$(csv_ci csv $rt read) && echo \"want \$want got \$got\" &&
		test \"\$got\" = \"\$want\"
	"
done

test_expect_success 'verdict counts per runtime' '
	grep -qx "  - scattered: outperforms bare metal in 1 and inconclusive in 1 of 2 scenarios (1 of them beyond bare metal: see the plausibility caveats)" out &&
	grep -qx "  - tight: outperforms bare metal in 1 and slightly outperforms in 1 of 2 scenarios (2 of them beyond bare metal: see the plausibility caveats)" out &&
	grep -qx "  - same: within 1% of bare metal in 1 of 1 scenario" out
'

test_expect_success 'JSON carries the interval and the single-run flag' '
	"$FIOSCOPE" observe --db r.db --noisy 50 --format json >j &&
	test "$(sqlite3 :memory: "SELECT json_valid(readfile(\"j\"))")" = 1 &&
	grep -q "\"runtime\": \"tight\", \"verdict\": \"better\", \"words\": \"outperforms\".*\"ci95_lo\": 1.09[0-9]*, \"ci95_hi\": 1.14[0-9]*, \"single_run\": false" j &&
	grep -q "\"runtime\": \"scattered\", \"verdict\": \"better\".*\"ci95_lo\": null, \"ci95_hi\": null, \"single_run\": true" j
'

# latency per repetition from plain json reports (no bins): approximate
test_expect_success 'latency with repetitions: slower only when the CI says so' '
	for r in 1 2 3; do mk_lat l.db bare-metal $((98 + 2 * r)) $r || return 1; done &&
	for r in 1 2 3; do mk_lat l.db runc $((149 + r)) $r || return 1; done &&
	mk_lat l.db kata 100 1 && mk_lat l.db kata 140 2 && mk_lat l.db kata 160 3 &&
	"$FIOSCOPE" observe --db l.db --metric p99 >out --close 5 --noisy-latency 50 && cat out &&
	want=$(fieller "150 151 152" "100 102 104") && echo "$want" &&
	grep -q "runc, randread: 1.48x \[$(echo $want | awk "{ printf \"%.2fx, %.2fx\", \$1, \$2 }")\] bare metal at 1 client (slower)" out &&
	grep -q "kata, randread: 1.31x \[.*\] bare metal at 1 client (inconclusive)" out &&
	grep -q "^~ approximate latency" out
'

test_expect_success 'a baseline mean indistinguishable from 0: unbounded, inconclusive' '
	reps z.db bare-metal read 1 1 2000 && reps z.db runc read 1000 1000 1000 &&
	"$FIOSCOPE" observe --db z.db --noisy 1000 >out && cat out &&
	grep -q "runc, read: .* \[CI unbounded\] bare metal at 1 client (inconclusive)" out
'

test_done
