#!/bin/sh
# Focus of this file: hostile labels (tests/hostile/labels.py: quotes at
# start, end and doubled, backslashes, backticks, $(...), system(), set
# print, macros, newlines, ]]>, <script>, invalid UTF-8, a 10 KB name, CSV
# formulas, control characters) through every output, each read back by
# its real consumer: the .gp scripts re-run by gnuplot with nothing
# executed and every label printed back; every SVG by xmllint; JSON by
# python's json; CSV by python's csv with the formula guard present; the
# report in headless Chromium with nothing logged; NUL through query.
# Plan: setup; store; render + gnuplot; observe formats; query; report.
. "$(dirname "$0")/lib.sh"

L="python3 $TOP/tests/hostile/labels.py"
BASE="$FIX/fio3/json-read.json"

test_expect_success 'setup: every label a runtime beside bare-metal' '
	mkdir lbl in && $L write lbl &&
	cp "$BASE" in/base.json &&
	"$FIOSCOPE" ingest --quiet --db h.db --set runtime=bare-metal \
		--set backend=b --set clients=1 in/base.json &&
	for f in lbl/*; do
		cp "$BASE" in/$(basename $f).json &&
		fio_unique in/$(basename $f).json &&
		"$FIOSCOPE" ingest --quiet --db h.db --set "runtime=$(cat $f)" \
			--set backend=b --set clients=1 in/$(basename $f).json ||
			return 1
	done &&
	test "$(q h.db "SELECT count(DISTINCT runtime) FROM scenario")" = \
		$(( $(ls lbl | wc -l) + 1 ))
'

test_expect_success 'store: every label valid UTF-8, otherwise exact' '
	"$FIOSCOPE" query --db h.db --json \
		"SELECT DISTINCT runtime FROM scenario" >stored.json &&
	$L stored stored.json &&
	test "$(q h.db "SELECT count(*) FROM scenario WHERE runtime <> CAST(CAST(runtime AS BLOB) AS TEXT)")" = 0
'

test_expect_success 'render: exit 0, nothing executed, every SVG well-formed' '
	"$FIOSCOPE" render --db h.db --out out --format svg,png 2>err &&
	cat err &&
	! ls pwned* out/pwned* 2>/dev/null &&
	for f in out/*.svg; do xmllint --noout "$f" || return 1; done &&
	for f in out/*.png; do test -s "$f" || return 1; done
'

test_expect_success 'gnuplot re-runs every .gp: nothing executed, no error' '
	mkdir rerun && cp out/*.gp rerun/ &&
	(cd rerun && for f in *.gp; do gnuplot "$f" || exit 1; done) &&
	! ls pwned* rerun/pwned* 2>/dev/null &&
	for f in rerun/*.svg; do xmllint --noout "$f" || return 1; done
'

test_expect_success 'gnuplot prints every label back in its display form' '
	bw=$(ls out/bar-bw-*.gp | head -n 1) &&
	cat >names.gp <<-\EOS &&
	load fsc_fig
	set print "names.txt"
	do for [i = 1:|series_name|] { print series_name[i] }
	unset print
	EOS
	gnuplot -e "fsc_fig = \"$bw\"" names.gp &&
	test $(wc -l <names.txt) -ge $(ls lbl | wc -l) &&
	$L shown names.txt &&
	! ls pwned* 2>/dev/null
'

test_expect_success 'observe: json, csv, md, html, svg, png read back' '
	"$FIOSCOPE" observe --db h.db --format json >o.json &&
	$L json o.json &&
	"$FIOSCOPE" observe --db h.db --format csv >o.csv &&
	$L csv o.csv &&
	"$FIOSCOPE" observe --db h.db --format html >o.html &&
	! grep -q "<script>" o.html &&
	{ echo "<div>"; cat o.html; echo "</div>"; } >o.xml &&
	xmllint --noout o.xml &&
	"$FIOSCOPE" observe --db h.db --out o.svg &&
	for f in o*.svg; do xmllint --noout "$f" || return 1; done &&
	"$FIOSCOPE" observe --db h.db --out o.png &&
	for f in o*.png; do
		test "$(file -b "$f" | sed "s/.*, \([0-9]* x [0-9]*\),.*/\1/")" = "1920 x 1080" ||
			return 1
	done
'

test_expect_success 'query: NUL kept in JSON, formula guard in CSV' '
	"$FIOSCOPE" query --db h.db --json "SELECT '"'"'a'"'"' || char(0) || '"'"'b'"'"' AS x" >nul.json &&
	python3 -c "import json,sys; assert json.load(open(\"nul.json\"))[0][\"x\"] == \"a\\x00b\"" &&
	"$FIOSCOPE" query --db h.db --csv "SELECT runtime FROM scenario WHERE runtime LIKE '"'"'=%'"'"' OR runtime LIKE '"'"'@%'"'"'" >g.csv &&
	python3 -c "import csv; r = [x[0] for x in csv.reader(open(\"g.csv\"))][1:]; assert sorted(r) == [\"'"'"'=1+2\", \"'"'"'@SUM(A1)\", \"'"'"'@fig_name @ARG0\"], r" &&
	"$FIOSCOPE" query --db h.db --csv "SELECT -3 AS n" >n.csv &&
	test "$(tail -n 1 n.csv | tr -d "\r")" = -3
'

. "$TOP/tests/browser/chrome.sh"

test_expect_success 'report: written, exit 0, Chromium loads it with nothing logged' '
	"$FIOSCOPE" report --db h.db --out rep 2>err &&
	cat err &&
	for f in rep/*.svg; do xmllint --noout "$f" || return 1; done &&
	! ls pwned* rep/pwned* 2>/dev/null &&
	chrome --virtual-time-budget=30000 --dump-dom \
		"file://$TOP/tests/browser/check.html?page=file://$TRASH/rep/index.html" \
		>dom 2>chrome.log &&
	sed -n "/<pre id=\"result\">/,/<\/pre>/p" dom >result && cat result &&
	grep -q "images [0-9][0-9]* broken 0 errors 0" result &&
	! grep "INFO:CONSOLE" chrome.log
'

test_done
