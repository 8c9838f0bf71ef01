#!/bin/sh
# Focus of this file: fioscope render on real fixtures and on a synthetic
# store (tests/golden/render-synth.sql): every figure is written as SVG,
# PNG and a self-contained .gp; the SVG is well-formed and names every
# runtime of its data; the PNG has the requested size; one .gp matches its
# golden file and every kind of .gp redraws its SVG byte for byte.
# Plan: options and usage errors; fixtures; synthetic store and golden;
# formats and sizes; --where; templates.  (Hostile labels and a missing
# gnuplot: t4100-render-robust.sh.)
. "$(dirname "$0")/lib.sh"
# the repository's templates, whatever an installed copy holds
FIOSCOPE_TEMPLATES="$TOP/templates"
export FIOSCOPE_TEMPLATES

L='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
GOLD="$TOP/tests/golden"

# svgs_ok DIR: every SVG in DIR is well-formed XML
svgs_ok() {
	n=0
	for f in "$1"/*.svg; do
		xmllint --noout "$f" || return 1
		n=$((n + 1))
	done
	test $n -gt 0
}
# pngs_are DIR W H: every PNG in DIR decodes as W x H
pngs_are() {
	n=0
	for f in "$1"/*.png; do
		file "$f" | grep -q "PNG image data, $2 x $3," || {
			file "$f"; return 1; }
		n=$((n + 1))
	done
	test $n -gt 0
}
# complete DIR EXT...: every .gp has its images and every image its .gp
complete() {
	d=$1
	shift
	for g in "$d"/*.gp; do
		for e in "$@"; do
			test -s "${g%.gp}.$e" || { echo "no ${g%.gp}.$e"; return 1; }
		done
	done
	for e in "$@"; do
		for f in "$d"/*."$e"; do
			test -f "${f%.*}.gp" || { echo "no .gp for $f"; return 1; }
		done
	done
}
# in_svg FILE NAME...: each NAME is a text of the SVG
in_svg() {
	f=$1
	shift
	for n in "$@"; do
		grep -q ">$n<" "$f" || { echo "$f does not name '$n'"; return 1; }
	done
}
# redraws DIR NAME: NAME.gp alone in a new directory redraws NAME.svg
redraws() {
	rm -rf redraw && mkdir redraw && cp "$1/$2.gp" redraw/ &&
	(cd redraw && gnuplot "$2.gp") &&
	sed '/<desc>Produced by GNUPLOT/d' "$1/$2.svg" >want.svg &&
	sed '/<desc>Produced by GNUPLOT/d' "redraw/$2.svg" >got.svg &&
	test_cmp want.svg got.svg && test -s "redraw/$2.png"
}

test_expect_success 'render --help exits 0 and writes only to stdout' '
	"$FIOSCOPE" render --help >out 2>err &&
	grep -q "^usage: fioscope render" out && ! test -s err &&
	fioscope-render --help >out && grep -q "^usage: fioscope render" out
'

for bad in "--bogus" "--format gif" "--format svg,,png" "--size 10x10" \
	   "--size huge" "--where bs" "--where bs=64q" "--where ddir=up" \
	   "--where a/b=1" "--jobs 0" "extra"; do
	test_expect_success "render $bad: usage error (2)" "
		test_expect_code 2 \"\$FIOSCOPE\" render $bad >out 2>err &&
		! test -s out && test \$(wc -l <err) = 2 &&
		grep -q \"^Try 'fioscope render --help' for more information.\\\$\" err
	"
done

test_expect_success 'usage errors say what is wrong' '
	test_expect_code 2 "$FIOSCOPE" render --where bs=64q 2>err &&
	grep -qx "fioscope render: --where: bs: '"'"'64q'"'"' is not a block size" err &&
	test_expect_code 2 fioscope-render --size 10x10 2>err &&
	grep -q "^fioscope-render: --size: expected slide, paper or WxH" err &&
	grep -q "^Try '"'"'fioscope-render --help'"'"'" err
'

test_expect_success 'no store: exit 1, one message' '
	test_expect_code 1 "$FIOSCOPE" render --db nope.db --out o 2>err &&
	test $(wc -l <err) = 1 && grep -q "^fioscope: nope.db: " err &&
	! test -e o
'

test_expect_success 'setup: ingest the fixtures (tree and fio3 with logs)' '
	"$FIOSCOPE" ingest --db fx.db --keep-unmatched --layout "$L" "$FIX/tree" "$FIX/fio3" \
		2>/dev/null &&
	test "$(q fx.db "SELECT count(*) FROM log_sample")" -gt 0 &&
	test "$(q fx.db "SELECT count(*) FROM snapshot")" -gt 0
'

test_expect_success 'fixtures: render exits 0 and says how many figures' '
	"$FIOSCOPE" render --db fx.db --out fx >out 2>err &&
	! test -s out && cat err &&
	n=$(ls fx/*.gp | wc -l) &&
	grep -qx "fioscope: drew $n figures in fx" err
'

test_expect_success 'fixtures: every kind of figure is there' '
	for k in bw-bs-read iops-bs-read bar-bw-write bar-iops-write \
		 bar-lat-write stack lat-bs-read cdf-read cdf-write timeline \
		 tl-iodepth grid-iodepth-numjobs; do
		ls fx/$k-*.svg >/dev/null || return 1
	done &&
	test -f fx/bw-bs-read-beegfs-2c.svg &&
	test -f fx/bar-lat-write-beegfs-4k-2c.svg &&
	test -f fx/cdf-read-beegfs-64k-randread-2c.svg &&
	test -f fx/timeline-runc-beegfs-4k-write-2c.svg
'

test_expect_success 'fixtures: each figure has .gp, .svg and .png, nothing else' '
	complete fx svg png &&
	test -z "$(ls fx | grep -v "\.\(gp\|svg\|png\)\$")" &&
	! ls fx/*.pdf 2>/dev/null
'

test_expect_success 'fixtures: every SVG is well-formed XML' 'svgs_ok fx'

test_expect_success 'fixtures: every PNG is 1920 x 1080 (slide)' '
	pngs_are fx 1920 1080
'

test_expect_success 'fixtures: figures name the runtimes of their data' '
	for f in bw-bs-read-beegfs-2c bar-bw-write-beegfs-4k-2c lat-bs-read-beegfs-2c \
		 stack-read-beegfs-4k-randread-2c cdf-write-beegfs-4k-write-2c; do
		in_svg fx/$f.svg bare-metal runc || return 1
	done &&
	in_svg fx/stack-read-beegfs-64k-randread-2c.svg bare-metal &&
	! grep -q ">runc<" fx/stack-read-beegfs-64k-randread-2c.svg
'

test_expect_success 'fixtures: fio logs and status-interval snapshots drawn' '
	grep -q "^\$series << EOD" fx/timeline-4k-randrw-1c-qd4-j2.gp &&
	grep -q "^# randrw-logs in randrw-logs.json #1, write: time (s), IOPS" \
		fx/timeline-4k-randrw-1c-qd4-j2.gp &&
	grep -q "^fig_note = \"repetition 2 of 4, closest to the median bandwidth; " \
		fx/timeline-4k-randread-1c.gp &&
	# #20: that scenario draws its median repetition; the snapshots alone
	"$FIOSCOPE" ingest --quiet --db si.db "$FIX/fio3/jsonplus-status-interval.json" &&
	"$FIOSCOPE" render --db si.db --out si --only timeline 2>/dev/null &&
	grep -q "^# statusint in jsonplus-status-interval.json, read: time" \
		si/timeline-*.gp
'

test_expect_success 'setup: the synthetic store' '
	sqlite3 syn.db <"$TOP/schema/fioscope.sql" &&
	sqlite3 syn.db <"$GOLD/render-synth.sql" &&
	test "$(q syn.db "SELECT count(*) FROM scenario")" = 120
'

test_expect_success 'synthetic: bs 1m, 4 and 16 clients, svg+png+pdf' '
	"$FIOSCOPE" render --db syn.db --out syn --where bs=1m \
		--where clients=4 --where clients=16 --format svg,png,pdf \
		2>err && cat err &&
	complete syn svg png pdf && svgs_ok syn && pngs_are syn 1920 1080 &&
	for f in syn/*.pdf; do
		head -c 5 "$f" | grep -q "^%PDF-" || return 1
	done
'

test_expect_success 'synthetic: each SVG names every runtime of its data' '
	for f in syn/bw-*.svg syn/lat-*.svg syn/cdf-*.svg syn/stack-*.svg; do
		b=$(basename "$f" .svg) &&
		case $b in
		bw-bs-*|lat-bs-*) d=$(echo $b | cut -d- -f3) &&
			w="bs = 1048576 AND clients = $(echo $b | cut -d- -f5 | tr -d c)" ;;
		bw-*|lat-*) d=$(echo $b | cut -d- -f2) &&
			w="bs = 1048576 AND clients IN (4, 16)" ;;
		*) d=$(echo $b | cut -d- -f2) &&
			w="bs = 1048576 AND rw = '"'"'$(echo $b | cut -d- -f5)'"'"' AND clients = $(echo $b | cut -d- -f6 | tr -d c)" ;;
		esac &&
		q syn.db "SELECT DISTINCT runtime FROM scenario_stats WHERE ddir = '"'"'$d'"'"' AND $w" >rts &&
		test $(wc -l <rts) = 5 &&
		for rt in $(cat rts); do
			grep -q "$rt<" "$f" || { echo "$f: no $rt"; return 1; }
		done || return 1
	done
'

test_expect_success 'synthetic: approximate latency is marked with ~' '
	in_svg syn/lat-write-beegfs-1m.svg "~kata-9p" &&
	grep -q "~ approximate: no json+ bins" syn/lat-write-beegfs-1m.svg &&
	in_svg syn/lat-read-beegfs-1m.svg kata-9p &&
	! grep -q "~kata-9p" syn/lat-read-beegfs-1m.svg &&
	grep -q "not shown, no json+ bins: kata-9p" \
		syn/cdf-write-beegfs-1m-write-16c.svg
'

test_expect_success 'synthetic: block-size sweep figures, log2 axis' '
	"$FIOSCOPE" render --db syn.db --out sweep --where clients=4 \
		--where rw=randread --where runtime=runc --where runtime=bare-metal \
		2>/dev/null &&
	test -f sweep/bw-bs-read-beegfs-4c.svg &&
	test -f sweep/lat-bs-read-beegfs-4c.svg &&
	grep -q "^array xtic_lab\[2\] = \[.4k., .1m.\]" sweep/bw-bs-read-beegfs-4c.gp &&
	grep -q "^set logscale x 2" sweep/bw-bs-read-beegfs-4c.gp
'

# FSC_REGEN_GOLDEN=1 sh tests/t4000-render.sh rewrites the golden file
# (then review it with git diff).
test_expect_success 'golden: bw-read-beegfs-1m.gp' '
	sed "s/(fioscope [0-9][0-9.]*,/(fioscope VERSION,/" \
		syn/bw-read-beegfs-1m.gp >got.gp &&
	if test -n "${FSC_REGEN_GOLDEN:-}"; then
		cp got.gp "$GOLD/render-bw-read-beegfs-1m.gp"
	fi &&
	test_cmp "$GOLD/render-bw-read-beegfs-1m.gp" got.gp
'

for f in bw-read-beegfs-1m stack-write-beegfs-1m-randwrite-16c \
	 lat-read-beegfs-1m cdf-read-beegfs-1m-randread-4c \
	 timeline-kata-virtiofs-beegfs-1m-write-16c; do
	test_expect_success "gnuplot $f.gp alone redraws its SVG" "
		redraws syn $f
	"
done
test_expect_success 'a timeline with logs redraws too' '
	redraws fx timeline-4k-randrw-1c-qd4-j2
'

test_expect_success '--size 800x600 and paper' '
	"$FIOSCOPE" render --db fx.db --out small --size 800x600 \
		--where backend=beegfs --format png 2>/dev/null &&
	pngs_are small 800 600 && ! ls small/*.svg 2>/dev/null &&
	"$FIOSCOPE" render --db fx.db --out paper --size paper \
		--where backend=beegfs --where bs=64k 2>/dev/null &&
	pngs_are paper 1200 800 &&
	grep -q "^fig_width = 1200\$" paper/bar-bw-read-beegfs-64k-2c.gp
'

test_expect_success '--where: keys combine, values of one key are alternatives' '
	"$FIOSCOPE" render --db syn.db --out w --where runtime=runc \
		--where bs=4096 --where rw=write --where rw=read 2>/dev/null &&
	ls w | sed -n "s/^timeline-\(.*\)\.gp\$/\1/p" >got &&
	printf "%s\n" runc-beegfs-4k-read-16c runc-beegfs-4k-read-1c \
		runc-beegfs-4k-read-4c runc-beegfs-4k-write-16c \
		runc-beegfs-4k-write-1c runc-beegfs-4k-write-4c >want &&
	test_cmp want got &&
	! grep -l "bare-metal<" w/*.svg
'

test_expect_success '--where ddir=write; a value that matches nothing; a key the store lacks' '
	"$FIOSCOPE" render --db syn.db --out dw --where ddir=write \
		--where clients=1 --where bs=4k 2>/dev/null &&
	! ls dw | grep -q -- "-read-" &&
	test_expect_code 1 "$FIOSCOPE" render --db syn.db --out none \
		--where runtime=nope 2>err &&
	grep -qx "fioscope: syn.db: no scenario to draw matches --where" err &&
	! test -e none &&
	test_expect_code 2 "$FIOSCOPE" render --db syn.db --out none \
		--where site=lab 2>err &&
	grep -q "^fioscope render: --where: unknown key '"'"'site'"'"'; keys: runtime, backend, rw, bs, clients, iodepth, numjobs, ddir" err &&
	test $(wc -l <err) = 2 && ! test -e none
'

test_expect_success '--jobs 1 and --jobs 2 draw the same bytes' '
	"$FIOSCOPE" render --db fx.db --out j1 --jobs 1 --format svg 2>/dev/null &&
	"$FIOSCOPE" render --db fx.db --out j2 --jobs 2 --format svg 2>/dev/null &&
	for f in j1/*.svg; do
		sed "/<desc>Produced/d" "$f" >a && sed "/<desc>Produced/d" \
			"j2/${f#j1/}" >b && cmp -s a b || { echo "$f"; return 1; }
	done
'

test_expect_success '--templates: an edited style comes first' '
	mkdir mytmpl && sed "s/#E69F00/#123456/" "$TOP/templates/style.gp" \
		>mytmpl/style.gp &&
	"$FIOSCOPE" render --db fx.db --out t1 --templates mytmpl \
		--where runtime=runc --where bs=4k --format svg 2>/dev/null &&
	grep -q "#123456" t1/bar-bw-read-beegfs-4k-2c.gp &&
	grep -q "rgb( 18,  52,  86)" t1/bar-bw-read-beegfs-4k-2c.svg &&
	grep -q "plot for \[s = 1:nseries\] \$bars" t1/bar-bw-read-beegfs-4k-2c.gp
'

test_expect_success '$FIOSCOPE_TEMPLATES is used after --templates' '
	mkdir envtmpl && sed "s/#E69F00/#654321/" "$TOP/templates/style.gp" \
		>envtmpl/style.gp &&
	FIOSCOPE_TEMPLATES=envtmpl "$FIOSCOPE" render --db fx.db --out t2 \
		--where runtime=runc --where bs=4k --format svg 2>/dev/null &&
	grep -q "#654321" t2/bar-bw-read-beegfs-4k-2c.gp &&
	FIOSCOPE_TEMPLATES=envtmpl "$FIOSCOPE" render --db fx.db --out t3 \
		--templates mytmpl --where runtime=runc --where bs=4k \
		--format svg 2>/dev/null &&
	grep -q "#123456" t3/bar-bw-read-beegfs-4k-2c.gp
'

test_expect_success 'build/fioscope finds the repository templates by itself' '
	if test -d /usr/local/share/fioscope/templates; then
		echo "an installed copy comes first: not checked"
	else
		env -u FIOSCOPE_TEMPLATES "$FIOSCOPE" render --db fx.db \
			--out t6 --where bs=64k --format svg 2>/dev/null &&
		tail -n +20 t6/cdf-read-beegfs-64k-randread-2c.gp >got &&
		tail -n +20 fx/cdf-read-beegfs-64k-randread-2c.gp >want &&
		test_cmp want got
	fi
'

test_expect_success 'a missing --templates directory' '
	test_expect_code 1 "$FIOSCOPE" render --db fx.db --out t4 \
		--templates nodir 2>err &&
	grep -qx "fioscope: nodir: --templates: not a directory" err &&
	! test -e t4
'

test_done
