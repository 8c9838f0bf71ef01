#!/bin/sh
# Focus of this file: counted words agree with their numbers, and no
# version is said twice ("fio fio-3.33"), in every text output of several
# campaign shapes: the three of the project (sample-data, the block-size
# sweep and the iodepth x numjobs sweep of tests/fixtures/shapes/), the
# fixture tree, a single file and a store where numjobs varies.  The
# outputs: ingest's summary, ls (table, CSV, JSON), observe (text, md,
# csv, json, html), render and report (stderr and index.html).
. "$(dirname "$0")/lib.sh"
SAMPLE_LAYOUT='rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
TREE_LAYOUT='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'

# outputs NAME: every text output of store NAME.db, into out-NAME/
outputs() {
	d=out-$1
	mkdir -p "$d" &&
	"$FIOSCOPE" ls --db "$1.db" >"$d/ls.txt" &&
	"$FIOSCOPE" ls --db "$1.db" --csv >"$d/ls.csv" &&
	"$FIOSCOPE" ls --db "$1.db" --json >"$d/ls.json" &&
	for f in text md csv json html; do
		"$FIOSCOPE" observe --db "$1.db" --format $f >"$d/observe.$f" 2>>"$d/observe.err"
	done
	"$FIOSCOPE" render --db "$1.db" --out "$d/fig" --format svg 2>"$d/render.err"
	"$FIOSCOPE" report --db "$1.db" --out "$d/rep" 2>"$d/report.err" &&
	test -s "$d/rep/index.html"
}

# slips DIR: the lines that say one of a plural noun, or fio twice
slips() {
	grep -r -h -o -E "(^|[^0-9.,])1 (jobs|files|runs|scenarios|figures|clients|logs|failed runs)([^a-z]|$)|fio fio-[0-9]" "$@"
}

test_expect_success 'setup: the reference campaign (sample-data)' '
	"$FIOSCOPE" ingest --db sample.db --layout "$SAMPLE_LAYOUT" "$TOP/sample-data" 2>ingest-sample.err &&
	outputs sample
'

test_expect_success 'setup: the fixture tree, two runtimes' '
	"$FIOSCOPE" ingest --db tree.db --layout "$TREE_LAYOUT" "$FIX/tree" 2>ingest-tree.err &&
	outputs tree
'

test_expect_success 'setup: a single file' '
	"$FIOSCOPE" ingest --db one.db --set runtime=bare-metal "$FIX/fio3/json-read.json" 2>ingest-one.err &&
	outputs one
'

test_expect_success 'setup: randread with numjobs 1 and 4 on two runtimes' '
	"$FIOSCOPE" ingest --db nj.db --set runtime=bare-metal --set numjobs=1 \
		"$FIX/fio3/json-randread.json" 2>>ingest-nj.err &&
	"$FIOSCOPE" ingest --db nj.db --set runtime=bare-metal \
		"$FIX/fio3/jsonplus-numjobs4-grouped.json" 2>>ingest-nj.err &&
	"$FIOSCOPE" ingest --db nj.db --set runtime=runc --set numjobs=1 \
		"$FIX/fio3/jsonplus-randread.json" 2>>ingest-nj.err &&
	"$FIOSCOPE" ingest --db nj.db --set runtime=runc \
		"$FIX/fio3/jsonplus-numjobs4-separate.json" 2>>ingest-nj.err &&
	outputs nj
'

test_expect_success 'setup: the block-size sweep shape (two backends, no runtime)' '
	"$FIOSCOPE" ingest --db bs.db --layout "{backend}-{rw}/{clients}/{client}/{bs}.json" \
		"$FIX/shapes/bs-sweep" 2>ingest-bs.err &&
	outputs bs
'

test_expect_success 'setup: the iodepth x numjobs shape (fio-plot layout, no --layout)' '
	"$FIOSCOPE" ingest --db qd.db "$FIX/shapes/qd-jobs" 2>ingest-qd.err &&
	outputs qd
'

test_expect_success 'the singular forms are there (the check can see them)' '
	grep -q "ingested 1 file, 0 unchanged, 0 failed, 0 skipped; 1 run added, 0 logs linked" ingest-one.err &&
	grep -q "1 scenario, 1 run from 1 file; fio-3.33\. " out-one/rep/index.html &&
	grep -q "wrote out-one/rep/index.html: [0-9]* figures, 1 scenario present" out-one/report.err &&
	grep -q "[^0-9]1 job[^s]" out-nj/observe.text
'

test_expect_success 'no "1 jobs", "1 files", "1 runs" ... and no "fio fio-" anywhere' '
	slips ingest-*.err out-* >found || :
	test_cmp /dev/null found
'

test_expect_success 'the check can fail: it finds a planted slip' '
	mkdir planted && echo "ran 1 jobs with fio fio-3.33" >planted/x &&
	slips planted >found &&
	test "$(wc -l <found)" = 2
'

test_done
