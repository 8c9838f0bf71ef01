#!/bin/sh
# Focus of this file: the ingest progress bar on a terminal (through
# script(1)): once the walk is over, a bar with done/total files, files/s,
# MB/s and an ETA, cleared before the summary; nothing of it when stderr
# is not a terminal, with --quiet, or for a small tree.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a tree of 250 fio files' '
	mkdir many &&
	for i in $(seq 1 250); do
		cp "$FIX/fio3/json-read.json" many/r$i.json &&
		fio_unique many/r$i.json || return 1
	done
'

test_expect_success 'on a terminal: the bar with rate, MB/s and ETA, then the summary' '
	TERM=xterm script -qec "\"$FIOSCOPE\" ingest --db t.db many" /dev/null >tty &&
	tr "\r" "\n" <tty >lines &&
	grep -q "^$(printf "\033")\[K\[#*\] 250/250 files, [0-9]* files/s, [0-9.]* MB/s, ETA 0:00$" lines &&
	grep -q "^$(printf "\033")\[Kfioscope: ingested 250 files, 0 unchanged, 0 failed, 0 skipped, 0 re-keyed, 0 duplicates, 0 did not match the layout; 250 runs added, 0 logs linked$" lines
'

test_expect_success 'not on a terminal, or --quiet: no bar' '
	"$FIOSCOPE" ingest --db p.db many 2>err &&
	! grep -q "$(printf "\r")" err && test $(wc -l <err) = 1 &&
	TERM=xterm script -qec "\"$FIOSCOPE\" ingest --quiet --db q.db many" /dev/null >tty &&
	! test -s tty
'

test_expect_success 'a small tree draws no bar' '
	TERM=xterm script -qec "\"$FIOSCOPE\" ingest --db s.db \"$FIX/fio3/json-read.json\"" /dev/null >tty &&
	! grep -q "files/s" tty &&
	grep -q "ingested 1 file, 0 unchanged, 0 failed, 0 skipped, 0 re-keyed, 0 duplicates, 0 did not match the layout; 1 run added, 0 logs linked" tty
'

test_done
