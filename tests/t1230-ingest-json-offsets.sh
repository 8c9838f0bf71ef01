#!/bin/sh
# Focus of this file: json-c takes the file's bytes document by document
# (json_tokener_parse_ex, in slices of 1 MiB): text before the JSON, the
# concatenated documents of --status-interval output and a document longer
# than a slice keep the exact line of a message.
. "$(dirname "$0")/lib.sh"

SI="$FIX/fio3/jsonplus-status-interval.json"

test_expect_success 'an error in the 2nd document is named at its line' '
	awk "NR == 500 { sub(/: /, \": :\") } { print }" "$SI" >two.json &&
	sed -n 500p two.json | grep -q ": :" &&
	test_expect_code 1 "$FIOSCOPE" ingest --db a.db two.json 2>err &&
	head -n 1 err >first &&
	echo "fioscope: two.json:500: invalid JSON: unexpected character" >want &&
	test_cmp want first
'

test_expect_success 'text before the JSON and between documents: the line counts it' '
	{ printf "fio: some warning\nline two\n"; cat "$SI"; } >pre.json &&
	awk "NR == 1331 { sub(/: /, \": :\") } { print }" pre.json >pre-bad.json &&
	test_expect_code 1 "$FIOSCOPE" ingest --db b.db pre-bad.json 2>err &&
	grep -q "^fioscope: pre-bad.json:1331: invalid JSON: " err &&
	"$FIOSCOPE" ingest --db c.db pre.json 2>/dev/null &&
	test "$(q c.db "SELECT docs FROM source_file")" = 4
'

test_expect_success 'a document over one 1 MiB slice: an error late in it, at its line' '
	python3 - "$FIX/fio3/jsonplus-read.json" big.json <<-\PY &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	d["global options"] = {"k%06d" % i: "v" * 20 for i in range(80000)}
	open(sys.argv[2], "w").write(json.dumps(d, indent=2) + "\n")
	PY
	test "$(wc -c <big.json)" -gt 3000000 &&
	"$FIOSCOPE" ingest --db d.db big.json 2>/dev/null &&
	test "$(q d.db "SELECT count(*) FROM run")" = 1 &&
	n=$(grep -n "\"k079990\"" big.json | cut -d: -f1) &&
	awk -v n="$n" "NR == n { sub(/: /, \": :\") } { print }" big.json >big-bad.json &&
	test_expect_code 1 "$FIOSCOPE" ingest --db e.db big-bad.json 2>err &&
	grep -q "^fioscope: big-bad.json:$n: invalid JSON: " err
'

test_done
