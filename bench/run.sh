#!/bin/sh
# bench/run.sh: fioscope's benchmark at the reference campaign's scale.
# Builds two trees from sample-data (the 60-scenario campaign, 1,460 files,
# and the 17-block-size sweep, ~25,000 files), then measures, as the median
# of RUNS runs (of at least 7 for ingest and its floor, which take turns)
# with min and max: ingest into a new store (wall, MB/s,
# files/s, peak RSS), re-ingest of the unchanged tree, the report, and the
# floors on the same machine: json-c parsing every file alone (one thread,
# no store) and gnuplot drawing as many trivial figures in one process.
# Also a 100 MB --status-interval stream (bench/gen_stream.py): its ingest's
# peak RSS against its largest document.  BENCH_PARTS=ingest leaves out the
# statistics query and the report (the ingest rows take minutes, the
# reports many more).  Writes the table to bench/results.md.
# Usage: sh bench/run.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
. bench/section.sh
RUNS=${1:-3}
PARTS=${BENCH_PARTS:-all}
W=${BENCH_WORK:-bench/work}
FIO=$PWD/build/fioscope
LAYOUT='{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json'
SIZES="256 512 1k 2k 4k 8k 16k 32k 64k 128k 256k 512k 1m 2m 4m 8m 16m"
mkdir -p "$W"
[ -d sample-data/rep1 ] || { echo "bench: sample-data/rep1 missing" >&2; exit 1; }
cc -O2 -o "$W/floor_parse" bench/floor_parse.c $(pkg-config --cflags --libs json-c)

[ -f "$W/campaign/.done" ] || { rm -rf "$W/campaign";
	sh bench/gen_tree.sh sample-data/rep1 "$W/campaign" 64k; touch "$W/campaign/.done"; }
[ -f "$W/sweep/.done" ] || { rm -rf "$W/sweep";
	sh bench/gen_tree.sh sample-data/rep1 "$W/sweep" $SIZES; touch "$W/sweep/.done"; }

# now: seconds since the epoch, with ns
now() { date +%s.%N; }
# stats: "median min max" of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f %.3f %.3f\n", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
# timed CMD...: wall seconds of CMD, and its peak RSS (KiB) into $W/rss
timed() {
	t0=$(now)
	/usr/bin/time -f %M -o "$W/rss.one" "$@" >/dev/null 2>"$W/err" || {
		cat "$W/err" >&2; return 1; }
	t1=$(now)
	cat "$W/rss.one" >>"$W/rss"
	echo "$t1 - $t0" | bc -l
}

row() { printf '| %s | %s | %s | %s | %s |\n' "$@" >>"$W/table"; }
: >"$W/table"
: >"$W/targets"

for tree in campaign sweep; do
	T="$W/$tree"
	files=$(find "$T" -name '*.json' | wc -l)
	mb=$(du -sbL "$T" | awk '{ printf "%.1f", $1 / 1e6 }')
	find "$T" -name '*.json' | sort >"$W/list"
	# the floor and ingest take turns, so that a change in the machine's
	# speed (a shared host) weighs on both alike; at least 7 of each
	: >"$W/t"; : >"$W/tf"; : >"$W/rss.i"
	for i in $(seq "$((RUNS > 7 ? RUNS : 7))"); do
		timed "$W/floor_parse" <"$W/list" >>"$W/tf"
		rm -f "$W/b.db" "$W/b.db-wal" "$W/b.db-shm"
		: >"$W/rss"
		timed "$FIO" ingest --quiet --db "$W/b.db" --layout "$LAYOUT" "$T" >>"$W/t"
		cat "$W/rss" >>"$W/rss.i"
	done
	floor=$(stats <"$W/tf")
	ing=$(stats <"$W/t")
	ing_rss=$(sort -n "$W/rss.i" | tail -n 1)
	: >"$W/rss"; : >"$W/t"
	for i in $(seq "$RUNS"); do
		timed "$FIO" ingest --quiet --db "$W/b.db" --layout "$LAYOUT" "$T" >>"$W/t"
	done
	re=$(stats <"$W/t")
	re_rss=$(sort -n "$W/rss" | tail -n 1)
	set -- $ing; im=$1
	set -- $floor; fm=$1
	row "$tree ($files files, $mb MB): ingest into a new store" \
	    "$ing" "$(echo "$mb / $im" | bc -l | xargs printf '%.1f MB/s, ')$(echo "$files / $im" | bc -l | xargs printf '%.0f files/s')" \
	    "$(echo "$fm / $im" | bc -l | xargs printf '%.2fx the floor')" "$(echo "$ing_rss / 1024" | bc -l | xargs printf '%.1f MB')"
	row "$tree: floor, json-c parse of every file (1 thread, no store)" \
	    "$floor" "$(echo "$mb / $fm" | bc -l | xargs printf '%.1f MB/s')" "1.00x" "-"
	row "$tree: re-ingest, unchanged tree" "$re" "$(echo "$files / ${re%% *}" | bc -l | xargs printf '%.0f files/s')" "-" \
	    "$(echo "$re_rss / 1024" | bc -l | xargs printf '%.1f MB')"
	q=$(echo "SELECT count(*) FROM run" | sqlite3 "$W/b.db")
	: >"$W/t"
	for i in $(seq "$RUNS"); do
		t0=$(now); sqlite3 "$W/b.db" "SELECT * FROM scenario_stats" >/dev/null; t1=$(now)
		echo "$t1 - $t0" | bc -l >>"$W/t"
	done
	row "$tree: SELECT * FROM scenario_stats ($q runs)" "$(stats <"$W/t")" "-" "-" "-"
	echo "$tree $(echo "$fm / $im" | bc -l) ${re%% *} $((ing_rss > re_rss ? ing_rss : re_rss))" >>"$W/targets"
	if [ "$PARTS" = all ] && "$FIO" report --help >/dev/null 2>&1; then
		: >"$W/rss"; : >"$W/t"
		for i in $(seq "$RUNS"); do
			rm -rf "$W/out"
			timed "$FIO" report --db "$W/b.db" --out "$W/out" >>"$W/t"
		done
		rep=$(stats <"$W/t")
		rep_rss=$(sort -n "$W/rss" | tail -n 1)
		nfig=$(find "$W/out" -name '*.gp' | wc -l)
		# gnuplot floor: as many trivial figures (svg + png) in one process
		: >"$W/gp"
		for i in $(seq "$nfig"); do
			printf 'set term svg size 1920,1080\nset output "%s/f%d.svg"\nplot x\nset term pngcairo size 1920,1080\nset output "%s/f%d.png"\nplot x\n' "$W/gpout" "$i" "$W/gpout" "$i" >>"$W/gp"
		done
		rm -rf "$W/gpout"; mkdir -p "$W/gpout"
		: >"$W/rss"; : >"$W/t"
		for i in $(seq "$RUNS"); do
			timed gnuplot "$W/gp" >>"$W/t"
		done
		gpf=$(stats <"$W/t")
		set -- $rep; rm_=$1
		set -- $gpf; gm=$1
		row "$tree: report ($nfig figures, svg+png, observations, index.html)" "$rep" \
		    "$(echo "$nfig / $rm_" | bc -l | xargs printf '%.1f figures/s')" \
		    "$(echo "$rm_ / $gm" | bc -l | xargs printf '%.2fx the floor')" "$(echo "$rep_rss / 1024" | bc -l | xargs printf '%.1f MB')"
		row "$tree: floor, gnuplot alone, $nfig trivial figures svg+png, 1 process" "$gpf" \
		    "$(echo "$nfig / $gm" | bc -l | xargs printf '%.1f figures/s')" "1.00x" "-"
	fi
done

# A 100 MB --status-interval stream: peak RSS against its largest document
[ -f "$W/stream.json" ] && [ -f "$W/stream.largest" ] ||
	python3 bench/gen_stream.py "$W/stream.json" 100 >"$W/stream.largest"
largest=$(cat "$W/stream.largest")
smb=$(du -bL "$W/stream.json" | awk '{ printf "%.1f", $1 / 1e6 }')
: >"$W/rss"; : >"$W/t"
for i in $(seq "$RUNS"); do
	rm -f "$W/s.db" "$W/s.db-wal" "$W/s.db-shm"
	timed "$FIO" ingest --quiet --db "$W/s.db" "$W/stream.json" >>"$W/t"
done
s_rss=$(sort -n "$W/rss" | tail -n 1)
row "status-interval stream ($smb MB, $(grep -c '^{' "$W/stream.json") documents, the largest $(echo "$largest / 1000000" | bc -l | xargs printf '%.2f') MB): ingest" \
    "$(stats <"$W/t")" "-" "$(echo "$s_rss * 1024 / $largest" | bc -l | xargs printf '%.1fx the largest document')" \
    "$(echo "$s_rss / 1024" | bc -l | xargs printf '%.1f MB')"

# the targets of issue #15, each met or not
met() { if [ "$1" = 1 ]; then echo met; else echo "NOT met"; fi; }
{
	while read -r tree ratio re rss; do
		echo "- $tree: ingest $(printf '%.2f' "$ratio")x the 1-core json-c floor (target >= 1.5x): $(met "$(echo "$ratio >= 1.5" | bc -l)")"
		[ "$tree" = sweep ] && echo "- sweep: re-ingest of the unchanged tree ${re} s (target < 1 s): $(met "$(echo "$re < 1" | bc -l)")"
		echo "- $tree: peak RSS $(echo "$rss / 1024" | bc -l | xargs printf '%.1f') MB (target < 64 MB): $(met "$(echo "$rss < 65536" | bc -l)")"
	done <"$W/targets"
	echo "- status-interval stream: peak RSS $(echo "$s_rss * 1024 / $largest" | bc -l | xargs printf '%.1f')x its largest document (target < 4x): $(met "$(echo "$s_rss * 1024 < 4 * $largest" | bc -l)")"
} >"$W/met"

{
	echo "<!-- main: begin (bench/run.sh) -->"
	echo "# fioscope benchmark results"
	echo
	echo "Generated by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'); $RUNS runs each, $((RUNS > 7 ? RUNS : 7)) for ingest and its floor (taking turns)."
	echo
	echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, $(uname -sr); $(gcc --version | head -n 1); json-c $(pkg-config --modversion json-c), SQLite $(pkg-config --modversion sqlite3), $(gnuplot --version)."
	echo
	echo "Trees: sample-data/rep1 replicated by bench/gen_tree.sh (values unchanged, fio's bs option set to the path's block size): the campaign is the 60 scenarios at 64k; the sweep is the same at 17 block sizes (256 B to 16 MiB)."
	echo
	echo "| what | seconds: median min max | rate | ratio | peak RSS |"
	echo "|---|---|---|---|---|"
	cat "$W/table"
	echo
	echo "Ingest ratio: how much faster than the single-core json-c parse floor (higher is better; >1 means both cores work and the store adds little). Report ratio: time over gnuplot's own time for as many figures (lower is better)."
	echo
	echo "Targets (issue #15):"
	echo
	cat "$W/met"
	[ "$PARTS" = all ] || { echo; echo "BENCH_PARTS=$PARTS: the reports were not measured."; }
	[ -f bench/notes.md ] && { echo; cat bench/notes.md; }
	echo "<!-- main: end -->"
} >"$W/section.md"
# the other scripts' sections (scale, figures) stay
[ -f bench/results.md ] || : >bench/results.md
put_section main "$W/section.md"
cat "$W/section.md"
