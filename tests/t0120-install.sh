#!/bin/sh
# Focus of this file: make install and make uninstall with DESTDIR and
# PREFIX: every command link, the man pages (man1, man5), the bash
# completion, the templates and the schema land where they belong; the
# installed programs, pages and completion work from another directory;
# uninstall removes every file install wrote.
. "$(dirname "$0")/lib.sh"
X="$TRASH/x"
# the commands, as fioscope --help lists them
cmds=$("$FIOSCOPE" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')

test_expect_success 'the build is up to date (make test built it)' '
	make -s -q -C "$TOP" B="$BUILD" all
'

test_expect_success 'make install DESTDIR=... PREFIX=/usr' '
	make -s -C "$TOP" B="$BUILD" install DESTDIR="$X" PREFIX=/usr >out 2>err &&
	! grep -v "^install\|^for \|^ *\$" err
'

test_expect_success 'bin: fioscope and a link per command, one binary' '
	test -x "$X/usr/bin/fioscope" &&
	for c in $cmds; do
		test "$X/usr/bin/fioscope-$c" -ef "$X/usr/bin/fioscope" || return 1
	done &&
	test "$(ls "$X/usr/bin" | wc -l)" = $(( $(echo $cmds | wc -w) + 1 ))
'

test_expect_success 'man1 holds a page per command and fioscope.1; man5 the store' '
	(cd "$X/usr/share/man/man1" && ls) >got &&
	{ for c in $cmds; do echo fioscope-$c.1; done; echo fioscope.1; } | sort >want &&
	test_cmp want got && test $(wc -l <want) -ge 7 &&
	test -f "$X/usr/share/man/man5/fioscope-store.5" &&
	MANPATH="$X/usr/share/man" MANPAGER=cat man fioscope-ls 2>err >page &&
	grep -q "fioscope ls" page &&
	MANPATH="$X/usr/share/man" MANPAGER=cat man 5 fioscope-store >page &&
	grep -q "scenario_stats" page
'

test_expect_success 'completion: fioscope, and a name per link for lazy loading' '
	C="$X/usr/share/bash-completion/completions" &&
	cmp "$C/fioscope" "$TOP/completion/fioscope.bash" &&
	for c in $cmds; do test "$C/fioscope-$c" -ef "$C/fioscope" || return 1; done
'

test_expect_success 'templates and schema under share/fioscope' '
	for f in "$TOP"/templates/* "$TOP"/templates/pptx/*; do
		test -d "$f" && continue
		cmp "$f" "$X/usr/share/fioscope/templates/${f#"$TOP"/templates/}" || return 1
	done &&
	cmp "$TOP/schema/fioscope.sql" "$X/usr/share/fioscope/schema/fioscope.sql"
'

test_expect_success 'the installed programs work from another directory' '
	mkdir elsewhere && cd elsewhere &&
	PATH="$X/usr/bin:/usr/bin:/bin" &&
	"$X/usr/bin/fioscope" --version | grep -q "^fioscope " &&
	fioscope-ingest --db s.db --quiet --set runtime=bare-metal "$FIX/fio3/json-read.json" &&
	fioscope ls --db s.db | grep -q "^bare-metal " &&
	echo "select count(*) from run_stats" | fioscope-query --db s.db --no-header >n &&
	test "$(cat n)" -gt 0 &&
	fioscope-render --db s.db --out figs --format svg 2>err &&
	ls figs/*.svg >/dev/null && ls figs/*.gp >/dev/null &&
	grep -q "^fioscope-render: drew [0-9]* figure" err
'

test_expect_success 'make uninstall removes every file install wrote' '
	make -s -C "$TOP" B="$BUILD" uninstall DESTDIR="$X" PREFIX=/usr >out 2>err &&
	find "$X" ! -type d >left &&
	test_cmp /dev/null left
'

test_done
