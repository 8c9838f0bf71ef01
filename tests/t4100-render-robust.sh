#!/bin/sh
# Focus of this file: fioscope render with hostile text in the store and
# without gnuplot.  Runtime, backend, pattern and client names holding
# quotes, newlines, "../", '%', '@', backquotes, XML and invalid UTF-8
# render as text (never as gnuplot code or format), file names stay
# [A-Za-z0-9._-] and inside --out; with no gnuplot in PATH the .gp scripts
# are still written and one clear line names the Debian package.
. "$(dirname "$0")/lib.sh"
# the repository's templates, whatever an installed copy holds
FIOSCOPE_TEMPLATES="$TOP/templates"
export FIOSCOPE_TEMPLATES

GOLD="$TOP/tests/golden"
EVIL="it's \"q\"
../../evil %d %s @fig_name \`touch pwned\` \$(touch pwned) <b>&amp;"

test_expect_success 'setup: a synthetic store with hostile names' '
	sqlite3 s.db <"$TOP/schema/fioscope.sql" &&
	sqlite3 s.db <"$GOLD/render-synth.sql" &&
	sqlite3 s.db "UPDATE scenario SET runtime = '"'"'$(printf "%s" "$EVIL" | sed "s/'"'"'/'"''"'/g")'"'"' WHERE runtime = '"'"'kata-9p'"'"'" &&
	sqlite3 s.db "UPDATE scenario SET backend = '"'"'../../x/'"'"' || char(10) || '"'"'EOD'"'"' WHERE runtime = '"'"'runc'"'"' AND bs = 4096" &&
	sqlite3 s.db "UPDATE scenario SET runtime = '"'"'bad'"'"' || CAST(X'"'"'FFFE'"'"' AS TEXT) || '"'"'utf8'"'"' WHERE runtime = '"'"'kata-virtiofs-dax'"'"'" &&
	sqlite3 s.db "UPDATE run SET client = '"'"'c%n'"'"' || char(10) || '"'"'EOD'"'"' || char(10) || '"'"'x'"'"' || substr(client, 2) WHERE client = '"'"'c1'"'"'" &&
	q s.db "SELECT DISTINCT runtime FROM scenario" | grep -q "evil %d"
'

test_expect_success 'hostile names: render exits 0 and writes only in --out' '
	mkdir out m && find . -path ./out -prune -o -path ./m -prune -o -print |
		sort >m/before &&
	"$FIOSCOPE" render --db s.db --out out --where clients=4 \
		--where bs=4k --where rw=randread --where rw=write 2>m/err &&
	cat m/err && test $(wc -l <m/err) = 1 &&
	find . -path ./out -prune -o -path ./m -prune -o -print | sort >m/after &&
	test_cmp m/before m/after && ! test -e pwned && ! test -e out/pwned &&
	test -z "$(find out -mindepth 1 -type d)"
'

test_expect_success 'hostile names: file names are [A-Za-z0-9._-] only' '
	ls out >names && test -s names &&
	! grep -v "^[A-Za-z0-9_-][A-Za-z0-9._-]*\$" names &&
	grep -q "^timeline-it_s__q__.._.._evil__d__s__fig_name__touch_pwned-beegfs-4k-randread-4c.svg$" names &&
	grep -q -- "^bar-bw-read-_.._.._x__EOD-4k-4c.svg\$" names
'

test_expect_success 'hostile names: every SVG is well-formed, every PNG drawn' '
	for f in out/*.svg; do xmllint --noout "$f" || return 1; done &&
	for f in out/*.gp; do test -s "${f%.gp}.png" || return 1; done
'

test_expect_success 'hostile names: shown as text in the figures' '
	grep -q "../../evil %d %s @fig_name" out/bar-bw-read-beegfs-4k-4c.svg &&
	grep -q "\$(touch pwned) &lt;b>&amp;amp;" out/bar-bw-read-beegfs-4k-4c.svg &&
	grep -q ">bad$(printf "\357\277\275\357\277\275")utf8<" out/bar-bw-read-beegfs-4k-4c.svg &&
	grep -q "c%n" out/timeline-bare-metal-beegfs-4k-randread-4c.svg
'

test_expect_success 'hostile names: quoted as gnuplot literals, one line each' '
	grep -qF "array series_name[4] = [\"bare-metal\", \"kata-virtiofs\", \"bad$(printf "\357\277\275\357\277\275")utf8\", \"it'"'"'s \\\"q\\\"$(printf "\342\220\212")../../evil %d %s \\100fig_name \\140touch pwned\\140 \$(touch pwned) <b>&amp;\"]" \
		out/bar-bw-read-beegfs-4k-4c.gp &&
	! grep -q "^EOD.*x" out/*.gp &&
	grep -q "^# c%n?EOD?x1, read: time (s)" \
		out/timeline-bare-metal-beegfs-4k-randread-4c.gp
'

test_expect_success 'unknown block size and 0 clients: no log-axis trouble' '
	sqlite3 s.db "UPDATE scenario SET bs = NULL WHERE runtime = '"'"'runc'"'"' AND rw = '"'"'read'"'"' AND clients = 4" &&
	sqlite3 s.db "UPDATE scenario SET clients = 0 WHERE runtime = '"'"'runc'"'"' AND rw = '"'"'read'"'"' AND clients = 1" &&
	"$FIOSCOPE" render --db s.db --out nul --where runtime=runc \
		--where rw=read --format svg 2>err &&
	cat err && test $(wc -l <err) = 1 &&
	test -f nul/timeline-runc-beegfs-read-4c.svg &&
	test -f nul/timeline-runc-beegfs-1m-read-0c.svg &&
	for f in nul/*.svg; do xmllint --noout "$f" || return 1; done
'

test_expect_success 'gnuplot not in PATH: .gp written, one line, exit 1' '
	test_expect_code 1 env PATH=/nonexistent "$FIOSCOPE" render \
		--db s.db --out nogp --where clients=1 --where bs=4k \
		--where rw=read 2>err &&
	cat err && test $(wc -l <err) = 1 &&
	n=$(ls nogp/*.gp | wc -l) && test $n -gt 0 &&
	grep -qx "fioscope: gnuplot not found (Debian package gnuplot-nox); the $n .gp scripts are in nogp" err &&
	! ls nogp/*.svg nogp/*.png 2>/dev/null &&
	(cd nogp && gnuplot bar-bw-read-beegfs-4k-1c.gp) && test -s nogp/bar-bw-read-beegfs-4k-1c.svg
'

test_expect_success 'a broken template: gnuplot says where, exit 1' '
	mkdir bad && echo "plot \$nosuch using 1:2 with lines" >bad/stack.gp &&
	test_expect_code 1 "$FIOSCOPE" render --db s.db --out br \
		--templates bad --where clients=4 --where bs=4k \
		--where rw=write 2>err &&
	cat err &&
	grep -q "^fioscope: gnuplot: \"stack-write-beegfs-4k-write-4c.gp\" line [0-9]*: no datablock named" err &&
	grep -q "^fioscope: \"stack-write-[^ ]*.gp\" line [0-9]*: no datablock named" err &&
	tail -n 1 err | grep -qx "fioscope: 2 of [0-9]* figures not drawn in br" &&
	! test -e br/stack-write-beegfs-4k-write-4c.svg &&
	test -s br/cdf-write-beegfs-4k-write-4c.svg &&
	test -s br/bar-bw-write-beegfs-4k-4c.svg
'

test_expect_success 'an empty store: nothing to draw, exit 1' '
	sqlite3 e.db <"$TOP/schema/fioscope.sql" &&
	test_expect_code 1 "$FIOSCOPE" render --db e.db --out e 2>err &&
	grep -qx "fioscope: e.db: no scenario to draw" err && ! test -e e
'

test_expect_success '--out that is a file: exit 1' '
	: >afile &&
	test_expect_code 1 "$FIOSCOPE" render --db s.db --out afile \
		--where clients=1 --where bs=4k --where rw=read 2>err &&
	grep -q "^fioscope: afile: " err
'

test_done
