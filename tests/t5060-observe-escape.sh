#!/bin/sh
# Focus of this file: labels from the store are data, never markup: runtime
# and backend names such as <b>x</b>, a|b, a,"b", a name with an escape
# character and one that reads as a list item come out escaped in
# Markdown and HTML, quoted in CSV (RFC 4180), as JSON strings in JSON
# and harmless on a terminal.
. "$(dirname "$0")/lib.sh"

n_mk=0
# mk DB RUNTIME MB/S: a json+ read run with its bandwidth set
mk() {
	n_mk=$((n_mk + 1))
	sed "0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : ${3}000000/" \
		"$FIX/fio3/jsonplus-read.json" >in$n_mk.json && fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$1" --set runtime="$2" \
		--set backend="$BACKEND" --set clients=1 in$n_mk.json
}
ESC=$(printf '\033')

test_expect_success 'setup: hostile names' '
	BACKEND="_u_ & *v*" &&
	mk h.db bare-metal 1000 && mk h.db "<b>x</b>" 1200 &&
	mk h.db "a|b" 800 && mk h.db "a,\"b\"" 1000 &&
	mk h.db "e${ESC}[31mx" 1000 && mk h.db "1. x" 1000 &&
	for f in md html csv json txt; do
		"$FIOSCOPE" observe --db h.db --out h.$f || return 1
	done
'

test_expect_success 'Markdown: <b>x</b> and a|b escaped in the header and findings' '
	grep -q "^| rw | clients | bare-metal | 1. x | \\\\<b\\\\>x\\\\</b\\\\> | a,\"b\" | a\\\\|b | e?\\\\\\[31mx |\$" h.md &&
	grep -q "^- \\\\<b\\\\>x\\\\</b\\\\>, read: 1.20x bare metal" h.md &&
	grep -q "^- a\\\\|b, read: 0.80x bare metal" h.md &&
	grep -q "^backend \\\\_u\\\\_ \\\\& \\\\\\*v\\\\\\*, bs 4k\$" h.md
'

test_expect_success 'Markdown: every table line has the same number of cells' '
	grep "^|" h.md | sed "s/\\\\|//g" | awk -F"|" "{ print NF }" | sort -u >n &&
	test "$(wc -l <n)" = 1
'

test_expect_success 'Markdown: a name that reads as a list item does not become one' '
	grep -q "^- 1\\\\. x, read: 1.00x bare metal" h.md
'

test_expect_success 'HTML: escaped, and the fragment is well-formed XML' '
	grep -q "<th scope=\"col\">&lt;b&gt;x&lt;/b&gt;</th>" h.html &&
	grep -q "<th scope=\"col\">a,&quot;b&quot;</th>" h.html &&
	grep -q "<li>&lt;b&gt;x&lt;/b&gt;, read: 1.20x bare metal" h.html &&
	! grep -q "<b>x</b>" h.html &&
	grep -q "_u_ &amp; \*v\*" h.html &&
	! grep -q "$ESC" h.html &&
	xmllint --noout h.html
'

test_expect_success 'CSV: RFC 4180 quoting of commas and quotes' '
	grep -q "^_u_ & \*v\*,4096,read,read,1,1,1,,\"a,\"\"b\"\"\",bw,1000000000," h.csv &&
	grep -q "^_u_ & \*v\*,4096,read,read,1,1,1,,a|b,bw,800000000," h.csv &&
	test "$(tr -d "\r" <h.csv | wc -l)" = 7
'

test_expect_success 'JSON: valid, the escape character as \u001b' '
	test "$(sqlite3 :memory: "SELECT json_valid(readfile(\"h.json\"))")" = 1 &&
	grep -q "\"e\\\\u001b\[31mx\"" h.json &&
	grep -q "\"<b>x</b>\"" h.json && grep -q "\"a,\\\\\"b\\\\\"\"" h.json
'

test_expect_success 'text: control characters never reach the terminal' '
	! grep -q "$ESC" h.txt && grep -q "e?\[31mx" h.txt
'

test_done
