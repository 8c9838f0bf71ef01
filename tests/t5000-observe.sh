#!/bin/sh
# Focus of this file: fioscope observe on stores whose findings are known:
# fio-format files copied from fixtures with bw_bytes (or p99) set by sed
# to chosen numbers, so every cell, ratio and decision is predictable.
# Plan: the single-run table and its goldens in every text format; the
# "close to" threshold; missing cells; --where; errors and usage; latency
# wording and approximation; clients that did not overlap.  Repetitions
# are in t5050, escaping in t5060, images in t5100.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/observe-lib.sh"

# (mk_clients: observe-lib.sh)
# mk_lat DB RUNTIME P99_NS: plain json randread (no bins) with p99 set.
mk_lat() {
	n_mk=$((n_mk + 1))
	sed "0,/\"99.000000\" : [0-9]*/s//\"99.000000\" : $3/" \
		"$FIX/fio3/json-randread.json" >in$n_mk.json && fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$1" --set runtime="$2" --set backend=b \
		--set clients=1 in$n_mk.json
}
# golden NAME FILE: FILE equals tests/golden/NAME (FSC_REGEN_GOLDEN=1
# rewrites the golden instead; review the diff before committing it).
golden() {
	[ -z "${FSC_REGEN_GOLDEN:-}" ] || cp "$2" "$TOP/tests/golden/$1"
	test_cmp "$TOP/tests/golden/$1" "$2"
}
# jq_count FILE KEY: a count from observe's JSON.
jq_count() {
	sqlite3 :memory: "SELECT json_extract(readfile('$1'), '\$.counts.$2')"
}

test_expect_success 'setup: a single-run campaign with known bandwidth' '
	mk_clients s.db bare-metal read 1 1000 &&
	mk_clients s.db runc read 1 1030 &&
	mk_clients s.db kata-virtiofs-dax read 1 1120 &&
	mk_clients s.db kata-9p read 1 800 &&
	mk_clients s.db bare-metal read 8 2000 &&
	mk_clients s.db runc read 8 1980 &&
	mk_clients s.db kata-9p read 8 620 &&
	mk_clients s.db bare-metal write 1 1000 &&
	mk_clients s.db runc write 1 1000 &&
	mk_clients s.db kata-virtiofs-dax write 1 1120 &&
	mk_clients s.db kata-9p write 1 500
'

for f in txt md csv json html; do
	test_expect_success "golden: observe --format $f" "
		\"\$FIOSCOPE\" observe --db s.db --out single.$f 2>err &&
		! test -s err && golden observe-single.$f single.$f
	"
done

test_expect_success 'text on a pipe: no colour; stdout equals --out' '
	"$FIOSCOPE" observe --db s.db >out &&
	! grep -q "$(printf "\033")" out && test_cmp single.txt out
'

test_expect_success 'text on a terminal: coloured ratios' '
	TERM=xterm script -qec "\"$FIOSCOPE\" observe --db s.db" /dev/null >tty &&
	grep -q "$(printf "\033")\[1;34m1\.12x" tty &&
	grep -q "$(printf "\033")\[1;33m0\.80x" tty &&
	TERM=xterm NO_COLOR=1 script -qec "\"$FIOSCOPE\" observe --db s.db" /dev/null >tty &&
	! grep -q "$(printf "\033")\[" tty
'

test_expect_success 'columns: baseline first, then the known runtimes in order' '
	sed -n 3p single.txt >head &&
	echo "rw     clients  bare-metal  runc             kata-9p         kata-virtiofs-dax" >want &&
	test_cmp want head
'

test_expect_success 'cells: value with unit and ratio to the baseline' '
	grep "^read         1 " single.txt >row &&
	grep -q "1.00 GB/s  1.03 GB/s 1.03x  800 MB/s 0.80x   1.12 GB/s 1.12x!" row
'

test_expect_success 'findings: outperforms, close to and worse, each a single run' '
	grep -qx "    - kata-virtiofs-dax, write: 1.12x bare metal at 1 client (outperforms, single run; beyond bare metal: check for a cache or weaker durability)" single.txt &&
	grep -qx "    - runc, write: 1.00x bare metal at 1 client (close to, single run)" single.txt &&
	grep -qx "    - kata-9p, write: 0.50x bare metal at 1 client (worse, single run)" single.txt
'

test_expect_success 'findings: scaling, and the runtime that scales worst' '
	grep -qx "    - kata-9p, read: 0.80x bare metal at 1 client and 0.31x at 8 clients (worse, single run); falls from 0.80x at 1 client to 0.31x at 8 clients (scales worst)" single.txt &&
	grep -qx "    - runc, read: 1.03x bare metal at 1 client and 0.99x at 8 clients (close to, single run); steady from 1.03x at 1 client to 0.99x at 8 clients" single.txt
'

test_expect_success 'findings by runtime: within N%, verdict counts, geometric mean, scaling' '
	grep -qx "  - runc: within 3% of bare metal in 3 of 3 scenarios" single.txt &&
	grep -qx "  - kata-9p: worse than bare metal in 3 of 3 scenarios" single.txt &&
	grep -qx "  - kata-9p: geometric mean 0.50x bare metal over 3 scenarios; best 0.80x (read, 1 client), worst 0.31x (read, 8 clients)" single.txt &&
	grep -qx "  - kata-9p: scaling: 0.80x bare metal at 1 client, 0.31x at 8 clients (geometric mean over 1 pattern)" single.txt
'

test_expect_success 'a missing cell shows a dash and is counted' '
	grep "^read         8 " single.txt | grep -q "—\$" &&
	grep -qx "— missing: 1 cell without a result." single.txt &&
	test "$(jq_count single.json missing)" = 1 &&
	grep -c ",missing,missing," single.csv | grep -qx 1
'

test_expect_success '1.03 is "close to" at 5%, "outperforms" at --close 2' '
	"$FIOSCOPE" observe --db s.db --close 2 >c2 &&
	grep -qx "    - runc, read: 1.03x bare metal at 1 client (outperforms, single run; beyond bare metal: check for a cache); 0.99x at 8 clients (close to, single run); falls from 1.03x at 1 client to 0.99x at 8 clients" c2
'

test_expect_success 'the boundary: exactly 5% away is still "close to"' '
	mk_clients b.db bare-metal read 1 1000 && mk_clients b.db runc read 1 1050 &&
	mk_clients b.db kata read 1 1051 &&
	"$FIOSCOPE" observe --db b.db >out &&
	grep -q "runc, read: 1.05x bare metal at 1 client (close to, single run)" out &&
	grep -q "kata, read: 1.05x bare metal at 1 client (outperforms, single run; beyond bare metal: check for a cache)" out
'

test_expect_success 'JSON and CSV are well formed' '
	test "$(sqlite3 :memory: "SELECT json_valid(readfile(\"single.json\"))")" = 1 &&
	test "$(awk -F, "{ print NF }" single.csv | sort -u)" = 24 &&
	test "$(sed -n 2p single.csv | tr -d "\r")" = "b,4096,read,read,1,1,1,,bare-metal,bw,1000000000,B/s,1.00 GB/s,0,1,1,0,1,,,,baseline,baseline,"
'

test_expect_success '--where: one key, repeated keys, the baseline kept' '
	"$FIOSCOPE" observe --db s.db --where rw=write --format csv >w &&
	test "$(grep -c "^b,4096,write" w)" = 4 && ! grep -q ",read," w &&
	"$FIOSCOPE" observe --db s.db --where runtime=runc --format csv >w &&
	test "$(cut -d, -f9 w | sort -u | tr "\n" " ")" = "bare-metal runc runtime " &&
	"$FIOSCOPE" observe --db s.db --where clients=8 --where clients=1 --where bs=4k --format csv >w &&
	test "$(wc -l <w)" = 13 &&
	"$FIOSCOPE" observe --db s.db --where clients=8 --format csv >w &&
	test "$(wc -l <w)" = 4 && ! grep -q kata-virtiofs-dax w
'

test_expect_success '--where with an unknown key or a bad value: usage error' '
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --where colour=red 2>err &&
	grep -qx "fioscope observe: --where: unknown key '"'"'colour'"'"'; keys: runtime, backend, rw, bs, clients, iodepth, numjobs, ddir; no labels in the store" err &&
	grep -qx "Try '"'"'fioscope observe --help'"'"' for more information." err &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --where bs=big 2>err &&
	grep -qx "fioscope observe: --where: bs: '"'"'big'"'"' is not a block size" err &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --where runtime 2>err &&
	grep -qx "fioscope observe: --where: expected KEY=VALUE, got '"'"'runtime'"'"'" err
'

test_expect_success '--where that matches nothing' '
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --where rw=randrw 2>err &&
	grep -qx "fioscope: no scenario matches --where" err &&
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --where clients=8 --where rw=write 2>err
'

test_expect_success 'a missing baseline: exit 1, the runtimes present listed' '
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --baseline kata >out 2>err &&
	! test -s out &&
	echo "fioscope: baseline runtime '"'"'kata'"'"' not in the store; runtimes present: bare-metal, runc, kata-9p, kata-virtiofs-dax (choose one with --baseline)" >want &&
	test_cmp want err
'

test_expect_success 'the default baseline bare-metal absent: the first runtime in order, said' '
	mk_clients nb.db runc read 1 1000 && mk_clients nb.db kata-9p read 1 900 &&
	"$FIOSCOPE" observe --db nb.db >out 2>err &&
	! test -s err &&
	grep -q "^Bandwidth relative to runc" out &&
	grep -qx "Compared: runtime, against runc (the first runtime in order; choose another with --baseline runtime=VALUE)" out &&
	grep -q "kata-9p, read: 0.90x runc at 1 client (worse, single run)" out &&
	"$FIOSCOPE" observe --db nb.db --baseline runtime=kata-9p >out &&
	grep -q "runc, read: 1.11x kata-9p at 1 client (outperforms, single run)" out &&
	! grep -q "^Compared:" out
'

test_expect_success 'another baseline: its column first' '
	"$FIOSCOPE" observe --db s.db --baseline kata-9p --format csv | sed -n 2,5p | cut -d, -f9 | tr "\n" " " >cols &&
	test "$(cat cols)" = "kata-9p bare-metal runc kata-virtiofs-dax "
'

test_expect_success 'no store, and an empty store' '
	test_expect_code 1 "$FIOSCOPE" observe --db nope.db 2>err &&
	grep -q "^fioscope: nope.db: no such store" err &&
	"$FIOSCOPE" ingest --quiet --db e.db "$FIX/notfio" 2>/dev/null;
	test_expect_code 1 "$FIOSCOPE" observe --db e.db 2>err &&
	grep -qx "fioscope: no scenarios in the store" err
'

test_expect_success 'usage errors exit 2 and name the option' '
	test_expect_code 2 "$FIOSCOPE" observe --metric p42 2>err &&
	grep -qx "fioscope observe: --metric: expected bw, iops, p50, p99 or p9999, got '"'"'p42'"'"'" err &&
	test_expect_code 2 "$FIOSCOPE" observe --format docx 2>err &&
	grep -q "^fioscope observe: --format: expected text, md" err &&
	test_expect_code 2 "$FIOSCOPE" observe --close five 2>err &&
	grep -q "^fioscope observe: --close: expected a percentage" err &&
	test_expect_code 2 "$FIOSCOPE" observe --close 120 2>err &&
	test_expect_code 2 "$FIOSCOPE" observe --min-overlap 2 2>err &&
	grep -q "^fioscope observe: --min-overlap: expected a number from 0 to 1" err &&
	test_expect_code 2 "$FIOSCOPE" observe --db 2>err &&
	test_expect_code 2 "$FIOSCOPE" observe extra 2>err &&
	grep -qx "fioscope observe: unexpected argument '"'"'extra'"'"'" err &&
	test_expect_code 2 "$FIOSCOPE" observe --bogus 2>err &&
	grep -qx "Try '"'"'fioscope observe --help'"'"' for more information." err
'

test_expect_success '--help: stdout only, every option named' '
	"$FIOSCOPE" observe --help >out 2>err && ! test -s err &&
	grep -q "^usage: fioscope observe" out &&
	for o in db baseline metric format out where close min-overlap title help; do
		grep -q -- "--$o" out || return 1
	done &&
	"$FIOSCOPE" --help | grep -q "^  observe "
'

test_expect_success '--out: format from the extension; write errors' '
	"$FIOSCOPE" observe --db s.db --out t.md && grep -q "^| rw |" t.md &&
	"$FIOSCOPE" observe --db s.db --out t.htm && grep -q "^<table" t.htm &&
	test_expect_code 1 "$FIOSCOPE" observe --db s.db --out nodir/t.md 2>err &&
	grep -qx "fioscope: nodir/t.md: cannot write: No such file or directory" err
'

test_expect_success 'IOPS: its own unit' '
	"$FIOSCOPE" observe --db s.db --metric iops --format csv >i &&
	grep -q ",iops,[0-9.]*,IO/s," i &&
	"$FIOSCOPE" observe --db s.db --metric iops | grep -q "k IOPS"
'

# p99 set by sed in plain json: approximate latency, lower is better
test_expect_success 'latency: ratio of latencies, "slower"/"faster", "~" marks approximate' '
	mk_lat l.db bare-metal 100000 && mk_lat l.db runc 150000 &&
	mk_lat l.db kata 80000 && mk_lat l.db kata-9p 102000 &&
	"$FIOSCOPE" observe --db l.db --metric p99 >out && cat out &&
	grep -q "~100 µs  ~150 µs 1.50x  ~102 µs 1.02x  ~80.0 µs 0.80x" out &&
	grep -qx "    - runc, randread: 1.50x bare metal at 1 client (slower, single run)" out &&
	grep -qx "    - kata, randread: 0.80x bare metal at 1 client (faster, single run)" out &&
	grep -qx "    - kata-9p, randread: 1.02x bare metal at 1 client (close to, single run)" out &&
	grep -q "^~ approximate latency in 4 cells" out &&
	grep -q "lower is better (below 1.00x is faster)" out &&
	"$FIOSCOPE" observe --db l.db --metric p99 --format json >j &&
	grep -q "\"lower_is_better\": true" j && grep -q "\"approximate\": true" j
'

test_expect_success 'json+ latency is exact: no "~"' '
	"$FIOSCOPE" observe --db s.db --metric p50 >out &&
	! grep -q "~" out && grep -q " µs" out
'

test_expect_success 'an order that reverses the overall one is stated when supported' '
	mk_clients o.db bare-metal read 1 1000 && mk_clients o.db bare-metal write 1 1000 &&
	mk_clients o.db bare-metal randread 1 1000 &&
	mk_clients o.db A read 1 1000 && mk_clients o.db B read 1 500 &&
	mk_clients o.db A write 1 500 && mk_clients o.db B write 1 800 &&
	mk_clients o.db A randread 1 1000 && mk_clients o.db B randread 1 1040 &&
	"$FIOSCOPE" observe --db o.db >out &&
	grep -qx "    - B, write: ahead of A at 1 client (1.60x its bandwidth), though behind it overall" out &&
	test "$(grep -c "ahead of" out)" = 1
'

test_expect_success 'a mixed pattern (randrw): one row per direction, named' '
	for rt in bare-metal runc; do
		cp "$FIX/fio3/jsonplus-randrw.json" rw-$rt.json && fio_unique rw-$rt.json &&
		"$FIOSCOPE" ingest --quiet --db m.db --set runtime=$rt \
			--set backend=b --set clients=1 rw-$rt.json || return 1
	done &&
	"$FIOSCOPE" observe --db m.db >out &&
	grep -q "^randrw read         1 .* 1.00x\$" out &&
	grep -q "^randrw write        1 .* 1.00x\$" out &&
	grep -qx "    - runc, randrw write: 1.00x bare metal at 1 client (close to, single run)" out &&
	"$FIOSCOPE" observe --db m.db --where ddir=write --format csv >c &&
	test "$(grep -c ",randrw,write," c)" = 2 && ! grep -q ",randrw,read," c
'

test_expect_success 'clients that did not run together are flagged' '
	mkdir -p no && cp -r "$FIX/tree-nooverlap/bare-metal" no/runc &&
	"$FIOSCOPE" ingest --quiet --db n.db --layout "{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" "$FIX/tree/bare-metal" no 2>/dev/null &&
	"$FIOSCOPE" observe --db n.db --where rw=randread --where bs=4k --where backend=beegfs >out && cat out &&
	grep -q "MB/s\* [0-9.]*x!\?\$" out &&
	grep -q "^\* clients did not run together (overlap below 0.90) in 1 cell" out &&
	grep -q "^  - runc, randread, 2 clients: clients did not run together (overlap 0\.[0-8][0-9]); not a concurrent measurement\$" out &&
	"$FIOSCOPE" observe --db n.db --min-overlap 0 >out && ! grep -q "did not run together" out
'

test_done
