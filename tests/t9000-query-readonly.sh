#!/bin/sh
# Focus of this file: `fioscope query` cannot change the store.  Every kind
# of write (DML, DDL, ATTACH, PRAGMA writes, VACUUM, transactions) fails
# with exit 1 and one "fioscope: SQL error: ..." line, the store's bytes are
# identical afterwards, and ATTACH / VACUUM INTO create no file.  Reads,
# including read-only pragmas, still work.
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
	grep -q "^fioscope: SQL error: not authorized" err &&
	sums >after && test_cmp before after
'

test_done
