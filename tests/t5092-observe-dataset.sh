#!/bin/sh
# Focus of this file (#20): the data set that fits in the node's memory.
# With --node-memory SIZE, a cell whose runs did buffered I/O (direct not
# 1) on a data set (size x numjobs, or size when the jobs share a
# filename) no larger than SIZE gets a plausibility caveat; direct I/O, a
# larger data set, no --node-memory or a write job that syncs get none.
# Runs: the fio3 json+ fixtures (size=4m, direct=1, filename set), their
# options edited here.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/observe-lib.sh"

# opt RW RUNTIME DB SED: a run of RW whose job options SED edits
opt() {
	n_mk=$((n_mk + 1))
	sed "$4" "$FIX/fio3/jsonplus-$1.json" >in$n_mk.json &&
	fio_unique in$n_mk.json &&
	"$FIOSCOPE" ingest --quiet --db "$3" --set runtime="$2" --set backend=b \
		--set clients=1 in$n_mk.json
}
BUF='s/"direct" : "1"/"direct" : "0"/'

test_expect_success 'setup: direct bare metal, buffered runc, reads and writes' '
	opt read bare-metal s.db "" && opt write bare-metal s.db "" &&
	opt read runc s.db "$BUF" && opt write runc s.db "$BUF" &&
	test "$(q s.db "SELECT count(*) FROM run_option WHERE key = '\''direct'\'' AND value = '\''0'\''")" = 2
'

test_expect_success 'no --node-memory: no data-set caveat' '
	"$FIOSCOPE" observe --db s.db --format json >o.json &&
	! grep -q "page cache" o.json &&
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert not [f for f in d[\"findings\"] if f.get(\"verdict\") == \"dataset\"], d[\"findings\"]" o.json
'

test_expect_success '--node-memory 1g: the buffered cells, reads and writes, only' '
	"$FIOSCOPE" observe --db s.db --node-memory 1g >o.txt &&
	grep "runc, read.*the data set (4 MiB per node, from fio.s size and numjobs) fits in the node.s 1 GiB of memory and the I/O was buffered (direct=0): reads may come from the page cache" o.txt &&
	grep "runc, write.*fits in the node.s 1 GiB of memory.*writes may stay in the page cache" o.txt &&
	test "$(grep -c "fits in the node" o.txt)" = 2 &&
	! grep "bare-metal, .*fits in the node" o.txt &&
	"$FIOSCOPE" observe --db s.db --node-memory 1g --format json >o.json &&
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=[x for x in d[\"findings\"] if x.get(\"verdict\") == \"dataset\"]; assert len(f) == 2 and all(x[\"runtime\"] == \"runc\" for x in f), f" o.json
'

test_expect_success 'a data set larger than the memory: no caveat (4 MiB against 2 MiB)' '
	"$FIOSCOPE" observe --db s.db --node-memory 2m >o.txt &&
	! grep "fits in the node" o.txt &&
	"$FIOSCOPE" observe --db s.db --node-memory 4m >o.txt &&
	test "$(grep -c "fits in the node" o.txt)" = 2
'

test_expect_success 'numjobs 4 without a shared filename: 4 x size is the data set' '
	opt read bare-metal j.db "" &&
	opt read kata j.db "$BUF; s/\"filename\" : \"read.dat\",//; s/\"size\" : \"4m\"/\"size\" : \"4m\", \"numjobs\" : \"4\"/" &&
	"$FIOSCOPE" observe --db j.db --node-memory 8m >o.txt &&
	! grep "fits in the node" o.txt &&
	"$FIOSCOPE" observe --db j.db --node-memory 16m >o.txt &&
	grep "kata, read.*the data set (16 MiB per node" o.txt
'

test_expect_success 'a write job that syncs at the end: no write caveat' '
	opt write bare-metal w.db "" &&
	opt write runc w.db "$BUF; s/\"size\" : \"4m\"/\"size\" : \"4m\", \"end_fsync\" : \"1\"/" &&
	"$FIOSCOPE" observe --db w.db --node-memory 1g >o.txt &&
	! grep "fits in the node" o.txt
'

test_expect_success 'a percentage size decides nothing' '
	opt read bare-metal p.db "" &&
	opt read runc p.db "$BUF; s/\"size\" : \"4m\"/\"size\" : \"50%\"/" &&
	"$FIOSCOPE" observe --db p.db --node-memory 1g >o.txt &&
	! grep "fits in the node" o.txt
'

test_expect_success '--node-memory: a bad size is a usage error' '
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --node-memory lots 2>err &&
	grep "node-memory" err && test "$(wc -l <err)" -le 2 &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --node-memory 0 2>err
'

test_done
