#!/bin/sh
# Focus of this file (#20): the judgement around observe's verdicts.
# Spread: constructed repetitions at 2% and 20% coefficient of variation;
# the noisy one is "too noisy", outranks the "worse" it would be, and is
# listed by --rerun.  Plausibility: writes beyond a bare-metal baseline
# carry the caveat, on sample-data's DAX writes too.  Multiple
# comparisons: the footnote's count; --fdr 0.05 on 200 null cells and 10
# real differences against a Benjamini-Hochberg computed here in Python.
. "$(dirname "$0")/lib.sh"

. "$TOP/tests/observe-lib.sh"
# cv V1 V2...: sample sd (N-1) over mean, 4 digits
cv() {
	echo "$@" | awk '{ for (i = 1; i <= NF; i++) m += $i / NF
		for (i = 1; i <= NF; i++) v += ($i - m) ^ 2 / (NF - 1)
		printf "%.4f\n", sqrt(v) / m }'
}
# json_cv FILE RUNTIME: the cell's cv from observe's JSON, 4 digits
json_cv() {
	sqlite3 :memory: "SELECT printf('%.4f', json_extract(c.value, '\$.cv'))
		FROM json_each(readfile('$1'), '\$.rows') r,
		json_each(r.value, '\$.cells') c
		WHERE json_extract(c.value, '\$.runtime') = '$2'"
}

test_expect_success 'setup: a baseline at 1%, a runtime at 2% CV and one at 20% CV' '
	reps s.db bare-metal read 1000 1010 990 &&
	reps s.db steady read 800 816 784 &&
	reps s.db noisy read 400 500 600 &&
	"$FIOSCOPE" observe --db s.db >out && cat out &&
	"$FIOSCOPE" observe --db s.db --format json >j
'

test_expect_success 'the CV of each cell (N-1) equals the one computed here' '
	test "$(json_cv j steady)" = "$(cv 800 816 784)" &&
	test "$(json_cv j noisy)" = "$(cv 400 500 600)" &&
	test "$(json_cv j bare-metal)" = "$(cv 1000 1010 990)" &&
	test "$(cv 400 500 600)" = 0.2000 && test "$(cv 800 816 784)" = 0.0200
'

test_expect_success 'at 20% CV: too noisy, outranking the "worse" the interval gives' '
	grep -q "^    - noisy, read: 0.50x \[.*\] bare metal at 1 client (too noisy)\$" out &&
	grep -qx "  - noisy, read, 1 client: too noisy to conclude: bandwidth varies by 20.0% across 3 repetitions (coefficient of variation; threshold 5%); run it again" out &&
	grep -qx "  - noisy: too noisy to compare with bare metal in 1 of 1 scenario" out &&
	grep -q "^read .* 0.50x noisy  " out &&
	"$FIOSCOPE" observe --db s.db --noisy 25 >o25 &&
	grep -q "^    - noisy, read: 0.50x \[.*\] bare metal at 1 client (worse)\$" o25 &&
	! grep -q "too noisy" o25
'

test_expect_success 'at 2% CV: the interval decides, worse' '
	grep -q "^    - steady, read: 0.80x \[.*\] bare metal at 1 client (worse)\$" out
'

test_expect_success 'the noisy section comes before every other finding' '
	grep -n "^[A-Z]" out | sed -n "/Too noisy/=" >line &&
	test "$(awk "/^Too noisy to conclude|^Findings|^Plausibility|^Notes|^Scaling/ { print; exit }" out)" = "Too noisy to conclude"
'

test_expect_success '--rerun: the noisy scenario, one line, usable as --where words' '
	"$FIOSCOPE" observe --db s.db --rerun >rr && cat rr &&
	test "$(wc -l <rr)" = 1 &&
	grep -qx "runtime=noisy backend=b rw=read bs=4096 iodepth=1 numjobs=1 clients=1" rr &&
	set -- $(cat rr) && w="" &&
	for kv; do w="$w --where $kv"; done &&
	"$FIOSCOPE" observe --db s.db $w --format csv >c &&
	test "$(grep -c ",noisy," c)" = 1 && ! grep -q ",steady," c &&
	"$FIOSCOPE" observe --db s.db --noisy 25 --rerun >rr2 && ! test -s rr2
'

test_expect_success '--rerun quotes a value a shell would split' '
	reps q.db bare-metal read 1000 1300 700 &&
	reps q.db "it'"'"'s slow" read 500 501 499 &&
	"$FIOSCOPE" observe --db q.db --rerun >rr && cat rr &&
	test "$(wc -l <rr)" = 1 &&
	eval "set -- $(cat rr)" && test "$1" = runtime=bare-metal &&
	"$FIOSCOPE" observe --db q.db --format json >qj &&
	test "$(sqlite3 :memory: "SELECT count(*) FROM json_each(readfile('"'"'qj'"'"'), '"'"'\$.rows'"'"') r,
		json_each(r.value, '"'"'\$.cells'"'"') c
		WHERE json_extract(c.value, '"'"'\$.verdict'"'"') = '"'"'noisy'"'"'")" = 1 &&
	grep -q "and every comparison with it is too noisy" qj &&
	reps q2.db bare-metal read 1000 1300 700 && reps q2.db "a b" read 100 200 300 &&
	"$FIOSCOPE" observe --db q2.db --rerun >rr3 && cat rr3 &&
	grep -qx "runtime='"'"'a b'"'"' backend=b rw=read bs=4096 iodepth=1 numjobs=1 clients=1" rr3
'

test_expect_success 'two repetitions only: said plainly' '
	reps t.db bare-metal read 1000 1001 && reps t.db runc read 900 901 &&
	"$FIOSCOPE" observe --db t.db >out2 && cat out2 &&
	grep -qx "Two repetitions only in 2 of 2 cells: fewer than 3, their spread cannot be judged (and the 95% interval takes t = 12.7)." out2
'

test_expect_success 'bad --noisy and --fdr: usage errors' '
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --noisy 0 2>err &&
	grep -q "^fioscope observe: --noisy: expected a percentage above 0" err &&
	test_expect_code 2 "$FIOSCOPE" observe --db s.db --fdr 2 2>err &&
	grep -q "^fioscope observe: --fdr: expected a rate above 0 and up to 1" err
'

test_expect_success 'writes beyond bare metal: the caveat in the table, the findings and the count' '
	reps w.db bare-metal write 1000 1001 999 && reps w.db fast write 1150 1151 1149 &&
	reps w.db bare-metal read 1000 1001 999 && reps w.db fast read 1100 1101 1099 &&
	"$FIOSCOPE" observe --db w.db >wo && cat wo &&
	grep -q "^write .* 1.15x!\$" wo && grep -q "^read .* 1.10x!\$" wo &&
	grep -qx "! beyond the bare-metal baseline in 2 cells: writes there usually mean a cache or a weaker durability guarantee, reads a cache (see the plausibility caveats)." wo &&
	grep -q "^  - fast, write, 1 client: 1.15x bare metal (outperforms; beyond bare metal: check for a cache or weaker durability): writes faster than the bare-metal baseline usually mean a cache absorbed them or a weaker durability guarantee" wo &&
	grep -q "^  - fast, read, 1 client: 1.10x bare metal (outperforms; beyond bare metal: check for a cache): reads faster than the bare-metal baseline usually come from a cache" wo &&
	"$FIOSCOPE" observe --db w.db --baseline fast >wf &&
	! grep -q "beyond" wf
'

test_expect_success 'like-for-like: a pair whose job options differ in direct is footnoted; --strict refuses it' '
	mk d.db bare-metal read 1000 1 &&
	sed "s/\"direct\" : \"1\"/\"direct\" : \"0\"/; 0,/\"bw_bytes\" : [0-9]*/s//\"bw_bytes\" : 900000000/" \
		"$FIX/fio3/jsonplus-read.json" >buffered.json &&
	grep -q "\"direct\" : \"0\"" buffered.json &&
	"$FIOSCOPE" ingest --quiet --db d.db --set runtime=runc --set backend=b \
		--set clients=1 --set rep=1 buffered.json &&
	"$FIOSCOPE" observe --db d.db >do && cat do &&
	grep -qx "Unlike job options: direct differs between runc and bare-metal in 1 cell (e.g. read, 1 client: 0 vs 1)." do &&
	test "$(grep -c "^Unlike job options" do)" = 1 &&
	test_expect_code 1 "$FIOSCOPE" observe --db d.db --strict >so 2>err &&
	! test -s so &&
	grep -q "^fioscope: refusing to compare: the job options of 1 compared cell differ" err &&
	grep -qx "Unlike job options: direct differs between runc and bare-metal in 1 cell (e.g. read, 1 client: 0 vs 1)." err &&
	"$FIOSCOPE" observe --db s.db --strict >/dev/null &&
	! grep -q "^Unlike" out
'

L='rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
test_expect_success 'sample-data: the DAX writes carry the caveat; the footnote counts the tests' '
	"$FIOSCOPE" ingest --quiet --db sd.db --layout "$L" "$TOP/sample-data" &&
	"$FIOSCOPE" observe --db sd.db >sd && "$FIOSCOPE" observe --db sd.db --format md >sd.md &&
	for c in 1 8 64; do
		grep -q "^write  *$c .* 1\.1[0-9]x\(‡\)\?!\$" sd || { echo "write $c"; return 1; }
	done &&
	test "$(grep -c "^  - kata-virtiofs-dax, write, [0-9]* clients\?: 1\.1[0-9]x bare metal (outperforms; beyond bare metal: check for a cache or weaker durability)" sd)" = 3 &&
	test "$(grep -c "beyond bare metal" sd)" = 5 &&
	grep -qx "Multiple comparisons: 8 cells tested at 95% confidence; chance alone would give about 0.4 differences (--fdr Q controls the false discovery rate)." sd &&
	grep -q "beyond bare metal: check for a cache or weaker durability" sd.md &&
	"$FIOSCOPE" observe --db sd.db --format json >sd.json &&
	test "$(sqlite3 :memory: "SELECT json_extract(readfile(\"sd.json\"), \"\$.counts.caveats\") || \" \" || json_extract(readfile(\"sd.json\"), \"\$.counts.tests\") || \" \" || json_extract(readfile(\"sd.json\"), \"\$.counts.expected_by_chance\")")" = "3 8 0.4"
'

# 210 cells (told apart by iodepth, 1 to 210), 3 repetitions each of bare-metal and runc:
# cells 1-200 drawn from one distribution on both sides, 201-210 with
# runc 30% faster; sd 1% (not noisy).  Deterministic (awk's srand(7)).
test_expect_success 'setup: 200 null cells and 10 real differences' '
	awk -v tmpl="$FIX/fio3/json-read.json" "
	BEGIN {
		while ((getline l < tmpl) > 0) t[++n] = l
		srand(7)
		for (c = 1; c <= 210; c++)
			for (s = 0; s < 2; s++)
				for (r = 1; r <= 3; r++) {
					z = sqrt(-2 * log(1 - rand())) * cos(6.2831853 * rand())
					m = (s && c > 200) ? 1300 : 1000
					v = int((m + 10 * z) * 1000)
					rt = s ? \"runc\" : \"bare-metal\"
					print c, rt, r, v > \"values\"
					d = \"f/rep\" r \"/\" rt
					f = d \"/\" c \".json\"
					if (!(d in made)) { system(\"mkdir -p \" d); made[d] = 1 }
					done = 0
					for (i = 1; i <= n; i++) {
						l = t[i]
						if (!done && l ~ /\"bw_bytes\" : [0-9]+/) {
							sub(/\"bw_bytes\" : [0-9]+/, \"\\\"bw_bytes\\\" : \" v \"000\", l)
							done = 1
						}
						print l > f
					}
					close(f)
				}
	}" &&
	test "$(find f -name "*.json" | wc -l)" = 1260 &&
	"$FIOSCOPE" ingest --quiet --db m.db --set backend=b --set clients=1 \
		--layout "rep{rep}/{runtime}/{iodepth}.json" f &&
	test "$(q m.db "SELECT count(*) FROM scenario")" = 420
'

# bh Q: the differences Benjamini-Hochberg keeps, from the values file:
# Welch p-values by Simpson integration of the t density (not fioscope's
# incomplete beta), "kept kept_real tests"
bh() {
	python3 - "$1" <<-\PY
	import math, sys
	q = float(sys.argv[1])
	vals = {}
	for line in open("values"):
	    c, rt, r, v = line.split()
	    vals.setdefault(int(c), {}).setdefault(rt, []).append(float(v))
	def ms(a):
	    m = sum(a) / len(a)
	    return m, sum((x - m) ** 2 for x in a) / (len(a) - 1) / len(a)
	def tcdf_tail(t, df):
	    # 2 * P(T > |t|) = 1 - 2 * integral_0^|t| of the density
	    t = abs(t)
	    k = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
	    f = lambda x: k * (1 + x * x / df) ** (-(df + 1) / 2)
	    n = 4000
	    h = t / n
	    s = f(0) + f(t) + sum((4 if i % 2 else 2) * f(i * h) for i in range(1, n))
	    return max(0.0, 1 - 2 * s * h / 3)
	ps = []
	for c, d in vals.items():
	    mx, vx = ms(d["runc"]); my, vy = ms(d["bare-metal"])
	    t = (mx - my) / math.sqrt(vx + vy)
	    df = (vx + vy) ** 2 / (vx * vx / 2 + vy * vy / 2)
	    ps.append((tcdf_tail(t, df), c))
	ps.sort()
	m = len(ps); k = 0
	for i in range(m, 0, -1):
	    if ps[i - 1][0] <= i * q / m:
	        k = i; break
	kept = [c for p, c in ps[:k]]
	print(k, sum(1 for c in kept if c > 200), m)
	PY
}

test_expect_success '--fdr 0.05: the 10 stay, chance ones go, as Benjamini-Hochberg computed here' '
	"$FIOSCOPE" observe --db m.db --format json >raw.json &&
	"$FIOSCOPE" observe --db m.db --fdr 0.05 --format json >fdr.json &&
	"$FIOSCOPE" observe --db m.db --fdr 0.05 >fdr.txt &&
	set -- $(bh 0.05) && echo "BH here: kept $1, real among them $2, tests $3" &&
	test "$1" = 10 && test "$2" = 10 && test "$3" = 210 &&
	diffs() { sqlite3 :memory: "SELECT json_extract(value, \"\$.better\") + json_extract(value, \"\$.worse\") FROM json_each(readfile(\"$1\"), \"\$.summary\") WHERE json_extract(value, \"\$.runtime\") = \"runc\""; } &&
	raw=$(diffs raw.json) && kept=$(diffs fdr.json) && echo "fioscope: $raw without, $kept with --fdr" &&
	test "$kept" = "$1" && test "$raw" -gt "$kept" &&
	grep -qx "Multiple comparisons: 210 cells tested at 95% confidence; chance alone would give about 10.5 differences." fdr.txt &&
	grep -qx "False discovery rate: Benjamini-Hochberg at 0.05 over 210 tested cells set $((raw - kept)) differences back to close or inconclusive." fdr.txt
'

test_done
