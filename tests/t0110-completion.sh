#!/bin/sh
# Focus of this file: the bash completion (completion/fioscope.bash),
# sourced in bash and its function called as bash would: commands, options
# read from --help, option values, and --where keys and values read from
# the store named by --db.
. "$(dirname "$0")/lib.sh"
COMP="$TOP/completion/fioscope.bash"

# complete LINE: what _fioscope offers for LINE (the cursor at its end),
# one candidate per line, sorted.
complete_line() {
	bash -c '
		. "$1" || exit 1
		COMP_LINE=$2
		COMP_POINT=${#2}
		read -r -a COMP_WORDS <<<"$2"
		case $2 in *" ") COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_fioscope
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"
	' complete "$COMP" "$1" | sort
}

test_expect_success 'setup: a store with runtimes and a label' '
	"$FIOSCOPE" ingest --db s.db --quiet --set runtime=runc --set fs=xfs \
		"$FIX/fio3/json-read.json" &&
	cp "$FIX/fio3/json-write.json" w.json &&
	"$FIOSCOPE" ingest --db s.db --quiet --set runtime=bare-metal --set fs=ext4 w.json
'

test_expect_success 'the script is plain bash: it sources without errors' '
	bash -c ". \"$COMP\" && complete -p fioscope fioscope-ls" >out 2>err &&
	! test -s err && grep -q "^complete -F _fioscope fioscope\$" out
'

test_expect_success 'a command: "fioscope in" completes to ingest' '
	complete_line "fioscope in" >got &&
	echo ingest >want && test_cmp want got
'

test_expect_success 'every command after "fioscope "' '
	complete_line "fioscope " >got &&
	{ printf "%s\n" --help --version &&
	  "$FIOSCOPE" --help | sed -n "s/^  \([a-z][a-z]*\)  .*/\1/p"; } | sort >want &&
	grep -qx ingest want && grep -qx report want &&
	test_cmp want got
'

test_expect_success 'an option: "fioscope query --no" and "fioscope ls --w"' '
	complete_line "fioscope query --no" >got &&
	echo --no-header >want && test_cmp want got &&
	complete_line "fioscope ls --w" >got &&
	echo --where >want && test_cmp want got &&
	complete_line "fioscope-ls --j" >got &&
	echo --json >want && test_cmp want got
'

test_expect_success 'option values: --format of render and observe, --color' '
	complete_line "fioscope render --format p" >got &&
	printf "pdf\npng\n" >want && test_cmp want got &&
	complete_line "fioscope observe --format h" >got &&
	echo html >want && test_cmp want got &&
	complete_line "fioscope observe --color a" >got &&
	printf "always\nauto\n" >want && test_cmp want got
'

test_expect_success '--where keys: the fixed ones and the store labels' '
	complete_line "fioscope ls --db s.db --where " >got &&
	printf "%s=\n" runtime backend rw bs clients iodepth numjobs ddir fs | sort >want &&
	test_cmp want got
'

test_expect_success '--where runtime= values come from the store of --db' '
	complete_line "fioscope render --db s.db --where runtime=" >got &&
	printf "bare-metal\nrunc\n" >want && test_cmp want got &&
	complete_line "fioscope render --db s.db --where runtime=r" >got &&
	echo runc >want && test_cmp want got
'

test_expect_success '--where values of a label and of bs; $FIOSCOPE_DB as the store' '
	FIOSCOPE_DB=s.db complete_line "fioscope ls --where fs=" >got &&
	printf "ext4\nxfs\n" >want && test_cmp want got &&
	complete_line "fioscope ls --db s.db --where bs=" >got &&
	"$FIOSCOPE" query --db s.db --csv --no-header "SELECT DISTINCT bs FROM scenario" >bs &&
	test "$(wc -l <got)" = "$(wc -l <bs)" && test -s got
'

test_expect_success 'a key that could inject SQL gets nothing, and no error' '
	complete_line "fioscope ls --db s.db --where x'"'"';drop=" >got 2>err &&
	! test -s got && ! test -s err &&
	test "$(q s.db "SELECT count(*) FROM scenario")" = 2
'

test_done
