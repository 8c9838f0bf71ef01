#!/bin/sh
# Focus of this file: stores that are not what fioscope expects.  Random
# bytes, an SQLite database with other tables, a store of a newer schema
# version (PRAGMA user_version = 99), a directory, a truncated store, a
# store whose histogram text was tampered with, and an older store, which
# readers refuse and ingest upgrades.  ingest, ls and query fail
# with exit 1 and one clear "fioscope: PATH: message" line, and leave a
# file that is not theirs byte-identical (no switch to WAL, no journal).
. "$(dirname "$0")/lib.sh"

T="timeout 60"
GOOD="$FIX/fio3/jsonplus-read.json"

# refused DB MESSAGE: ingest, ls and query all refuse DB, file unchanged
refused() {
	sha256sum "$1" >before &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db "$1" "$GOOD" 2>err.i &&
	test_expect_code 1 $T "$FIOSCOPE" ls --db "$1" 2>err.l &&
	test_expect_code 1 $T "$FIOSCOPE" query --db "$1" "SELECT 1" >out 2>err.q &&
	echo "fioscope: $1: $2" >want &&
	test_cmp want err.i && test_cmp want err.l && test_cmp want err.q &&
	! test -s out &&
	sha256sum "$1" >after && test_cmp before after &&
	! test -e "$1-journal" &&
	{ [ "${3-}" = wal ] || ! test -e "$1-wal"; }
}

test_expect_success 'random bytes' '
	head -c 8192 /dev/urandom >rnd.db &&
	refused rnd.db "not a fioscope store: file is not a database"
'

test_expect_success 'a text file' '
	printf "hello\n" >text.db &&
	refused text.db "not a fioscope store: file is not a database"
'

test_expect_success 'an SQLite database with other tables (left in its journal mode)' '
	sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);" &&
	refused other.db "not a fioscope store (it has tables but no fioscope schema version)" &&
	test "$(q other.db "PRAGMA journal_mode")" = delete
'

test_expect_success 'a newer schema version (user_version = 99)' '
	"$FIOSCOPE" ingest --db newer.db --quiet "$GOOD" &&
	sqlite3 newer.db "PRAGMA user_version = 99" &&
	refused newer.db "store schema version 99 is newer than this fioscope'"'"'s ($SCHEMA_VERSION)" wal
'

test_expect_success 'a directory' '
	mkdir dir.db &&
	for c in "ingest --db dir.db $GOOD" "ls --db dir.db" "query --db dir.db SELECT\\ 1"; do
		eval "test_expect_code 1 $T \"\$FIOSCOPE\" $c" 2>err &&
		test "$(wc -l <err)" = 1 &&
		grep -q "^fioscope: dir.db: " err || return 1
	done
'

test_expect_success 'an empty file becomes a new store' '
	: >empty.db &&
	"$FIOSCOPE" ingest --db empty.db --quiet "$GOOD" &&
	test "$(q empty.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'a truncated store: exit 1, one line, no crash' '
	"$FIOSCOPE" ingest --db full.db --quiet "$FIX/fio3" &&
	size=$(wc -c <full.db) &&
	head -c $((size / 2)) full.db >half.db &&
	bad="^fioscope: half.db: .*database disk image is malformed$" &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db half.db "$FIX/fio2" 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "$bad" err &&
	test_expect_code 1 $T "$FIOSCOPE" ls --db half.db 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "$bad" err &&
	test_expect_code 1 $T "$FIOSCOPE" query --db half.db "SELECT count(*) FROM io_stat" 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "$bad" err
'

test_expect_success 'a tampered store: bad histogram text and counts are not trusted' '
	"$FIOSCOPE" ingest --db t.db --quiet --set runtime=t "$GOOD" &&
	sqlite3 t.db "UPDATE io_stat SET clat_bins = '"'"'{\"1\":18446744073709551615,\"x'"'"'" &&
	cp "$GOOD" again.json && fio_unique again.json &&
	$T "$FIOSCOPE" ingest --db t.db --quiet --set runtime=t again.json &&
	test "$(q t.db "SELECT latency_exact FROM scenario_stats WHERE ddir = '"'read'"'")" = 0 &&
	sqlite3 t.db "UPDATE io_stat SET clat_bins = '"'"'{\"9223372036854775807\":9223372036854775807,\"1\":9223372036854775807}'"'"', bins_flag = 0" &&
	touch again.json && echo " " >>again.json &&
	$T "$FIOSCOPE" ingest --db t.db --quiet --set runtime=t again.json &&
	"$FIOSCOPE" ls --db t.db >/dev/null &&
	"$FIOSCOPE" query --db t.db "SELECT * FROM scenario_clat_bins" >/dev/null
'

# A store of schema version 1 (tests/fixtures/store/v1.sql: scenario_bin
# was a table of one row per bin).
test_expect_success 'an older schema version: readers refuse with a hint, file unchanged' '
	sqlite3 v1.db <"$FIX/store/v1.sql" &&
	sha256sum v1.db >before &&
	test_expect_code 1 $T "$FIOSCOPE" ls --db v1.db 2>err &&
	echo "fioscope: v1.db: store schema version 1 is older than $SCHEMA_VERSION: '"'fioscope ingest'"' into it upgrades it" >want &&
	test_cmp want err &&
	test_expect_code 1 $T "$FIOSCOPE" query --db v1.db "SELECT 1" 2>err &&
	test_cmp want err &&
	sha256sum v1.db >after && test_cmp before after
'

test_expect_success 'an older schema version: ingest upgrades it, keeping every bin' '
	q v1.db "SELECT scenario_id, ddir, value_ns, count FROM scenario_bin
		 ORDER BY 1, 2, 3" >bins.before &&
	test "$(wc -l <bins.before)" -gt 100 &&
	# latency and runs as they were; clients and repetitions are
	# computed again under the v3 rule (below)
	q v1.db "SELECT runtime, rw, ddir, runs, clat_mean_ns, clat_p50_ns,
		 clat_p99_ns, clat_p9999_ns, latency_exact FROM scenario_stats
		 ORDER BY rw, ddir" >stats.before &&
	test "$(q v1.db "SELECT clients, reps, overlap FROM scenario_stats
		 WHERE rw = '"'read'"'")" = "2|1|0.0" &&
	# a run of its own (the store has GOOD'"'"'s bytes already)
	cp "$GOOD" runc.json && fio_unique runc.json &&
	$T "$FIOSCOPE" ingest --db v1.db --quiet --set runtime=runc runc.json &&
	test "$(q v1.db "PRAGMA user_version")" = "$SCHEMA_VERSION" &&
	test "$(q v1.db "PRAGMA integrity_check")" = ok &&
	q v1.db "SELECT scenario_id, ddir, value_ns, count FROM scenario_bin
		 WHERE scenario_id IN (SELECT id FROM scenario
				       WHERE runtime = '"'bare-metal'"')
		 ORDER BY 1, 2, 3" >bins.after &&
	test_cmp bins.before bins.after &&
	q v1.db "SELECT runtime, rw, ddir, runs, clat_mean_ns, clat_p50_ns,
		 clat_p99_ns, clat_p9999_ns, latency_exact FROM scenario_stats
		 WHERE runtime = '"'bare-metal'"' ORDER BY rw, ddir" >stats.after &&
	test_cmp stats.before stats.after &&
	# two files run one after the other (overlap 0) were summed as two
	# clients; upgraded, they are two repetitions of one client
	test "$(q v1.db "SELECT clients, reps, grouping FROM scenario_stats
		 WHERE runtime = '"'bare-metal'"' AND rw = '"'read'"'")" = "1|2|overlap" &&
	test "$(q v1.db "SELECT count(*) FROM scenario_clat_bins
			 WHERE runtime = '"'runc'"'")" -gt 10 &&
	"$FIOSCOPE" ingest --db new.db --quiet "$GOOD" &&
	q new.db "SELECT type, name FROM sqlite_master ORDER BY 1, 2" >objs.new &&
	q v1.db "SELECT type, name FROM sqlite_master ORDER BY 1, 2" >objs.v1 &&
	test_cmp objs.new objs.v1 &&
	"$FIOSCOPE" ls --db v1.db >/dev/null
'

test_done
