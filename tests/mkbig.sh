#!/bin/sh
# tests/mkbig.sh SRC N: a large fio json+ document: SRC (one fio json+
# file of one job, fio's own layout) with its job repeated N times, for the
# memory tests and the bench (each job about 10 KB).
src=$1
n=$2
awk -v n="$n" '
	/^  "jobs" : \[$/ { print; injobs = 1; next }
	injobs && /^  \],$/ {
		for (i = 1; i <= n; i++) { printf "%s", job; print (i < n ? "," : "") }
		print; injobs = 0; next }
	injobs { if ($0 == "    }") job = job "    }"; else job = job $0 "\n"; next }
	{ print }' "$src"
