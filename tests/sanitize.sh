#!/bin/sh
# tests/sanitize.sh [thread]: run the whole test suite (tests/run.sh) on a
# sanitizer build in $FSC_BUILD and fail on any sanitizer report, even one
# from a command whose exit status a test does not look at.  Without an
# argument: the ASan+UBSan build (make check-sanitize builds it); with
# "thread": the ThreadSanitizer build (make check-tsan): ingest runs a
# lister, parse workers, a WAL checkpointer and refresh helpers beside its
# writer, and this is the check that they share nothing unlocked.
#
# How: every report goes to a file under $FSC_BUILD/sanitizer-logs (log_path;
# the same in every *SAN_OPTIONS, as the runtimes share it)
# and makes the program exit 134 (66 for TSan), which test_must_fail and
# test_expect_code count as a failure; after the suite, any log file fails
# the run.  Canaries first prove that this machine's sanitizers do report
# (a leak and a signed overflow must both be caught; for TSan a data race),
# so a silently broken LeakSanitizer (ptrace refused in a container) cannot
# pass as clean.
cd "$(dirname "$0")/.." || exit 1
mode=${1:-address}
B=${FSC_BUILD:-build-san}
CC=${CC:-clang}
logs=$(pwd)/$B/sanitizer-logs
rm -rf "$logs" && mkdir -p "$logs" && chmod 1777 "$logs" || exit 1
# 1777: tests also run fioscope as another user (setpriv)

if [ "$mode" = thread ]; then
# ---- TSan: the canary ----
TSAN_OPTIONS="exitcode=66:halt_on_error=0:log_path=$logs/san:suppressions=$(pwd)/tests/tsan.supp"
export TSAN_OPTIONS

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
	echo "sanitize: cannot build the canary with $CC" >&2
	exit 1
fi
"$canary/c" >/dev/null 2>&1
rc=$?
rm -rf "$canary"
if [ $rc != 66 ] || ! grep -qs 'data race' "$logs"/san.*; then
	echo "sanitize: ThreadSanitizer did not catch the canary race" >&2
	exit 1
fi
rm -f "$logs"/*
echo "sanitize: canary caught (a data race)"

else
# ---- ASan+UBSan: the canaries ----
ASAN_OPTIONS="detect_leaks=1:exitcode=134:abort_on_error=0:log_path=$logs/san:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:strict_init_order=1:allocator_may_return_null=0:handle_abort=1"
LSAN_OPTIONS="exitcode=134:suppressions=$(pwd)/tests/sanitize.supp:print_suppressions=0"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=134:log_path=$logs/san"
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

canary=$(mktemp -d)
cat >"$canary/c.c" <<'C'
#include <limits.h>
#include <stdlib.h>
#include <string.h>
/* a definite leak: the only pointer dies with the frame (no stale copy
 * left where LeakSanitizer scans) */
static __attribute__((noinline)) void leak(const char *s)
{
	char *volatile p = malloc(64);

	strncpy(p, s, 63);
}
int main(int argc, char **argv)
{
	int i;

	for (i = 0; i < 8; i++)
		leak(argv[0]);
	return INT_MAX - 1 + argc == 0;	/* argc 2: signed overflow */
}
C
if ! $CC -fsanitize=address,undefined -fno-sanitize-recover=all -g -O0 \
	-o "$canary/c" "$canary/c.c"; then
	echo "sanitize: cannot build the canary with $CC" >&2
	exit 1
fi
ok=1
"$canary/c" >/dev/null 2>&1
[ $? = 134 ] && grep -qs 'LeakSanitizer: detected memory leaks' "$logs"/san.* ||
	{ echo "sanitize: LeakSanitizer did not catch the canary leak" >&2; ok=0; }
rm -f "$logs"/*
"$canary/c" x >/dev/null 2>&1
[ $? = 134 ] && grep -qs 'signed integer overflow' "$logs"/san.* ||
	{ echo "sanitize: UBSan did not catch the canary overflow" >&2; ok=0; }
rm -rf "$canary" "$logs"/*
[ $ok = 1 ] || exit 1
echo "sanitize: canaries caught (leak, signed overflow)"

fi

# ---- the suite ----
FSC_BUILD=$B sh tests/run.sh
rc=$?
if [ -n "$(ls "$logs")" ]; then
	echo "sanitize: sanitizer reports:" >&2
	for f in "$logs"/*; do
		echo "==== $f" >&2
		head -n 60 "$f" >&2
	done
	exit 1
fi
[ $rc = 0 ] && echo "sanitize: no sanitizer reports"
exit $rc
