#!/bin/sh
# Focus of this file: the manual pages (man/*.1, man/*.5, mdoc): every
# command has one, each renders with man -l and passes mandoc's lint, and
# the options a page lists are exactly the options of the command's --help.
. "$(dirname "$0")/lib.sh"
MAN="$TOP/man"

cmds=$("$FIOSCOPE" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')

test_expect_success 'the command list is read from fioscope --help' '
	for c in ingest ls observe query render report; do
		echo " $cmds " | tr "\n" " " | grep -q " $c " || return 1
	done
'

for page in fioscope.1 $(for c in $cmds; do echo fioscope-$c.1; done) fioscope-store.5; do
	test_expect_success "$page renders with man -l and lints clean" "
		test -f \"$MAN/$page\" &&
		MANPAGER=cat MANWIDTH=80 man -l \"$MAN/$page\" >out 2>err &&
		! test -s err &&
		grep -q '^NAME' out && grep -q '^SYNOPSIS\|^DESCRIPTION' out &&
		test \$(wc -l <out) -gt 20 &&
		mandoc -Tlint -W warning \"$MAN/$page\" >lint 2>&1 &&
		! test -s lint
	"
done

# The long options of --help: lines "  --name ..." or "  -x, --name ...".
help_opts() {
	"$FIOSCOPE" "$@" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p' | sort -u
}
# The long options of a page: the ".It Fl -name" entries of its list.
man_opts() {
	grep '^\.It Fl' "$1" | grep -o 'Fl -[a-z][a-z-]*' | sed 's/^Fl -//' | sort -u
}

for c in $cmds; do
	test_expect_success "fioscope-$c.1 lists the options of '$c --help'" "
		help_opts $c >help &&
		man_opts \"$MAN/fioscope-$c.1\" >page &&
		test \$(wc -l <help) -ge 2 &&
		test_cmp help page
	"
	test_expect_success "fioscope-$c.1: the short options agree too" "
		\"\$FIOSCOPE\" $c --help | sed -n 's/^  \(-[a-zA-Z]\), .*/\1/p' | sort >help &&
		grep '^\.It Fl [a-zA-Z] ' \"$MAN/fioscope-$c.1\" | sed 's/^\.It Fl \([a-zA-Z]\).*/-\1/' | sort >page &&
		test_cmp help page
	"
done

test_expect_success 'fioscope.1 lists every command and the top-level options' '
	for c in $cmds; do grep -q "^\.It Cm $c\$" "$MAN/fioscope.1" || return 1; done &&
	man_opts "$MAN/fioscope.1" >page && printf "help\nversion\n" >want &&
	test_cmp want page
'

test_expect_success 'a page that lost an option is caught (the check can fail)' '
	grep -v "^\.It Fl -ascii" "$MAN/fioscope-ls.1" >ls.1 &&
	help_opts ls >help && man_opts ls.1 >page &&
	! test_cmp help page >/dev/null
'

test_done
