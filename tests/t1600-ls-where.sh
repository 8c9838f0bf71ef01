#!/bin/sh
# Focus of this file: `fioscope ls` options (--where, --csv, --json read
# back by python3's csv and json modules, units) and the one --where
# grammar: the same table of filters gives the same verdict (accepted, or
# the same usage error) in ls, render, observe and report, and the same
# selection in ls and observe.  Also colour: NO_COLOR only when not empty,
# --color=auto|always|never.
. "$(dirname "$0")/lib.sh"
L='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'

test_expect_success 'setup: the fixture tree, two runtimes, a label' '
	"$FIOSCOPE" ingest --db s.db --quiet --layout "$L" --set site=lab "$FIX/tree" &&
	test "$(q s.db "SELECT count(DISTINCT runtime) FROM scenario")" = 2
'

test_expect_success 'ls --where keeps the matching scenarios only' '
	"$FIOSCOPE" ls --db s.db --where runtime=runc >out &&
	test "$(sed 1d out | wc -l)" -gt 0 &&
	! sed 1d out | grep -v "^runc " &&
	"$FIOSCOPE" ls --db s.db --where runtime=runc --where bs=4k --where rw=randread >out &&
	sed 1d out | awk "{ print \$1, \$3, \$4 }" | sort -u >got &&
	echo "runc randread 4k" >want && test_cmp want got &&
	"$FIOSCOPE" ls --db s.db --where bs=64k >out &&
	sed 1d out | awk "{ print \$1, \$2, \$3, \$4 }" >got &&
	echo "bare-metal beegfs randread 64k" >want && test_cmp want got &&
	"$FIOSCOPE" ls --db s.db --where runtime=runc --where runtime=bare-metal >both &&
	"$FIOSCOPE" ls --db s.db >all && test_cmp all both &&
	"$FIOSCOPE" ls --db s.db --where site=lab >lab && test_cmp all lab &&
	"$FIOSCOPE" ls --db s.db --where site=elsewhere >none &&
	test "$(wc -l <none)" = 1
'

test_expect_success 'ls --csv: python3 reads it back, raw numbers equal the store' '
	"$FIOSCOPE" ls --db s.db --csv --where ddir=read >out.csv &&
	python3 -c "
import csv, sqlite3, sys
rows = list(csv.DictReader(open(\"out.csv\", newline=\"\")))
db = sqlite3.connect(\"s.db\")
want = sorted(db.execute(\"SELECT runtime, backend, rw, bs, clients, bw_bytes FROM scenario_stats WHERE ddir = \x27read\x27\").fetchall())
got = sorted((r[\"runtime\"], r[\"backend\"], r[\"rw\"], int(r[\"bs\"]), int(r[\"clients\"]), float(r[\"bw_bytes\"])) for r in rows)
assert len(got) > 0 and got == [tuple(w[:5]) + (float(w[5]),) for w in want], (got, want)
assert set(r[\"ddir\"] for r in rows) == {\"read\"}
"
'

test_expect_success 'ls --json: python3 reads it back; numbers are numbers' '
	"$FIOSCOPE" ls --db s.db --json >out.json &&
	python3 -c "
import json, sqlite3
rows = json.load(open(\"out.json\"))
db = sqlite3.connect(\"s.db\")
n = db.execute(\"SELECT count(*) FROM scenario_stats\").fetchone()[0]
assert len(rows) == n > 0, (len(rows), n)
for r in rows:
    assert isinstance(r[\"bs\"], int) and isinstance(r[\"bw_bytes\"], (int, float))
    assert isinstance(r[\"clat_p99_ns\"], (int, float))
    assert r[\"labels\"] == \"site=lab\" and r[\"iodepth\"] is None or isinstance(r[\"iodepth\"], int)
"
'

test_expect_success 'units: us with --ascii or in the C locale, the micro sign in UTF-8' '
	mu=$(printf "\302\265") &&
	LC_ALL=C.UTF-8 "$FIOSCOPE" ls --db s.db >utf8 &&
	grep -q "[0-9] ${mu}s" utf8 && ! grep -q "[0-9] us" utf8 &&
	LC_ALL=C.UTF-8 "$FIOSCOPE" ls --db s.db --ascii >ascii &&
	grep -q "[0-9] us" ascii && ! grep -q "$mu" ascii &&
	LC_ALL=C "$FIOSCOPE" ls --db s.db >c && test_cmp ascii c
'

# filter | the usage error it gives ("" when it is accepted)
while IFS='|' read -r filt err; do
	for cmd in ls render observe report; do
		# the filter and the message go through files: they hold quotes
		printf "%s" "$filt" >"filt.$cmd"
		test -n "$err" && printf "fioscope %s: %s\n" "$cmd" "$err" >"want.$cmd"
		test_expect_success "--where $filt in $cmd: ${err:-accepted}" "
			\"\$FIOSCOPE\" $cmd --db s.db --where \"\$(cat filt.$cmd)\" >out 2>stderr
			rc=\$?
			if test -n \"$(test -n "$err" && echo usage)\"; then
				test \$rc = 2 &&
				head -n 1 stderr >first &&
				test_cmp want.$cmd first &&
				rm want.$cmd
			else
				test \$rc = 0 || test \$rc = 1 && ! grep -q 'Try ' stderr
			fi
		"
	done
done <<'EOF_WHERE'
runtime=runc|
bs=64k|
bs=65536|
rw=randread|
rw=readwrite|
clients=2|
ddir=write|
site=lab|
bs=64q|--where: bs: '64q' is not a block size
clients=two|--where: clients: 'two' is not a number
ddir=sideways|--where: ddir: expected read, write or trim, not 'sideways'
rw=sideways|--where: rw: 'sideways' is not a fio pattern
runtime|--where: expected KEY=VALUE, got 'runtime'
=x|--where: expected KEY=VALUE, got '=x'
a b=c|--where: 'a b' is not a key (letters, digits, _ . -)
sit=lab|--where: unknown key 'sit'; did you mean 'site'? keys: runtime, backend, rw, bs, clients, iodepth, numjobs, ddir; labels in the store: site
EOF_WHERE

test_expect_success 'ls and observe select the same scenarios for a --where' '
	"$FIOSCOPE" ls --db s.db --json --where bs=4k --where clients=2 >ls.json &&
	"$FIOSCOPE" observe --db s.db --format json --where bs=4k --where clients=2 >obs.json &&
	python3 -c "
import json
ls = json.load(open(\"ls.json\"))
obs = json.load(open(\"obs.json\"))
a = sorted(set((r[\"backend\"], r[\"rw\"], r[\"clients\"]) for r in ls))
b = sorted(set((r[\"backend\"], r[\"rw\"], r[\"clients\"]) for r in obs[\"rows\"]))
assert a and a == b, (a, b)
"
'

test_expect_success 'colour: --color=always/never; NO_COLOR only when not empty' '
	"$FIOSCOPE" observe --db s.db --color=always >out &&
	grep -q "$(printf "\033")\[" out &&
	"$FIOSCOPE" observe --db s.db --color=never >out &&
	! grep -q "$(printf "\033")" out &&
	NO_COLOR=1 "$FIOSCOPE" observe --db s.db --color=always >out &&
	grep -q "$(printf "\033")\[" out &&
	TERM=xterm NO_COLOR= script -qec "\"$FIOSCOPE\" observe --db s.db" /dev/null >tty &&
	grep -q "$(printf "\033")\[" tty &&
	TERM=xterm NO_COLOR=1 script -qec "\"$FIOSCOPE\" observe --db s.db" /dev/null >tty &&
	! grep -q "$(printf "\033")\[" tty &&
	TERM=xterm script -qec "\"$FIOSCOPE\" observe --db s.db --color=never" /dev/null >tty &&
	! grep -q "$(printf "\033")\[" tty &&
	"$FIOSCOPE" observe --db s.db >pipe && ! grep -q "$(printf "\033")" pipe
'

test_done
