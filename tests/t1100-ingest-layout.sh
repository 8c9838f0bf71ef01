#!/bin/sh
# Focus of this file: scenario keys from the path (--layout), from --set and
# from fio's JSON, their precedence, and the count of clients.
. "$(dirname "$0")/lib.sh"

L='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'

test_expect_success 'the reference layout keys a tree by scenario' '
	"$FIOSCOPE" ingest --db s.db --layout "$L" "$FIX/tree" 2>err &&
	q s.db "SELECT runtime, backend, rw, bs, clients, count(*) FROM run_stats GROUP BY 1,2,3,4,5 ORDER BY 1,2,3,4" >got &&
	cat >want <<-\EOT &&
	bare-metal|beegfs|randread|4096|2|2
	bare-metal|beegfs|randread|65536|2|2
	bare-metal|beegfs|write|4096|2|2
	bare-metal|nfs|randread|4096|2|2
	runc|beegfs|randread|4096|2|2
	runc|beegfs|write|4096|2|2
	EOT
	test_cmp want got
'

test_expect_success 'the client comes from the path; .gz files are read' '
	test "$(q s.db "SELECT group_concat(client) FROM (SELECT DISTINCT client FROM run ORDER BY 1)")" = "c1,c2" &&
	test "$(q s.db "SELECT count(*) FROM source_file WHERE path LIKE \"%.json.gz\" AND status = \"ok\"")" = 1
'

test_expect_success '--set adds keys and free labels to every file' '
	"$FIOSCOPE" ingest --db t.db --set runtime=kata-virtiofs-dax --set backend=beegfs --set site=lab1 "$FIX/fio3/jsonplus-read.json" 2>/dev/null &&
	test "$(q t.db "SELECT runtime || \" \" || backend || \" \" || labels FROM scenario")" = "kata-virtiofs-dax beegfs site=lab1"
'

test_expect_success 'without {clients}, clients is the number of distinct clients' '
	"$FIOSCOPE" ingest --db c.db --layout "{runtime}/{backend}-{rw}/{*}/{client}/{bs}.json" "$FIX/tree/bare-metal/beegfs-write" 2>/dev/null &&
	test "$(q c.db "SELECT clients FROM scenario_stats")" = 2 &&
	test "$(q c.db "SELECT DISTINCT clients FROM run_stats")" = 2 &&
	test "$(q c.db "SELECT clients IS NULL FROM scenario")" = 1
'

test_expect_success 'path and JSON disagree: warn and keep the JSON value' '
	mkdir -p w/bare-metal/beegfs-write/1/c1 &&
	cp "$FIX/tree/bare-metal/beegfs-randread/2/c1/4k.json" w/bare-metal/beegfs-write/1/c1/4k.json &&
	"$FIOSCOPE" ingest --db w.db --layout "$L" w 2>err &&
	grep -q "^fioscope: warning: w/bare-metal/beegfs-write/1/c1/4k.json: rw is .randread. in fio.s options but .write. in the path" err &&
	test "$(q w.db "SELECT rw FROM scenario")" = randread
'

test_expect_success 'a path that does not match the layout: not ingested, exit 1, counted' '
	mkdir -p odd && cp "$FIX/fio3/jsonplus-read.json" odd/x.json &&
	test_expect_code 1 "$FIOSCOPE" ingest --db o.db --layout "$L" odd 2>err &&
	grep -q "^fioscope: odd/x.json: path does not match the layout .*: not ingested" err &&
	grep -q "1 did not match the layout" err &&
	test "$(q o.db "SELECT count(*) FROM run")" = 0
'

test_expect_success '--keep-unmatched keeps it with unknown keys, a warning' '
	"$FIOSCOPE" ingest --db o.db --keep-unmatched --layout "$L" odd 2>err &&
	grep -q "^fioscope: warning: odd/x.json: path does not match the layout" err &&
	test "$(q o.db "SELECT runtime IS NULL FROM scenario")" = 1
'

test_expect_success 'rep placeholder keeps repetitions of one scenario apart' '
	mkdir -p r/rep1/runc r/rep2/runc &&
	cp "$FIX/fio3/jsonplus-read.json" r/rep1/runc/64k.json &&
	cp "$FIX/fio3/jsonplus-read.json" r/rep2/runc/64k.json &&
	echo >>r/rep2/runc/64k.json &&
	"$FIOSCOPE" ingest --db r.db --layout "rep{rep}/{runtime}/{bs}.json" r 2>/dev/null &&
	test "$(q r.db "SELECT count(*) FROM scenario")" = 1 &&
	test "$(q r.db "SELECT reps FROM scenario_stats")" = 2
'

test_done
