#!/bin/sh
# Focus of this file: the figure set follows the campaign model (issue
# #14).  On the three campaign shapes (sample-data/, shapes/bs-sweep,
# shapes/qd-jobs): no line chart has fewer than two x values (read from
# every .gp the report wrote), every swept key has its bandwidth, IOPS and
# latency figures, a one-value key gets grouped bars, two swept keys a
# grid, the iodepth sweep its throughput-latency curves.  On constructed
# data: the knee and the --slo pick where the numbers put them, and
# goldens of one figure of each new kind (their data sections).  Then
# stable names and colours: adding a runtime renames and recolours
# nothing; --colors pins a colour.
. "$(dirname "$0")/lib.sh"

SHAPES="$FIX/shapes"
GOLD="$TOP/tests/golden"
export FIOSCOPE_TEMPLATES="$TOP/templates"

# template FILE.gp: the figure template the script was written from
template() {
	sed -n 's/^# ---- \(.*\)\.gp ----$/\1/p' "$1" | grep -v "^style$"
}
# lines_ok DIR: every line chart (bw.gp, lat.gp: the x tics; tl.gp: the
# distinct throughputs) has two x values or more
lines_ok() {
	n=0
	for f in "$1"/*.gp; do
		case $(template "$f") in
		bw|lat)
			x=$(sed -n 's/^array xtic_val\[\([0-9]*\)\].*/\1/p' "$f") ;;
		tl)
			x=$(sed -n '/^\$tl << EOD/,/^EOD/p' "$f" |
			    grep "^[0-9]" | cut -d" " -f1 | sort -u | wc -l) ;;
		*) continue ;;
		esac
		n=$((n + 1))
		test "${x:-0}" -ge 2 || { echo "$f: $x x values"; return 1; }
	done
	test $n -gt 0
}
# swept DB: the numeric keys with two values or more, as figure-name parts
# (clients: none), computed from the store
swept() {
	for k in clients bs iodepth numjobs; do
		c=$k
		test $k = clients && c="COALESCE(s.clients, t.clients)"
		n=$(q "$1" "SELECT count(DISTINCT $c) FROM scenario s JOIN scenario_stat t ON t.scenario_id = s.id WHERE t.runs > 0")
		test "$n" -ge 2 && echo $k
	done
}
# has_metrics DIR KEY: bandwidth, IOPS and latency figures against KEY
has_metrics() {
	for m in bw iops lat; do
		if test $2 = clients; then
			ls "$1"/$m-read-*.gp "$1"/$m-write-*.gp 2>/dev/null
		else
			ls "$1"/$m-$2-*.gp
		fi | grep -q . || { echo "no $m figure against $2 in $1"; return 1; }
	done
}
# data_section FILE.gp: the figure's template and its data, from the store
data_section() {
	template "$1" &&
	sed -n '/^# ---- data, from the store ----$/,/^# ---- one pass/p' "$1"
}

test_expect_success 'setup: the three campaigns' '
	ingest_shape sd sd.db && ingest_shape bs bs.db && ingest_shape qd qd.db &&
	test "$(swept sd.db)" = clients &&
	test "$(swept bs.db)" = bs &&
	test "$(swept qd.db | tr "\n" " ")" = "iodepth numjobs "
'

for s in sd bs qd; do
	test_expect_success "$s: report exits 0; no line chart with one x value" "
		\"\$FIOSCOPE\" report --db $s.db --out $s 2>err && cat err &&
		lines_ok $s
	"
	test_expect_success "$s: every swept key has bandwidth, IOPS, latency" "
		for k in \$(swept $s.db); do has_metrics $s \$k || return 1; done
	"
	test_expect_success "$s: every figure .gp is in the page, and only those" "
		for f in $s/*.gp; do
			b=\${f#$s/} && grep -q \"<img src=\\\"\${b%.gp}.png\\\"\" $s/index.html ||
				{ echo \"\$b not in the page\"; return 1; }
		done &&
		test \$(grep -o '<figure id=' $s/index.html | wc -l) = \$(ls $s/*.gp | wc -l)
	"
done

test_expect_success 'sd: no bars (clients always swept), no grid, curves by clients' '
	! ls sd/bar-* 2>/dev/null && ! ls sd/grid-* 2>/dev/null &&
	ls sd/tl-read-read-beegfs-64k-qd8-j4.gp sd/tl-write-randwrite-beegfs-64k-qd8-j4.gp &&
	grep -q "^fig_title = \"Read p99 latency vs bandwidth, by clients: read, beegfs, 64 KiB blocks, iodepth 8, 4 jobs\"" \
		sd/tl-read-read-beegfs-64k-qd8-j4.gp
'

test_expect_success 'bs: backends are the series; no throughput-latency (no load sweep)' '
	grep -q "^array series_name\[2\] = \[\"ext4\", \"tmpfs\"\]" bs/bw-bs-read-2c.gp &&
	! ls bs/tl-* 2>/dev/null
'

test_expect_success 'qd: iodepth and numjobs figures held at the other key' '
	for j in "" -j2; do
		for m in bw iops lat; do
			test -f qd/$m-iodepth-read-4k-1c$j.gp || return 1
		done &&
		test -f qd/tl-iodepth-read-randread-4k-1c$j.gp || return 1
	done &&
	for d in "" -qd4 -qd16; do
		test -f qd/iops-numjobs-write-4k-1c$d.gp || return 1
	done &&
	grep -q "^fig_title = \"Read IOPS vs iodepth: 4 KiB blocks, 1 client, 2 jobs\"" \
		qd/iops-iodepth-read-4k-1c-j2.gp &&
	grep -q "^fig_title = \"Write IOPS vs jobs: 4 KiB blocks, 1 client, iodepth 16\"" \
		qd/iops-numjobs-write-4k-1c-qd16.gp
'

test_expect_success 'qd: the grid has one cell per iodepth x numjobs, values from the store' '
	f=qd/grid-iodepth-numjobs-read-4k-1c.gp &&
	test "$(sed -n "/^\$grid << EOD/,/^EOD/p" $f | grep -c "^[0-9]")" = 6 &&
	want=$(q qd.db "SELECT printf(\"%.3g\", t.iops / 1000.0) FROM scenario s JOIN scenario_stat t ON t.scenario_id = s.id WHERE s.iodepth = 16 AND s.numjobs = 2 AND s.rw = \"randread\"") &&
	grep -q "^3 2 [0-9.e+]* \"$want\"\$" $f
'

test_expect_success 'one value of every key: grouped bars, values printed' '
	"$FIOSCOPE" render --db sd.db --out one --where clients=1 --format svg \
		2>err && cat err &&
	! ls one/bw-* one/lat-* one/iops-* 2>/dev/null &&
	ls one/bar-bw-read-beegfs-64k-1c-qd8-j4.svg one/bar-iops-write-beegfs-64k-1c-qd8-j4.svg \
		one/bar-lat-read-beegfs-64k-1c-qd8-j4.svg &&
	grep -q "^fig_ylabel = \"read bandwidth (MB/s)\"" one/bar-bw-read-beegfs-64k-1c-qd8-j4.gp &&
	want=$(q sd.db "SELECT printf(\"%.3g\", t.bw_bytes / 1e6) FROM scenario s JOIN scenario_stat t ON t.scenario_id = s.id WHERE s.runtime = \"runc\" AND s.rw = \"read\" AND COALESCE(s.clients, t.clients) = 1 AND t.ddir = 0") &&
	grep -q ">$want<" one/bar-bw-read-beegfs-64k-1c-qd8-j4.svg
'

# Constructed (tests/golden/tl-knee.sql): per numjobs, iodepth 1, 4, 16
# give 10k, 35k, 40k IOPS per job and p99 100, 120, 800 us: from 4 to 16
# throughput gains x1.14 while p99 grows x6.7, so the knee is iodepth 4;
# within 500 us the best is iodepth 4 too, within 1 ms iodepth 16.
test_expect_success 'setup: constructed throughput and latency' '
	cp qd.db con.db && sqlite3 con.db <"$GOLD/tl-knee.sql" &&
	"$FIOSCOPE" render --db con.db --out con --format svg 2>err && cat err &&
	"$FIOSCOPE" render --db con.db --out slo --format svg --slo 500us \
		2>err && cat err
'

test_expect_success 'constructed: the knee at iodepth 4, nowhere else' '
	f=con/tl-iodepth-read-randread-4k-1c.gp &&
	grep -q "^10 100 \"1\" 0 0\$" $f &&
	grep -q "^35 120 \"4\" 1 0\$" $f &&
	grep -q "^40 800 \"16\" 0 0\$" $f &&
	grep -q "ring: knee, the last point before p99 grows faster than throughput" $f &&
	grep -q "^70 120 \"4\" 1 0\$" con/tl-iodepth-read-randread-4k-1c-j2.gp
'

test_expect_success 'constructed: --slo 500us picks iodepth 4, in figure and report' '
	f=slo/tl-iodepth-read-randread-4k-1c.gp &&
	grep -q "^35 120 \"4\" 1 1\$" $f && grep -q "^40 800 \"16\" 0 0\$" $f &&
	grep -q "^fig_slo = 500\$" $f &&
	grep -q "square: best with p99 <= 500 µs (35k IOPS, iodepth 4)" $f &&
	"$FIOSCOPE" report --db con.db --out rep --slo 1ms 2>err &&
	grep -q "Throughput within the p99 objective (1 ms)" rep/index.html &&
	grep -q "<li>tl-iodepth-read-randread-4k-1c: 40k IOPS, iodepth 16</li>" rep/index.html
'

test_expect_success '--slo and --colors: bad values are usage errors (2)' '
	for a in "--slo 1" "--slo fast" "--slo -1ms" "--colors docker" \
		 "--colors docker=#12" "--colors docker=#gg0000"; do
		test_expect_code 2 "$FIOSCOPE" render --db con.db $a 2>err &&
		test $(wc -l <err) = 2 || return 1
		test_expect_code 2 "$FIOSCOPE" report --db con.db $a 2>err ||
			return 1
	done
'

# FSC_REGEN_GOLDEN=1 sh tests/t4200-figures-shapes.sh rewrites the goldens
# (their data sections: the template and style are checked elsewhere).
test_expect_success 'setup: one bar chart from the constructed store' '
	"$FIOSCOPE" render --db con.db --out bar --format svg \
		--where iodepth=4 --where numjobs=1 2>err && cat err
'
for g in con/iops-iodepth-read-4k-1c con/tl-iodepth-read-randread-4k-1c \
	 con/grid-iodepth-numjobs-read-4k-1c bar/bar-iops-read-4k-1c-qd4; do
	b=${g#*/}
	test_expect_success "golden: $b (data section)" "
		data_section $g.gp >got &&
		if test -n \"\${FSC_REGEN_GOLDEN:-}\"; then
			cp got \"\$GOLD/figure-$b.txt\"
		fi &&
		test_cmp \"\$GOLD/figure-$b.txt\" got
	"
done

# A numeric label swept: real fio output (json+ read and write) copied as
# two runtimes x threads 1, 2, 4, 8, 16 (--set threads=N, a user label):
# the label is a swept x key like iodepth, numerically ordered.
# threads_into DB N...: ingest those threads values into DB (each copy
# made a run of its own, fio_unique's way, counted in a file: the tests
# run in subshells)
threads_into() {
	db=$1 && shift &&
	for t in "$@"; do
		for rt in docker host; do
			mkdir -p nl/$t/$rt &&
			for d in read write; do
				cp "$FIX/fio3/jsonplus-$d.json" nl/$t/$rt/$d.json &&
				echo >>nl.count &&
				printf "%$(wc -l <nl.count)s\n" "" >>nl/$t/$rt/$d.json ||
					return 1
			done
		done &&
		"$FIOSCOPE" ingest --quiet --db $db --set threads=$t \
			--layout "{runtime}/{*}.json" nl/$t || return 1
	done
}
test_expect_success 'a numeric label is a swept key: bw, IOPS, latency vs threads' '
	threads_into nl.db 1 2 4 8 16 &&
	"$FIOSCOPE" render --db nl.db --out nl4 --format svg 2>err && cat err &&
	for m in bw iops lat; do
		for d in read write; do
			test -f nl4/$m-threads-$d-4k-1c.svg || return 1
		done
	done &&
	lines_ok nl4 &&
	! ls nl4/bar-* 2>/dev/null &&
	f=nl4/bw-threads-read-4k-1c.gp &&
	grep -q "^array xtic_val\[5\] = \[1, 2, 4, 8, 16\]\$" $f &&
	grep -q "^fig_title = \"Read bandwidth vs threads: 4 KiB blocks, 1 client\"\$" $f &&
	grep -q "^fig_xlabel = \"threads (log2 scale)\"\$" $f &&
	grep -q "^fig_title = \"Write completion latency vs threads: 4 KiB blocks, 1 client\"\$" \
		nl4/lat-threads-write-4k-1c.gp &&
	test "$(sed -n "/^\$bw << EOD/,/^EOD/p" $f | grep -c "^[0-9]")" = 10
'

test_expect_success 'the swept label: more values rename nothing; a text value holds it' '
	cp nl.db nl2.db && threads_into nl2.db 32 &&
	"$FIOSCOPE" render --db nl2.db --out nl5 --format svg 2>err &&
	ls nl4/*-threads-*.gp | sed "s|^nl4/||" >want &&
	ls nl5/*-threads-*.gp | sed "s|^nl5/||" >got && test_cmp want got &&
	grep -q "^array xtic_val\[6\] = \[1, 2, 4, 8, 16, 32\]\$" nl5/bw-threads-read-4k-1c.gp &&
	cp nl.db nl3.db && threads_into nl3.db many &&
	"$FIOSCOPE" render --db nl3.db --out nl6 --format svg 2>err &&
	! ls nl6/*-threads-*.gp 2>/dev/null &&
	ls nl6/bar-bw-read-threads_many-4k-1c.gp nl6/bar-bw-read-threads_16-4k-1c.gp
'

L='{backend}-{rw}/{clients}/{client}/{bs}.json'
test_expect_success 'setup: docker and host, then containerd added' '
	"$FIOSCOPE" ingest --quiet --db two.db --set runtime=docker --layout "$L" \
		"$TOP/sample-data/rep1/bare-metal" &&
	"$FIOSCOPE" ingest --quiet --db two.db --set runtime=host --layout "$L" \
		"$TOP/sample-data/rep1/runc" &&
	"$FIOSCOPE" render --db two.db --out before --format svg 2>err &&
	cp two.db three.db &&
	"$FIOSCOPE" ingest --quiet --db three.db --set runtime=containerd \
		--layout "$L" "$TOP/sample-data/rep1/kata-9p" &&
	"$FIOSCOPE" render --db three.db --out after --format svg 2>err &&
	test "$(q three.db "SELECT count(DISTINCT runtime) FROM scenario")" = 3
'

# pairs FILE.gp: "name line-type" of each series, and the linetype lines
pairs() {
	s=$(sed -n "s/^array series_name\[[0-9]*\] = \[\(.*\)\]\$/\1/p" "$1" | tr -d "\"" | tr "," "\n" | sed "s/^ //")
	l=$(sed -n "s/^array series_lt\[[0-9]*\] = \[\(.*\)\]\$/\1/p" "$1" | tr "," "\n" | sed "s/^ //")
	printf "%s\n" "$s" >p.names && printf "%s\n" "$l" >p.lts &&
	paste -d" " p.names p.lts
	sed -n "s/^fig_linetypes = \"\(.*\)\"\$/\1/p" "$1" | tr ";" "\n" | sed "s/^ //"
}

test_expect_success 'adding a runtime: every name kept, every colour kept' '
	n=0 &&
	for f in before/*.gp; do
		b=${f#before/} &&
		test -f after/$b || { echo "$b renamed"; return 1; }
		grep -q "^array series_name" $f || continue
		pairs $f | sort >want && pairs after/$b | sort >got &&
		comm -23 want got >lost &&
		test ! -s lost || { echo "$b:"; cat lost; return 1; }
		n=$((n + 1))
	done &&
	test $n -gt 0 &&
	grep -q "containerd" after/bw-read-beegfs-64k-qd8-j4.gp &&
	grep -q "docker" before/bw-read-beegfs-64k-qd8-j4.gp
'

test_expect_success 'hashed colours: docker and host drawn in them (SVG)' '
	c=$(sed -n "s/^fig_linetypes = .*set linetype [0-9]* lc rgb .\(#[0-9A-F]*\). .*/\1/p" \
		before/bw-read-beegfs-64k-qd8-j4.gp) &&
	test -n "$c" &&
	rgb=$(printf "rgb(%3d, %3d, %3d)" 0x$(echo $c | cut -c2-3) \
		0x$(echo $c | cut -c4-5) 0x$(echo $c | cut -c6-7)) &&
	grep -qF "$rgb" before/bw-read-beegfs-64k-qd8-j4.svg
'

test_expect_success '--colors pins a colour, the others keep theirs' '
	"$FIOSCOPE" render --db three.db --out pinned --format svg \
		--colors docker=#123456 2>err &&
	grep -q "set linetype [0-9]* lc rgb .#123456." pinned/bw-read-beegfs-64k-qd8-j4.gp &&
	grep -q "rgb( 18,  52,  86)" pinned/bw-read-beegfs-64k-qd8-j4.svg &&
	dl=$(pairs after/bw-read-beegfs-64k-qd8-j4.gp | sed -n "s/^docker //p") &&
	test -n "$dl" &&
	pairs after/bw-read-beegfs-64k-qd8-j4.gp | grep "^set" |
		grep -v "^set linetype $dl " | sort >want && test -s want &&
	pairs pinned/bw-read-beegfs-64k-qd8-j4.gp | grep "^set" | sort >got &&
	comm -23 want got >lost && ! test -s lost
'

# lt_color FILE.gp NAME: the colour fig_linetypes gives NAME's line type
lt_color() {
	l=$(pairs "$1" | sed -n "s/^$2 \([0-9]*\)\$/\1/p") && test -n "$l" &&
	sed -n "s/^fig_linetypes = .*set linetype $l lc rgb .\(#[0-9a-fA-F]*\).*/\1/p" "$1" |
		sed "s/; .*//" | cut -c1-7
}
test_expect_success 'a colours file pins too; --colors wins over it' '
	printf "# pinned\n\n  docker = #123456\nhost=#abcdef\n" >pins &&
	"$FIOSCOPE" render --db three.db --out cf --format svg \
		--colors-file pins --only bw 2>err &&
	f=cf/bw-read-beegfs-64k-qd8-j4.gp &&
	test "$(lt_color $f docker)" = "#123456" &&
	test "$(lt_color $f host)" = "#abcdef" &&
	grep -q "rgb( 18,  52,  86)" cf/bw-read-beegfs-64k-qd8-j4.svg &&
	test "$(lt_color $f containerd)" = "$(lt_color after/bw-read-beegfs-64k-qd8-j4.gp containerd)" &&
	"$FIOSCOPE" render --db three.db --out cf2 --format svg --only bw \
		--colors-file pins --colors docker=#654321 2>err &&
	test "$(lt_color cf2/bw-read-beegfs-64k-qd8-j4.gp docker)" = "#654321" &&
	test "$(lt_color cf2/bw-read-beegfs-64k-qd8-j4.gp host)" = "#abcdef"
'

test_expect_success 'the templates'"'"' colors file is read; report too' '
	mkdir -p tdir && printf "containerd=#0a0b0c\n" >tdir/colors &&
	"$FIOSCOPE" render --db three.db --out tc --format svg --only bw \
		--templates tdir 2>err &&
	test "$(lt_color tc/bw-read-beegfs-64k-qd8-j4.gp containerd)" = "#0a0b0c" &&
	"$FIOSCOPE" report --db three.db --out trep --only bw \
		--templates tdir 2>err &&
	test "$(lt_color trep/bw-read-beegfs-64k-qd8-j4.gp containerd)" = "#0a0b0c" &&
	"$FIOSCOPE" report --db three.db --out frep --only bw \
		--templates tdir --colors-file pins 2>err &&
	test "$(lt_color frep/bw-read-beegfs-64k-qd8-j4.gp docker)" = "#123456" &&
	test "$(lt_color frep/bw-read-beegfs-64k-qd8-j4.gp containerd)" != "#0a0b0c" &&
	"$FIOSCOPE" render --db three.db --out none --format svg --only bw 2>err &&
	test "$(lt_color none/bw-read-beegfs-64k-qd8-j4.gp containerd)" = "$(lt_color after/bw-read-beegfs-64k-qd8-j4.gp containerd)"
'

test_expect_success 'a bad colours file: one line FILE:LINE, exit 2, nothing drawn' '
	printf "# ok\ndocker=#123456\nhost=#12345\n" >bad1 &&
	printf "docker #123456\n" >bad2 &&
	printf "=#123456\n" >bad3 &&
	printf "a,b=#123456\n" >bad4 &&
	for c in render report; do
		for b in bad1:3 bad2:1 bad3:1 bad4:1 nope; do
			test_expect_code 2 "$FIOSCOPE" $c --db three.db \
				--out bo --colors-file ${b%:*} 2>err &&
			test $(wc -l <err) = 1 &&
			grep -q "^fioscope: $b: [a-z]" err || { cat err; return 1; }
		done
	done &&
	printf "x=y\n" >tdir/colors &&
	test_expect_code 2 "$FIOSCOPE" render --db three.db --out bo \
		--templates tdir 2>err &&
	grep -q "^fioscope: tdir/colors:1: " err &&
	! test -e bo
'

test_done
