#!/bin/sh
# Focus of this file: `fioscope query` cannot change the store.  Every kind
# of write (DML, DDL, ATTACH, PRAGMA writes, VACUUM, transactions, the
# schema table) fails with exit 1 and one "fioscope: SQL error: ..." line
# that says the store is opened read-only, the store's bytes are identical
# afterwards, and ATTACH / VACUUM INTO create no file.  Reads, including
# read-only pragmas and table-valued functions, still work.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a store' '
	"$FIOSCOPE" ingest --db s.db --quiet --set runtime=ro "$FIX/fio3" &&
	test "$(q s.db "SELECT count(*) FROM run")" -gt 0
'

sums() { sha256sum s.db; q s.db "SELECT count(*) FROM run"; }

i=0
while IFS= read -r sql; do
	i=$((i + 1))
	test_expect_success "query refuses: $sql" "
		sums >before &&
		test_expect_code 1 \"\$FIOSCOPE\" query --db s.db \"\$sql\" >out 2>err &&
		! test -s out &&
		test \$(wc -l <err) = 1 &&
		grep -q '^fioscope: SQL error: ' err &&
		grep -q 'the store is opened read-only\$' err &&
		sums >after && test_cmp before after &&
		! test -e new.db && ! test -e vac.db
	"
done <<'SQL'
INSERT INTO scenario(key) VALUES ('x')
INSERT INTO run SELECT * FROM run
UPDATE run SET error = 1
DELETE FROM run
DELETE FROM source_file WHERE 1
REPLACE INTO dirty_scenario VALUES (1)
DROP TABLE run
DROP VIEW run_stats
CREATE TABLE x(y)
CREATE TEMP TABLE x(y)
CREATE VIEW v AS SELECT 1
CREATE INDEX i ON run(jobname)
CREATE TRIGGER t AFTER INSERT ON run BEGIN DELETE FROM run; END
ALTER TABLE run ADD COLUMN z
ATTACH DATABASE 'new.db' AS n
ATTACH 'file:new.db?mode=rwc' AS n
DETACH main
PRAGMA user_version = 5
PRAGMA journal_mode = delete
PRAGMA journal_mode = wal
PRAGMA query_only = 0
PRAGMA writable_schema = 1
PRAGMA schema_version = 10
PRAGMA foreign_keys = OFF
PRAGMA wal_checkpoint(TRUNCATE)
PRAGMA wal_checkpoint
PRAGMA optimize
PRAGMA incremental_vacuum
VACUUM
VACUUM INTO 'vac.db'
REINDEX
ANALYZE
BEGIN IMMEDIATE
SAVEPOINT a
SELECT load_extension('/tmp/x.so')
UPDATE sqlite_master SET sql = NULL
DELETE FROM sqlite_master
INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(y)')
PRAGMA main.user_version = 7
CREATE VIRTUAL TABLE j USING json_each('[1]')
PRAGMA query_only = 0; DELETE FROM run
SQL

test_expect_success 'the store is still whole and unchanged in content' '
	test "$(q s.db "PRAGMA integrity_check")" = ok &&
	test "$(q s.db "PRAGMA user_version")" = "$SCHEMA_VERSION" &&
	test "$(q s.db "PRAGMA journal_mode")" = wal
'

test_expect_success 'reads still work: views, read-only pragmas' '
	"$FIOSCOPE" query --db s.db "SELECT count(*) AS n FROM run_stats" >out &&
	grep -q "^ *[1-9]" out &&
	"$FIOSCOPE" query --db s.db --csv "PRAGMA table_info(run)" >out &&
	grep -q "^1,file_id,INTEGER" out &&
	"$FIOSCOPE" query --db s.db "PRAGMA integrity_check" | grep -q "^ok$" &&
	"$FIOSCOPE" query --db s.db "PRAGMA user_version" | grep -q "^ *$SCHEMA_VERSION$"
'

test_expect_success 'a write after a read in one argument: exit 1, no change' '
	sums >before &&
	test_expect_code 1 "$FIOSCOPE" query --db s.db "SELECT 1 AS a; DROP TABLE run" >out 2>err &&
	grep -qx "fioscope: SQL error: not authorized: the store is opened read-only" err &&
	sums >after && test_cmp before after
'

test_expect_success 'read-only table-valued functions work: json_each, json_tree, pragma_*' '
	sums >before &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT value FROM json_each('"'[4,5]'"')" >out &&
	printf "4\r\n5\r\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT count(*) FROM json_tree('"'[1,[2,3]]'"')" >out &&
	printf "5\r\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT name FROM pragma_table_info('"'run_stats'"') WHERE cid = 0" >out &&
	printf "runtime\r\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT count(*) > 0 FROM pragma_index_list('"'run'"')" >out &&
	printf "1\r\n" >want && test_cmp want out &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT count(*) FROM scenario_stat t, json_each(t.clat_bins) j" >out &&
	test "$(tr -d "\r" <out)" -gt 0 &&
	"$FIOSCOPE" query --db s.db --csv --no-header \
		"SELECT count(*) > 0 FROM percentile" >out &&
	printf "1\r\n" >want && test_cmp want out &&
	sums >after && test_cmp before after
'

test_expect_success 'an unknown table: the nearest name and the public views' '
	test_expect_code 1 "$FIOSCOPE" query --db s.db "SELECT * FROM runstats" >out 2>err &&
	echo "fioscope: SQL error: no such table: runstats; did you mean '"'run_stats'"'? the public views are run_stats, scenario_stats and scenario_clat_bins" >want &&
	test_cmp want err && ! test -s out &&
	test_expect_code 1 "$FIOSCOPE" query --db s.db "SELECT * FROM zzz" 2>err &&
	echo "fioscope: SQL error: no such table: zzz; the public views are run_stats, scenario_stats and scenario_clat_bins" >want &&
	test_cmp want err
'

test_done
