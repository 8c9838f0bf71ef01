#!/bin/sh
# Focus of this file: store integrity, with real fio output
# (tests/fixtures/integrity, made by tests/fixtures/gen-integrity.sh).
# A file is counted once whatever its path; runs of one scenario are
# clients when their windows overlap and repetitions when they do not (one
# rule, stats.c); keys follow the command (re-keying, --dry-run); rm takes
# files out with their statistics; files the layout does not match are
# counted, not ingested with unknown keys; --set values are checked.
. "$(dirname "$0")/lib.sh"

I="$FIX/integrity"
L21='{runtime}/rep{rep}/{rw}-{iodepth}.json'
LC='{runtime}/rep{rep}/{client}/{rw}-{iodepth}.json'

# ls_cr DB: "CLIENTS REPS GROUPING" of ls's first scenario line, cut
# where the header puts them (numbers end under their header, text
# starts under it; FLAGS may be empty)
ls_cr() {
	"$FIOSCOPE" ls --db "$1" >ls.out &&
	awk 'function cell(s,   t) { t = s; gsub(/^ +| +$/, "", t); n = split(t, a, " "); return a[n] }
	     NR == 1 { ce = index($0, "CLIENTS") + 7; re = index($0, "REPS") + 4
		       g = index($0, "GROUPING"); l = index($0, "LABELS")
		       if (!l) l = 10000 }	# no labels: no LABELS column
	     NR == 2 { print cell(substr($0, 1, ce - 1)), cell(substr($0, 1, re - 1)),
		       cell(substr($0, g, l - g)) }' ls.out
}

test_expect_success 'three spellings of one tree, symlinks, then a copy: each file stored once' '
	cp -r "$I/reps" C &&
	"$FIOSCOPE" ingest --db s.db C 2>err &&
	q s.db "SELECT * FROM scenario_stats" >stats.1 &&
	"$FIOSCOPE" ingest --db s.db "$(pwd)/C" 2>err &&
	grep -q "ingested 0 files, 3 unchanged" err &&
	(cd C && "$FIOSCOPE" ingest --db ../s.db . 2>../err) &&
	grep -q "ingested 0 files, 3 unchanged" err &&
	"$FIOSCOPE" ingest --db s.db C// 2>err &&
	grep -q "ingested 0 files, 3 unchanged" err &&
	# through a symlinked directory, and a symlinked file
	ln -s C L && "$FIOSCOPE" ingest --db s.db L 2>err &&
	grep -q "ingested 0 files, 3 unchanged" err &&
	ln -s C/runc/rep2/randread-1.json one.json &&
	"$FIOSCOPE" ingest --db s.db one.json 2>err &&
	grep -q "ingested 0 files, 1 unchanged" err &&
	cp -r C D &&
	"$FIOSCOPE" ingest --db s.db D 2>err &&
	grep -q "ingested 0 files, 0 unchanged, 0 failed, 0 skipped, 0 re-keyed, 3 duplicates" err &&
	grep -q "^fioscope: note: D/runc/rep1/randread-1.json: same content as .$(pwd -P)/C/runc/rep1/randread-1.json., already stored: not ingested again$" err &&
	test "$(q s.db "SELECT count(*) FROM run")" = 3 &&
	test "$(q s.db "SELECT count(*) FROM source_file")" = 3 &&
	test "$(q s.db "SELECT count(*) FROM source_file WHERE path LIKE '"'$(pwd -P)/C/%'"'")" = 3 &&
	q s.db "SELECT * FROM scenario_stats" >stats.2 &&
	test_cmp stats.1 stats.2
'

test_expect_success 'a folder of runs one after the other: repetitions, 1 client' '
	"$FIOSCOPE" ingest --db seq.db "$I/seq" 2>/dev/null &&
	test "$(q seq.db "SELECT clients, reps, grouping FROM scenario_stats")" = "1|3|overlap" &&
	test "$(q seq.db "SELECT DISTINCT clients, reps FROM run_stats")" = "1|3" &&
	test "$(ls_cr seq.db)" = "1 3 overlap" &&
	# the bandwidth is the mean of the three runs, not their sum
	test "$(q seq.db "SELECT abs(t.bw_bytes - (SELECT avg(bw_bytes) FROM run_stats)) < 1 FROM scenario_stats t")" = 1
'

test_expect_success 'scenario_rep holds the repetitions the rule formed (observe reads them)' '
	# three runs one after the other, no rep label: three repetitions of
	# one run each, whose mean is the scenario bandwidth
	test "$(q seq.db "SELECT count(*), sum(runs) FROM scenario_rep")" = "3|3" &&
	test "$(q seq.db "SELECT group_concat(rep_idx) FROM (SELECT rep_idx FROM scenario_rep ORDER BY 1)")" = "0,1,2" &&
	test "$(q seq.db "SELECT abs((SELECT avg(bw_bytes) FROM scenario_rep) - bw_bytes) < 1 FROM scenario_stats")" = 1 &&
	# the same runs as three clients of one repetition (--set clients)
	"$FIOSCOPE" ingest --db seqr.db --set clients=3 "$I/seq" 2>/dev/null &&
	test "$(q seqr.db "SELECT count(*), sum(runs) FROM scenario_rep")" = "1|3"
'

test_expect_success 'the report says which rule grouped the runs' '
	"$FIOSCOPE" report --db seq.db --out rep 2>/dev/null &&
	grep -q "Clients and repetitions: 1 by overlap (overlap: runs whose windows overlap are clients, disjoint ones repetitions)." rep/index.html
'

test_expect_success '--set clients overrides the inference' '
	"$FIOSCOPE" ingest --db seqc.db --set clients=3 "$I/seq" 2>/dev/null &&
	test "$(q seqc.db "SELECT clients, reps, grouping FROM scenario_stats")" = "3|1|clients-key"
'

test_expect_success "issue 21: $L21, one client, 3 repetitions" '
	"$FIOSCOPE" ingest --db r21.db --layout "$L21" "$I/reps" 2>/dev/null &&
	test "$(ls_cr r21.db)" = "1 3 rep-key" &&
	test "$(q r21.db "SELECT runtime, clients, reps FROM scenario_stats")" = "runc|1|3" &&
	test "$(q r21.db "SELECT DISTINCT clients, reps FROM run_stats")" = "1|3" &&
	test "$(q r21.db "SELECT count(*) FROM run_stats")" = 3
'

test_expect_success 'two overlapping clients per repetition (client directories): 2 clients, 3 reps' '
	"$FIOSCOPE" ingest --db c2.db --layout "$LC" "$I/clients" 2>/dev/null &&
	test "$(ls_cr c2.db)" = "2 3 rep-key" &&
	test "$(q c2.db "SELECT clients, reps FROM scenario_stats")" = "2|3" &&
	test "$(q c2.db "SELECT DISTINCT clients, reps FROM run_stats")" = "2|3" &&
	test "$(q c2.db "SELECT count(*) FROM run_stats")" = 6
'

test_expect_success 'repetitions that disagree: the most clients, and a flag' '
	cp -r "$I/clients" X && rm -r X/runc/rep3/c2 &&
	"$FIOSCOPE" ingest --db x.db --layout "$LC" X 2>/dev/null &&
	test "$(q x.db "SELECT clients, reps, runs FROM scenario_stats")" = "2|3|5" &&
	test "$(q x.db "SELECT clients_min FROM scenario_stat")" = 1 &&
	"$FIOSCOPE" ls --db x.db >out &&
	grep -q " clients=1-2 " out
'

test_expect_success 'the same without {client}: the overlap says clients' '
	"$FIOSCOPE" ingest --db c2o.db --layout "{runtime}/rep{rep}/{*}/{rw}-{iodepth}.json" "$I/clients" 2>/dev/null &&
	test "$(q c2o.db "SELECT clients, reps, grouping FROM scenario_stats")" = "2|3|rep-key" &&
	# and without any key: 3 windows of 2 overlapping runs
	"$FIOSCOPE" ingest --db c2n.db "$I/clients" 2>/dev/null &&
	test "$(q c2n.db "SELECT clients, reps, grouping FROM scenario_stats")" = "2|3|overlap"
'

# The rule's edge cases on a synthetic store: units (file, client) with
# chosen windows; the statistics are refreshed by an ingest of nothing.
test_expect_success 'the rule: overlapping units are clients, disjoint ones repetitions, a chain is one' '
	sqlite3 syn.db <"$TOP/schema/fioscope.sql" &&
	sqlite3 syn.db "
	INSERT INTO scenario(id, rw, key) VALUES (1, '"'read'"', '"'a'"'), (2, '"'read'"', '"'b'"'), (3, '"'read'"', '"'c'"');
	CREATE TEMP TABLE w(f, scn, s, e);
	INSERT INTO w VALUES (1, 1, 0, 100), (2, 1, 50, 150), (3, 1, 200, 300), (4, 1, 250, 260),
		(5, 2, 0, 100), (6, 2, 90, 200), (7, 2, 190, 300),
		(8, 3, 0, 100), (9, 3, NULL, NULL);
	INSERT INTO source_file(id, path, size, mtime_ns, sha256, kind, ingested_at, status)
		SELECT f, '"'f'"' || f, 1, 0, '"'x'"' || f, '"'json'"', 0, '"'ok'"' FROM w;
	INSERT INTO run(id, file_id, scenario_id, seq, start_ms, end_ms)
		SELECT f, f, scn, 0, s, e FROM w;
	INSERT INTO io_stat(run_id, ddir, io_bytes, bw_bytes, iops, runtime_ms, total_ios, short_ios, drop_ios)
		SELECT f, 0, 1, 1000 * f, f, 100, 10, 0, 0 FROM w;
	INSERT INTO dirty_scenario SELECT id FROM scenario;" &&
	mkdir empty && "$FIOSCOPE" ingest --quiet --db syn.db empty &&
	q syn.db "SELECT scenario_id, clients, clients_min, reps, grouping, bw_bytes FROM scenario_stat ORDER BY 1" >got &&
	cat >want <<-\EOT &&
	1|2|2|2|overlap|5000.0
	2|3|3|1|overlap|18000.0
	3|2|2|1|no-times|17000.0
	EOT
	test_cmp want got
'

# The rule on the other campaign shapes (tests/fixtures/shapes): what it
# infers equals what the layout states.
SH="$FIX/shapes"
test_expect_success 'bs-sweep: {clients} stated, {client} only, or neither: the same statistics' '
	"$FIOSCOPE" ingest --quiet --db bs1.db --layout "{backend}-{rw}/{clients}/{client}/{bs}.json" "$SH/bs-sweep" &&
	"$FIOSCOPE" ingest --quiet --db bs2.db --layout "{backend}-{rw}/{*}/{client}/{bs}.json" "$SH/bs-sweep" &&
	"$FIOSCOPE" ingest --quiet --db bs3.db --layout "{backend}-{rw}/{*}/{*}/{bs}.json" "$SH/bs-sweep" &&
	for d in bs1 bs2 bs3; do
		q $d.db "SELECT backend, rw, bs, clients, ddir, runs, reps,
			 round(bw_bytes) FROM scenario_stats ORDER BY 1, 2, 3, 5" >$d.txt || return 1
	done &&
	test "$(wc -l <bs1.txt)" -ge 20 &&
	test_cmp bs1.txt bs2.txt && test_cmp bs1.txt bs3.txt &&
	test "$(q bs1.db "SELECT DISTINCT clients, reps, grouping FROM scenario_stats")" = "2|1|clients-key" &&
	test "$(q bs2.db "SELECT DISTINCT grouping FROM scenario_stats")" = overlap
'

test_expect_success 'qd-jobs (fio-plot layout, no keys but fio'"'"'s): one client, one repetition each' '
	"$FIOSCOPE" ingest --quiet --db qd.db "$SH/qd-jobs" &&
	n=$(find "$SH/qd-jobs" -name "*.json" | wc -l) &&
	test "$(q qd.db "SELECT count(*) FROM scenario_stats WHERE clients = 1 AND reps = 1 AND runs = 1")" = "$n"
'

test_expect_success 'sample-data: the stated clients, every repetition whole' '
	"$FIOSCOPE" ingest --quiet --db sd.db --layout "rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" "$TOP/sample-data" &&
	test "$(q sd.db "SELECT count(*) FROM scenario_stats WHERE runs <> clients * reps")" = 0 &&
	test "$(q sd.db "SELECT DISTINCT grouping FROM scenario_stats")" = clients-key
'

test_expect_success 're-ingest with another --set: re-keyed without a re-parse, counted' '
	"$FIOSCOPE" ingest --db rk.db --set backend=a "$I/seq" 2>/dev/null &&
	"$FIOSCOPE" ingest --db rk.db --set backend=b "$I/seq" 2>err &&
	grep -q "ingested 0 files, 0 unchanged, 0 failed, 0 skipped, 3 re-keyed" err &&
	grep -q "^fioscope: note: .*/seq/run1.json: re-keyed 1 run$" err &&
	test "$(q rk.db "SELECT group_concat(backend) FROM scenario")" = b &&
	test "$(q rk.db "SELECT backend, clients, reps FROM scenario_stats")" = "b|1|3" &&
	"$FIOSCOPE" ingest --db rk.db --set backend=b "$I/seq" 2>err &&
	grep -q "ingested 0 files, 3 unchanged, 0 failed, 0 skipped, 0 re-keyed" err
'

test_expect_success 're-ingest with a layout: re-keyed, the same store as keyed at once' '
	"$FIOSCOPE" ingest --db rl.db "$I/reps" 2>/dev/null &&
	test "$(q rl.db "SELECT runtime IS NULL FROM scenario")" = 1 &&
	"$FIOSCOPE" ingest --db rl.db --layout "$L21" "$I/reps" 2>err &&
	grep -q "3 re-keyed" err &&
	q rl.db "SELECT * FROM scenario_stats" >got &&
	q r21.db "SELECT * FROM scenario_stats" >want &&
	test_cmp want got &&
	test "$(q rl.db "SELECT count(*) FROM scenario")" = 1
'

test_expect_success '--dry-run prints each key and its source, changes nothing' '
	sha256sum r21.db >before &&
	ls r21.db* >files.before &&
	"$FIOSCOPE" ingest --db r21.db --dry-run --layout "$L21" --set backend=x "$I/reps" >out 2>err &&
	sha256sum r21.db >after && ls r21.db* >files.after &&
	test_cmp before after && test_cmp files.before files.after &&
	test "$(wc -l <out)" = 3 &&
	grep -q "rep1/randread-1.json: run 1 (job): runtime=runc (layout) backend=x (--set) rw=randread (JSON) bs=4096 (JSON) clients=? iodepth=1 (JSON) numjobs=1 (fio'"'"'s default) rep=1 (layout) client=?$" out &&
	grep -q "dry run: 3 files would be ingested (3 runs)" err &&
	# no store at all: none made
	"$FIOSCOPE" ingest --db none.db --dry-run "$I/seq" >/dev/null 2>&1 &&
	! test -e none.db
'

test_expect_success 'rm leaves the statistics of a store that never had those files' '
	cp -r "$I/reps" R && cp -r "$I/seq" S &&
	"$FIOSCOPE" ingest --db both.db R S 2>/dev/null &&
	test "$(q both.db "SELECT reps FROM scenario_stats")" = 6 &&
	"$FIOSCOPE" ingest --db only.db R 2>/dev/null &&
	"$FIOSCOPE" rm --db both.db S 2>err &&
	grep -q "^fioscope: removed 3 files, 3 runs$" err &&
	for v in scenario_stats run_stats scenario_clat_bins; do
		q both.db "SELECT * FROM $v" >got.$v &&
		q only.db "SELECT * FROM $v" >want.$v &&
		test_cmp want.$v got.$v || return 1
	done &&
	"$FIOSCOPE" ls --db both.db >ls.both && "$FIOSCOPE" ls --db only.db >ls.only &&
	test_cmp ls.only ls.both &&
	test "$(q both.db "SELECT count(*) FROM dirty_scenario")" = 0 &&
	test_expect_code 1 "$FIOSCOPE" rm --db both.db S 2>err &&
	grep -q "^fioscope: S: no such file in the store$" err
'

test_expect_success 'rm of a single file, and of the last: scenarios go with their runs' '
	"$FIOSCOPE" rm --db only.db R/runc/rep2/randread-1.json 2>/dev/null &&
	test "$(q only.db "SELECT runs, reps FROM scenario_stats")" = "2|2" &&
	"$FIOSCOPE" rm --db only.db R 2>/dev/null &&
	test "$(q only.db "SELECT count(*) FROM scenario")" = 0 &&
	test "$(q only.db "SELECT count(*) FROM scenario_stat")" = 0
'

test_expect_success 'files the layout does not match: counted, named, exit 1; --set supplies keys' '
	mkdir -p M && cp "$I/seq/run1.json" M/flat.json &&
	test_expect_code 1 "$FIOSCOPE" ingest --db m.db --layout "$L21" M "$I/reps" 2>err &&
	grep -q "^fioscope: M/flat.json: path does not match the layout .*: not ingested" err &&
	grep -q "ingested 3 files, .* 1 did not match the layout" err &&
	test "$(q m.db "SELECT count(*) FROM run")" = 3 &&
	"$FIOSCOPE" ingest --db m.db --layout "$L21" --set runtime=runc --set rep=9 --set rw=randread --set iodepth=1 M 2>err &&
	test "$(q m.db "SELECT count(*) FROM run")" = 4 &&
	test "$(q m.db "SELECT reps FROM scenario_stats")" = 4
'

test_expect_success 'invalid --set values are usage errors' '
	for s in clients=8x bs=4q rw=bogus iodepth=0 numjobs=-1 runtime=; do
		test_expect_code 2 "$FIOSCOPE" ingest --db v.db --set "$s" "$I/seq" 2>err &&
		grep -q "^fioscope ingest: --set: " err || return 1
	done &&
	! test -e v.db
'

test_expect_success 'new bytes under an old size and mtime (rsync -t): read again' '
	mkdir -p T && cp "$I/seq/run1.json" T/r.json &&
	"$FIOSCOPE" ingest --db t.db T 2>/dev/null &&
	sed "s/\"usr_cpu\" : [0-9]/\"usr_cpu\" : 9/" T/r.json >T/new &&
	! cmp -s T/r.json T/new &&
	test "$(wc -c <T/r.json)" = "$(wc -c <T/new)" &&
	touch -r T/r.json T/new && mv T/new T/r.json &&
	"$FIOSCOPE" ingest --db t.db T 2>err &&
	grep -q "ingested 1 file, 0 unchanged" err &&
	test "$(q t.db "SELECT sha256 FROM source_file")" = "$(sha256sum T/r.json | cut -d" " -f1)"
'

test_expect_success 'an older store with a relative path: the same file taken over, not doubled' '
	sqlite3 old.db <"$FIX/store/v1.sql" &&
	n=$(q old.db "SELECT count(*) FROM run") &&
	(cd "$TOP" && "$FIOSCOPE" ingest --db "$TRASH/old.db" tests/fixtures/fio3/json-read.json) 2>err &&
	grep -q "ingested 0 files" err && ! grep -q "same content" err &&
	test "$(q old.db "SELECT count(*) FROM run")" = $n &&
	test "$(q old.db "SELECT count(*) FROM source_file WHERE path = '"'$(cd "$TOP" && pwd -P)/tests/fixtures/fio3/json-read.json'"'")" = 1 &&
	test "$(q old.db "SELECT count(*) FROM source_file WHERE path LIKE '"'tests/%'"'")" = 2
'

test_done
