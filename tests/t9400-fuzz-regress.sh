#!/bin/sh
# Focus of this file: the fuzz targets' checks on saved inputs, in every
# build (make test builds them as $BUILD/replay_TARGET with a plain main,
# check-sanitize with ASan+UBSan): the inputs that once crashed
# (tests/fuzz/regress/TARGET/), the hostile and bad fixtures, and the fio
# fixtures.  Each target's own checks (see tests/fuzz/fuzz_*.c) must hold.
. "$(dirname "$0")/lib.sh"

R="$TOP/tests/fuzz/regress"
for t in fiojson ingest logfile layout hist outputs; do
	test_expect_success "replay_$t is built" "test -x \"\$TOP/\$BUILD/replay_$t\""
done

regress() {
	set -- "$R/$1"/*
	[ -e "$1" ] || { echo "no saved inputs"; return 0; }
	"$TOP/$BUILD/replay_$t" "$@"
}

for t in fiojson ingest logfile layout hist outputs; do
	test_expect_success "$t: the saved crash inputs" "t=$t; regress $t"
done

fixtures() {
	find "$FIX/fio3" "$FIX/fio2" "$FIX/tree" "$FIX/bad" "$FIX/notfio" \
		"$FIX/terse" "$FIX/encoding" \
		"$FIX/hostile" -type f ! -name '*.py' ! -name '*.md' | sort
}

test_expect_success 'fiojson and ingest: every fixture' '
	fixtures >list &&
	test "$(wc -l <list)" -gt 40 &&
	xargs "$TOP/$BUILD/replay_fiojson" <list &&
	xargs "$TOP/$BUILD/replay_ingest" <list
'

test_expect_success 'logfile: every fio log fixture, with its name' '
	for f in "$FIX"/fio3/logs/*.log "$FIX"/hostile/logs/*.log; do
		{ basename "$f" && cat "$f"; } >"in.$(basename "$f")" || return 1
	done &&
	for f in "$FIX"/histlog/*/*.log.gz; do
		{ basename "$f" .gz && zcat "$f"; } >"in.hist.$(basename "$(dirname "$f")").$(basename "$f" .gz)" || return 1
	done &&
	{ echo h_clat_hist.1.log && zcat "$FIX/histlog/c1/h_clat_hist.1.log.gz" | head -c 9000; } >in.hist.cut &&
	{ echo h_clat_hist.1.log && zcat "$FIX/histlog/c1/h_clat_hist.1.log.gz" | head -1 | sed "s/, 0\$/, 18446744073709551616/"; } >in.hist.over &&
	test "$(ls in.hist.* | wc -l)" = 6 &&
	"$TOP/$BUILD/replay_logfile" in.*
'

test_expect_success 'layout: the layouts the tests use, on the tree fixtures' '
	for tp in "{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" \
		  "rep{rep}/{*}/{*}" "{*}/{backend}/{*}"; do
		find "$FIX/tree" -type f | while read -r f; do
			printf "%s\n%s" "$tp" "$f" >"l.$(echo "$tp$f" | cksum | cut -d" " -f1)"
		done
	done &&
	"$TOP/$BUILD/replay_layout" l.*
'

test_done
