#!/bin/sh
# Focus of this file (#20): the common window.  Two real Debian-fio runs
# (tests/fixtures/window, gen-window.sh), c1 and c2, a 1 s sequential
# read each with a bw log; c2's timestamp is edited to end 500 ms after
# c1's, so the clients ran together half the time (overlap 0.50).  The
# aggregate bandwidth over the window they shared, computed here by hand
# from the JSON and the logs, is the stored one: from the run windows
# (each client's bytes at a uniform rate) without logs, from the logs
# with them; the late and early clients are named in observe's notes and
# ls shows the figure.  Then the timeline picks the repetition closest to
# the median bandwidth and says so.
. "$(dirname "$0")/lib.sh"

W="$FIX/window"
L='{client}/read.json'
# jget FILE KEY: the first integer value of "KEY" in a fio JSON
jget() { sed -n "s/^ *\"$2\" : \([0-9]*\),\$/\1/p" "$1" | head -n 1; }
# lograte LOG A B: the rate (bytes/s) of a fio bw log (KiB/s at ms since
# the job started) over [A, B] ms since the job started: each sample
# stands for the time since the previous one (from 0), the rate is the
# bytes in the window over the time the samples cover there
lograte() {
	awk -F', *' -v a="$2" -v b="$3" '
	{ lo = p > a ? p : a; hi = $1 < b ? $1 : b
	  if (hi > lo) { by += $2 * 1024 * (hi - lo) / 1000; cov += hi - lo }
	  p = $1 }
	END { printf "%.6f\n", by * 1000 / cov }' "$1"
}

E1=$(jget "$W/c1/read.json" timestamp_ms)
# a run's window: it ended at timestamp_ms, after its longest direction's
# runtime (the store's rule, run.start_ms)
R1=$(jget "$W/c1/read.json" runtime)
R2=$(jget "$W/c2/read.json" runtime)
IO1=$(jget "$W/c1/read.json" io_bytes)
IO2=$(jget "$W/c2/read.json" io_bytes)
BW1=$(jget "$W/c1/read.json" bw_bytes)
BW2=$(jget "$W/c2/read.json" bw_bytes)
# c2 ends half of c1's run after c1; the shared window, in ms since each
# started: c1 [A1, R1], c2 [0, B2]
E2=$((E1 + R1 / 2))
A1=$((E2 - R2 - (E1 - R1)))
B2=$((E1 - (E2 - R2)))

test_expect_success 'setup: c2 edited to start half way through c1 (overlap 0.50)' '
	test "$R1" -ge 1000 && test "$R2" -ge 1000 && test "$A1" -gt 400 &&
	mkdir -p T/c1 T/c2 J/c1 J/c2 &&
	cp "$W/c1/read.json" "$W/c1/c1_bw.1.log" T/c1/ &&
	sed "0,/\"timestamp_ms\" : [0-9]*/s//\"timestamp_ms\" : $E2/" "$W/c2/read.json" >T/c2/read.json &&
	cp "$W/c2/c2_bw.1.log" T/c2/ &&
	test "$(jget T/c2/read.json timestamp_ms)" = "$E2" &&
	cp T/c1/read.json J/c1/ && cp T/c2/read.json J/c2/ &&
	"$FIOSCOPE" ingest --quiet --db j.db --layout "$L" --set runtime=bare-metal \
		--set backend=b --set clients=2 J &&
	"$FIOSCOPE" ingest --quiet --db t.db --layout "$L" --set runtime=bare-metal \
		--set backend=b --set clients=2 T &&
	test "$(q t.db "SELECT count(*) FROM log_sample WHERE kind = '"'bw'"'")" -gt 10 &&
	test "$(q j.db "SELECT reps || \" \" || clients || \" \" || printf(\"%.2f\", overlap) FROM scenario_stat WHERE ddir = 0")" = "1 2 0.50"
'

test_expect_success 'without logs: the run windows, each client at a uniform rate (hand-computed)' '
	want=$(awk -v a=$IO1 -v b=$IO2 -v r1=$R1 -v r2=$R2 "BEGIN { printf \"%.6f\", a * 1000 / r1 + b * 1000 / r2 }") &&
	got=$(q j.db "SELECT printf(\"%.6f\", bw_common_bytes) || \" \" || bw_common_source FROM scenario_stats WHERE ddir = \"read\"") &&
	echo "want $want windows, got $got" && test "$got" = "$want windows" &&
	test "$(q j.db "SELECT printf(\"%.0f\", bw_bytes) FROM scenario_stats WHERE ddir = \"read\"")" = $((BW1 + BW2))
'

test_expect_success 'with logs: the bytes the logs say moved in the shared half (hand-computed)' '
	r1=$(lograte T/c1/c1_bw.1.log $A1 $R1) &&
	r2=$(lograte T/c2/c2_bw.1.log 0 $B2) &&
	want=$(awk -v a=$r1 -v b=$r2 "BEGIN { printf \"%.3f\", a + b }") &&
	got=$(q t.db "SELECT printf(\"%.3f\", bw_common_bytes) || \" \" || bw_common_source FROM scenario_stats WHERE ddir = \"read\"") &&
	echo "c1 $r1 c2 $r2: want $want logs, got $got" && test "$got" = "$want logs" &&
	summed=$(q t.db "SELECT printf(\"%.3f\", bw_bytes) FROM scenario_stats WHERE ddir = \"read\"") &&
	test "$summed" != "$want"
'

test_expect_success 'the late and the early client are named' '
	test "$(q t.db "SELECT late_client || \" \" || early_client FROM scenario_stats WHERE ddir = \"read\"")" = "c2 c1"
'

test_expect_success 'ls shows the common-window bandwidth and its source beside the flag' '
	"$FIOSCOPE" ls --db t.db >ls && cat ls &&
	grep -q "overlap=0.50 common=[0-9.]*[kMG]B/s(logs) " ls &&
	"$FIOSCOPE" ls --db j.db --csv >ls.csv &&
	head -n 1 ls.csv | grep -q ",bw_common_bytes,bw_common_source.\?$" &&
	grep -q ",windows.\?$" ls.csv
'

test_expect_success 'observe names the late client and the window figure in its notes' '
	mkdir -p K/c1 K/c2 && cp J/c1/read.json K/c1/ && cp J/c2/read.json K/c2/ &&
	fio_unique K/c1/read.json && fio_unique K/c2/read.json &&
	"$FIOSCOPE" ingest --quiet --db j.db --layout "$L" --set runtime=runc \
		--set backend=b --set clients=2 K &&
	"$FIOSCOPE" observe --db j.db >o && cat o &&
	grep -q "^  - runc, read, 2 clients: clients did not run together (overlap 0.50); not a concurrent measurement; over the window all clients shared [0-9.]* GB/s (from the run windows: a uniform rate assumed) against [0-9.]* GB/s summed; c2 started last, c1 finished first\$" o &&
	grep -q "^  - bare-metal, read, 2 clients: clients did not run together" o
'

test_expect_success 'fewer than 3 repetitions: no CV stored (NULL, not 0)' '
	test "$(q t.db "SELECT count(*) FROM scenario_stat WHERE bw_cv IS NULL AND iops_cv IS NULL AND p99_cv IS NULL")" = \
		"$(q t.db "SELECT count(*) FROM scenario_stat")"
'

. "$TOP/tests/observe-lib.sh"
# cv V1 V2...: sample sd (N-1) over mean, 6 digits
cv() {
	echo "$@" | awk '{ for (i = 1; i <= NF; i++) m += $i / NF
		for (i = 1; i <= NF; i++) v += ($i - m) ^ 2 / (NF - 1)
		printf "%.6f\n", sqrt(v) / m }'
}

test_expect_success 'setup: three repetitions at 1000, 1500 and 1200 MB/s' '
	reps r.db bare-metal read 1000 1500 1200 &&
	reps r.db runc read 900 901 &&
	"$FIOSCOPE" render --db r.db --out fig --only timeline >/dev/null 2>err &&
	ls fig
'

test_expect_success 'the CV is stored with the statistics (N-1), NULL with 2 repetitions' '
	test "$(q r.db "SELECT printf(\"%.6f\", bw_cv) FROM scenario_stats WHERE runtime = \"bare-metal\"")" = "$(cv 1000 1500 1200)" &&
	test "$(q r.db "SELECT iops_cv IS NOT NULL AND p99_cv IS NOT NULL FROM scenario_stats WHERE runtime = \"bare-metal\"")" = 1 &&
	test "$(q r.db "SELECT count(*) FROM scenario_stats WHERE runtime = \"runc\" AND bw_cv IS NULL AND iops_cv IS NULL AND p99_cv IS NULL")" = 1
'

test_expect_success 'the timeline shows the repetition closest to the median, and says so' '
	f=$(ls fig/timeline-*bare-metal*.gp) &&
	grep "^fig_note" "$f" &&
	grep -q "^fig_note = \"repetition 3 of 3, closest to the median bandwidth; bars" "$f" &&
	grep -q "^nruns = 1\$" "$f" &&
	grep -q "^array run_label\[1\] = \[\"read in in3\.json\"\]\$" "$f" &&
	! grep -q "in in[12]\.json" "$f" &&
	g=$(ls fig/timeline-*runc*.gp) &&
	grep -q "^fig_note = \"repetition 1 of 2, closest to the median bandwidth" "$g"
'

test_done
