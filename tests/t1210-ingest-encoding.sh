#!/bin/sh
# Focus of this file: fio output saved in another encoding, and a
# --status-interval stream without its final document (fixtures and how
# they were made: tests/fixtures/encoding/gen.sh and gen-size.sh).  UTF-16 (with or without
# a byte order mark) is one line that says so; UTF-8 behind a byte order
# mark ingests like the file without it; a stream cut after an interim
# snapshot is incomplete, not a result.
. "$(dirname "$0")/lib.sh"

E="$FIX/encoding"
for b in utf16le-bom utf16be status-interval-cut status-interval-size-cut; do
	test_expect_success "$b: golden error, exit 1, nothing stored" "
		mkdir -p IN && cp \"$E/$b.json\" IN/ &&
		test_expect_code 1 \"$FIOSCOPE\" ingest --db $b.db IN/$b.json 2>err &&
		head -n 1 err >first &&
		test_cmp \"$TOP/tests/golden/encoding/$b.stderr\" first &&
		test \$(q $b.db 'SELECT count(*) FROM run') = 0 &&
		test \$(q $b.db \"SELECT status FROM source_file\") = failed &&
		rm -f IN/$b.json
	"
done

test_expect_success 'UTF-8 with a byte order mark: the same run as without' '
	cp "$E/utf8-bom.json" bom.json &&
	cp "$FIX/fio3/json-read.json" plain.json &&
	"$FIOSCOPE" ingest --db bom.db bom.json 2>err &&
	grep -q "ingested 1 file, 0 unchanged, 0 failed" err &&
	"$FIOSCOPE" ingest --db plain.db plain.json 2>/dev/null &&
	sel="SELECT i.ddir, io_bytes, bw_bytes, iops, total_ios, clat_mean_ns, clat_pcts, r.jobname, f.fio_version FROM io_stat i JOIN run r ON r.id = i.run_id JOIN source_file f ON f.id = r.file_id ORDER BY i.ddir" &&
	sqlite3 bom.db "$sel" >bom.out &&
	sqlite3 plain.db "$sel" >plain.out &&
	test -s plain.out &&
	test_cmp plain.out bom.out
'

test_expect_success 'a walked UTF-16 file that is not fio output is skipped' '
	mkdir -p W && cp "$E/utf16le-notfio.txt" "$FIX/fio3/json-read.json" W/ &&
	"$FIOSCOPE" ingest --db w.db W 2>err &&
	grep -q "utf16le-notfio.txt: skipped: not fio output" err &&
	grep -q "ingested 1 file, 0 unchanged, 0 failed, 1 skipped" err
'

test_expect_success 'a size-bound stream (no runtime) that ends with its final result ingests' '
	cp "$E/status-interval-size.json" sz.json &&
	"$FIOSCOPE" ingest --db sz.db sz.json 2>err &&
	test "$(q sz.db "SELECT docs FROM source_file")" = 4 &&
	test "$(q sz.db "SELECT io_bytes FROM io_stat WHERE ddir = 0")" = 3145728
'

test_expect_success 'the whole status-interval stream still ingests: 4 documents' '
	cp "$FIX/fio3/jsonplus-status-interval.json" si.json &&
	"$FIOSCOPE" ingest --db si.db si.json 2>err &&
	test "$(q si.db "SELECT docs FROM source_file")" = 4 &&
	test "$(q si.db "SELECT count(DISTINCT seq) FROM snapshot")" = 3
'

test_done
