#!/bin/sh
# Focus of this file: one memory budget for the whole ingest, shared by
# all its threads (--max-memory; default a quarter of the physical
# memory).  A file is read only once what reading and parsing it takes
# (its size, its content and FSC_PARSE_FACTOR times the content) is
# reserved; one that can never fit is refused in one line, a gzip bomb
# (content past what its trailer says) when the budget runs out.  Peak RSS
# (GNU time) stays under the budget.
. "$(dirname "$0")/lib.sh"

GOOD="$FIX/fio3/jsonplus-read.json"
T="timeout 120"
# rss CMD...: run CMD, its peak RSS in KiB in file rss
rss() { /usr/bin/time -f %M -o rss "$@"; }
# rss_under MIB: the peak RSS is under MIB MiB; on a sanitizer build
# (shadow memory, quarantine) RSS says nothing about the budget: only
# printed there.
rss_under() {
	echo "peak RSS $(tail -n 1 rss) KiB (build $BUILD)"
	[ "$BUILD" != build ] || test "$(tail -n 1 rss)" -lt $(($1 * 1024))
}

test_expect_success '--max-memory must be a size' '
	for v in "" x 1q 0 -5 "4k,8k"; do
		test_expect_code 2 "$FIOSCOPE" ingest --db u.db --max-memory "$v" "$GOOD" 2>err &&
		grep -q "^fioscope: --max-memory: expected a size such as 2g or 512m" err || return 1
	done &&
	! test -e u.db
'

test_expect_success 'setup: four 6 MiB json+ files (600 jobs each)' '
	sh "$TOP/tests/mkbig.sh" "$GOOD" 600 >b1.json &&
	test "$(wc -c <b1.json)" -gt 6000000 &&
	mkdir four && for i in 1 2 3 4; do
		cp b1.json four/b$i.json && fio_unique four/b$i.json || return 1
	done
'

test_expect_success 'a file that needs more than the budget: one line, the others land' '
	mkdir mix && cp b1.json mix/big.json && cp "$GOOD" mix/small.json &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db mix.db --max-memory 8m mix 2>err &&
	grep -q "^fioscope: mix/big.json: reading and parsing it takes about 54 MiB, over the memory budget of 8 MiB (--max-memory)$" err &&
	test "$(grep -c "^fioscope: mix/" err)" = 1 &&
	test "$(q mix.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'four files, --jobs 4, a budget for one at a time: all land, peak RSS under it' '
	rss $T "$FIOSCOPE" ingest --db four.db --quiet --jobs 4 --max-memory 64m four &&
	test "$(q four.db "SELECT count(*) FROM run")" = 2400 &&
	rss_under 64
'

test_expect_success 'the same store whatever the budget' '
	$T "$FIOSCOPE" ingest --db free.db --quiet --jobs 4 four &&
	for db in four free; do
		q $db.db "SELECT f.path, r.seq, i.ddir, i.bw_bytes, i.clat_bins FROM run r
			  JOIN source_file f ON f.id = r.file_id JOIN io_stat i ON i.run_id = r.id
			  ORDER BY 1, 2, 3" >$db.rows || return 1
	done &&
	test_cmp four.rows free.rows
'

# 19 gzip members of 16 MiB of zeros each (304 MiB): the trailer, the last
# member's, says 16 MiB.
test_expect_success 'four decompression bombs, --jobs 4: refused one line each, RSS bounded' '
	mkdir bombs && head -c 16777216 /dev/zero | gzip -1 >m.gz &&
	for i in $(seq 19); do cat m.gz; done >bombs/b1.json.gz &&
	for i in 2 3 4; do cp bombs/b1.json.gz bombs/b$i.json.gz || return 1; done &&
	cp "$GOOD" bombs/r.json &&
	test_expect_code 1 rss $T "$FIOSCOPE" ingest --db bomb.db --jobs 4 --max-memory 256m bombs 2>err &&
	test "$(grep -c "^fioscope: bombs/b[1-4].json.gz: gunzipped content passes [0-9]* MiB, more than its gzip trailer says, and more than the memory budget (--max-memory 256 MiB) allows: a decompression bomb?$" err)" = 4 &&
	grep -q "ingested 1 file, 0 unchanged, 4 failed" err &&
	rss_under 256
'

test_expect_success 'an honest gzip whose content needs more than the budget: refused before reading' '
	mkdir hz && gzip -c b1.json >hz/b.json.gz &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db hz.db --max-memory 16m hz 2>err &&
	grep -q "^fioscope: hz/b.json.gz: reading and parsing it takes about [0-9]* MiB, over the memory budget of 16 MiB (--max-memory)$" err
'

test_done
