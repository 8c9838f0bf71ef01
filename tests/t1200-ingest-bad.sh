#!/bin/sh
# Focus of this file: bad input.  Each bad fixture gets its one-line error
# (golden), exit status 1, no rows left behind, and the good files of the
# same run still land.  Files that are not fio output are noted and skipped
# when walked, and are errors when named.
. "$(dirname "$0")/lib.sh"

for f in "$FIX"/bad/*; do
	b=$(basename "$f" .json)
	test_expect_success "bad input $b: golden error, exit 1, nothing stored" "
		mkdir -p BAD && cp \"$f\" BAD/ &&
		test_expect_code 1 \"$FIOSCOPE\" ingest --db $b.db BAD/$b.json 2>err &&
		head -n 1 err >first &&
		test_cmp \"$TOP/tests/golden/bad/$b.stderr\" first &&
		test \$(q $b.db 'SELECT count(*) FROM run') = 0 &&
		test \$(q $b.db 'SELECT count(*) FROM scenario') = 0 &&
		rm -f BAD/$b.json
	"
done

test_expect_success 'good files in the same run still ingest, exit 1' '
	test_expect_code 1 "$FIOSCOPE" ingest --db mix.db "$FIX/bad/truncated-jsonplus.json" "$FIX/fio3/jsonplus-read.json" "$FIX/bad/empty.json" 2>err &&
	grep -q "ingested 1 file, 0 unchanged, 2 failed" err &&
	test "$(q mix.db "SELECT count(*) FROM run")" = 1 &&
	test "$(q mix.db "SELECT status FROM source_file WHERE path LIKE \"%truncated%\"")" = failed
'

test_expect_success 'a file that fails now loses the rows it had' '
	cp "$FIX/fio3/jsonplus-read.json" x.json &&
	"$FIOSCOPE" ingest --db x.db x.json 2>/dev/null &&
	test "$(q x.db "SELECT count(*) FROM io_stat")" -ge 1 &&
	head -c 2000 "$FIX/fio3/jsonplus-read.json" >x.json &&
	test_expect_code 1 "$FIOSCOPE" ingest --db x.db x.json 2>err &&
	grep -q "^fioscope: x.json:1: truncated JSON" err &&
	test "$(q x.db "SELECT count(*) FROM run")" = 0 &&
	test "$(q x.db "SELECT count(*) FROM io_stat")" = 0 &&
	test "$(q x.db "SELECT count(*) FROM scenario")" = 0
'

test_expect_success 'the same bad file again: still an error, still exit 1' '
	test_expect_code 1 "$FIOSCOPE" ingest --db x.db x.json 2>err &&
	grep -q "^fioscope: x.json:1: truncated JSON" err
'

test_expect_success 'walked non-fio files are noted and skipped, exit 0' '
	"$FIOSCOPE" ingest --db n.db "$FIX/notfio" 2>err &&
	test "$(grep -c "^fioscope: note: .*: skipped: not fio output$" err)" = 3 &&
	grep -q "3 skipped" err
'

test_expect_success 'a named non-fio file is an error' '
	test_expect_code 1 "$FIOSCOPE" ingest --db n.db "$FIX/notfio/randread.fio" 2>err &&
	grep -q "^fioscope: .*/randread.fio: not fio output$" err
'

test_expect_success 'a missing path is an error, the rest still ingests' '
	test_expect_code 1 "$FIOSCOPE" ingest --db m.db nope "$FIX/fio3/jsonplus-read.json" 2>err &&
	grep -q "^fioscope: nope: No such file or directory$" err &&
	test "$(q m.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'every diagnostic has the one format' '
	"$FIOSCOPE" ingest --db all.db "$FIX/bad" "$FIX/notfio" "$FIX/fio3" 2>err;
	! grep -vE "^[a-z][a-z-]*: ((note|warning): )?([^ :]+:([0-9]+:)? )?[a-z0-9\"'"'"']" err
'

test_done
