#!/bin/sh
# Focus of this file: fioscope slides (#17): the PDF deck (one 16:9 page a
# slide, every title and finding readable as text), the PPTX deck (converted
# by LibreOffice to as many pages with the same titles; speaker notes hold
# the findings), on the three campaign shapes; --only and --where; bad input
# leaves no deck and no temporary file.
. "$(dirname "$0")/lib.sh"

export FIOSCOPE_TEMPLATES="$TOP/templates"
mkdir -p tmp && TMPDIR="$TRASH/tmp" && export TMPDIR
HOME="$TRASH" && export HOME	# LibreOffice's profile
SHAPES="$FIX/shapes"

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
# the notes hold every finding; one picture a figure slide
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
	test "$(ls x/ppt/media | wc -l)" = "$(grep -c "^slide [0-9]*: \(figure\|timeline\|observations\): " "$3")"
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
