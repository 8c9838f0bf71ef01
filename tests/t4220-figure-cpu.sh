#!/bin/sh
# Focus of this file: the CPU cost figures (#20 item 5): CPU seconds per
# GiB moved against every swept key, a line per compared value, drawn
# the way the bandwidth figures are (bw.gp).  On the three campaign
# shapes every swept key has its cpu figure; on sample-data the plotted
# values equal (usr_cpu + sys_cpu) / 100 x job_runtime / GiB moved
# computed here by python3 from the fio JSON files themselves, and so
# does the 95% CI half width over repetitions; a store without CPU data
# (usr_cpu nulled) plans none, one without it for one runtime leaves that
# line out; --only cpu keeps them alone; the report captions them; grouped
# bars where a key has one value; a golden of one figure's data section.
. "$(dirname "$0")/lib.sh"

GOLD="$TOP/tests/golden"
export FIOSCOPE_TEMPLATES="$TOP/templates"

# data_section FILE.gp: the figure's template and its data, from the store
data_section() {
	sed -n 's/^# ---- \(.*\)\.gp ----$/\1/p' "$1" | grep -v "^style$" &&
	sed -n '/^# ---- data, from the store ----$/,/^# ---- one pass/p' "$1"
}

test_expect_success 'setup: the three campaigns, their cpu figures' '
	ingest_shape sd sd.db && ingest_shape bs bs.db && ingest_shape qd qd.db &&
	test "$(q sd.db "SELECT count(*) FROM run WHERE usr_cpu IS NULL")" = 0 &&
	for s in sd bs qd; do
		"$FIOSCOPE" render --db $s.db --out $s --only cpu --format svg \
			2>err && cat err || return 1
	done
'

test_expect_success 'every swept key has its cpu figures, only cpu ones' '
	ls sd/cpu-read-beegfs-64k-qd8-j4.gp sd/cpu-write-beegfs-64k-qd8-j4.gp &&
	ls bs/cpu-bs-read-2c.gp bs/cpu-bs-write-2c.gp &&
	for j in "" -j2; do
		test -f qd/cpu-iodepth-read-4k-1c$j.gp &&
		test -f qd/cpu-iodepth-write-4k-1c$j.gp || return 1
	done &&
	for d in "" -qd4 -qd16; do
		test -f qd/cpu-numjobs-read-4k-1c$d.gp || return 1
	done &&
	test "$(ls sd bs qd | grep "\.gp$" | grep -vc "^cpu-")" = 0 &&
	grep -q "^fig_title = \"CPU cost of read patterns vs iodepth: 4 KiB blocks, 1 client, 2 jobs\"" \
		qd/cpu-iodepth-read-4k-1c-j2.gp &&
	grep -q "^fig_ylabel = \"CPU seconds per GiB moved (usr + sys)\"" \
		bs/cpu-bs-read-2c.gp &&
	grep -q "^array series_name\[2\] = \[\"ext4\", \"tmpfs\"\]" bs/cpu-bs-read-2c.gp
'

# expect.py: from sample-data/repN/RUNTIME/BACKEND-RW/CLIENTS/CLIENT/BS.json.gz,
# per (rw, runtime, clients): the CPU seconds over the GiB moved, all runs
# and directions, and the 95% CI half width of the per-repetition quotient
cat >expect.py <<'EOF'
import glob, gzip, json, math, os, sys
t95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571}
top = sys.argv[1]
rep = {}
for p in glob.glob(top + '/rep*/*/*/*/*/*.json.gz'):
    r, runtime, brw, clients = p[len(top) + 1:].split('/')[:4]
    rw = brw.split('-', 1)[1]
    with gzip.open(p, 'rt') as f:
        text = f.read()
    # a --status-interval stream: the last document is the final result
    dec, i = json.JSONDecoder(), 0
    while text[i:].strip():
        d, i = dec.raw_decode(text, i + len(text[i:]) - len(text[i:].lstrip()))
    for j in d['jobs']:
        if j.get('error', 0):
            continue
        cpu = (j['usr_cpu'] + j['sys_cpu']) / 100 * j['job_runtime'] / 1000
        gib = sum(j[dd]['io_bytes'] for dd in ('read', 'write', 'trim')
                  if dd in j) / 2**30
        c = rep.setdefault((rw, runtime, clients), {}).setdefault(r, [0, 0])
        c[0] += cpu
        c[1] += gib
for (rw, runtime, clients), reps in sorted(rep.items()):
    cpu = sum(v[0] for v in reps.values())
    gib = sum(v[1] for v in reps.values())
    q = [v[0] / v[1] for v in reps.values() if v[1] > 0]
    n = len(q)
    ci = 0
    if n > 1:
        m = sum(q) / n
        ci = t95[n - 1] * math.sqrt(sum((x - m) ** 2 for x in q) / (n - 1) / n)
    print(rw, runtime, clients, '%.6g' % (cpu / gib), '%.6g' % ci)
EOF

# plotted FILE...: the same from the figures' $bw blocks (the data set's
# comment names pattern and runtime)
plotted() {
	awk '/^\$bw << EOD/ { on = 1; next } /^EOD/ { on = 0 }
	     on && /^# / { split(substr($0, 3), a, ":"); split(a[1], b, ", ");
			   rw = b[1]; rt = b[2]; next }
	     on && /^[0-9]/ { print rw, rt, $1, $2, $3 }' "$@"
}

test_expect_success 'sample-data: every plotted value and CI is the JSON files'"'"' own' '
	python3 expect.py "$TOP/sample-data" | sort >want.cpu &&
	plotted sd/cpu-*.gp | sort >got.cpu &&
	test $(wc -l <want.cpu) = 60 &&
	test_cmp want.cpu got.cpu
'

test_expect_success 'a store without CPU data plans no cpu figure' '
	cp sd.db none.db && q none.db "UPDATE run SET usr_cpu = NULL" &&
	"$FIOSCOPE" render --db none.db --out none --format svg 2>err &&
	cat err && ls none/bw-*.gp && ! ls none/*cpu* 2>/dev/null &&
	test_expect_code 1 "$FIOSCOPE" render --db none.db --out none2 \
		--only cpu --format svg 2>err &&
	test "$(cat err)" = "fioscope: none.db: no figure of --only cpu to draw" &&
	! ls none2/*.gp 2>/dev/null
'

test_expect_success 'a runtime without CPU data leaves its line out' '
	cp sd.db part.db &&
	q part.db "UPDATE run SET sys_cpu = NULL WHERE scenario_id IN (SELECT id FROM scenario WHERE runtime = '"'"'runc'"'"')" &&
	"$FIOSCOPE" render --db part.db --out part --only cpu --format svg \
		2>err && cat err &&
	grep -q "^array series_name\[4\] = \[\"bare-metal\", \"kata-9p\", \"kata-virtiofs\", \"kata-virtiofs-dax\"\]" \
		part/cpu-read-beegfs-64k-qd8-j4.gp &&
	! plotted part/cpu-*.gp | grep -q " runc "
'

test_expect_success 'one value of every key: a cpu bar chart, its value the store'"'"'s' '
	"$FIOSCOPE" render --db sd.db --out one --where clients=1 --only bar \
		--format svg 2>err && cat err &&
	f=one/bar-cpu-write-beegfs-64k-1c-qd8-j4.gp &&
	grep -q "^fig_ylabel = \"write CPU cost (usr + sys) (s per GiB)\"" $f &&
	want=$(python3 expect.py "$TOP/sample-data" |
	       awk "\$1 == \"write\" && \$2 == \"bare-metal\" && \$3 == 1 { print \$4 }") &&
	grep -q "^1 $want 0 " $f
'

test_expect_success 'the report shows them under their caption' '
	"$FIOSCOPE" report --db qd.db --out rep --only cpu 2>err && cat err &&
	grep -q "CPU seconds per GiB moved" rep/index.html &&
	grep -q "<img src=\"cpu-iodepth-read-4k-1c.png\"" rep/index.html
'

# FSC_REGEN_GOLDEN=1 sh tests/t4220-figure-cpu.sh rewrites the golden.
test_expect_success 'golden: cpu-iodepth-read-4k-1c (data section)' '
	data_section qd/cpu-iodepth-read-4k-1c.gp >got &&
	if test -n "${FSC_REGEN_GOLDEN:-}"; then
		cp got "$GOLD/figure-cpu-iodepth-read-4k-1c.txt"
	fi &&
	test_cmp "$GOLD/figure-cpu-iodepth-read-4k-1c.txt" got
'

test_done
