#!/bin/sh
# tests/valgrind.sh: run every line of tests/valgrind.cmds under valgrind
# memcheck on the normal build (make check-valgrind) and fail on any error
# or definitely/indirectly lost byte, or an unexpected exit status.  Prints
# one line per command and "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
TOP=$(pwd)
B=${FSC_BUILD:-build}
FIOSCOPE=$TOP/$B/fioscope
FIX=$TOP/tests/fixtures
HOSTILE=$FIX/hostile
VG="valgrind --quiet --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --track-origins=yes
    --num-callers=30 --suppressions=$TOP/tests/valgrind.supp"
command -v valgrind >/dev/null || { echo "valgrind: not installed" >&2; exit 1; }
[ -x "$FIOSCOPE" ] || { echo "valgrind: $FIOSCOPE not built" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/fioscope-valgrind.XXXXXX") || exit 1
cd "$work" || exit 1
# inputs some lines need: a foreign SQLite file, a newer store, a tree
# whose JSON changes after its logs were linked
sqlite3 notdb.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
sqlite3 newer.db 'PRAGMA user_version = 99; CREATE TABLE t(x);'
mkdir logs-copy && cp "$FIX"/fio3/logs/* logs-copy/
"$FIOSCOPE" ingest --db w.db --quiet logs-copy 2>/dev/null
echo ' ' >>logs-copy/randrw-logs.json
export FIX HOSTILE TOP

# The canary: memcheck must catch a definite leak with these options, so a
# broken valgrind cannot pass as clean.
printf '%s\n' '#include <stdlib.h>' \
	'static void *volatile keep;' \
	'int main(void) { keep = malloc(64); keep = 0; return 0; }' >canary.c
if ! ${CC:-cc} -g -O0 -o canary canary.c ||
   { $VG --log-file=canary.log ./canary; [ $? != 99 ]; }; then
	echo "valgrind: memcheck did not catch the canary leak" >&2
	exit 1
fi
echo "valgrind: canary caught (definite leak)"

pass=0
fail=0
n=0
while IFS= read -r line; do
	case $line in ''|'#'*) continue ;; esac
	n=$((n + 1))
	want=${line%% *}
	args=${line#* }
	log=$work/vg.$n
	eval "set -- $args"
	$VG --log-file="$log.%p" "$FIOSCOPE" "$@" >"$work/out.$n" 2>"$work/err.$n"
	rc=$?
	bad=
	[ "$rc" = 99 ] && bad="memcheck errors"
	[ -z "$bad" ] && [ "$rc" != "$want" ] && bad="exit $rc, expected $want"
	for f in "$log".*; do
		[ -s "$f" ] && bad=${bad:-"valgrind output"}
	done
	if [ -n "$bad" ]; then
		fail=$((fail + 1))
		echo "not ok $n - fioscope $args: $bad"
		cat "$log".* "$work/err.$n" | sed 's/^/#   /' | head -n 60
	else
		pass=$((pass + 1))
		echo "ok $n - fioscope $args"
	fi
done <"$TOP/tests/valgrind.cmds"
echo "valgrind: $pass passed, $fail failed"
if [ "$fail" = 0 ]; then
	cd / && rm -rf "$work"
else
	echo "# scratch kept in $work"
fi
[ "$fail" = 0 ]
