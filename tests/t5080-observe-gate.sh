#!/bin/sh
# Focus of this file (#20): observe --gate.  Constructed campaigns of
# three tight repetitions: an earlier one, one within 5% of it, one whose
# runc is 10% slower, one too noisy; exit 0, 1 and 3, the JUnit file
# read by xmllint with the failing case named, rules from a file, JSON.
. "$(dirname "$0")/lib.sh"

. "$TOP/tests/observe-lib.sh"

# camp DB BARE1 BARE2 BARE3 RUNC1 RUNC2 RUNC3
camp() {
	reps "$1" bare-metal read "$2" "$3" "$4" &&
	reps "$1" runc read "$5" "$6" "$7"
}

test_expect_success 'setup: an earlier campaign, one within 5%, one 10% slower, one noisy' '
	camp old.db 1000 1004 996 900 904 896 &&
	camp ok.db 1001 1005 997 890 894 886 &&
	camp slow.db 1000 1004 996 810 814 806 &&
	camp noisy.db 1000 1004 996 700 900 1100
'

test_expect_success 'within tolerance: exit 0, every check passes' '
	"$FIOSCOPE" observe --db ok.db --gate "bw>=-5%" --against old.db --junit ok.xml >out &&
	cat out &&
	test "$(grep -c "^PASS  bw>=-5%: " out)" = 2 &&
	grep -qx "gate: 2 checks, 0 failed, 0 too noisy: pass (exit 0)" out &&
	xmllint --noout ok.xml &&
	test "$(xmllint --xpath "count(//testcase)" ok.xml)" = 2 &&
	test "$(xmllint --xpath "count(//failure)" ok.xml)" = 0
'

test_expect_success '10% slower: exit 1, the JUnit file names the failing case' '
	test_expect_code 1 "$FIOSCOPE" observe --db slow.db --gate "bw>=-5%" --against old.db --junit slow.xml >out &&
	cat out && cat slow.xml &&
	grep -q "^FAIL  bw>=-5%: runc, read, 1 client: 0.90x against the other store \[0.8[0-9]x, 0.9[0-9]x\], bound >= 0.95x\$" out &&
	grep -q "^PASS  bw>=-5%: bare-metal, read, 1 client: 1.00x" out &&
	xmllint --noout slow.xml &&
	test "$(xmllint --xpath "string(/testsuites/@failures)" slow.xml)" = 1 &&
	test "$(xmllint --xpath "string(//testcase[failure]/@name)" slow.xml)" = "runc, read, 1 client" &&
	test "$(xmllint --xpath "string(//testcase[failure]/@classname)" slow.xml)" = "bw>=-5%"
'

test_expect_success 'a looser rule holds: -15%' '
	"$FIOSCOPE" observe --db slow.db --gate "bw>=-15%" --against old.db >out &&
	grep -qx "gate: 2 checks, 0 failed, 0 too noisy: pass (exit 0)" out
'

test_expect_success 'too noisy to decide: exit 3, a skipped case' '
	test_expect_code 3 "$FIOSCOPE" observe --db noisy.db --gate "bw>=-5%" --against old.db --junit n.xml >out &&
	cat out &&
	grep -q "^NOISY bw>=-5%: runc, read, 1 client: .*; too noisy to decide\$" out &&
	test "$(xmllint --xpath "count(//skipped)" n.xml)" = 1
'

test_expect_success 'against the baseline of one store; rules from a file (IOPS untouched by the construction: it holds); JSON' '
	"$FIOSCOPE" observe --db slow.db --gate "bw>=-25%" >out && cat out &&
	grep -q "^PASS  bw>=-25%: runc, read, 1 client: 0.81x against bare-metal \[" out &&
	printf "# the release gate\nbw>=-5%%, iops>=-5%%\n" >rules &&
	test_expect_code 1 "$FIOSCOPE" observe --db slow.db --gate-file rules --against old.db --format json >j &&
	test "$(sqlite3 :memory: "SELECT json_extract(readfile(\"j\"), \"\$.exit\") || \" \" || json_extract(readfile(\"j\"), \"\$.failed\") || \" \" || json_array_length(readfile(\"j\"), \"\$.results\")")" = "1 1 4"
'

test_expect_success 'bad rules and options: usage errors' '
	test_expect_code 2 "$FIOSCOPE" observe --db ok.db --gate "bw>5%" 2>err &&
	grep -q "^fioscope observe: --gate: bad rule .bw>5%.: expected METRIC>=SIGNED% or METRIC<=SIGNED%" err &&
	test_expect_code 2 "$FIOSCOPE" observe --db ok.db --gate "bw>=5%" 2>err &&
	test_expect_code 2 "$FIOSCOPE" observe --db ok.db --junit x.xml 2>err &&
	grep -q "^fioscope observe: --against and --junit need --gate or --gate-file" err &&
	test_expect_code 1 "$FIOSCOPE" observe --db ok.db --gate-file nonexistent 2>err &&
	grep -q "^fioscope: nonexistent: cannot read" err &&
	test_expect_code 1 "$FIOSCOPE" observe --db ok.db --gate "bw>=-5%" --against nothere.db 2>err
'

test_done
