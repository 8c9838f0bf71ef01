# tests/lib.sh: a small test library in the spirit of git's test-lib.
# Each tNNNN script sources it, calls test_expect_success / test_must_fail /
# test_cmp, and ends with test_done, which prints "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
unset FIOSCOPE_DB FIOSCOPE_TEMPLATES
TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FSC_BUILD:-build}
FIOSCOPE="$TOP/$BUILD/fioscope"
FIX="$TOP/tests/fixtures"
# the store schema version the programs create
SCHEMA_VERSION=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);$/\1/p' "$TOP/schema/fioscope.sql")
PATH="$TOP/$BUILD:$PATH"
export PATH
name=$(basename "$0" .sh)
TRASH="${TMPDIR:-/tmp}/fioscope-test.$name.$$"
rm -rf "$TRASH" && mkdir -p "$TRASH" || exit 1
cd "$TRASH" || exit 1
n_pass=0
n_fail=0

say() { printf '%s\n' "$*"; }

test_expect_success() {
	desc=$1
	shift
	if (set -e; eval "$1") >"$TRASH/.out" 2>&1; then
		n_pass=$((n_pass + 1))
		say "ok $((n_pass + n_fail)) - $name: $desc"
	else
		n_fail=$((n_fail + 1))
		say "not ok $((n_pass + n_fail)) - $name: $desc"
		sed 's/^/#   /' "$TRASH/.out"
	fi
}

# test_must_fail CMD...: CMD fails in a controlled way (exit 1..125).
test_must_fail() {
	"$@" && { echo "test_must_fail: '$*' succeeded" >&2; return 1; }
	rc=$?
	if [ $rc -gt 125 ]; then
		echo "test_must_fail: '$*' died with $rc" >&2
		return 1
	fi
	return 0
}

# test_expect_code N CMD...
test_expect_code() {
	want=$1
	shift
	"$@"
	rc=$?
	[ "$rc" = "$want" ] || { echo "expected exit $want, got $rc: $*" >&2; return 1; }
}

test_cmp() { diff -u "$1" "$2"; }

# q DB SQL: one value from the store, through sqlite3.
q() { sqlite3 -batch -noheader "$1" "$2"; }

test_done() {
	if [ $n_fail -eq 0 ]; then
		cd / && rm -rf "$TRASH"
	else
		say "# trash kept in $TRASH"
	fi
	say "# $name: $n_pass passed, $n_fail failed"
	[ $n_fail -eq 0 ]
}

# fio_unique FILE: make a synthetic copy of a fixture a run of its own.  A
# file is known by its content, so two identical copies are one run; fio
# never writes the same bytes twice (timestamps), tests that copy one
# fixture do.  Appends blanks (valid after JSON), more on each call.
n_unique=0
fio_unique() {
	n_unique=$((n_unique + 1))
	printf "%${n_unique}s\n" "" >>"$1"
}

# ingest_shape SHAPE DB: one of the three campaign shapes into DB, as a
# user would ingest it: sd, the reference (sample-data/, runtime x pattern
# x clients); bs, the block-size sweep of two backends and no runtime
# (tests/fixtures/shapes/bs-sweep); qd, the iodepth x numjobs sweep in
# fio-plot's layout, with no --layout (shapes/qd-jobs).
ingest_shape() {
	case $1 in
	sd) "$FIOSCOPE" ingest --quiet --db "$2" \
		--layout "rep{rep}/{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json" \
		"$TOP/sample-data" ;;
	bs) "$FIOSCOPE" ingest --quiet --db "$2" \
		--layout "{backend}-{rw}/{clients}/{client}/{bs}.json" \
		"$FIX/shapes/bs-sweep" ;;
	qd) "$FIOSCOPE" ingest --quiet --db "$2" "$FIX/shapes/qd-jobs" ;;
	*) echo "ingest_shape: no shape $1" >&2; return 1 ;;
	esac
}
