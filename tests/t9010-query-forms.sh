#!/bin/sh
# Focus of this file: how `fioscope query` takes SQL (argument, -f FILE,
# standard input) and prints it (aligned table, --box, --markdown, --csv,
# --json, --header/--no-header), and that it streams: constant memory
# whatever the row count, and a pipe closed by head ends it at once, even
# for a query that never ends.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a store' '
	"$FIOSCOPE" ingest --db s.db --quiet --set runtime=ro "$FIX/fio3/json-read.json"
'

test_expect_success 'SQL on stdin: "echo select 42 | fioscope query --db s.db"' '
	echo "select 42" | "$FIOSCOPE" query --db s.db >out &&
	printf "42\n42\n" >want && test_cmp want out &&
	echo "select 43 AS n" | "$FIOSCOPE" query --db s.db - >out &&
	printf "n\n43\n" >want && test_cmp want out
'

test_expect_success 'SQL from a file: -f q.sql and --file=q.sql, several statements' '
	printf "select 42;\n-- a comment\nselect 1 AS a, 2 AS b;\n" >q.sql &&
	"$FIOSCOPE" query --db s.db -f q.sql >out &&
	printf "42\n42\na  b\n1  2\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --file=q.sql --no-header >out &&
	printf "42\n1  2\n" >want && test_cmp want out &&
	echo "select 7" | "$FIOSCOPE" query --db s.db -f - --no-header >out &&
	test "$(cat out)" = 7
'

test_expect_success 'an error in a file names the file and the line' '
	printf "select 1;\n\nselec 2;\n" >bad.sql &&
	test_expect_code 1 "$FIOSCOPE" query --db s.db -f bad.sql >out 2>err &&
	echo "fioscope: bad.sql:3: SQL error: near \"selec\": syntax error" >want &&
	test_cmp want err &&
	printf "select 1;\nselect * from nope;\n" | test_expect_code 1 "$FIOSCOPE" query --db s.db 2>err &&
	grep -q "^fioscope: <stdin>:2: SQL error: no such table: nope;" err &&
	test_expect_code 1 "$FIOSCOPE" query --db s.db -f missing.sql 2>err &&
	echo "fioscope: missing.sql: cannot read: No such file or directory" >want &&
	test_cmp want err
'

test_expect_success '--header and --no-header, in the table and CSV' '
	"$FIOSCOPE" query --db s.db --no-header "select 1 AS a, NULL AS b" >out &&
	printf "1  NULL\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --no-header --header --csv "select 1 AS a, NULL AS b" >out &&
	printf "a,b\r\n1,\r\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --csv --no-header "select 1 AS a" >out &&
	printf "1\r\n" >want && test_cmp want out
'

test_expect_success '--markdown: a header rule, numbers right-aligned, | escaped' '
	"$FIOSCOPE" query --db s.db --markdown "select 1 AS n, '"'a|b'"' AS t" >out &&
	printf "| n   | t    |\n| --: | ---- |\n|   1 | a\\\\|b |\n" >want &&
	test_cmp want out
'

test_expect_success '--box: lines in UTF-8, + - | with --ascii or in the C locale' '
	LC_ALL=C.UTF-8 "$FIOSCOPE" query --db s.db --box "select 1 AS n, '"'x'"' AS t" >out &&
	printf "\342\224\214\342\224\200\342\224\200\342\224\200\342\224\254\342\224\200\342\224\200\342\224\200\342\224\220\n" >want &&
	printf "\342\224\202 n \342\224\202 t \342\224\202\n" >>want &&
	printf "\342\224\234\342\224\200\342\224\200\342\224\200\342\224\274\342\224\200\342\224\200\342\224\200\342\224\244\n" >>want &&
	printf "\342\224\202 1 \342\224\202 x \342\224\202\n" >>want &&
	printf "\342\224\224\342\224\200\342\224\200\342\224\200\342\224\264\342\224\200\342\224\200\342\224\200\342\224\230\n" >>want &&
	test_cmp want out &&
	"$FIOSCOPE" query --db s.db --box "select 1 AS n, '"'x'"' AS t" >out &&
	printf "+---+---+\n| n | t |\n+---+---+\n| 1 | x |\n+---+---+\n" >want &&
	test_cmp want out &&
	LC_ALL=C.UTF-8 "$FIOSCOPE" query --db s.db --box --ascii "select 1 AS n, '"'x'"' AS t" >out2 &&
	test_cmp want out2
'

test_expect_success '--json: numbers, strings and null; one array per statement' '
	"$FIOSCOPE" query --db s.db --json "select 1 AS n, '"'x'"' AS s, NULL AS z, 1.5 AS f; select 2 AS n WHERE 0" >out &&
	printf "[\n {\"n\": 1, \"s\": \"x\", \"z\": null, \"f\": 1.5}\n]\n[]\n" >want &&
	test_cmp want out
'

test_expect_success 'more rows than the sizing window: every row, aligned by the first ones' '
	"$FIOSCOPE" query --db s.db --no-header \
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT x FROM c" >out &&
	test "$(wc -l <out)" = 1000 &&
	test "$(sed -n 1p out)" = "  1" && test "$(sed -n 1000p out)" = "1000"
'

rows2m="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT x, 'row ' || x AS label FROM c"

test_expect_success 'bench: 2M rows piped to head -1 return at once, RSS under 20 MB' '
	/usr/bin/time -f "%M %e" -o t1 "$FIOSCOPE" query --db s.db "$rows2m" | head -n 1 >out &&
	grep -qx "x *label" out &&
	tail -n 1 t1 >t1.last && read -r rss secs <t1.last && echo "head -1: ${rss} KB, ${secs} s" &&
	/usr/bin/time -f "%M" -o t0 "$FIOSCOPE" query --db s.db "select 1" >/dev/null &&
	base=$(cat t0) && echo "select 1: $base KB" &&
	# 20 MB; a sanitizer build starts above it: then a trivial query + 4 MB
	limit=$(( base + 4096 > 20480 ? base + 4096 : 20480 )) &&
	test "$rss" -lt "$limit" &&
	test "$(echo "$secs < 1.0" | bc)" = 1
'

# n ROWS: a query of ROWS rows
n() {
	echo "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $1) SELECT x, 'row ' || x AS label FROM c"
}
# ASan keeps freed memory in a quarantine on purpose: measure without it
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
export ASAN_OPTIONS

test_expect_success 'constant memory: 1M rows take no more than 100k rows, table and JSON' '
	for fmt in --no-header --json; do
		/usr/bin/time -f "%M" -o small "$FIOSCOPE" query --db s.db $fmt "$(n 100000)" | wc -l >nsmall &&
		/usr/bin/time -f "%M" -o big "$FIOSCOPE" query --db s.db $fmt "$(n 1000000)" | tail -n 2 >last &&
		echo "$fmt: 100k rows $(cat small) KB, 1M rows $(cat big) KB" &&
		test "$(cat big)" -lt $(( $(cat small) * 5 / 4 + 2048 )) || return 1
	done &&
	printf " {\"x\": 1000000, \"label\": \"row 1000000\"}\n]\n" >want && test_cmp want last
'

test_expect_success 'a query that never ends, piped to head, ends at once' '
	timeout 20 sh -c "\"\$0\" query --db s.db --csv --no-header \"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c\" | head -n 3" "$FIOSCOPE" >out &&
	printf "1\r\n2\r\n3\r\n" >want && test_cmp want out
'

test_expect_success 'text holding NUL: nothing after it is cut, in any form' '
	sql="SELECT '\''a'\'' || char(0) || '\''b,c'\'' AS t" &&
	"$FIOSCOPE" query --db s.db --no-header "$sql" >plain &&
	printf "%s\n" "a\\?b,c" >want && test_cmp want plain &&
	"$FIOSCOPE" query --db s.db --box --ascii "$sql" >box &&
	grep -F "| a\\?b,c |" box &&
	"$FIOSCOPE" query --db s.db --csv "$sql" >csv &&
	python3 -c "import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=\"\"))); assert r == [[\"t\"], [\"a\ufffdb,c\"]], r" csv &&
	"$FIOSCOPE" query --db s.db --json "$sql" >json &&
	python3 -c "import json,sys; assert json.load(open(sys.argv[1])) == [{\"t\": \"a\u0000b,c\"}]" json
'

test_done
