#!/bin/sh
# Focus of this file: what can be a store and how readers open it.
# - An empty --db (an unset variable), :memory: and in-memory URIs are
#   usage errors (exit 2), for every command.
# - A file is a store only with fioscope's tables: another program's SQLite
#   database whose user_version happens to be 2 (or negative) is refused in
#   one line and left byte-identical.
# - Readers work on a store in a read-only directory: as root (chmod does
#   not stop root) on a read-only bind mount in a private mount namespace
#   (unshare -m), otherwise in a chmod a-w directory.  SQLite cannot make
#   the -shm there, so the store is opened immutable; a write-ahead log
#   that still holds commits is refused rather than ignored.
. "$(dirname "$0")/lib.sh"

GOOD="$FIX/fio3/jsonplus-read.json"

for db in "" ":memory:" "file::memory:" "file:x.db?mode=memory&cache=shared"; do
	test_expect_success "--db '$db' is a usage error (exit 2) for every command" "
		test_expect_code 2 \"\$FIOSCOPE\" ingest --db '$db' \"\$GOOD\" 2>err &&
		test \"\$(wc -l <err)\" = 1 && grep -q '^fioscope: ' err &&
		test_expect_code 2 \"\$FIOSCOPE\" ls --db '$db' 2>err &&
		test_expect_code 2 \"\$FIOSCOPE\" query --db '$db' 'SELECT 1' 2>err &&
		test_expect_code 2 \"\$FIOSCOPE\" observe --db '$db' 2>err &&
		test_expect_code 2 \"\$FIOSCOPE\" report --db '$db' --out r 2>err &&
		test_expect_code 2 \"\$FIOSCOPE\" render --db '$db' --out r 2>err &&
		! test -e r && ! test -e x.db
	"
done

test_expect_success 'the messages say what is wrong' '
	test_expect_code 2 "$FIOSCOPE" ls --db "" 2>err &&
	echo "fioscope: --db is empty (an unset variable?): name the store'"'"'s file" >want &&
	test_cmp want err &&
	test_expect_code 2 "$FIOSCOPE" ls --db :memory: 2>err &&
	echo "fioscope: :memory:: an in-memory database is no store (everything would be lost at exit): name a file" >want &&
	test_cmp want err
'

# refused DB MESSAGE: every command refuses DB in one line; DB unchanged
refused() {
	sha256sum "$1" >before &&
	test_expect_code 1 "$FIOSCOPE" ingest --db "$1" "$GOOD" 2>err.i &&
	test_expect_code 1 "$FIOSCOPE" ls --db "$1" 2>err.l &&
	test_expect_code 1 "$FIOSCOPE" query --db "$1" "SELECT 1" 2>err.q &&
	echo "fioscope: $1: $2" >want &&
	test_cmp want err.i && test_cmp want err.l && test_cmp want err.q &&
	sha256sum "$1" >after && test_cmp before after &&
	! test -e "$1-wal" && ! test -e "$1-journal"
}

test_expect_success 'a foreign SQLite database with user_version 2: refused, byte-identical' '
	sqlite3 foreign.db "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);
			    PRAGMA user_version = 2;" &&
	refused foreign.db "not a fioscope store (an SQLite database with other tables, user_version 2)" &&
	test "$(q foreign.db "PRAGMA journal_mode")" = delete
'

test_expect_success 'the same with user_version 3 (this version) and -1' '
	sqlite3 f3.db "CREATE TABLE run(x); PRAGMA user_version = 3;" &&
	refused f3.db "not a fioscope store (an SQLite database with other tables, user_version 3)" &&
	sqlite3 fneg.db "PRAGMA user_version = -1;" &&
	refused fneg.db "not a fioscope store (an empty SQLite database with user_version -1)"
'

test_expect_success "fioscope's tables with user_version 0 are not taken as a new store" '
	"$FIOSCOPE" ingest --db z.db --quiet "$GOOD" &&
	sqlite3 z.db "PRAGMA journal_mode = DELETE; PRAGMA user_version = 0;" &&
	refused z.db "not a fioscope store (it has tables but no fioscope schema version)"
'

# ro DIR CMD...: run CMD with DIR read-only (see the top of this file)
ro() {
	d=$1
	shift
	if [ "$(id -u)" = 0 ]; then
		unshare -m sh -c 'mount --bind "$0" "$0" &&
			mount -o remount,bind,ro "$0" "$0" &&
			! touch "$0/probe" 2>/dev/null && "$@"' "$d" "$@"
	else
		chmod a-w "$d" && { "$@"; rc=$?; chmod u+w "$d"; return $rc; }
	fi
}

test_expect_success 'setup: a store in a directory of its own' '
	mkdir rodir &&
	"$FIOSCOPE" ingest --db rodir/s.db --quiet --set runtime=bare-metal "$FIX/tree/bare-metal" &&
	"$FIOSCOPE" ingest --db rodir/s.db --quiet --set runtime=runc "$FIX/tree/runc" &&
	! test -e rodir/s.db-wal && ! test -e rodir/s.db-shm &&
	"$FIOSCOPE" ls --db rodir/s.db >ls.rw &&
	test "$(wc -l <ls.rw)" -gt 2
'

test_expect_success 'a read-only directory: ls, query and report read the store' '
	ro rodir "$FIOSCOPE" ls --db rodir/s.db >ls.ro &&
	test_cmp ls.rw ls.ro &&
	ro rodir "$FIOSCOPE" query --db rodir/s.db "SELECT count(*) FROM run_stats" >n &&
	test "$(tail -n 1 n | tr -d " ")" = "$(q rodir/s.db "SELECT count(*) FROM run_stats")" &&
	ro rodir "$FIOSCOPE" report --db rodir/s.db --out rep >/dev/null 2>err &&
	grep -q "scenarios, .* runs from" rep/index.html &&
	! test -e rodir/s.db-shm && ! test -e rodir/s.db-wal
'

# The other way: a chmod a-w directory, read as a user that chmod stops
# (as root: nobody, through setpriv, as t9310-hostile-fs.sh does).
as_user() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
	else
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	fi
}

test_expect_success 'a chmod a-w directory: ls, query and report read the store' '
	mkdir chdir && cp rodir/s.db chdir/s.db && chmod 644 chdir/s.db &&
	chmod 555 chdir && chmod 755 . && mkdir -m 777 out &&
	as_user "$FIOSCOPE" ls --db chdir/s.db >ls.ch &&
	test_cmp ls.rw ls.ch &&
	as_user "$FIOSCOPE" query --db chdir/s.db "SELECT count(*) FROM run_stats" >n &&
	test "$(tail -n 1 n | tr -d " ")" = "$(q rodir/s.db "SELECT count(*) FROM run_stats")" &&
	as_user "$FIOSCOPE" report --db chdir/s.db --out out/rep >/dev/null 2>&1 &&
	grep -q "scenarios, .* runs from" out/rep/index.html &&
	! test -e chdir/s.db-shm && ! test -e chdir/s.db-wal
'

test_expect_success 'a read-only directory: ingest fails in one line, the store is unchanged' '
	sha256sum rodir/s.db >before &&
	cp "$GOOD" new.json &&
	test_expect_code 1 ro rodir "$FIOSCOPE" ingest --db rodir/s.db new.json 2>err &&
	test "$(wc -l <err)" = 1 && grep -q "^fioscope: rodir/s.db: " err &&
	sha256sum rodir/s.db >after && test_cmp before after
'

test_expect_success 'a read-only directory with a write-ahead log that holds commits: refused' '
	mkdir waldir && cp rodir/s.db waldir/s.db &&
	cp waldir/s.db waldir/orig.db &&
	# commit into the WAL, copy it while the connection is open (its
	# close would checkpoint it), then put the store back before it
	sqlite3 waldir/s.db "PRAGMA wal_autocheckpoint = 0;
		UPDATE source_file SET ingested_at = ingested_at + 1;" \
		".system cp waldir/s.db-wal waldir/keep-wal" >/dev/null &&
	cp waldir/orig.db waldir/s.db && mv waldir/keep-wal waldir/s.db-wal &&
	test -s waldir/s.db-wal &&
	test_expect_code 1 ro waldir "$FIOSCOPE" ls --db waldir/s.db 2>err &&
	echo "fioscope: waldir/s.db: cannot open store read-only: its write-ahead log (-wal) holds commits and the directory is read-only" >want &&
	test_cmp want err
'

test_done
