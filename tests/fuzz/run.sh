#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET...: run each libFuzzer target (built by
# `make fuzz` into build-fuzz/) for SECONDS, one after the other at low
# priority, on a corpus under build-fuzz/corpus/TARGET that is seeded from
# tests/fixtures and kept between runs (it grows; it is not committed).
# Inputs in tests/fuzz/regress/TARGET/ (earlier crashes) are replayed first.
# A crash leaves its input in build-fuzz/artifacts/TARGET/ and fails.
# Prints each target's final libFuzzer figures (execs, cov, ft, corpus).
cd "$(dirname "$0")/../.." || exit 1
secs=${1:?usage: run.sh SECONDS TARGET...}
shift
FB=build-fuzz
FIX=tests/fixtures
status=0

seed() {
	c=$FB/corpus/$1
	mkdir -p "$c"
	# every fixture, every time (new fixtures join a grown corpus)
	case $1 in
	fiojson|ingest)
		find $FIX -type f \( -name '*.json' -o -name '*.json.gz' -o -name '*.terse' \
			-o -name '*.fio' -o -name '*.log' \) |
		while read -r f; do
			cp "$f" "$c/$(echo "$f" | tr / _)"
		done
		return 0 ;;
	esac
	[ -n "$(ls "$c")" ] && return 0
	case $1 in
	logfile)
		for f in $FIX/fio3/logs/*.log; do
			b=$(basename "$f")
			{ echo "$b"; cat "$f"; } >"$c/$b"
		done
		# #19: a histogram log (two lines of fio's 1856 buckets)
		{ echo h_clat_hist.1.log; zcat "$FIX/histlog/c1/h_clat_hist.1.log.gz" | head -2; } >"$c/hist"
		printf 'a_lat.1.log.gz\n1, 2, 0, 4096\n' >"$c/gz"
		printf 'x_bw.log\n0, 1, 1, 0, 0, 0\n\n5,6,2,512\r\n' >"$c/short" ;;
	layout)
		for tp in '{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json' \
			 'rep{rep}/{*}/{iodepth}x{numjobs}/{bs}.json'; do
			find $FIX/tree -type f | head -n 3 | while read -r f; do
				printf '%s\n%s' "$tp" "$f" >"$c/$(echo "$tp$f" | cksum | cut -d' ' -f1)"
			done
		done
		printf 'rep{rep}/{*}/{iodepth}x{numjobs}/{bs}.json\nrep2/x/16x4/4k.json.gz' >"$c/rep" ;;
	outputs)
		cp tests/fuzz/regress/outputs/* "$c/" ;;
	hist)
		printf '{"1024":5,"2048":7}' >"$c/a"
		printf '{}' >"$c/b"
		printf '{ "18446744073709551615":18446744073709551615 , "0":0}' >"$c/c" ;;
	esac
}

for t in "$@"; do
	bin=$FB/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz: $bin not built (make fuzz)" >&2; exit 1; }
	seed "$t"
	art=$FB/artifacts/$t/
	mkdir -p "$art"
	if [ -d tests/fuzz/regress/$t ] && [ -n "$(ls tests/fuzz/regress/$t)" ]; then
		if ! "$bin" -runs=0 tests/fuzz/regress/$t/* \
			>"$FB/regress-$t.log" 2>&1; then
			echo "fuzz: $t: a regression input fails again:" >&2
			tail -n 30 "$FB/regress-$t.log" >&2
			status=1
			continue
		fi
	fi
	d=$t
	[ $t = ingest ] && d=fiojson
	dict=
	[ -f tests/fuzz/$d.dict ] && dict=-dict=tests/fuzz/$d.dict
	case $t in
	fiojson|ingest) maxlen=65536 ;;
	*) maxlen=4096 ;;
	esac
	log=$FB/fuzz-$t.log
	echo "fuzz: $t for ${secs}s (log: $log)"
	nice -n 10 "$bin" -max_total_time="$secs" -max_len=$maxlen -timeout=10 \
		-rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$art" \
		$dict "$FB/corpus/$t" >"$log" 2>&1
	rc=$?
	# the last status line (cov/ft/corp/exec/s) and the final stats
	grep -E '^#[0-9]+' "$log" | tail -n 1 | sed "s/^/fuzz: $t: /"
	grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)' \
		"$log" | sed "s/^/fuzz: $t: /"
	if [ $rc != 0 ]; then
		echo "fuzz: $t: FAILED (exit $rc); input in $art" >&2
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" |
			head -n 10 >&2
		status=1
	fi
done
exit $status
