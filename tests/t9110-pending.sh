#!/bin/sh
# Focus of this file: statistics left pending by an interrupted ingest.
# An ingest is killed with SIGKILL (as in t9100-crash.sh) once it has
# committed runs but before its refresh of the statistics: the store then
# holds runs whose scenarios are listed in dirty_scenario.  A reader that
# can write the store refreshes them first (its answer equals the one of an
# uninterrupted ingest's store); one that cannot (a read-only directory)
# says so in one line and exits 1.  Never an empty or stale answer.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a tree of ~1500 fio files and its uninterrupted store' '
	mkdir -p base tree &&
	i=0 &&
	for f in "$FIX"/fio3/*.json "$FIX"/tree/bare-metal/*/2/*/*.json; do
		i=$((i + 1)) &&
		cp "$f" "base/f$i-$(basename "$f")" || return 1
	done &&
	for d in $(seq 60); do
		mkdir -p "tree/rep$((d % 5))" &&
		cp -r base "tree/rep$((d % 5))/d$d" || return 1
	done &&
	"$FIOSCOPE" ingest --db ref.db --quiet --layout "rep{rep}/{*}/{*}" tree &&
	"$FIOSCOPE" ls --db ref.db >ls.ref &&
	test "$(wc -l <ls.ref)" -gt 10
'

# Kill the ingest as soon as a reader sees committed runs whose statistics
# are pending; a round whose ingest finished first is tried again.
test_expect_success 'kill -9 after runs are committed, before the refresh' '
	for try in 1 2 3 4 5 6 7 8; do
		rm -f p.db p.db-wal p.db-shm &&
		{ "$FIOSCOPE" ingest --db p.db --quiet --layout "rep{rep}/{*}/{*}" tree 2>/dev/null & } &&
		pid=$! &&
		n=0 &&
		while [ "$n" = 0 ] && kill -0 $pid 2>/dev/null; do
			n=$(sqlite3 -batch p.db "SELECT count(*) FROM dirty_scenario" 2>/dev/null || echo 0)
			[ -n "$n" ] || n=0
		done &&
		kill -9 $pid 2>/dev/null; wait $pid
		if [ "$(q p.db "SELECT count(*) FROM dirty_scenario")" -gt 0 ]; then
			echo "try $try: killed with pending statistics" && break
		fi
	done &&
	test "$(q p.db "SELECT count(*) FROM dirty_scenario")" -gt 0 &&
	test "$(q p.db "SELECT count(*) FROM run")" -gt 0 &&
	test "$(q p.db "PRAGMA integrity_check")" = ok &&
	sqlite3 p.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	cp p.db p2.db && cp p.db p3.db
'

# what the uninterrupted ingest would have derived from the same runs
test_expect_success 'a reader that can write refreshes: ls equals a full refresh' '
	pending=$(q p.db "SELECT count(*) FROM dirty_scenario") &&
	"$FIOSCOPE" ls --db p.db >ls.p 2>err &&
	test_must_fail test -s err &&
	test "$(q p.db "SELECT count(*) FROM dirty_scenario")" = 0 &&
	test "$(wc -l <ls.p)" -gt 1 &&
	sqlite3 p3.db "INSERT OR IGNORE INTO dirty_scenario SELECT id FROM scenario" &&
	"$FIOSCOPE" ls --db p3.db >ls.full &&
	test_cmp ls.full ls.p
'

test_expect_success 'query refreshes too' '
	cp p2.db q.db &&
	"$FIOSCOPE" query --db q.db "SELECT count(*) FROM scenario_stats" >n &&
	test "$(q q.db "SELECT count(*) FROM dirty_scenario")" = 0 &&
	test "$(tail -n 1 n | tr -d " ")" = "$(q q.db "SELECT count(*) FROM scenario_stat")"
'

# An ingest at work holds a shared flock on the store for its life
# (store.c): flock(1) holds one the same way here, so that the moment is
# not a race.
test_expect_success 'pending while an ingest is at work: a note, exit 0, nothing written' '
	cp p2.db w.db &&
	n=$(q w.db "SELECT count(*) FROM dirty_scenario") &&
	flock -s w.db "$FIOSCOPE" ls --db w.db >ls.w 2>err &&
	echo "fioscope: note: w.db: an ingest is running: the statistics of $n scenarios are not refreshed yet" >want &&
	test_cmp want err &&
	test "$(q w.db "SELECT count(*) FROM dirty_scenario")" = "$n"
'

# ro DIR CMD...: as in t9330-store-open.sh
ro() {
	d=$1
	shift
	if [ "$(id -u)" = 0 ]; then
		unshare -m sh -c 'mount --bind "$0" "$0" &&
			mount -o remount,bind,ro "$0" "$0" && "$@"' "$d" "$@"
	else
		chmod a-w "$d" && { "$@"; rc=$?; chmod u+w "$d"; return $rc; }
	fi
}

test_expect_success 'a reader that cannot write says so in one line, exit 1' '
	mkdir rodir && cp p2.db rodir/s.db &&
	n=$(q rodir/s.db "SELECT count(*) FROM dirty_scenario") &&
	for c in ls "query SELECT\\ 1" "observe" "report --out rep"; do
		eval "test_expect_code 1 ro rodir \"\$FIOSCOPE\" $c --db rodir/s.db" >out 2>err &&
		test "$(wc -l <err)" = 1 &&
		grep -q "^fioscope: rodir/s.db: the statistics of $n scenarios are pending (an ingest was interrupted) and cannot be refreshed here (.*): run '"'fioscope ingest'"' into it where it can be written$" err &&
		! test -s out || return 1
	done
'

test_expect_success 'ingest into it finishes the work: the store of an uninterrupted ingest' '
	"$FIOSCOPE" ingest --db p2.db --quiet --layout "rep{rep}/{*}/{*}" tree &&
	"$FIOSCOPE" ls --db p2.db >ls.after &&
	test_cmp ls.ref ls.after
'

test_done
