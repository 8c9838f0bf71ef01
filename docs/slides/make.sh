#!/bin/sh
# docs/slides/make.sh: the README's screenshots of the sample campaign's
# deck, in each theme: the run visualised, read bandwidth, the first
# bandwidth observation table and the first findings by runtime, found by
# their titles in the slide list (pdftoppm at 40 dpi: 533 x 300 px).
# Run from anywhere after `make`; FIOSCOPE names another binary.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
fio=${FIOSCOPE:-$top/build/fioscope}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FIOSCOPE_TEMPLATES=$top/templates && export FIOSCOPE_TEMPLATES
"$fio" ingest --db "$tmp/s.db" --quiet \
	--layout "rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" \
	"$top/sample-data"
for theme in light dark; do
	"$fio" slides --db "$tmp/s.db" --theme $theme --out "$tmp/$theme.pdf" \
		2>"$tmp/$theme.err"
	for pick in "run:timeline: " "bw:figure: Read: Aggregate bandwidth" \
		    "table:observations: Bandwidth" \
		    "findings:findings: Bandwidth: Findings by runtime"; do
		n=$(grep -m 1 "^slide [0-9]*: ${pick#*:}" "$tmp/$theme.err" |
		    sed 's/^slide \([0-9]*\):.*/\1/')
		[ -n "$n" ] || { echo "make.sh: no slide '${pick#*:}'" >&2; exit 1; }
		pdftoppm -r 40 -f "$n" -l "$n" -png -singlefile "$tmp/$theme.pdf" \
			"$top/docs/slides/$theme-${pick%%:*}"
	done
done
