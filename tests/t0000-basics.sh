#!/bin/sh
# Focus of this file: the command line itself: help, version, usage errors
# and the exit codes and message format of every subcommand.
. "$(dirname "$0")/lib.sh"

for cmd in ingest ls query render observe report rm; do
	test_expect_success "$cmd --help exits 0 and writes only to stdout" "
		\"$FIOSCOPE\" $cmd --help >out 2>err &&
		grep -q '^usage: fioscope $cmd' out && ! test -s err
	"
	test_expect_success "$cmd: unknown option is a usage error (2)" "
		test_expect_code 2 \"$FIOSCOPE\" $cmd --bogus >out 2>err &&
		! test -s out &&
		grep -q \"^Try 'fioscope $cmd --help' for more information.\\\$\" err
	"
done

test_expect_success 'fioscope --help lists the commands' '
	"$FIOSCOPE" --help >out && grep -q "^  ingest " out &&
	grep -q "^  query " out && grep -q "^  ls " out
'

test_expect_success 'fioscope --version' '
	"$FIOSCOPE" --version | grep -q "^fioscope [0-9]"
'

test_expect_success 'unknown command' '
	test_expect_code 2 "$FIOSCOPE" rendr 2>err &&
	grep -q "^fioscope: unknown command '"'"'rendr'"'"'; did you mean '"'"'render'"'"'?$" err
'

test_expect_success 'fioscope-ingest link runs ingest, named after itself' '
	test_expect_code 2 fioscope-ingest 2>err &&
	grep -q "^fioscope-ingest: no PATH to ingest" err &&
	grep -q "^Try '"'"'fioscope-ingest --help'"'"'" err
'

test_expect_success 'ingest --set without = is a usage error' '
	test_expect_code 2 "$FIOSCOPE" ingest --set runtime x 2>err &&
	grep -q "^fioscope ingest: --set: expected KEY=VALUE" err
'

test_expect_success 'ingest --layout with an unknown placeholder' '
	test_expect_code 2 "$FIOSCOPE" ingest --layout "{runtime}/{nope}.json" x 2>err &&
	grep -q "unknown placeholder" err
'

test_expect_success 'ingest, render, report: --jobs out of range, one message' '
	for c in ingest render report; do
		for j in 0 65 x; do
			test_expect_code 2 "$FIOSCOPE" $c --jobs $j x 2>err &&
			grep -qx "fioscope $c: --jobs: expected a number from 1 to 64, got '"'"'$j'"'"'" err ||
			return 1
		done
	done
'

test_expect_success 'query without a store says so' '
	test_expect_code 1 "$FIOSCOPE" query --db nope.db "select 1" 2>err &&
	grep -q "^fioscope: nope.db: no such store" err
'

test_expect_success 'query takes one SQL text: an argument, -f or stdin' '
	test_expect_code 2 "$FIOSCOPE" query "select 1" "select 2" 2>err &&
	test_expect_code 2 "$FIOSCOPE" query -f q.sql "select 2" 2>err &&
	grep -q "^fioscope query: expected one SQL text" err
'

test_done
