#!/bin/sh
# gen_tree.sh SRC OUT SIZE...: a scaled results tree for the benchmark.
# Every fio json+ file of SRC (sample-data/rep1: {runtime}/{backend}-{rw}/
# {clients}/{client}/64k.json.gz) is written once per SIZE as
# OUT/{runtime}/{backend}-{rw}/{clients}/{client}/{SIZE}.json, gunzipped,
# with fio's "bs" option set to SIZE so that fio's own key agrees with the
# path; every measured value is left as it is.
set -eu
src=$1 out=$2
shift 2
sizes="$*"
find "$src" -name '64k.json.gz' | sort | while read -r f; do
	rel=${f#"$src"/}
	d="$out/$(dirname "$rel")"
	mkdir -p "$d"
	gzip -dc "$f" | awk -v sizes="$sizes" -v dir="$d" '
		{ line[NR] = $0 }
		END {
			n = split(sizes, s, " ")
			for (i = 1; i <= n; i++) {
				f = dir "/" s[i] ".json"
				for (j = 1; j <= NR; j++) {
					l = line[j]
					sub(/"bs" : "64k"/, "\"bs\" : \"" s[i] "\"", l)
					print l > f
				}
				close(f)
			}
		}'
done
