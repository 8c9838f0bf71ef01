#!/bin/sh
# Focus of this file: the observations table drawn with cairo: PNG, SVG
# and PDF decode, are exactly the --size canvas (1920x1080 by default; a
# table too big is split into numbered slides of that size), and show
# every runtime column.  Pixels are not compared (fonts and cairo
# versions differ); the SVG's text layer is.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/observe-lib.sh"

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk
png_size() {
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))x$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}
RTS="bare-metal runc kata-9p kata-virtiofs kata-virtiofs-dax"

test_expect_success 'setup: five runtimes, two patterns, three client counts' '
	for rt in $RTS; do
		v=1000
		case $rt in runc) v=990 ;; kata-9p) v=450 ;; kata-virtiofs) v=700 ;;
		kata-virtiofs-dax) v=1120 ;; esac
		for c in 1 8 64; do
			mk_clients s.db $rt read $c $v && mk_clients s.db $rt write $c $((v - c)) ||
				return 1
		done
	done
'

test_expect_success 'PNG: a 1920x1080 RGB image' '
	"$FIOSCOPE" observe --db s.db --out t.png 2>err && ! test -s err &&
	test "$(head -c 8 t.png | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a &&
	test "$(png_size t.png)" = 1920x1080 &&
	test "$(wc -c <t.png)" -gt 20000
'

test_expect_success 'SVG: well-formed XML, every runtime column in its text' '
	"$FIOSCOPE" observe --db s.db --format svg --out t.svg &&
	xmllint --noout t.svg &&
	for rt in $RTS; do
		grep -q ">$rt</text>" t.svg || { echo "no $rt"; return 1; }
	done &&
	grep -q "<title>Bandwidth relative to bare-metal</title>" t.svg &&
	grep -q "width=\"1920\(pt\)\?\" height=\"1080\(pt\)\?\"" t.svg &&
	grep -q ">0.45x</text>" t.svg && grep -q ">outperforms</text>" t.svg
'

test_expect_success 'PDF: one page, titled' '
	"$FIOSCOPE" observe --db s.db --out t.pdf &&
	test "$(head -c 5 t.pdf)" = "%PDF-" &&
	tail -c 8 t.pdf | grep -q "%%EOF" &&
	test "$(grep -ac "/Type /Page\$\|/Type /Page[^s]" t.pdf)" -ge 1 &&
	grep -aq "Bandwidth relative to bare-metal" t.pdf
'

test_expect_success 'an image format without --out goes to output/observations.FORMAT' '
	"$FIOSCOPE" observe --db s.db --format png &&
	test "$(png_size output/observations.png)" = 1920x1080 &&
	"$FIOSCOPE" observe --db s.db --format svg && xmllint --noout output/observations.svg
'

test_expect_success '--title, and the latency legend' '
	"$FIOSCOPE" observe --db s.db --metric p99 --title "Tail latency, BeeGFS" --out l.svg &&
	grep -q "<title>Tail latency, BeeGFS</title>" l.svg &&
	grep -q ">latency ratio to bare-metal</text>" l.svg
'

test_expect_success 'SVG: hostile runtime names escaped' '
	mk_clients h.db bare-metal read 1 1000 && mk_clients h.db "<b>x</b>" read 1 1100 &&
	mk_clients h.db "a&b" read 1 900 &&
	"$FIOSCOPE" observe --db h.db --out h.svg && xmllint --noout h.svg &&
	grep -q ">&lt;b&gt;x&lt;/b&gt;</text>" h.svg && grep -q ">a&amp;b</text>" h.svg
'

test_expect_success 'a long table: numbered slides, each 1920x1080' '
	for c in $(seq 1 24); do
		mk_clients big.db bare-metal read $c 1000 && mk_clients big.db runc read $c 990 ||
			return 1
	done &&
	"$FIOSCOPE" observe --db big.db --out big.png &&
	! test -e big.png && test -s big-1.png && test -s big-2.png &&
	for f in big-*.png; do
		test "$(png_size $f)" = 1920x1080 || return 1
	done &&
	"$FIOSCOPE" observe --db big.db --out big.svg &&
	for f in big-*.svg; do xmllint --noout $f || return 1; done &&
	grep -q "slide 1 of" big-1.svg &&
	test $(ls big-*.png | wc -l) = $(ls big-*.svg | wc -l)
'

# pdf_size FILE: the first page's "WIDTHxHEIGHT" in points (a pixel of the
# canvas is half a point: 144 px per inch, 1920x1080 is 13.33 x 7.5 in), by pdfinfo
# when poppler-utils is installed, else from cairo's /MediaBox
pdf_size() {
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$1" | sed -n "s/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1x\2/p"
	else
		grep -a -m1 -o "/MediaBox \[ *0 0 [0-9.]* [0-9.]* *\]" "$1" |
			sed "s/.*0 0 \([0-9.]*\) \([0-9.]*\).*/\1x\2/"
	fi
}

test_expect_success '--size WxH and paper: PNG, SVG and PDF of exactly that canvas' '
	"$FIOSCOPE" observe --db s.db --size 1280x720 --out x.png &&
	test "$(png_size x.png)" = 1280x720 &&
	"$FIOSCOPE" observe --db s.db --size paper --out p.png &&
	test "$(png_size p.png)" = 1200x800 &&
	"$FIOSCOPE" observe --db s.db --size 1280x720 --out x.svg &&
	xmllint --noout x.svg &&
	grep -q "<svg[^>]* width=\"1280\(pt\)\?\" height=\"720\(pt\)\?\"" x.svg &&
	for rt in $RTS; do
		grep -q ">$rt</text>" x.svg || { echo "no $rt"; return 1; }
	done &&
	"$FIOSCOPE" observe --db s.db --size paper --out p.svg &&
	xmllint --noout p.svg &&
	grep -q "<svg[^>]* width=\"1200\(pt\)\?\" height=\"800\(pt\)\?\"" p.svg &&
	"$FIOSCOPE" observe --db s.db --size 1280x720 --out x.pdf &&
	test "$(pdf_size x.pdf)" = 640x360 &&
	"$FIOSCOPE" observe --db s.db --size paper --out p.pdf &&
	test "$(pdf_size p.pdf)" = 600x400 &&
	"$FIOSCOPE" observe --db s.db --size slide --out s.png &&
	test "$(png_size s.png)" = 1920x1080
'

test_expect_success '--size: the smallest and a tall canvas keep their size' '
	"$FIOSCOPE" observe --db s.db --size 200x150 --out tiny.png &&
	for f in tiny*.png; do
		test "$(png_size $f)" = 200x150 || { echo "$f: $(png_size $f)"; return 1; }
	done &&
	"$FIOSCOPE" observe --db s.db --size 800X2000 --out tall.png &&
	for f in tall*.png; do
		test "$(png_size $f)" = 800x2000 || { echo "$f: $(png_size $f)"; return 1; }
	done
'

test_expect_success 'a table too big for 1280x720: numbered slides, each 1280x720' '
	"$FIOSCOPE" observe --db s.db --size 1280x720 --out one.png &&
	test -s one.png &&
	"$FIOSCOPE" observe --db big.db --size 1280x720 --out b7.png &&
	! test -e b7.png && test -s b7-1.png && test -s b7-2.png &&
	n720=$(ls b7-*.png | wc -l) && n1080=$(ls big-*.png | wc -l) &&
	test $n720 -gt $n1080 &&
	for f in b7-*.png; do
		test "$(png_size $f)" = 1280x720 || { echo "$f: $(png_size $f)"; return 1; }
	done &&
	"$FIOSCOPE" observe --db big.db --size 1280x720 --out b7.svg &&
	test $(ls b7-*.svg | wc -l) = $n720 &&
	for f in b7-*.svg; do
		xmllint --noout $f &&
		grep -q "<svg[^>]* width=\"1280\(pt\)\?\" height=\"720\(pt\)\?\"" $f &&
		grep -q "slide [0-9]* of $n720" $f || { echo "$f"; return 1; }
	done &&
	"$FIOSCOPE" observe --db big.db --size 1280x720 --out b7.pdf &&
	test $(ls b7-*.pdf | wc -l) = $n720 &&
	for f in b7-*.pdf; do
		test "$(pdf_size $f)" = 640x360 || { echo "$f: $(pdf_size $f)"; return 1; }
	done
'

test_expect_success 'a bad --size: usage error 2, the message render gives' '
	for bad in 10x10 huge 1920x 1920x1080x 10001x800 800x149 ""; do
		test_expect_code 2 "$FIOSCOPE" observe --db s.db --size "$bad" \
			--out bad.png 2>obs.err &&
		test_expect_code 2 "$FIOSCOPE" render --db s.db --size "$bad" \
			--out badr 2>ren.err &&
		sed "s/^fioscope observe:/fioscope CMD:/; s/observe --help/CMD --help/" obs.err >o &&
		sed "s/^fioscope render:/fioscope CMD:/; s/render --help/CMD --help/" ren.err >r &&
		test_cmp r o || return 1
	done &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --size huge 2>obs.err &&
	grep -qx "fioscope observe: --size: expected slide, paper or WxH (200x150 to 10000x10000), not '"'"'huge'"'"'" obs.err
'

test_expect_success 'an image that cannot be written: exit 1, the path named' '
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --out nodir/t.png 2>err &&
	grep -qx "fioscope: nodir/t.png: cannot write: No such file or directory" err &&
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --out nodir/t.svg 2>err &&
	grep -q "^fioscope: nodir/t.svg: " err &&
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --out nodir/t.pdf 2>err &&
	grep -qx "fioscope: nodir/t.pdf: cannot write: No such file or directory" err
'

test_done
