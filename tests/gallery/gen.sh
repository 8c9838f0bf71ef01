#!/bin/sh
# tests/gallery/gen.sh: redraw the README's gallery (one picture per
# figure kind) with the current build and templates: slide-size PNGs
# (1920x1080) shrunk to 640 px wide with ImageMagick, then quantised with
# pngquant (Debian packages imagemagick, pngquant; not needed by the
# tests).  Sources: sample-data/ (the bars with --where clients=1), the
# synthetic store of the tests (tests/golden/render-synth.sql: the
# block-size sweep), tests/fixtures/shapes/qd-jobs (IOPS and the grid)
# and t4200's constructed store (tests/golden/tl-knee.sql, --slo 500us).
# Usage: sh tests/gallery/gen.sh  (after make)
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
F="$TOP/${FSC_BUILD:-build}/fioscope"
CONVERT=${CONVERT:-/usr/bin/convert}
G="$TOP/tests/gallery"
FIOSCOPE_TEMPLATES="$TOP/templates"
export FIOSCOPE_TEMPLATES
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

"$F" ingest --quiet --db sd.db \
	--layout "rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" \
	"$TOP/sample-data"
"$F" ingest --quiet --db qd.db "$TOP/tests/fixtures/shapes/qd-jobs"
sqlite3 syn.db <"$TOP/schema/fioscope.sql"
sqlite3 syn.db <"$TOP/tests/golden/render-synth.sql"
cp qd.db con.db && sqlite3 con.db <"$TOP/tests/golden/tl-knee.sql"

"$F" render --db sd.db --out sd --format png --only bw,lat
"$F" render --db sd.db --out sd --format png --only cdf,stack \
	--where clients=64
"$F" render --db sd.db --out sd --format png --only timeline \
	--where runtime=kata-9p --where clients=8 --where rw=read
"$F" render --db sd.db --out one --format png --only bar --where clients=1
"$F" render --db syn.db --out syn --format png --only bw,lat \
	--where clients=16 --where backend=beegfs
"$F" render --db qd.db --out qd --format png --only iops,grid
"$F" render --db con.db --out con --format png --only tl --slo 500us

# shrink DIR/NAME.png into the gallery
shrink() {
	"$CONVERT" "$1/$2.png" -resize 640x360 -strip "$W/small.png"
	pngquant --force --quality 60-90 --strip --output "$G/$2.png" \
		"$W/small.png"
}
rm -f "$G"/*-*.png
for n in bw-read-beegfs-64k-qd8-j4 lat-write-beegfs-64k-qd8-j4 \
	 cdf-read-beegfs-64k-randread-64c-qd8-j4 \
	 stack-write-beegfs-64k-write-64c-qd8-j4 \
	 timeline-kata-9p-beegfs-64k-read-8c-qd8-j4; do
	shrink sd $n
done
shrink one bar-bw-read-beegfs-64k-1c-qd8-j4
shrink syn bw-bs-read-beegfs-16c
shrink syn lat-bs-write-beegfs-16c
shrink qd iops-iodepth-read-4k-1c-j2
shrink qd grid-iodepth-numjobs-read-4k-1c
shrink con tl-iodepth-read-randread-4k-1c
ls -l "$G"/*.png
