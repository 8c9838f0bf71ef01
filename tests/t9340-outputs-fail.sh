#!/bin/sh
# Focus of this file: outputs under failure.  A symlink at an output name
# is replaced, never written through; a figure that fails (a broken
# template) is listed in the report's page with its error while the rest
# is drawn, and report exits 1 with a summary line; on a full file system
# (a small tmpfs) render and report exit 1 naming the first file that
# could not be written and leave no empty file and no temporary file.
# Also: 46 runtimes of 65 characters and one of 10 KB make a report whose
# observation slides are all 1920x1080, exit 0.
. "$(dirname "$0")/lib.sh"
FIOSCOPE_TEMPLATES="$TOP/templates"
export FIOSCOPE_TEMPLATES
GOLD="$TOP/tests/golden"

# png_size FILE: "WIDTHxHEIGHT" from the IHDR chunk
png_size() {
	set -- $(od -An -tu1 -j16 -N8 "$1")
	echo "$(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))x$(( ($5 << 24) + ($6 << 16) + ($7 << 8) + $8 ))"
}
# no empty file and no temporary file under DIR
clean_dir() {
	test -z "$(find "$1" -empty)" &&
	test -z "$(find "$1" -name ".*" ! -name . ! -name .. )"
}

test_expect_success 'setup: a synthetic store' '
	sqlite3 s.db <"$TOP/schema/fioscope.sql" &&
	sqlite3 s.db <"$GOLD/render-synth.sql" &&
	W="--where clients=4 --where bs=4k --where rw=write"
'

test_expect_success 'a symlink at an output name is replaced, not written through' '
	echo victim >victim &&
	"$FIOSCOPE" report --db s.db --out out 2>err &&
	"$FIOSCOPE" render --db s.db --out out --format svg,png,pdf 2>err &&
	n=0 &&
	for f in out/*; do
		rm "$f" && ln -s ../victim "$f" && n=$((n + 1)) || return 1
	done &&
	test $n -gt 500 &&
	"$FIOSCOPE" render --db s.db --out out --format svg,png,pdf 2>err &&
	"$FIOSCOPE" report --db s.db --out out 2>err &&
	test "$(cat victim)" = victim &&
	test -z "$(find out -type l)" &&
	test $(ls out | wc -l) = $n &&
	xmllint --noout --html out/index.html &&
	clean_dir out
'

test_expect_success 'one figure fails: the others drawn, index.html lists it, exit 1' '
	mkdir bad && echo "plot \$nosuch using 1:2 with lines" >bad/stack.gp &&
	test_expect_code 1 "$FIOSCOPE" report --db s.db --out br \
		--templates bad --jobs 4 2>err &&
	cat err &&
	n=$(ls br/stack-*.gp | wc -l) && test $n -gt 0 &&
	! ls br/stack-*.png 2>/dev/null &&
	test $(ls br/bw-*.png | wc -l) -gt 0 && test $(ls br/cdf-*.png | wc -l) -gt 0 &&
	grep -q "^fioscope: \"stack-[^ ]*.gp\" line [0-9]*: no datablock named" err &&
	# four gnuplots print at once: no line holds parts of two
	grep "datablock" err >lines &&
	test $(wc -l <lines) -ge $n &&
	! grep -v "^fioscope: \(gnuplot: \)\{0,1\}\"stack-[^ \"]*\.gp\" line [0-9]*: no datablock named \$nosuch\$" lines &&
	tail -n 1 err | grep -qx "fioscope: wrote br/index.html: $n of [0-9]* figures and images failed (listed in the page)" &&
	test $(grep -c "class=\"failed\"" br/index.html) = $n &&
	grep -q "was not drawn: <samp>&quot;stack-" br/index.html &&
	clean_dir br
'

test_expect_success 'one failing script stops no other in the same gnuplot' '
	test_expect_code 1 "$FIOSCOPE" render --db s.db --out one --jobs 1 \
		--templates bad 2>err &&
	for f in one/*.gp; do
		b=${f%.gp}
		case $b in
		one/stack-*) ! test -e $b.svg ;;
		*) test -s $b.svg && test -s $b.png ;;
		esac || return 1
	done
'

test_expect_success 'a full file system: exit 1, the first file named, nothing empty left' '
	mkdir full && mount -t tmpfs -o size=3m tmpfs full &&
	st=0 && {
		mkdir full/r &&
		test_expect_code 1 "$FIOSCOPE" render --db s.db --out full/r 2>err &&
		cat err &&
		grep -v "^fioscope: gnuplot: " err | head -n 1 |
			grep -q "^fioscope: full/r/[^ ]*: cannot write: " &&
		tail -n 1 err | grep -q "^fioscope: [0-9]* of [0-9]* figures not drawn in full/r$" &&
		clean_dir full/r &&
		rm -rf full/r && mkdir full/p &&
		{ dd if=/dev/zero of=full/fill bs=1k count=2600 2>/dev/null || :; } &&
		test_expect_code 1 "$FIOSCOPE" report --db s.db --out full/p 2>err &&
		cat err &&
		grep -v "^fioscope: gnuplot: " err | head -n 1 |
			grep -q "^fioscope: full/p/[^ ]*: cannot write: " &&
		clean_dir full/p
	} || st=$?
	umount full &&
	test $st = 0
'

test_expect_success '46 runtimes of 65 characters and one of 10 KB: every slide 1920x1080' '
	cp "$FIX/fio3/json-read.json" base.json &&
	"$FIOSCOPE" ingest --quiet --db w.db --set runtime=bare-metal \
		--set backend=b --set clients=1 base.json &&
	for i in $(seq 1 46); do
		cp base.json r$i.json && fio_unique r$i.json &&
		"$FIOSCOPE" ingest --quiet --db w.db --set clients=1 --set backend=b \
			--set "runtime=$(printf "runtime-%02d-%055d" $i 0)" r$i.json ||
			return 1
	done &&
	cp base.json big.json && fio_unique big.json &&
	"$FIOSCOPE" ingest --quiet --db w.db --set clients=1 --set backend=b \
		--set "runtime=$(printf "%010240d" 7)" big.json &&
	"$FIOSCOPE" report --db w.db --out w 2>err &&
	cat err &&
	n=$(ls w/observations-bw-*.png | wc -l) && test $n -gt 1 &&
	for f in w/observations-*.png; do
		test "$(png_size $f)" = 1920x1080 || { echo "$f: $(png_size $f)"; return 1; }
	done &&
	for f in w/observations-*.svg; do xmllint --noout $f || return 1; done &&
	grep -q "observations-bw-$n.png" w/index.html
'

test_done
