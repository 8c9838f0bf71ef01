#!/bin/sh
# tests/run.sh: run the unit tests (unit_test) and every
# tests/tNNNN-*.sh, print all failures, and close with one
# "N passed, N failed" line.
cd "$(dirname "$0")/.." || exit 1
B=${FSC_BUILD:-build}
pass=0
fail=0
log=$(mktemp)
count() {
	# the last "N passed, M failed" line of a test's output
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	[ -n "$line" ] || { p=0; f=1; }
	pass=$((pass + p))
	fail=$((fail + f))
}
for t in "$B/unit_test" tests/t[0-9]*.sh; do
	case $t in
	*.sh) sh "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	count
	if [ $rc -ne 0 ]; then
		grep -v '^ok ' "$log"
		[ "$f" -gt 0 ] || fail=$((fail + 1))
	else
		tail -n 1 "$log"
	fi
done
rm -f "$log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
