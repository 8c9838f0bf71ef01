#!/bin/sh
# Focus of this file: how the figures look, read back from the files
# (issues #14 item 6 and #17 item 2).  The SVG's text boxes are measured
# with cairo in the font they name (tests/svgboxes.py): no text outside
# the canvas, no two texts overlapping, no key sample over a key text, at
# the slide, paper and 1280x720 sizes and at --font-scale 0.75 and 1.5.
# SVG and PNG in the same proportions: the SVG rasterised (rsvg-convert)
# against gnuplot's PNG, the title's width and the ink of the whole page.
# The knobs: --theme dark, --transparent (a PNG with alpha, read with
# libpng: tests/unit/pnginfo.c), --title/--subtitle on one figure, bad
# values are usage errors.
. "$(dirname "$0")/lib.sh"

export FIOSCOPE_TEMPLATES="$TOP/templates"
BOXES="python3 $TOP/tests/svgboxes.py"
PNGINFO="$TOP/$BUILD/pnginfo"
LAYOUT="rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json"
# the figure kinds of a swept campaign (bw, iops, lat, cdf, stack,
# timeline, tl) of a few scenarios, the longest runtime name among them
PICK="--where rw=randread --where runtime=bare-metal --where runtime=kata-virtiofs-dax"
# grouped bars: one value of every key (8 clients)
BARS="--where clients=8 --only bar"

# draw DB OUT ARGS...: render into OUT, which must not exist yet
draw() {
	db=$1 out=$2
	shift 2
	"$FIOSCOPE" render --db "$db" --out "$out" "$@" 2>err &&
	ls "$out"/*.svg >/dev/null
}

# one FILE: the first slide of an observe image (FILE when it made one,
# FILE-1.EXT when the table took several)
one() {
	if test -e "${1%.*}-1.${1##*.}"; then echo "${1%.*}-1.${1##*.}"; else echo "$1"; fi
}

test_expect_success 'setup: the reference campaign, and two runtimes with short names' '
	"$FIOSCOPE" ingest --quiet --db sd.db --layout "$LAYOUT" "$TOP/sample-data" &&
	for r in 1 2; do
		mkdir -p dh/rep$r &&
		cp -r "$TOP/sample-data/rep$r/bare-metal" dh/rep$r/host &&
		cp -r "$TOP/sample-data/rep$r/runc" dh/rep$r/docker || return 1
	done &&
	"$FIOSCOPE" ingest --quiet --db dh.db --layout "$LAYOUT" dh &&
	"$FIOSCOPE" ingest --quiet --db qd.db "$FIX/shapes/qd-jobs" &&
	test "$(q dh.db "SELECT group_concat(name) FROM (SELECT DISTINCT runtime AS name FROM scenario ORDER BY 1)")" = "docker,host"
'

test_expect_success 'legend: short names (docker, host): no key sample over a key text' '
	draw dh.db dh-out --where rw=read &&
	grep -q ">docker<" dh-out/bw-read-beegfs-64k-qd8-j4.svg &&
	grep -q ">host<" dh-out/bw-read-beegfs-64k-qd8-j4.svg &&
	$BOXES dh-out/*.svg
'

test_expect_success 'legend: the check finds the overlap of the old key (width -4)' '
	mkdir old && cp "$TOP"/templates/*.gp old/ &&
	sed -i "s/width 2 font fig_keyfont/width -4 font fig_keyfont/" old/bw.gp &&
	"$FIOSCOPE" render --db dh.db --out dh-old --where rw=read \
		--templates old 2>err &&
	test_must_fail $BOXES dh-old/bw-read-beegfs-64k-qd8-j4.svg >boxes &&
	grep "key: \"docker\" under a key sample" boxes
'

for size in slide paper 1280x720; do
	test_expect_success "no text outside the canvas or overlapping: --size $size" '
		draw sd.db out-'$size' '"$PICK"' --size '$size' &&
		test "$(ls out-'$size'/*.svg | sed "s|.*/||; s/-.*//" | sort -u | tr "\n" " ")" = "bw cdf cpu iops lat stack timeline tl " &&
		$BOXES out-'$size'/*.svg &&
		draw sd.db bar-'$size' '"$BARS"' --size '$size' &&
		draw qd.db qd-'$size' --only grid,tl --size '$size' &&
		test "$(ls bar-'$size'/*.svg qd-'$size'/*.svg | sed "s|.*/||; s/-.*//" | sort -u | tr "\n" " ")" = "bar grid tl " &&
		$BOXES bar-'$size'/*.svg qd-'$size'/*.svg &&
		draw dh.db dh-'$size' --where rw=read --size '$size' &&
		$BOXES dh-'$size'/*.svg
	'
done

for scale in 0.75 1.5; do
	for size in slide 1280x720; do
		test_expect_success "--font-scale $scale at $size: no text outside or overlapping" '
			draw sd.db fs-'$scale-$size' '"$PICK"' --size '$size' \
				--font-scale '$scale' &&
			$BOXES fs-'$scale-$size'/*.svg &&
			draw sd.db fsb-'$scale-$size' '"$BARS"' --size '$size' \
				--font-scale '$scale' &&
			draw qd.db fsq-'$scale-$size' --only grid,tl --size '$size' \
				--font-scale '$scale' &&
			$BOXES fsb-'$scale-$size'/*.svg fsq-'$scale-$size'/*.svg
		'
	done
done

# ink PNG X0 Y0 X1 Y1: "x0 y0 x1 y1 n" of the ink in the region
ink() {
	"$PNGINFO" "$@" | sed -n "s/^ink //p"
}
# within A B LO HI: LO <= A / B <= HI
within() {
	awk -v a="$1" -v b="$2" -v lo="$3" -v hi="$4" \
		"BEGIN { r = a / b; print r; exit !(r >= lo && r <= hi) }"
}

# title_px DIR: the font size (px) of the bandwidth figure's title
title_px() {
	$BOXES --list "$1"/bw-read-beegfs-64k-qd8-j4.svg |
		awk "/ Read bandwidth vs clients/ { print \$1 }"
}
# xlabel_px DIR: the font size (px) of its x axis label
xlabel_px() {
	$BOXES --list "$1"/bw-read-beegfs-64k-qd8-j4.svg |
		awk "/ clients \\(log2 scale\\)\$/ { print \$1 }"
}

# The title (now naming iodepth and jobs too) is too long to grow 1.5
# times on the page: it grows until it fits; the axis label grows 1.5.
test_expect_success '--font-scale: the text grows with it, the canvas does not' '
	test "$(title_px out-slide)" = 43.2 &&
	test "$(title_px fs-0.75-slide)" = 32.4 &&
	within "$(title_px fs-1.5-slide)" 43.2 1.05 1.5 &&
	within "$(xlabel_px fs-1.5-slide)" "$(xlabel_px out-slide)" 1.45 1.5 &&
	within "$(xlabel_px fs-0.75-slide)" "$(xlabel_px out-slide)" 0.74 0.76 &&
	grep -q "width=\"1920\" height=\"1080\"" fs-1.5-slide/bw-read-beegfs-64k-qd8-j4.svg
'

test_expect_success 'SVG and PNG in the same proportions: title width, marks and lines' '
	f=out-slide/bw-read-beegfs-64k-qd8-j4 &&
	rsvg-convert -w 1920 -h 1080 -b white $f.svg -o svg.png &&
	set -- $(ink svg.png 0 0 1920 80) && sw=$(($3 - $1)) &&
	set -- $(ink $f.png 0 0 1920 80) && pw=$(($3 - $1)) &&
	within $sw $pw 0.97 1.03 &&
	set -- $(ink svg.png 0 0 1920 1080) && sn=$5 &&
	set -- $(ink $f.png 0 0 1920 1080) && pn=$5 &&
	within $sn $pn 0.85 1.15
'

test_expect_success 'the latency distribution says 0.0001%, not 1e-4%' '
	grep "^array ytic_lab" out-paper/cdf-*.gp >labs &&
	! grep "e-" labs &&
	draw sd.db deep --where rw=randread --where clients=64 --size paper &&
	$BOXES deep/cdf-*.svg
'

test_expect_success '--transparent: a PNG with alpha; without, none' '
	draw sd.db tr --where rw=read --only bw --transparent &&
	"$PNGINFO" tr/bw-read-beegfs-64k-qd8-j4.png | grep -x "alpha 1" &&
	"$PNGINFO" out-slide/bw-read-beegfs-64k-qd8-j4.png | grep -x "alpha 0" &&
	"$PNGINFO" tr/bw-read-beegfs-64k-qd8-j4.png 0 0 10 10 | grep -x "bg 0 0 0 0" &&
	! grep -q "<rect.*fill=\"#ffffff\"" tr/bw-read-beegfs-64k-qd8-j4.svg
'

test_expect_success '--theme dark: a dark page, light text, no overlap' '
	draw sd.db dark '"$PICK"' --theme dark &&
	set -- $("$PNGINFO" dark/bw-read-beegfs-64k-qd8-j4.png 0 0 10 10 | sed -n "s/^bg //p") &&
	test $1 -lt 64 && test $2 -lt 64 && test $3 -lt 64 &&
	grep -q "fill=\"rgb(232,232,232)\"" dark/bw-read-beegfs-64k-qd8-j4.svg &&
	grep -q "fig_theme = .dark." dark/bw-read-beegfs-64k-qd8-j4.gp &&
	$BOXES dark/*.svg
'

test_expect_success '--title and --subtitle name one figure: with several, exit 1 and nothing written' '
	test_expect_code 1 "$FIOSCOPE" render --db sd.db --out several \
		--where rw=read --title "Read, runc" 2>err &&
	grep "title and --subtitle name one figure, and [0-9]* are drawn" err &&
	test ! -e several
'

test_expect_success 'a subtitle under the title: the script variable every template reads' '
	mkdir sub && f=bw-read-beegfs-64k-qd8-j4 &&
	sed "s/^fig_subtitle = \"\"$/fig_subtitle = \"eight clients, 64 KiB\"/; s/^fig_formats = .*/fig_formats = \"svg\"/" \
		out-slide/$f.gp >sub/$f.gp &&
	grep -q "^fig_subtitle = \"eight" sub/$f.gp &&
	(cd sub && gnuplot $f.gp) &&
	grep -q ">eight clients, 64 KiB<" sub/$f.svg &&
	$BOXES sub/$f.svg
'

test_expect_success 'bad knob values are usage errors' '
	test_expect_code 2 "$FIOSCOPE" render --db sd.db --font-scale 3 2>err &&
	grep "font-scale" err &&
	test_expect_code 2 "$FIOSCOPE" render --db sd.db --theme blue 2>err &&
	grep "expected light or dark" err &&
	test_expect_code 2 "$FIOSCOPE" report --db sd.db --font-scale x 2>err &&
	test_expect_code 2 "$FIOSCOPE" report --db sd.db --title T 2>err
'

test_expect_success 'PNGs carry pHYs (144 dpi at 1920 px: 13.33 in) and tEXt: version, figure, selection' '
	"$PNGINFO" out-slide/bw-read-beegfs-64k-qd8-j4.png >info &&
	grep -x "phys 5669 5669 1" info &&
	grep -x "text Software fioscope $("$FIOSCOPE" --version | sed "s/^fioscope \([^ ]*\).*/\1/")" info &&
	grep -x "text Title bw-read-beegfs-64k-qd8-j4" info &&
	grep -x "text Comment scenarios where \[\[\"rw\",\"randread\"\],\[\"runtime\",\"bare-metal\"\],\[\"runtime\",\"kata-virtiofs-dax\"\]\]" info &&
	"$PNGINFO" out-1280x720/bw-read-beegfs-64k-qd8-j4.png | grep -x "phys 3780 3780 1" &&
	"$FIOSCOPE" observe --db sd.db --out obs.png &&
	"$PNGINFO" "$(one obs.png)" | grep -x "phys 5669 5669 1" &&
	"$PNGINFO" "$(one obs.png)" | grep "^text Software fioscope "
'

test_expect_success 'every PDF page 13.33 x 7.5 in at 16:9: render and observe alike' '
	draw sd.db pdf --where rw=read --where clients=8 --format pdf,svg &&
	for f in pdf/*.pdf; do
		pdfinfo $f | grep -q "^Page size: *960 x 540 pts" ||
			{ echo "$f: $(pdfinfo $f | grep Page.size)"; return 1; }
	done &&
	"$FIOSCOPE" observe --db sd.db --out obs.pdf &&
	pdfinfo "$(one obs.pdf)" | grep "^Page size: *960 x 540 pts"
'

test_expect_success 'observe --out x.jpg (or .emf): a usage error listing the formats, nothing written' '
	test_expect_code 2 "$FIOSCOPE" observe --db sd.db --out x.jpg 2>err &&
	grep "unknown format .jpg.; the formats: txt, md, csv, json, html, svg, png, pdf" err &&
	test ! -e x.jpg &&
	test_expect_code 2 "$FIOSCOPE" observe --db sd.db --out x.emf 2>err &&
	test ! -e x.emf &&
	"$FIOSCOPE" observe --db sd.db --out x.emf --format csv &&
	head -1 x.emf | grep -q ,
'

test_expect_success 'per-job logs (numjobs 2, group_reporting): the timeline says they are summed or averaged' '
	cp -r "$FIX/joblogs" jl &&
	"$FIOSCOPE" ingest --quiet --db jl.db jl &&
	test "$(q jl.db "SELECT count(DISTINCT job) FROM log_sample WHERE kind = '"'bw'"'")" = 2 &&
	draw jl.db jl-out &&
	grep "^fig_note = .*up to 2 job logs per run: bandwidth and IOPS summed, latency averaged" jl-out/timeline-*.gp &&
	grep -q ">.*up to 2 job logs per run: bandwidth and IOPS summed, latency averaged<" jl-out/timeline-*.svg &&
	$BOXES jl-out/*.svg &&
	! grep -l "job logs per run" out-slide/timeline-*.gp
'

# bar_x SVG N: the x of the first vertical segment of plot group Na (the
# error bars of the panel's N-th series)
bar_x() {
	awk -v g="gnuplot_plot_$2a" '
		/<g id="/ { cur = $0; sub(/.*<g id="/, "", cur); sub(/".*/, "", cur) }
		cur == g && match($0, /M[0-9.]+,[0-9.]+ L[0-9.]+,[0-9.]+/) {
			split(substr($0, RSTART + 1, RLENGTH - 1), a, /[, L]+/)
			if (a[1] == a[3]) { print a[1]; exit }
		}' "$1"
}

test_expect_success 'error bars of several series at one x side by side; a mark where one leaves the chart' '
	mkdir dodge && f=bw-read-beegfs-64k-qd8-j4 &&
	cp dh-slide/$f.gp dodge/ &&
	sed -i "s/^fig_formats = .*/fig_formats = \"svg\"/; s/^1 66.1094 0\$/1 66.1094 90/; s/^1 67.1005 0\$/1 67.1005 30/" dodge/$f.gp &&
	grep -q "^1 66.1094 90" dodge/$f.gp && grep -q "^1 67.1005 30" dodge/$f.gp &&
	(cd dodge && gnuplot $f.gp) &&
	x1=$(bar_x dodge/$f.svg 1) && x2=$(bar_x dodge/$f.svg 2) &&
	echo "bars at $x1 and $x2" &&
	awk -v a="$x1" -v b="$x2" "BEGIN { d = b - a; exit !(d > 15 && d < 40) }" &&
	grep -q "<use xlink:href=.#gpPt10. transform=.translate(" dodge/$f.svg &&
	grep -q ">.*triangle on the axis: the interval reaches below 0<" dodge/$f.svg &&
	! grep -q "<use xlink:href=.#gpPt10. transform=.translate(" dh-slide/$f.svg &&
	$BOXES dodge/$f.svg &&
	# each format is a pass of the same script: the note is said once
	# in the last one too (it once grew by a sentence per pass)
	sed -i "s/^fig_formats = .*/fig_formats = \"svg pdf\"/" dodge/$f.gp &&
	(cd dodge && gnuplot $f.gp) &&
	pdftotext dodge/$f.pdf - | tr "\n" " " >note &&
	test "$(grep -o "triangle on the axis" note | wc -l)" = 1
'

test_expect_success 'observe images take the knobs: --theme dark, --transparent, --font-scale' '
	"$FIOSCOPE" observe --db sd.db --out o-dark.png --theme dark &&
	set -- $("$PNGINFO" "$(one o-dark.png)" 0 0 10 10 | sed -n "s/^bg //p") &&
	test $1 -lt 64 && test $2 -lt 64 && test $3 -lt 64 &&
	"$FIOSCOPE" observe --db sd.db --out o-tr.png --transparent &&
	"$PNGINFO" "$(one o-tr.png)" | grep -x "alpha 1" &&
	"$PNGINFO" "$(one o-tr.png)" 0 0 10 10 | grep -x "bg 0 0 0 0" &&
	"$PNGINFO" "$(one obs.png)" | grep -x "alpha 0" &&
	"$FIOSCOPE" observe --db sd.db --out o.svg &&
	"$FIOSCOPE" observe --db sd.db --out o-big.svg --font-scale 1.5 &&
	"$FIOSCOPE" observe --db sd.db --out o-small.svg --font-scale 0.75 &&
	"$FIOSCOPE" observe --db sd.db --out o-big.png --font-scale 1.5 &&
	"$PNGINFO" o-big-1.png | grep -x "size 1920 1080" &&
	s1=$(sed -n "s/.*transform=\"translate([^)]*) scale(\([0-9.]*\))\".*/\1/p" "$(one o.svg)") &&
	sb=$(sed -n "s/.*transform=\"translate([^)]*) scale(\([0-9.]*\))\".*/\1/p" o-big-1.svg) &&
	ss=$(sed -n "s/.*transform=\"translate([^)]*) scale(\([0-9.]*\))\".*/\1/p" "$(one o-small.svg)") &&
	echo "text scale: $s1, at 1.5: $sb, at 0.75: $ss" &&
	within $sb $s1 1.2 1.5 &&
	within $ss $s1 0.74 0.76 &&
	test_expect_code 2 "$FIOSCOPE" observe --db sd.db --out o.png --theme x
'

test_done
