#!/bin/sh
# Focus of this file: fioscope slides (#17): the PDF deck (one 16:9 page a
# slide, every title and finding readable as text), the PPTX deck (converted
# by LibreOffice to as many pages with the same titles; speaker notes hold
# the findings; the package as OPC and PresentationML require it, checked by
# tests/ooxml-check.py; each picture its PNG and its SVG), on the three campaign shapes; --theme dark (pages,
# text and figures dark in both decks), --font-scale and --transparent
# passed to the figures, --size refused; --only and --where; bad input
# leaves no deck and no temporary file.
. "$(dirname "$0")/lib.sh"

export FIOSCOPE_TEMPLATES="$TOP/templates"
mkdir -p tmp && TMPDIR="$TRASH/tmp" && export TMPDIR
HOME="$TRASH" && export HOME	# LibreOffice's profile
SHAPES="$FIX/shapes"
PNGINFO="$TOP/$BUILD/pnginfo"
OOXML="$TOP/tests/ooxml-check.py"

# titles ERR: the slide titles of a slide list on stderr, one a line
titles() { sed -n 's/^slide [0-9]*: [a-z]*: //p' "$1"; }
# pdftext PDF [PAGE]: the text of a PDF (or of one page) on one line
pdftext() {
	if [ $# = 2 ]; then pdftotext -f "$2" -l "$2" "$1" -; else pdftotext "$1" -; fi |
		tr '\n\f' '  ' | tr -s ' '
}
# findings DB: the findings of observe (bw and p99), one a line
findings() {
	for m in bw p99; do
		"$FIOSCOPE" observe --db "$1" --metric $m --format json >f.json &&
		sqlite3 :memory: "SELECT json_extract(value, '\$.text') FROM
			json_each(readfile('f.json'), '\$.findings')" || return 1
	done
}
# check_pdf DB PDF ERR: pages = slide list, 16:9, titles and findings found
check_pdf() {
	n=$(grep -c "^slide [0-9]*: " "$3") &&
	test "$n" -ge 5 &&
	test "$(pdfinfo "$2" | sed -n 's/^Pages: *//p')" = "$n" &&
	pdfinfo -f 1 -l "$n" "$2" | grep "^Page.* size:" >sizes &&
	test "$(wc -l <sizes)" = "$n" &&
	! grep -v "size: *960 x 540 pts" sizes &&
	i=0 && titles "$3" >titles &&
	while IFS= read -r t; do
		i=$((i + 1))
		pdftext "$2" $i | grep -qF "$t" ||
			{ echo "page $i lacks its title: $t"; return 1; }
	done <titles &&
	pdftext "$2" >all.txt && findings "$1" >f.txt &&
	while IFS= read -r f; do
		grep -qF "$f" all.txt || { echo "finding not in the deck: $f"; return 1; }
	done <f.txt
}
# check_pptx DB PPTX ERR: LibreOffice makes as many pages with the titles;
# the notes hold every finding; one picture a figure slide, its PNG with
# its SVG (svgBlip; ooxml-check.py resolves them)
check_pptx() {
	n=$(grep -c "^slide [0-9]*: " "$3") &&
	rm -rf lo && mkdir lo &&
	soffice --headless --convert-to pdf --outdir lo "$2" >lo.log 2>&1 &&
	pdf=lo/$(basename "$2" .pptx).pdf &&
	test "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" = "$n" &&
	pdftext "$pdf" >lo.txt && titles "$3" >titles &&
	while IFS= read -r t; do
		grep -qF "$t" lo.txt || { echo "LibreOffice lost the title: $t"; return 1; }
	done <titles &&
	python3 "$OOXML" "$2" &&
	rm -rf x && mkdir x && (cd x && unzip -q "../$2") &&
	for f in x/ppt/slides/*.xml x/ppt/notesSlides/*.xml x/ppt/*.xml; do
		xmllint --noout "$f" || return 1
	done &&
	: >notes.txt &&
	for f in x/ppt/notesSlides/notesSlide*.xml; do
		xmllint --xpath 'string(//*[local-name()="txBody"])' "$f" >>notes.txt &&
		echo >>notes.txt
	done &&
	findings "$1" >f.txt &&
	while IFS= read -r f; do
		grep -qF "$f" notes.txt || { echo "finding not in the notes: $f"; return 1; }
	done <f.txt &&
	pics=$(grep -c "^slide [0-9]*: \(figure\|timeline\|observations\): " "$3") &&
	test "$(ls x/ppt/media/*.png | wc -l)" = "$pics" &&
	test "$(ls x/ppt/media/*.svg | wc -l)" = "$pics" &&
	test "$(ls x/ppt/media | wc -l)" = $((2 * pics)) &&
	test "$(cat x/ppt/slides/*.xml | grep -o "<p:pic>" | wc -l)" = "$pics" &&
	test "$(cat x/ppt/slides/*.xml | grep -o "<asvg:svgBlip " | wc -l)" = "$pics" &&
	for f in x/ppt/media/*.svg; do
		test "$(xmllint --xpath "local-name(/*)" "$f")" = svg || return 1
	done
}

test_expect_success 'ingest sample-data and the two other campaign shapes' '
	"$FIOSCOPE" ingest --db s.db --layout "rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" "$TOP/sample-data" 2>err &&
	"$FIOSCOPE" ingest --db bs.db --layout "{backend}-{rw}/{clients}/{client}/{bs}.json" "$SHAPES/bs-sweep" 2>err &&
	"$FIOSCOPE" ingest --db qd.db "$SHAPES/qd-jobs" 2>err &&
	test "$(q qd.db "SELECT count(*) FROM scenario")" -gt 1
'

for db in s bs qd; do
	test_expect_success "$db: the PDF deck: a 16:9 page a slide, titles and findings as text" "
		\"\$FIOSCOPE\" slides --db $db.db --out $db.pdf 2>$db.err &&
		grep -q '^fioscope: wrote $db.pdf: [0-9]* slides' $db.err &&
		check_pdf $db.db $db.pdf $db.err
	"
	test_expect_success "$db: the order of a talk: title, coverage, run, figures, tables, findings, provenance" "
		sed -n 's/^slide [0-9]*: \([a-z]*\): .*/\1/p' $db.err | uniq >order &&
		tr '\n' ' ' <order >o && cat o &&
		grep -qx 'title coverage timeline figure \(observations \)\{0,1\}findings provenance ' o
	"
	test_expect_success "$db: the PPTX deck converts in LibreOffice; notes hold the findings" "
		\"\$FIOSCOPE\" slides --db $db.db --out $db.pptx 2>$db.perr &&
		test_cmp $db.err $db.perr || { sed 's/pdf/pptx/' $db.err >e && test_cmp e $db.perr; } &&
		check_pptx $db.db $db.pptx $db.perr
	"
done

# pages PDF THEME: every page, at 10 dpi, has the theme's background in its
# top left corner (light: white; dark: style.gp's #1e1e1e) and less than
# half of its pixels differ from it: a figure of the other theme (its
# whole canvas of the other colour) covers 79% of a page; an observation
# table, whose cells keep their shades in either theme, 38% at most
pages() {
	rm -rf pp && mkdir pp && pdftoppm -r 10 -png "$1" pp/p &&
	case $2 in light) bg="255 255 255 255" ;; dark) bg="30 30 30 255" ;; esac &&
	for f in pp/p-*.png; do
		"$PNGINFO" "$f" 0 0 1000 1000 >px &&
		grep -qx "bg $bg" px || { echo "$f: not $2: $(tail -1 px)"; return 1; }
		read -r w h <<-EOF
		$("$PNGINFO" "$f" | sed -n "s/^size //p")
		EOF
		n=$(sed -n "s/^ink .* //p" px) &&
		test "${n:-0}" -lt $((w * h / 2)) ||
			{ echo "$f: $n of $w x $h pixels differ from the $2 background"; return 1; }
	done
}

test_expect_success '--theme dark: the PDF deck: dark pages, light text, dark figures' '
	"$FIOSCOPE" slides --db s.db --theme dark --out dark.pdf 2>dark.err &&
	test "$(sed s/dark.pdf/s.pdf/ dark.err)" = "$(cat s.err)" &&
	check_pdf s.db dark.pdf dark.err &&
	pages dark.pdf dark && pages s.pdf light
'

test_expect_success 'a check can fail: a light deck is not dark' '
	! pages s.pdf dark >res && grep -q "not dark" res
'

test_expect_success '--theme dark: the PPTX deck: LibreOffice shows the same pages dark' '
	"$FIOSCOPE" slides --db s.db --theme dark --out dark.pptx 2>dark.perr &&
	check_pptx s.db dark.pptx dark.perr &&
	pages lo/dark.pdf dark &&
	grep -q "<p:clrMap bg1=\"dk1\" tx1=\"lt1\" bg2=\"dk2\" tx2=\"lt2\"" x/ppt/slideMasters/slideMaster1.xml &&
	"$PNGINFO" x/ppt/media/image4.png 0 0 1 1 | grep -qx "bg 30 30 30 255"
'

# mutate IN OUT PART REGEX REPLACEMENT: a copy of the package IN with the
# first match in PART replaced (REPLACEMENT "-" drops the part)
mutate() {
	python3 - "$@" <<-\EOF
	import re, sys, zipfile
	src, dst, part, pat, rep = sys.argv[1:6]
	with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
	    for i in a.infolist():
	        d = a.read(i)
	        if i.filename == part:
	            if rep == "-":
	                continue
	            d = re.sub(pat.encode(), rep.encode(), d, count=1)
	        b.writestr(i, d)
	EOF
}

test_expect_success 'the package check fails on what PowerPoint would repair' '
	python3 "$OOXML" qd.pptx >ok && grep -q "^ok [0-9]* parts" ok &&
	mutate qd.pptx m.pptx docProps/app.xml "" - &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "_rels/.rels: rId3.s target docProps/app.xml is not in the package" res &&
	mutate qd.pptx m.pptx ppt/presentation.xml "sldId id=\"256\"" "sldId id=\"255\"" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "sldId id 255 outside 256" res &&
	mutate qd.pptx m.pptx ppt/presentation.xml "<p:notesMasterIdLst>.*</p:notesMasterIdLst>" "" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "notes exist but notesMasterIdLst has 0" res &&
	mutate qd.pptx m.pptx "[Content_Types].xml" "<Override PartName=\"/ppt/slides/slide2.xml\"[^>]*>" "" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "rId12 (slide) targets ppt/slides/slide2.xml of content type application/xml" res &&
	mutate qd.pptx m.pptx ppt/presentation.xml "<p:sldSz[^>]*>" "" &&
	mutate m.pptx m2.pptx ppt/presentation.xml "(<p:notesSz[^>]*>)" "\\1<p:sldSz cx=\"12192000\" cy=\"6858000\"/>" &&
	test_expect_code 1 python3 "$OOXML" m2.pptx >res &&
	grep -q "children out of the schema.s order" res &&
	mutate qd.pptx m.pptx ppt/notesSlides/notesSlide1.xml "<a:p>.*</a:p>" "" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "notesSlide1.xml: a txBody without a paragraph" res
'

test_expect_success 'the package check fails on a figure SVG that is not one' '
	mutate qd.pptx m.pptx ppt/slides/slide3.xml "svgBlip (xmlns:asvg=\"[^\"]*\") r:embed=\"rId4\"" "svgBlip \\1 r:embed=\"rId3\"" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "slide3.xml: svgBlip r:embed=rId3 targets ppt/media/image3.png of content type image/png" res &&
	mutate qd.pptx m.pptx ppt/media/image3.svg "</svg>" "" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "ppt/media/image3.svg: not well-formed" res &&
	mutate qd.pptx m.pptx "[Content_Types].xml" "<Default Extension=\"svg\"[^>]*>" "" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "ppt/media/image3.svg: no content type" res &&
	mutate qd.pptx m.pptx ppt/slides/slide3.xml "uri=\"{96DAC541" "uri=\"{00000000" &&
	test_expect_code 1 python3 "$OOXML" m.pptx >res &&
	grep -q "slide3.xml: an svgBlip outside a:blip/a:extLst/a:ext" res
'

test_expect_success '--font-scale and --transparent reach the figures; --size is refused' '
	"$FIOSCOPE" slides --db qd.db --only bw --out fs1.pdf 2>err &&
	"$FIOSCOPE" slides --db qd.db --only bw --font-scale 1.5 --out fs15.pdf 2>err &&
	for f in fs1 fs15; do
		pdftotext -bbox -f 3 -l 3 $f.pdf - |
		sed -n "s/.*yMin=\"\([0-9.]*\)\" .*yMax=\"\([0-9.]*\)\">iodepth<.*/\1 \2/p" |
		head -1 >$f.h || return 1
	done &&
	awk "{ h[NR] = \$2 - \$1 } END { r = h[2] / h[1]; print r; exit !(NR == 2 && r > 1.4 && r < 1.6) }" fs1.h fs15.h &&
	"$FIOSCOPE" slides --db qd.db --only bw --transparent --out tr.pptx 2>err &&
	rm -rf x && mkdir x && (cd x && unzip -q ../tr.pptx) &&
	"$PNGINFO" x/ppt/media/image3.png | grep -qx "alpha 1" &&
	rm -rf x && mkdir x && (cd x && unzip -q ../qd.pptx) &&
	"$PNGINFO" x/ppt/media/image3.png | grep -qx "alpha 0" &&
	test_expect_code 2 "$FIOSCOPE" slides --db qd.db --size 1280x720 --out sz.pdf 2>err &&
	grep -q "slides: --size: a slide is 1920x1080" err && ! test -e sz.pdf &&
	test_expect_code 2 "$FIOSCOPE" slides --db qd.db --theme blue 2>err &&
	grep -q "expected light or dark" err
'

test_expect_success 'the title slide says what was measured' '
	pdftext s.pdf 1 >p1 &&
	grep -q "Backend: beegfs" p1 && grep -q "Block size: 64 KiB" p1 &&
	grep -q "fio version: fio-3.33" p1 &&
	grep -q "Runs: $(q s.db "SELECT count(*) FROM run") in 60 scenarios" p1
'

test_expect_success 'a check can fail: a finding that is not there is not found' '
	findings s.db | sed "1s/\$/ (not in the deck)/" >f2.txt &&
	! grep -qF "$(head -1 f2.txt)" all.txt
'

test_expect_success '--only bw: bandwidth figures only, no run, no table' '
	"$FIOSCOPE" slides --db s.db --only bw --out bw.pdf 2>err &&
	! grep -q ": timeline: \|: observations: " err &&
	grep ": figure: " err >figs && test "$(wc -l <figs)" = 2 &&
	! grep -v "Aggregate bandwidth" figs &&
	test "$(pdfinfo bw.pdf | sed -n "s/^Pages: *//p")" = "$(grep -c "^slide " err)"
'

test_expect_success '--only observations,timeline and --where ddir=read' '
	"$FIOSCOPE" slides --db s.db --only observations,timeline --where ddir=read --out r.pdf 2>err &&
	grep -q ": timeline: " err && grep -q ": observations: " err &&
	! grep -q ": figure: " err && ! grep -qi "write" err
'

test_expect_success '--where rw=randread: figures of that pattern only' '
	"$FIOSCOPE" slides --db s.db --where rw=randread --only bw,lat,stack --out rr.pdf 2>err &&
	pdftext rr.pdf >rr.txt && grep -q randread rr.txt &&
	! grep -q "Read bandwidth vs clients: beegfs, 64 KiB blocks read " rr.txt &&
	grep -q "Selection: --where rw=randread; kinds bw,lat,stack" rr.txt
'

test_expect_success 'a title with XML specials stays text in both decks' '
	"$FIOSCOPE" slides --db qd.db --title "a <b> & \"c\" '\''d'\''" --only bw --out t.pptx 2>err &&
	rm -rf x && mkdir x && (cd x && unzip -q ../t.pptx) &&
	xmllint --noout x/ppt/slides/slide1.xml &&
	test "$(xmllint --xpath "string((//*[local-name()=\"t\"])[1])" x/ppt/slides/slide1.xml)" = "a <b> & \"c\" '\''d'\''" &&
	"$FIOSCOPE" slides --db qd.db --title "a <b> & c" --only bw --out t.pdf 2>err &&
	pdftext t.pdf 1 | grep -qF "a <b> & c"
'

test_expect_success 'a store with no scenario: one line, exit 1, no deck' '
	mkdir none && "$FIOSCOPE" ingest --db e.db none 2>/dev/null &&
	mkdir out &&
	test_expect_code 1 "$FIOSCOPE" slides --db e.db --out out/e.pdf 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "^fioscope: .*e.db: no scenario in the store" err &&
	! ls -A out | grep . && ! ls -A tmp | grep .
'

test_expect_success '--where that matches nothing: one line, exit 1, no deck' '
	test_expect_code 1 "$FIOSCOPE" slides --db s.db --where runtime=nope --out out/w.pptx 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "no scenario matches --where" err &&
	! ls -A out | grep . && ! ls -A tmp | grep .
'

test_expect_success 'an unwritable --out: one line, exit 1, no deck, nothing left' '
	: >file &&
	for f in file/d.pdf file/d.pptx; do
		test_expect_code 1 "$FIOSCOPE" slides --db qd.db --out $f 2>err &&
		test "$(wc -l <err)" = 1 && grep -q "^fioscope: $f: cannot write" err || return 1
	done &&
	! ls -A tmp | grep .
'

test_expect_success 'a deck is replaced whole: a failed run keeps the old deck' '
	cp qd.pdf keep.pdf && cp qd.pdf out/k.pdf &&
	"$FIOSCOPE" slides --db e.db --out out/k.pdf 2>/dev/null; test $? = 1 &&
	cmp keep.pdf out/k.pdf && test "$(ls -A out)" = k.pdf
'

test_expect_success 'usage errors: --out of another format, an unknown kind (exit 2)' '
	test_expect_code 2 "$FIOSCOPE" slides --db qd.db --out d.jpg 2>err &&
	grep -q "formats: .pdf, .pptx" err && ! test -e d.jpg &&
	test_expect_code 2 "$FIOSCOPE" slides --db qd.db --only bw,nope 2>err &&
	grep -q "unknown kind .nope." err
'

test_expect_success 'render --only lat,cdf: those kinds only; an unknown kind is exit 2' '
	"$FIOSCOPE" render --db s.db --where rw=read --only lat,cdf --out fig 2>err &&
	ls fig | sed "s/-.*//" | sort -u >kinds && printf "cdf\nlat\n" >want &&
	test_cmp want kinds &&
	test_expect_code 2 "$FIOSCOPE" render --db qd.db --only lat,bandwidth 2>err &&
	grep -q "unknown kind .bandwidth." err &&
	test_expect_code 1 "$FIOSCOPE" render --db s.db --only grid --out g 2>err &&
	grep -q "no figure of --only grid to draw" err
'

test_expect_success 'report --only bw --where ddir=write: write bandwidth figures, no tables' '
	"$FIOSCOPE" report --db s.db --only bw --where ddir=write --out rep 2>err &&
	grep -o "<img src=\"[^\"]*\"" rep/index.html | sort -u >imgs &&
	test "$(wc -l <imgs)" = 1 && grep -q "bw-write-" imgs &&
	grep -q "Left out (--only)" rep/index.html &&
	! ls rep | grep -q "^observations-"
'

test_done
