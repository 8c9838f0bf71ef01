#!/bin/sh
# Focus of this file: every reader follows the campaign's shape (issue
# #13).  Three campaigns of real fio output: the reference (sample-data/,
# runtime x pattern x clients), a block-size sweep of two backends and no
# runtime (tests/fixtures/shapes/bs-sweep) and an iodepth x numjobs sweep
# in fio-plot's layout ingested with no --layout (shapes/qd-jobs).  For
# each: the coverage counts every distinct scenario, ls orders numeric
# keys numerically, observe with no flags exits 0 and its scaling findings
# match values computed here with sqlite3 over the public views, and no
# output says "unknown", "?" or "(null)".  Then comparison on any key
# (--baseline backend=X, a label) and fio's defaults (iodepth=1 stated or
# omitted: one scenario).
. "$(dirname "$0")/lib.sh"

SHAPES="$FIX/shapes"
export FIOSCOPE_TEMPLATES="$TOP/templates"

# no_placeholder FILE...: none of the words a missing key used to leave
no_placeholder() {
	for f in "$@"; do
		if grep -n "unknown\|?\|(null)" "$f"; then
			echo "placeholder in $f"
			return 1
		fi
	done
}
# svg_text DIR: the text of every SVG figure, one element a line
svg_text() {
	cat "$1"/*.svg | grep -o "<text[^>]*>[^<]*</text>" | sed "s/<[^>]*>//g"
}
# page_text FILE: the report's text without its tags and style
page_text() {
	sed -n "/<body/,\$p" "$1" | sed "s/<[^>]*>/ /g"
}
# ratio DB SQL-A SQL-B: printf('%.2f', A / B) of two scenario_stats rows
ratio() {
	q "$1" "SELECT printf('%.2f', ($2) / ($3))"
}

test_expect_success 'setup: the three campaigns, ingested as a user would' '
	ingest_shape sd sd.db && ingest_shape bs bs.db && ingest_shape qd qd.db &&
	test "$(q qd.db "SELECT count(*) FROM scenario")" = 12 &&
	test "$(q bs.db "SELECT count(*) FROM scenario")" = 20 &&
	test "$(q sd.db "SELECT count(*) FROM scenario")" = 60
'

test_expect_success 'scenario_rep: the repetitions stats.c averages (its mean is scenario_stat'"'"'s)' '
	test "$(q sd.db "SELECT count(*) FROM scenario_rep GROUP BY NULL")" -gt 60 &&
	test "$(q sd.db "SELECT count(*) FROM scenario_stat t WHERE abs(t.bw_bytes - (SELECT avg(r.bw_bytes) FROM scenario_rep r WHERE r.scenario_id = t.scenario_id AND r.ddir = t.ddir AND r.runs > 0)) > 1e-6 * t.bw_bytes")" = 0 &&
	test "$(q sd.db "SELECT count(DISTINCT scenario_id) FROM scenario_rep r JOIN scenario_stat t USING (scenario_id) WHERE t.reps = 3")" = 10
'

test_expect_success 'qd-jobs: fio states rw, bs, iodepth and numjobs; nothing defaulted' '
	test "$(q qd.db "SELECT count(*) FROM run WHERE defaults IS NOT NULL")" = 0 &&
	test "$(q qd.db "SELECT group_concat(DISTINCT iodepth) FROM (SELECT iodepth FROM scenario ORDER BY 1)")" = "1,4,16" &&
	test "$(q qd.db "SELECT group_concat(DISTINCT numjobs) FROM (SELECT numjobs FROM scenario ORDER BY 1)")" = "1,2"
'

test_expect_success 'ls: numeric keys in numeric order, no column nobody states' '
	"$FIOSCOPE" ls --db qd.db --where rw=randread --where numjobs=2 >ls &&
	head -1 ls | grep -q "^RW  *BS  *CLIENTS  *QD  *JOBS" &&
	awk "NR > 1 { print \$4 }" ls | tr "\n" " " >qd &&
	test "$(cat qd)" = "1 4 16 " &&
	"$FIOSCOPE" ls --db bs.db --where backend=ext4 --where rw=read >ls2 &&
	head -1 ls2 | grep -q "^BACKEND  *RW  *BS  *CLIENTS  *QD  *JOBS  *DIR" &&
	awk "NR > 1 { print \$3 }" ls2 | tr "\n" " " >bs &&
	test "$(cat bs)" = "4k 16k 64k 256k 1m " &&
	"$FIOSCOPE" ls --db sd.db --where runtime=runc --where rw=read >ls3 &&
	awk "NR > 1 { print \$5 }" ls3 | tr "\n" " " >cl &&
	test "$(cat cl)" = "1 8 64 " &&
	no_placeholder ls ls2 ls3
'

test_expect_success 'qd-jobs: observe with no flags: no comparison, the hint, scaling findings' '
	"$FIOSCOPE" observe --db qd.db >obs 2>err &&
	! test -s err &&
	grep -qx "No comparison: no runtime, backend or label varies in these scenarios; --baseline KEY=VALUE compares the values of a key" obs &&
	grep -qx "Scaling" obs &&
	test "$(grep -c "^  - " obs)" = 10 &&
	no_placeholder obs &&
	test_expect_code 1 "$FIOSCOPE" observe --db qd.db --out t.png 2>err &&
	grep -qx "fioscope: no table to draw: No comparison: no runtime, backend or label varies in these scenarios; --baseline KEY=VALUE compares the values of a key" err &&
	! test -e t.png
'

test_expect_success 'qd-jobs: the iodepth and numjobs findings are the data'"'"'s ratios' '
	for rw in randread randwrite; do
		for nj in 1 2; do
			r=$(ratio qd.db \
			    "SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND numjobs = $nj AND iodepth = 16" \
			    "SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND numjobs = $nj AND iodepth = 1") &&
			jobs=$([ $nj = 1 ] && echo "1 job" || echo "2 jobs") &&
			grep -q "^  - $rw, $jobs: iodepth 16 reaches ${r}x the bandwidth at iodepth 1 (" obs ||
			{ echo "$rw $jobs: want ${r}x"; return 1; }
		done
		for qd in 1 4 16; do
			r=$(ratio qd.db \
			    "SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND iodepth = $qd AND numjobs = 2" \
			    "SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND iodepth = $qd AND numjobs = 1") &&
			e=$(q qd.db "SELECT printf('"'"'%.0f'"'"', 50 * (SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND iodepth = $qd AND numjobs = 2) / (SELECT bw_bytes FROM scenario_stats WHERE rw = '"'"'$rw'"'"' AND iodepth = $qd AND numjobs = 1))") &&
			grep -q "^  - $rw, iodepth $qd: 2 jobs reach ${r}x the bandwidth at 1 job (.*): ${e}% of linear" obs ||
			{ echo "$rw iodepth $qd: want ${r}x, $e%"; return 1; }
		done
	done
'

test_expect_success 'bs-sweep: observe compares the one varying key (backend), says so, and scales bs' '
	"$FIOSCOPE" observe --db bs.db >obs 2>err &&
	! test -s err &&
	grep -q "^Bandwidth relative to backend ext4" obs &&
	grep -qx "Compared: backend, against ext4 (the first backend in order; choose another with --baseline backend=VALUE)" obs &&
	for be in ext4 tmpfs; do
		for rw in read write; do
			r=$(ratio bs.db \
			    "SELECT bw_bytes FROM scenario_stats WHERE backend = '"'"'$be'"'"' AND rw = '"'"'$rw'"'"' AND bs = 1048576" \
			    "SELECT bw_bytes FROM scenario_stats WHERE backend = '"'"'$be'"'"' AND rw = '"'"'$rw'"'"' AND bs = 4096") &&
			grep -q "^  - backend $be, $rw: 1 MiB reaches ${r}x the bandwidth at 4 KiB (" obs ||
			{ echo "$be $rw: want ${r}x"; return 1; }
		done
	done &&
	r=$(ratio bs.db \
	    "SELECT bw_bytes FROM scenario_stats WHERE backend = '"'"'tmpfs'"'"' AND rw = '"'"'read'"'"' AND bs = 65536" \
	    "SELECT bw_bytes FROM scenario_stats WHERE backend = '"'"'ext4'"'"' AND rw = '"'"'read'"'"' AND bs = 65536") &&
	grep -q "tmpfs, read, 64k: ${r}x ext4 at 2 clients" obs &&
	no_placeholder obs
'

test_expect_success 'sample-data: the reference comparison, and clients scaling from the data' '
	"$FIOSCOPE" observe --db sd.db >obs 2>err &&
	! test -s err &&
	grep -q "^Bandwidth relative to bare-metal (backend beegfs" obs &&
	! grep -q "^Compared:" obs &&
	for rt in bare-metal runc kata-9p; do
		r=$(ratio sd.db \
		    "SELECT bw_bytes FROM scenario_stats WHERE runtime = '"'"'$rt'"'"' AND rw = '"'"'randwrite'"'"' AND clients = 64" \
		    "SELECT bw_bytes FROM scenario_stats WHERE runtime = '"'"'$rt'"'"' AND rw = '"'"'randwrite'"'"' AND clients = 1") &&
		e=$(q sd.db "SELECT printf('"'"'%.0f'"'"', 100.0 / 64 * (SELECT bw_bytes FROM scenario_stats WHERE runtime = '"'"'$rt'"'"' AND rw = '"'"'randwrite'"'"' AND clients = 64) / (SELECT bw_bytes FROM scenario_stats WHERE runtime = '"'"'$rt'"'"' AND rw = '"'"'randwrite'"'"' AND clients = 1))") &&
		grep -q "^  - $rt, randwrite: 64 clients reach ${r}x the bandwidth at 1 client (.*): ${e}% of linear" obs ||
		{ echo "$rt: want ${r}x, $e%"; return 1; }
	done &&
	no_placeholder obs
'

test_expect_success 'every format of observe is free of placeholders on every campaign' '
	for db in sd bs qd; do
		for f in md csv json html; do
			"$FIOSCOPE" observe --db $db.db --format $f >o.$db.$f || return 1
		done &&
		"$FIOSCOPE" observe --db $db.db --metric p99 >p99.$db || return 1
	done &&
	no_placeholder o.* p99.* &&
	test "$(sqlite3 :memory: "SELECT json_valid(readfile(\"o.qd.json\"))")" = 1 &&
	grep -q "^p99 latency at iodepth 16 is\|: p99 latency at iodepth 16 is [0-9.]*x that at iodepth 1" p99.qd
'

test_expect_success 'qd-jobs report: 12 scenarios in the coverage, iodepth x pattern x numjobs' '
	"$FIOSCOPE" report --db qd.db --out rep-qd 2>err &&
	grep -q "^fioscope: wrote rep-qd/index.html: [0-9]* figures, 12 scenarios present, 0 missing" err &&
	sed -n "/<table class=\"coverage\">/,/<\/table>/p" rep-qd/index.html >cov &&
	test "$(grep -c "<table class=\"coverage\">" cov)" = 1 &&
	test "$(grep -o "<td class=\"\(ok\|warn\)\"" cov | wc -l)" = 12 &&
	grep -q "<th rowspan=\"2\">iodepth</th><th colspan=\"2\">randread</th><th colspan=\"2\">randwrite</th>" cov &&
	page_text rep-qd/index.html >page && no_placeholder page &&
	svg_text rep-qd >svg && test -s svg && no_placeholder svg &&
	! ls rep-qd | grep -q unknown
'

test_expect_success 'bs-sweep report: 20 scenarios, backend x pattern x bs' '
	"$FIOSCOPE" report --db bs.db --where bs=4k --where backend=ext4 --out rep-bs 2>err &&
	grep -q "^fioscope: wrote rep-bs/index.html: [0-9]* figures, 20 scenarios present, 0 missing" err &&
	sed -n "/<table class=\"coverage\">/,/<\/table>/p" rep-bs/index.html >cov &&
	test "$(grep -o "<td class=\"\(ok\|warn\)\"" cov | wc -l)" = 20 &&
	grep -q "<caption>2 clients</caption>" cov &&
	grep -q "<th>4k</th><th>16k</th><th>64k</th><th>256k</th><th>1m</th>" cov &&
	page_text rep-bs/index.html >page && no_placeholder page &&
	svg_text rep-bs >svg && test -s svg && no_placeholder svg &&
	! ls rep-bs | grep -q unknown
'

# mkbw DB MB/S OPTS...: ingest a copy of the fio3 json+ read run with its
# bandwidth set to MB/S (decimal) and the given ingest options.
n_mk=0
mkbw() {
	n_mk=$((n_mk + 1))
	db=$1 mbs=$2
	shift 2
	sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : ${mbs}000000/" \
		"$FIX/fio3/jsonplus-read.json" >in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$db" "$@" in$n_mk.json
}

test_expect_success '--baseline backend=X: the same data at half the bandwidth is 0.50x, worse' '
	mkbw be.db 1000 --set backend=local &&
	mkbw be.db 500 --set backend=nfs &&
	"$FIOSCOPE" observe --db be.db --baseline backend=local >obs &&
	grep -q "^Bandwidth relative to backend local" obs &&
	grep -q "^read *1 *1.00 GB/s *500 MB/s 0.50x$" obs &&
	grep -q "nfs, read: 0.50x local at 1 client (worse, single run)" obs &&
	"$FIOSCOPE" observe --db be.db --baseline backend=nfs --format csv >csv &&
	grep -q "^local,4096,read,read,1,1,1,,,bw,1000000000,B/s,1.00 GB/s,0,1,1,0,1,2,,,better,outperforms,1" csv &&
	test_expect_code 1 "$FIOSCOPE" observe --db be.db --baseline backend=ceph 2>err &&
	grep -qx "fioscope: baseline backend .ceph. not in the store; values present: local, nfs (choose one with --baseline backend=VALUE)" err
'

test_expect_success 'a free label as the compared key works the same way' '
	mkbw fs.db 1000 --set fs=xfs --set backend=disk &&
	mkbw fs.db 500 --set fs=ext4 --set backend=disk &&
	"$FIOSCOPE" observe --db fs.db --baseline fs=xfs >obs &&
	grep -q "^Bandwidth relative to fs xfs (backend disk" obs &&
	grep -q "ext4, read: 0.50x xfs at 1 client (worse, single run)" obs &&
	grep -q "^Findings by fs$" obs &&
	"$FIOSCOPE" observe --db fs.db >dflt &&
	grep -qx "Compared: fs, against ext4 (the first fs in order; choose another with --baseline fs=VALUE)" dflt &&
	grep -q "xfs, read: 2.00x ext4 at 1 client (outperforms, single run)" dflt &&
	"$FIOSCOPE" report --db fs.db --baseline fs=xfs --out fsr 2>err &&
	grep -q "ext4, read: 0.50x xfs at 1 client (worse, single run)" fsr/index.html
'

test_expect_success 'two categorical keys vary: no table, a hint naming both' '
	mkbw two.db 1000 --set runtime=runc --set backend=a &&
	mkbw two.db 900 --set runtime=kata --set backend=b &&
	"$FIOSCOPE" observe --db two.db >obs &&
	grep -qx "No comparison: several keys vary (runtime, backend); choose one with --baseline KEY=VALUE" obs &&
	! grep -q "GB/s  " obs
'

test_expect_success 'fio defaults: a job stating iodepth=1 and one omitting it are one scenario' '
	grep -q "\"rw\" : \"read\"" "$FIX/fio3/jsonplus-read.json" &&
	! grep -q "\"iodepth\"" "$FIX/fio3/jsonplus-read.json" &&
	sed "s/\"rw\" : \"read\",/\"rw\" : \"read\", \"iodepth\" : \"1\",/" \
		"$FIX/fio3/jsonplus-read.json" >stated.json &&
	grep -q "\"iodepth\" : \"1\"" stated.json &&
	cp "$FIX/fio3/jsonplus-read.json" omitted.json &&
	"$FIOSCOPE" ingest --quiet --db d.db --set rep=1 stated.json &&
	"$FIOSCOPE" ingest --quiet --db d.db --set rep=2 omitted.json &&
	test "$(q d.db "SELECT count(*) FROM scenario")" = 1 &&
	test "$(q d.db "SELECT iodepth || \" \" || numjobs FROM scenario")" = "1 1" &&
	test "$(q d.db "SELECT group_concat(defaults, \"|\") FROM (SELECT r.defaults FROM run r JOIN source_file f ON f.id = r.file_id ORDER BY f.path)")" = "iodepth numjobs|numjobs" &&
	"$FIOSCOPE" render --db d.db --out fig --format svg 2>/dev/null;
	! ls fig | grep -q "qd1"
'

test_done
