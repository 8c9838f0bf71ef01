#!/bin/sh
# tests/tsan.sh: run the whole test suite (tests/run.sh) on the
# ThreadSanitizer build in $FSC_BUILD (make check-tsan builds it) and fail
# on any report, even one from a command whose exit status a test does not
# look at.  Ingest runs a lister, parse workers, a WAL checkpointer and
# refresh helpers beside its writer; this is the check that they share
# nothing unlocked.
#
# How: every report goes to a file under $FSC_BUILD/tsan-logs (log_path)
# and makes the program exit 66; after the suite, any log file fails the
# run.  A canary (two threads bumping one counter unlocked) first proves
# that this machine's ThreadSanitizer does report.
cd "$(dirname "$0")/.." || exit 1
B=${FSC_BUILD:-build-tsan}
CC=${CC:-clang}
logs=$(pwd)/$B/tsan-logs
rm -rf "$logs" && mkdir -p "$logs" && chmod 1777 "$logs" || exit 1
# 1777: tests also run fioscope as another user (setpriv)

TSAN_OPTIONS="exitcode=66:halt_on_error=0:log_path=$logs/tsan"
export TSAN_OPTIONS

# ---- canary ----
canary=$(mktemp -d)
cat >"$canary/c.c" <<'C'
#include <pthread.h>
static int counter;
static void *bump(void *arg)
{
	int i;

	for (i = 0; i < 100000; i++)
		counter++;	/* unlocked: a data race */
	return arg;
}
int main(void)
{
	pthread_t a, b;

	pthread_create(&a, 0, bump, 0);
	pthread_create(&b, 0, bump, 0);
	pthread_join(a, 0);
	pthread_join(b, 0);
	return counter == 0;
}
C
if ! $CC -fsanitize=thread -g -O1 -o "$canary/c" "$canary/c.c" -lpthread; then
	echo "tsan: cannot build the canary with $CC" >&2
	exit 1
fi
"$canary/c" >/dev/null 2>&1
rc=$?
rm -rf "$canary"
if [ $rc != 66 ] || ! grep -qs 'data race' "$logs"/tsan.*; then
	echo "tsan: ThreadSanitizer did not catch the canary race" >&2
	exit 1
fi
rm -f "$logs"/*
echo "tsan: canary caught (a data race)"

# ---- the suite ----
FSC_BUILD=$B sh tests/run.sh
rc=$?
if [ -n "$(ls "$logs")" ]; then
	echo "tsan: ThreadSanitizer reports:" >&2
	for f in "$logs"/*; do
		echo "==== $f" >&2
		head -n 60 "$f" >&2
	done
	exit 1
fi
[ $rc = 0 ] && echo "tsan: no ThreadSanitizer reports"
exit $rc
