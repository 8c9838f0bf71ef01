#!/bin/sh
# Focus of this file: the end-to-end pipeline on sample-data (the shaped
# 60-scenario campaign): ingest, report, and the page's content: coverage,
# images, relative links, escaping, and the shaped facts in the findings.
. "$(dirname "$0")/lib.sh"

L='rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
SD="$TOP/sample-data"
export FIOSCOPE_TEMPLATES="$TOP/templates"
# cell FIELD WHERE: observe's JSON cells, through sqlite's json functions
cells() {
	sqlite3 :memory: "SELECT $1 FROM json_each(readfile('obs.json'), '\$.rows') r,
		json_each(r.value, '\$.cells') c WHERE $2"
}

test_expect_success 'ingest the whole sample campaign' '
	"$FIOSCOPE" ingest --db s.db --layout "$L" "$SD" 2>err &&
	grep -q "0 failed" err &&
	test "$(q s.db "SELECT count(*) FROM scenario")" = 60
'

test_expect_success 'report writes index.html and its images' '
	"$FIOSCOPE" report --db s.db --out out 2>err &&
	grep -q "^fioscope: wrote out/index.html: [0-9]* figures, 60 scenarios present, 0 missing" err &&
	test -s out/index.html
'

test_expect_success 'the DAX writes carry the plausibility caveat in the report (#20)' '
	grep -q "<li>kata-virtiofs-dax, write, 1 client: 1.16x bare metal (outperforms; beyond bare metal: check for a cache or weaker durability): writes faster than the bare-metal baseline" out/index.html &&
	test "$(grep -c "title=\"outperforms[^\"]*, beyond bare metal: check for a cache or weaker durability\">[^<]*<b>1\.1[0-9]x[^<]*!</b>" out/index.html)" = 3 &&
	grep -q "<li>Multiple comparisons: 8 cells tested at 95% confidence" out/index.html
'

test_expect_success 'coverage matrix: 60 scenarios present, none missing' '
	sed -n "/<table class=\"coverage\">/,/<\/table>/p" out/index.html >cov &&
	test "$(grep -o "<td class=\"\(ok\|warn\)\"" cov | wc -l)" = 60 &&
	test "$(grep -c "<td class=\"missing\"" cov)" = 0
'

test_expect_success 'coverage shows the scenario whose clients did not overlap' '
	grep -q "<span class=\"flag\">overlap 0\.[0-8]" cov
'

test_expect_success 'every image the page shows exists; links are relative' '
	grep -o "src=\"[^\"]*\"" out/index.html | sed "s/^src=\"//; s/\"\$//" >imgs &&
	test "$(wc -l <imgs)" -ge 20 &&
	while read -r f; do test -s "out/$f" || { echo "missing $f"; exit 1; }; done <imgs &&
	! grep -E "(src|href)=\"(/|[a-z]+:)" out/index.html
'

test_expect_success 'the page names every runtime and has findings' '
	for r in bare-metal runc kata-9p kata-virtiofs kata-virtiofs-dax; do
		grep -q "$r" out/index.html || { echo "no $r"; exit 1; }
	done &&
	grep -q "kata-virtiofs-dax, write: 1\.[0-9]*x bare metal" out/index.html
'

test_expect_success 'shaped fact: kata-virtiofs-dax outperforms bare metal on sequential write' '
	"$FIOSCOPE" observe --db s.db --format json >obs.json &&
	test "$(cells "group_concat(json_extract(c.value, \"\$.verdict\"))" \
		"json_extract(r.value, \"\$.rw\") = \"write\" AND json_extract(c.value, \"\$.runtime\") = \"kata-virtiofs-dax\"")" = "better,better,better"
'

test_expect_success 'shaped fact: kata-9p is the slowest on read at 64 clients' '
	test "$(cells "json_extract(c.value, \"\$.runtime\")" \
		"json_extract(r.value, \"\$.rw\") = \"read\" AND json_extract(r.value, \"\$.clients\") = 64 ORDER BY json_extract(c.value, \"\$.value\") LIMIT 1")" = kata-9p
'

test_expect_success 'shaped fact: kata-9p beats both virtio-fs variants on random write' '
	for n in 1 8 64; do
		cells "json_extract(c.value, \"\$.runtime\")" \
			"json_extract(r.value, \"\$.rw\") = \"randwrite\" AND json_extract(r.value, \"\$.clients\") = $n AND json_extract(c.value, \"\$.runtime\") LIKE \"kata-%\" ORDER BY json_extract(c.value, \"\$.value\") DESC LIMIT 1" >top &&
		test "$(cat top)" = kata-9p || { echo "$n clients: $(cat top)"; exit 1; }
	done
'

test_expect_success 'shaped fact: runc within 3% of bare metal everywhere' '
	test "$(cells "count(*)" "json_extract(c.value, \"\$.runtime\") = \"runc\" AND abs(json_extract(c.value, \"\$.ratio\") - 1) > 0.03")" = 0 &&
	test "$(cells "count(*)" "json_extract(c.value, \"\$.runtime\") = \"runc\"")" = 12
'

. "$TOP/tests/browser/chrome.sh"

# browser_ok DIR MIN: DIR/index.html in headless Chromium: MIN images or
# more, none broken, no error caught on the page, nothing on its console
browser_ok() {
	chrome --virtual-time-budget=30000 --dump-dom \
		"file://$TOP/tests/browser/check.html?page=file://$TRASH/$1/index.html" \
		>dom 2>chrome.log &&
	sed -n "/<pre id=\"result\">/,/<\/pre>/p" dom >result && cat result &&
	grep -q "images [0-9][0-9]* broken 0 errors 0" result &&
	n=$(sed -n "s/.*images \([0-9]*\) .*/\1/p" result) && test "$n" -ge "$2" &&
	! grep "INFO:CONSOLE" chrome.log
}

test_expect_success 'browser: every image loads and the page logs no error' '
	browser_ok out 20
'

# The two other campaign shapes (#14): the block-size sweep and the
# iodepth x numjobs sweep, their figure kinds (bs axis, bars, grids,
# throughput-latency curves) in the same page
for s in bs qd; do
	test_expect_success "browser: the $s campaign's report, every image loads, no error" "
		ingest_shape $s $s.db &&
		\"\$FIOSCOPE\" report --db $s.db --out $s 2>err &&
		grep -q \"^fioscope: wrote $s/index.html: [0-9]* figures\" err &&
		test \$(ls $s/*.png | wc -l) -ge 10 &&
		browser_ok $s \$(ls $s/*.png | wc -l)
	"
done

test_expect_success 'browser: the check itself sees a broken image and an error' '
	mkdir -p broken && cp out/index.html broken/ &&
	sed -i "s|<body>|<body><img src=\"nope.png\"><script>console.error(\"boom\")</script>|" broken/index.html &&
	chrome --virtual-time-budget=30000 --dump-dom \
		"file://$TOP/tests/browser/check.html?page=file://$TRASH/broken/index.html" \
		>dom 2>chrome.log &&
	grep -q "broken nope.png" dom && grep -q "INFO:CONSOLE.*boom" chrome.log
'

test_expect_success 'browser: a screenshot of the report' '
	mkdir -p "$TOP/output" &&
	chrome --window-size=1400,2600 --hide-scrollbars --virtual-time-budget=30000 \
		--screenshot="$TOP/output/report-screenshot.png" "file://$TRASH/out/index.html" \
		>/dev/null 2>&1 &&
	test "$(od -An -tx1 -j1 -N3 "$TOP/output/report-screenshot.png" | tr -d " ")" = 504e47
'

test_expect_success 'labels in the page are escaped' '
	cp "$FIX/fio3/jsonplus-read.json" x.json &&
	"$FIOSCOPE" ingest --db h.db --set "runtime=<script>alert(1)</script>" --set backend="a&b" x.json 2>/dev/null &&
	"$FIOSCOPE" ingest --db h.db --set runtime=bare-metal --set backend="a&b" "$FIX/fio3/jsonplus-write.json" 2>/dev/null &&
	"$FIOSCOPE" report --db h.db --out hout 2>err &&
	! grep -q "<script>" hout/index.html &&
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" hout/index.html &&
	grep -q "a&amp;b" hout/index.html
'

test_expect_success 'report without anything to compare still writes the page, with the hint' '
	"$FIOSCOPE" ingest --db nb.db --set runtime=runc "$FIX/fio3/jsonplus-read.json" 2>/dev/null &&
	"$FIOSCOPE" report --db nb.db --out nbout 2>err &&
	grep -q "No comparison: no runtime, backend or label varies" nbout/index.html &&
	"$FIOSCOPE" report --db nb.db --baseline kata --out nbout2 2>err &&
	grep -q "No observations: baseline runtime &#39;kata&#39; not in the store" nbout2/index.html
'

test_expect_success 'report options: usage errors and a missing store' '
	test_expect_code 2 "$FIOSCOPE" report --bogus 2>err &&
	test_expect_code 2 "$FIOSCOPE" report extra 2>err &&
	test_expect_code 1 "$FIOSCOPE" report --db nope.db 2>err &&
	grep -q "^fioscope: nope.db: no such store" err
'

test_done
