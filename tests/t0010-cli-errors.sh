#!/bin/sh
# Focus of this file: the one usage-error format of every command, asserted
# on the whole of stderr and the exit status (2), stdout empty: an unknown
# option, an option without its value, a typo ("did you mean"), a value
# given to a flag, the fioscope-CMD links, unknown commands, and a --where
# key the store does not have.
. "$(dirname "$0")/lib.sh"

# usage_is WANT CMD...: CMD exits 2, prints nothing on stdout, and its
# stderr is WANT then the "Try" line of the command WANT names.
usage_is() {
	msg=$1
	shift
	test_expect_code 2 "$@" >out 2>err || return 1
	! test -s out || { echo "stdout not empty"; return 1; }
	who=${msg%%: *}
	printf "%s\nTry '%s --help' for more information.\n" "$msg" "$who" >want
	test_cmp want err
}

# command | an option with a value | a typo of an option | what it meant
while IFS='|' read -r cmd valopt typo meant; do
	test_expect_success "$cmd: unknown option" "
		usage_is \"fioscope $cmd: unknown option '--bogus'\" \"\$FIOSCOPE\" $cmd --bogus
	"
	test_expect_success "$cmd: unknown short option" "
		usage_is \"fioscope $cmd: unknown option '-Z'\" \"\$FIOSCOPE\" $cmd -Z
	"
	test_expect_success "$cmd: $valopt without its value" "
		usage_is \"fioscope $cmd: option '$valopt' needs a value\" \"\$FIOSCOPE\" $cmd $valopt
	"
	test_expect_success "$cmd: typo $typo: did you mean $meant" "
		usage_is \"fioscope $cmd: unknown option '$typo'; did you mean '$meant'?\" \"\$FIOSCOPE\" $cmd $typo
	"
	test_expect_success "$cmd: --help=x and the fioscope-$cmd link" "
		usage_is \"fioscope $cmd: option '--help' takes no value\" \"\$FIOSCOPE\" $cmd --help=x &&
		usage_is \"fioscope-$cmd: unknown option '--bogus'\" fioscope-$cmd --bogus
	"
done <<'EOF_CMDS'
ingest|--layout|--qiet|--quiet
ls|--where|--jsn|--json
query|--db|--cvs|--csv
render|--format|--formt|--format
observe|--metric|--metrc|--metric
report|--baseline|--basline|--baseline
rm|--db|--bd|--db
EOF_CMDS

test_expect_success 'a flag given a value' '
	usage_is "fioscope ls: option '"'"'--csv'"'"' takes no value" "$FIOSCOPE" ls --csv=yes
'

test_expect_success 'a bad value names the option as given' '
	usage_is "fioscope render: --jobs: expected a number from 1 to 64, got '"'"'0'"'"'" "$FIOSCOPE" render --jobs=0 &&
	usage_is "fioscope observe: --color: expected auto, always or never, got '"'"'yes'"'"'" "$FIOSCOPE" observe --color yes
'

test_expect_success 'top level: unknown command, typo, unknown option' '
	usage_is "fioscope: unknown command '"'"'injest'"'"'; did you mean '"'"'ingest'"'"'?" "$FIOSCOPE" injest &&
	usage_is "fioscope: unknown command '"'"'frobnicate'"'"'" "$FIOSCOPE" frobnicate &&
	usage_is "fioscope: unknown option '"'"'--verison'"'"'; did you mean '"'"'--version'"'"'?" "$FIOSCOPE" --verison &&
	usage_is "fioscope: unknown option '"'"'--bogus'"'"'" "$FIOSCOPE" --bogus
'

test_expect_success 'options after positionals, "--", and -f FILE / -fFILE' '
	"$FIOSCOPE" ingest --db s.db "$FIX/fio3/json-read.json" --quiet 2>err &&
	! test -s err &&
	echo "select 42" >q.sql &&
	"$FIOSCOPE" query --db s.db -f q.sql --no-header >out && test "$(cat out)" = 42 &&
	"$FIOSCOPE" query --db s.db -fq.sql --no-header >out && test "$(cat out)" = 42 &&
	"$FIOSCOPE" query --db s.db --no-header -- "select 43" >out && test "$(cat out)" = 43
'

# the --where typo, for every command that takes --where, against a store
for cmd in ls render observe report; do
	test_expect_success "$cmd: a --where key the store lacks lists the keys and labels" "
		\"\$FIOSCOPE\" ingest --db w.db --quiet --set runtime=bare-metal --set fs=xfs \"\$FIX/fio3/json-read.json\" &&
		usage_is \"fioscope $cmd: --where: unknown key 'runtim'; did you mean 'runtime'? keys: runtime, backend, rw, bs, clients, iodepth, numjobs, ddir; labels in the store: fs\" \
			\"\$FIOSCOPE\" $cmd --db w.db --where runtim=bare-metal &&
		usage_is \"fioscope $cmd: --where: unknown key 'colour'; keys: runtime, backend, rw, bs, clients, iodepth, numjobs, ddir; labels in the store: fs\" \
			\"\$FIOSCOPE\" $cmd --db w.db --where colour=red &&
		! test -e output
	"
done

test_done
