#!/bin/sh
# Focus of this file: hostile and odd file content (tests/fixtures/hostile,
# made by its gen.py).  Names, labels, client names and options holding
# quotes, backslashes, newlines, ../, <script>, %s, SQL, control characters,
# 10 KB strings and invalid UTF-8 are stored exactly (invalid UTF-8 as
# U+FFFD) and printed escaped; absurd numbers (negative, NaN/Infinity
# spelled out, 1e308, 2^63 and beyond) refuse the file with one golden
# line; bins that disagree with the sample count are kept and flagged;
# nesting past the limit is refused.  Never a crash or a hang, every
# diagnostic is one "fioscope: PATH: message" line, good files of the same
# run still land, and the exit status is 1 when any file was refused.
. "$(dirname "$0")/lib.sh"

H="$FIX/hostile"
T="timeout 60"

# C0 control bytes but the newline (a terminal acts on ESC, CR...)
CTL=$(printf '[\001-\011\013-\037]')
# diag FILE: every line is one well-formed diagnostic without control
# bytes: "fioscope: [note: |warning: ]PATH: message", or the summary
diag() {
	! grep -v -E "^fioscope: (((note|warning): )?[^ ].*: [a-z0-9\"']|ingested [0-9]+ files?, )" "$1" &&
	! grep -q "$CTL" "$1"
}
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F; }

test_expect_success 'names with quotes, \, newlines, ../, <script>, %s, SQL: stored exactly' '
	$T "$FIOSCOPE" ingest --db n.db --quiet "$H/names-quotes.json" 2>err &&
	test_cmp /dev/null err &&
	q n.db "SELECT hex(jobname) FROM run ORDER BY seq" >got &&
	{
		hex "q\"uo'"'"'te" && echo &&
		hex "back\\slash\\\\" && echo &&
		hex "$(printf "new\nline\r\ttab")" && echo &&
		hex "../../etc/passwd" && echo &&
		hex "<script>alert(1)</script>&amp;" && echo &&
		hex "%s%n%x%p" && echo &&
		hex "'"'"'; DROP TABLE run; --" && echo &&
		hex "$(printf "ctl\001\033[31mred\177")" && echo
	} >want &&
	test_cmp want got &&
	test "$(q n.db "SELECT count(*) FROM run WHERE client = '"'host-'"' || jobname")" = 8 &&
	test "$(q n.db "SELECT count(*) FROM run_option WHERE key = '"'k-'"' || (SELECT jobname FROM run WHERE id = run_id) AND value = '"'v-'"' || (SELECT jobname FROM run WHERE id = run_id)")" = 8 &&
	test "$(q n.db "SELECT hex(key) FROM run_option WHERE scope = '"'global'"' GROUP BY key")" = "$(hex "$(printf "g\"\\\\\n%%s")")" &&
	test "$(q n.db "SELECT count(*) FROM sqlite_master WHERE name = '"'run'"'")" = 1
'

test_expect_success 'ls and query print them escaped: no control bytes, one line per row' '
	"$FIOSCOPE" ls --db n.db >out && ! grep -q "$CTL" out &&
	test "$(wc -l <out)" = 2 &&
	"$FIOSCOPE" query --db n.db "SELECT jobname, client FROM run" >out &&
	! grep -q "$CTL" out && test "$(wc -l <out)" = 9 &&
	"$FIOSCOPE" query --db n.db --json "SELECT jobname, client FROM run" >out.json &&
	test "$(sqlite3 :memory: "SELECT json_valid(readfile('"'out.json'"'))")" = 1 &&
	test "$(sqlite3 :memory: "SELECT json_extract(readfile('"'out.json'"'), '"'\$[2].jobname'"') = char(110,101,119,10,108,105,110,101,13,9,116,97,98)")" = 1 &&
	"$FIOSCOPE" query --db n.db --csv "SELECT jobname, client FROM run" >out.csv &&
	sqlite3 :memory: ".import --csv out.csv t" "SELECT count(*) FROM t" >n &&
	test "$(cat n)" = 8
'

test_expect_success '10 KB names, client, option key and value' '
	$T "$FIOSCOPE" ingest --db k.db --quiet "$H/names-10k.json" &&
	test "$(q k.db "SELECT length(jobname), length(client) FROM run")" = "10241|10241" &&
	test "$(q k.db "SELECT max(length(key)), max(length(value)) FROM run_option")" = "10241|10241" &&
	"$FIOSCOPE" ls --db k.db >/dev/null &&
	"$FIOSCOPE" query --db k.db --json "SELECT * FROM run_stats" >out.json &&
	test "$(sqlite3 :memory: "SELECT json_valid(readfile('"'out.json'"'))")" = 1
'

test_expect_success 'invalid UTF-8 and lone surrogates: stored as U+FFFD, output valid' '
	$T "$FIOSCOPE" ingest --db u.db --quiet "$H/names-invalid-utf8.json" &&
	test "$(q u.db "SELECT hex(jobname) FROM run WHERE seq = 0")" = 6261642DEFBFBDEFBFBD2DEFBFBDEFBFBD2DEFBFBDEFBFBDEFBFBD2D656E64 &&
	q u.db "SELECT jobname, client FROM run; SELECT key, value FROM run_option" >all &&
	iconv -f UTF-8 -t UTF-8 all >/dev/null &&
	"$FIOSCOPE" query --db u.db --json "SELECT jobname, client FROM run" >out.json &&
	iconv -f UTF-8 -t UTF-8 out.json >/dev/null &&
	test "$(sqlite3 :memory: "SELECT json_valid(readfile('"'out.json'"'))")" = 1
'

# file | the golden diagnostic after "fioscope: PATH: " (or "PATH" when it
# starts with ":LINE:")
while IFS='|' read -r f msg; do
	case $msg in
	:*) want="fioscope: $f$msg" ;;
	*) want="fioscope: $f: $msg" ;;
	esac
	test_expect_success "absurd number $f: refused, golden message, nothing stored" "
		cp \"\$H/$f\" . &&
		test_expect_code 1 \$T \"\$FIOSCOPE\" ingest --db $f.db $f 2>err &&
		head -n 1 err >first &&
		echo '$want' >want &&
		test_cmp want first && diag err &&
		test \"\$(q $f.db 'SELECT count(*) FROM run')\" = 0 &&
		test \"\$(q $f.db 'SELECT status FROM source_file')\" = failed
	"
done <<'EOF_NUM'
num-negative.json|jobs[0].read.io_bytes: negative value
num-nan-spelled.json|jobs[0].read.iops: not a finite number
num-infinity-spelled.json|jobs[0].read.clat_ns.mean: not a finite number
num-nan-string.json|jobs[0].read.iops: expected a number, got a string
num-1e308.json|jobs[0].read.bw_bytes: absurd value
num-2pow63.json|jobs[0].read.total_ios: absurd value
num-2pow64.json|jobs[0].read.clat_ns.bins.4992: absurd value
num-2pow63-bin.json|jobs[0].read.clat_ns.bins.4992: absurd value
num-job-runtime-negative.json|jobs[0].job_runtime: negative value
nest-70.json|:7: invalid JSON: nesting too deep
EOF_NUM

test_expect_success 'all of them with good files: the good ones land, exit 1' '
	mkdir mix && cp "$H"/num-*.json "$H"/nest-*.json "$H"/names-*.json mix/ &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db mix.db mix 2>err &&
	diag err &&
	grep -q "ingested 4 files, 0 unchanged, 10 failed" err &&
	test "$(q mix.db "SELECT count(DISTINCT file_id) FROM run")" = 4
'

test_expect_success 'nesting within the limit is fine: the option keeps its JSON text' '
	$T "$FIOSCOPE" ingest --db d.db --quiet "$H/nest-50.json" &&
	test "$(q d.db "SELECT json_valid(value) FROM run_option WHERE key = '"'deep'"'")" = 1
'

test_expect_success 'bins that disagree with total_ios: stored, bins_flag=1, latency_exact=0' '
	$T "$FIOSCOPE" ingest --db b.db --quiet --set runtime=bd "$H/bins-disagree.json" &&
	test "$(q b.db "SELECT bins_flag, clat_bins FROM io_stat WHERE ddir = 0")" = "1|{\"1000\":400,\"2000\":500,\"4992\":7}" &&
	test "$(q b.db "SELECT latency_exact, clat_p99_ns FROM scenario_stats WHERE ddir = '"'read'"'")" = "0|4992" &&
	"$FIOSCOPE" ls --db b.db | grep -q "~5.0 us"
'

test_expect_success 'hostile --set labels: stored as given, a newline cannot fake two labels' '
	long=$(printf "%10240s" "" | tr " " y) &&
	$T "$FIOSCOPE" ingest --db l.db --quiet --set "team=a\"b\\c" \
		--set "a=x
b=y" --set "fmt=%s%n" --set "html=<script>x</script>" \
		--set "path=../../etc" --set "long=$long" "$FIX/fio3/json-read.json" &&
	cp "$FIX/fio3/json-read.json" two.json && fio_unique two.json &&
	$T "$FIOSCOPE" ingest --db l.db --quiet --set "team=a\"b\\c" --set a=x --set b=y \
		--set "fmt=%s%n" --set "html=<script>x</script>" --set "path=../../etc" \
		--set "long=$long" two.json &&
	test "$(q l.db "SELECT count(*) FROM scenario")" = 2 &&
	q l.db "SELECT labels FROM scenario ORDER BY id LIMIT 1" >got &&
	grep -q "^a=x\\\\nb=y$" got && grep -q "^fmt=%s%n$" got &&
	grep -q "^html=<script>x</script>$" got && grep -q "^team=a\"b\\\\\\\\c$" got &&
	"$FIOSCOPE" ls --db l.db >out && test "$(wc -l <out)" = 3
'

test_expect_success 'fio logs with NaN and 1e308 fields: named, refused; walked, skipped' '
	test_expect_code 1 $T "$FIOSCOPE" ingest --db lg.db "$H"/logs/* 2>err &&
	diag err &&
	test "$(grep -c "\.log:1: not a fio log sample" err)" = 3 &&
	test "$(q lg.db "SELECT count(*) FROM log_sample")" = 2 &&
	$T "$FIOSCOPE" ingest --db lw.db "$H/logs" 2>err &&
	diag err &&
	test "$(grep -c "^fioscope: note: .*\.log:1: skipped: not a fio log sample" err)" = 3
'

test_expect_success 'every diagnostic of a run over all hostile input is well formed' '
	"$FIOSCOPE" ingest --db all.db "$H" "$FIX/bad" 2>err;
	test $? = 1 && diag err
'

test_done
