#!/bin/sh
# Focus of this file (#20): CPU cost and CPU-starved clients.
# The store keeps fio's usr_cpu, sys_cpu, ctx, --idle-prof cpu_idleness and
# disk_util (NULL where fio wrote none); observe --metric cpu gives CPU
# seconds per GiB moved (and per 1,000 I/Os), equal to (usr_cpu +
# sys_cpu) / 100 x runtime / GiB computed here in Python from the JSON;
# a runtime that costs more CPU per I/O beyond the 95% CI is a finding;
# a client under 40% idleness (fio's --idle-prof) is a plausibility
# caveat.  Fixtures: tests/fixtures/cpu (gen-cpu.sh, fio 3.33;
# starved.json hand-edited, see tests/fixtures/README.md).
. "$(dirname "$0")/lib.sh"

C="$FIX/cpu"
# expect FILE...: CPU s per GiB and per 1,000 I/Os over the files' jobs,
# from fio's JSON: (usr_cpu + sys_cpu) / 100 x job_runtime (ms; fio 2:
# the longest direction's runtime) / 1000, over GiB and kIO of all
# directions; 6 significant digits
expect() {
	python3 - "$@" <<'EOF'
import json, sys
cpu = byt = ios = 0.0
for f in sys.argv[1:]:
    t = open(f).read()
    d = json.JSONDecoder().raw_decode(t[t.index('{'):])[0]
    for j in d['jobs']:
        dirs = [j[k] for k in ('read', 'write', 'trim') if k in j]
        rt = j.get('job_runtime') or max(x['runtime'] for x in dirs)
        cpu += (j['usr_cpu'] + j['sys_cpu']) / 100 * rt / 1000
        byt += sum(x['io_bytes'] * (1024 if 'io_kbytes' not in x else 1)
                   for x in dirs)
        ios += sum(x.get('total_ios', round(x['iops'] * x['runtime'] / 1000))
                   for x in dirs)
print('%.6g %.6g' % (cpu / (byt / 2**30), cpu / (ios / 1000)))
EOF
}
# got DB RUNTIME [ARGS]: the cell's value and per_kio from observe's JSON
got() {
	db=$1 rt=$2
	shift 2
	"$FIOSCOPE" observe --db "$db" --metric cpu --format json "$@" >g.json &&
	python3 - "$rt" <<'EOF'
import json, sys
d = json.load(open('g.json'))
for r in d['rows']:
    for c in r['cells']:
        if c['runtime'] == sys.argv[1]:
            print('%.6g %.6g' % (c['value'], c['per_kio']))
EOF
}
# scale IN OUT F: a copy of IN with usr_cpu and sys_cpu times F
scale() {
	python3 - "$1" "$2" "$3" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
f = float(sys.argv[3])
t = re.sub(r'"(usr|sys)_cpu" : ([0-9.]+)',
           lambda m: '"%s_cpu" : %f' % (m.group(1), float(m.group(2)) * f), t)
open(sys.argv[2], 'w').write(t)
EOF
}

test_expect_success 'setup: bare metal 3 reps (fio --idle-prof), a runtime at 2x the CPU, a starved client' '
	for n in 1 2 3; do
		"$FIOSCOPE" ingest --quiet --db s.db --set runtime=bare-metal \
			--set rep=$n --set clients=1 "$C/write-idle.$n.json" &&
		scale "$C/write-idle.$n.json" k$n.json 2 &&
		"$FIOSCOPE" ingest --quiet --db s.db --set runtime=kata \
			--set rep=$n --set clients=1 k$n.json || return 1
	done &&
	"$FIOSCOPE" ingest --quiet --db s.db --set runtime=runc --set rep=1 \
		--set clients=1 "$C/starved.json" &&
	"$FIOSCOPE" observe --db s.db --metric cpu >out && cat out
'

test_expect_success 'CPU per GiB and per 1,000 I/Os equal the JSON computed independently' '
	want=$(expect "$C"/write-idle.[123].json) && test -n "$want" &&
	test "$(got s.db bare-metal)" = "$want" &&
	test "$(got s.db kata)" = "$(expect k1.json k2.json k3.json)" &&
	test "$(got s.db runc)" = "$(expect "$C/starved.json")" &&
	grep -q "Cells: CPU cost, CPU seconds" out &&
	grep -q "ms/GiB (.* ms/kIO)" out
'

test_expect_success 'numjobs=2: a group report and separate jobs, and fio 2 (no job_runtime)' '
	"$FIOSCOPE" ingest --quiet --db g.db --set runtime=bare-metal "$C/grouped.json" &&
	"$FIOSCOPE" ingest --quiet --db g.db --set runtime=sep "$C/separate.json" &&
	test "$(got g.db bare-metal)" = "$(expect "$C/grouped.json")" &&
	test "$(got g.db sep)" = "$(expect "$C/separate.json")" &&
	test "$(q g.db "SELECT sum(job_runtime_ms) FROM run r JOIN source_file f ON f.id = r.file_id WHERE f.path LIKE \"%grouped.json\"")" = \
	     "$(python3 -c "import json; print(json.load(open(\"$C/grouped.json\"))[\"jobs\"][0][\"job_runtime\"])")" &&
	f2="$FIX/fio2/json-2.1.4-randread.json" &&
	"$FIOSCOPE" ingest --quiet --db f2.db --set runtime=bare-metal "$f2" &&
	scale "$f2" x2.json 1.5 &&
	"$FIOSCOPE" ingest --quiet --db f2.db --set runtime=x x2.json &&
	test "$(got f2.db bare-metal)" = "$(expect "$f2")" &&
	test "$(got f2.db x)" = "$(expect x2.json)"
'

test_expect_success 'a runtime at 2x the CPU: costlier, and a CPU-cost finding with its CI' '
	grep -q "^CPU cost\$" out &&

	grep "kata, randwrite, 1 client: costs 2.00x the CPU per I/O of bare metal (95% CI" out &&
	grep -q "kata: costlier than bare metal in 1 of 1 scenario" out &&
	"$FIOSCOPE" observe --db s.db --metric cpu --format json >j &&
	python3 - <<-EOF
	import json
	d = json.load(open("j"))
	assert d["lower_is_better"] is True and d["unit"] == "s/GiB", d["unit"]
	k = [f for f in d["findings"] if f["kind"] == "cpu"]
	assert len(k) == 1 and "kata" in k[0]["text"], k
	c = [c for c in d["rows"][0]["cells"] if c["runtime"] == "kata"][0]
	assert c["verdict"] == "worse" and c["ci95_lo"] > 1, c
	EOF
'

test_expect_success 'a single run or a CI that includes 1: no CPU-cost finding' '
	! grep "runc.*costs .* the CPU per I/O" out &&
	for n in 1 2 3; do
		scale "$C/write-idle.$n.json" e$n.json 1.0$n &&
		"$FIOSCOPE" ingest --quiet --db e.db --set runtime=same \
			--set rep=$n --set clients=1 e$n.json &&
		"$FIOSCOPE" ingest --quiet --db e.db --set runtime=bare-metal \
			--set rep=$n --set clients=1 "$C/write-idle.$n.json" || return 1
	done &&
	"$FIOSCOPE" observe --db e.db --metric cpu >e.out &&
	! grep -q "CPU per I/O" e.out && ! grep -q "^CPU cost\$" e.out
'

test_expect_success 'CPU-starved (idleness 23.5% < 40%, hand-edited): a plausibility caveat naming the run' '
	grep "runc, randwrite.*: CPU-starved: fio measured 23.5% CPU idleness (under 40%) on 1 run (job busy)" out &&
	"$FIOSCOPE" observe --db s.db >bw.out &&
	grep -A3 "^Plausibility caveats" bw.out | grep -q "CPU-starved: fio measured 23.5%" &&
	test "$(grep -c CPU-starved bw.out)" = 1 &&
	"$FIOSCOPE" observe --db s.db --cpu-starved 20 >lo.out &&
	! grep -q CPU-starved lo.out &&
	"$FIOSCOPE" observe --db s.db --cpu-starved 50 >hi.out &&
	grep "bare-metal, randwrite.*CPU-starved: fio measured 46.9% CPU idleness (under 50%) on 3 runs (job w)" hi.out &&
	test "$(grep -c CPU-starved hi.out)" = 3
'

test_expect_success 'store: ctx, usr/sys CPU, cpu_idleness and disk_util as fio wrote them' '
	f="$C/write-idle.2.json" &&
	python3 - "$f" >want <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	j = d["jobs"][0]
	print("%g|%g|%d|%g" % (j["usr_cpu"], j["sys_cpu"], j["ctx"], d["cpu_idleness"]["system"]))
	for u in d["disk_util"]:
	    print("%s|%d|%d|%d|%g" % (u["name"], u["read_ios"], u["write_ios"], u["write_ticks"], u["util"]))
	EOF
	{ q s.db "SELECT printf(\"%g|%g|%d|%g\", usr_cpu, sys_cpu, ctx, cpu_idleness) FROM run_stats WHERE source_path LIKE \"%/write-idle.2.json\"" &&
	  q s.db "SELECT printf(\"%s|%d|%d|%d|%g\", name, read_ios, write_ios, write_ticks, util) FROM disk_utils WHERE source_path LIKE \"%/write-idle.2.json\""; } >got &&
	test_cmp want got &&
	test "$(q s.db "SELECT count(*) FROM disk_utils WHERE aggr_util IS NOT NULL")" = 0 &&
	test "$(q g.db "SELECT count(*) FROM run_stats WHERE cpu_idleness IS NULL")" = 3
'

test_expect_success 'fields fio did not write are NULL, never 0; a bad cpu_idleness is one line' '
	sed -e "/\"usr_cpu\"/d" -e "/\"ctx\"/d" "$C/write-idle.3.json" >nocpu.json &&
	"$FIOSCOPE" ingest --quiet --db n.db nocpu.json &&
	test "$(q n.db "SELECT quote(usr_cpu) || quote(ctx) || quote(sys_cpu > 0) FROM run")" = NULLNULL1 &&
	test "$(q n.db "SELECT quote(usr_cpu) || quote(ctx) FROM run_stats")" = NULLNULL &&
	test "$(q n.db "SELECT count(*) FROM scenario_cpu_rep")" = 0 &&
	sed "s/\"system\" : 48.700472/\"system\" : \"busy\"/" "$C/write-idle.3.json" >badidle.json &&
	test_must_fail "$FIOSCOPE" ingest --quiet --db n.db badidle.json "$C/write-idle.1.json" 2>err &&
	cat err && test "$(grep -c badidle err)" = 1 &&
	grep -q "^fioscope: .*badidle.json: .*cpu_idleness.*system.*expected a number" err &&
	test "$(q n.db "SELECT count(*) FROM run")" = 2
'

test_expect_success 'a v5 store upgrades to v6 on the next ingest; re-ingested files fill ctx' '
	cp g.db v5.db &&
	sqlite3 v5.db "DROP VIEW run_stats; DROP VIEW scenario_cpu_rep; DROP VIEW disk_utils;
		DROP TABLE disk_util; ALTER TABLE run DROP COLUMN ctx;
		ALTER TABLE source_file DROP COLUMN cpu_idleness;
		ALTER TABLE source_file DROP COLUMN idle_unit_mean;
		ALTER TABLE source_file DROP COLUMN idle_unit_stddev;
		PRAGMA user_version = 5;" &&
	"$FIOSCOPE" ingest --quiet --db v5.db "$C/write-idle.1.json" &&
	test "$(q v5.db "PRAGMA user_version")" = "$SCHEMA_VERSION" &&
	test "$(q v5.db "SELECT count(*) FROM run_stats WHERE ctx IS NULL")" = 3 &&
	test "$(q v5.db "SELECT count(*) FROM disk_utils")" = 1 &&
	test "$(q v5.db "SELECT count(*) FROM run_stats WHERE cpu_idleness > 0")" = 1
'

test_expect_success 'options: --metric cpu is listed, --cpu-starved takes a percentage' '
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --metric cpux 2>err &&
	grep -q "p9999 or cpu" err &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --cpu-starved 0 2>err &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --cpu-starved 101 2>err &&
	"$FIOSCOPE" observe --help | grep -q -- "--cpu-starved PCT"
'

test_done
