#!/bin/sh
# Focus of this file: concurrency.  Two ingests of overlapping trees into
# one store (new, then existing) at the same time both exit 0, with no
# "database is locked", and every file is in once with all its rows, as
# one ingest of the union gives.  `query` and `ls` run while an ingest runs
# succeed and see a consistent snapshot: whole files only, and one
# snapshot for all the statements of a command.
. "$(dirname "$0")/lib.sh"

# per file: what of it is in the store
cat >perfile.sql <<'SQL'
SELECT f.path, f.status,
  (SELECT count(*) FROM run r WHERE r.file_id = f.id),
  (SELECT count(*) FROM io_stat i JOIN run r ON r.id = i.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM percentile p JOIN run r ON r.id = p.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM run_option o JOIN run r ON r.id = o.run_id WHERE r.file_id = f.id),
  (SELECT count(*) FROM snapshot s JOIN run r ON r.id = s.run_id WHERE r.file_id = f.id)
FROM source_file f ORDER BY f.path;
SQL
# per scenario: runs and statistics (rounded: two ingests interleave their
# runs, so sums of doubles may differ in the last bit)
cat >scen.sql <<'SQL'
SELECT s.key, t.ddir, t.runs, t.reps, t.clients, printf('%.9e', t.bw_bytes),
  printf('%.9e', t.iops), t.clat_p99_ns, t.latency_exact,
  printf('%.6f', t.overlap)
FROM scenario s JOIN scenario_stat t ON t.scenario_id = s.id
ORDER BY s.key, t.ddir;
SELECT 'dirty', count(*) FROM dirty_scenario;
SQL

test_expect_success 'setup: 100 directories of fio files' '
	mkdir -p base tree && i=0 &&
	for f in "$FIX"/fio3/*.json "$FIX"/tree/bare-metal/*/2/*/*.json; do
		i=$((i + 1)) && cp "$f" "base/f$i-$(basename "$f")" || return 1
	done &&
	# each copy a run of its own: a file is known by its content
	for d in $(seq 100); do
		cp -r base "tree/d$d" &&
		for f in "tree/d$d"/*.json; do
			printf "%${d}s\n" "" >>"$f" || return 1
		done || return 1
	done &&
	A=$(for d in $(seq 1 60); do printf "tree/d%s " $d; done) &&
	B=$(for d in $(seq 40 100); do printf "tree/d%s " $d; done) &&
	echo "$A" >A && echo "$B" >B &&
	"$FIOSCOPE" ingest --db ref.db --quiet --layout "{rep}/{*}" tree &&
	sqlite3 -batch ref.db <perfile.sql >ref.perfile &&
	sqlite3 -batch ref.db <scen.sql >ref.scen
'

for store in new existing; do
	test_expect_success "two ingests of overlapping trees at once ($store store)" '
		if [ '$store' = existing ]; then
			"$FIOSCOPE" ingest --db c-'$store'.db --quiet --layout "{rep}/{*}" tree/d1/f1-*
		fi
		"$FIOSCOPE" ingest --db c-'$store'.db --quiet --layout "{rep}/{*}" $(cat A) 2>errA &
		pa=$!
		"$FIOSCOPE" ingest --db c-'$store'.db --quiet --layout "{rep}/{*}" $(cat B) 2>errB &
		pb=$!
		wait $pa && wait $pb &&
		! grep -i "locked\|busy" errA errB &&
		test_cmp /dev/null errA && test_cmp /dev/null errB &&
		test "$(q c-'$store'.db "PRAGMA integrity_check")" = ok
	'
	test_expect_success "every file in once, with all its rows ($store store)" '
		sqlite3 -batch c-'$store'.db <perfile.sql >got.perfile &&
		test_cmp ref.perfile got.perfile &&
		sqlite3 -batch c-'$store'.db <scen.sql >got.scen &&
		test_cmp ref.scen got.scen
	'
done

test_expect_success 'three ingests and readers creating one new store, 20 times' '
	for i in $(seq 20); do
		rm -f n.db n.db-wal n.db-shm
		"$FIOSCOPE" ingest --db n.db --quiet tree/d1 2>e1 &
		p1=$!
		"$FIOSCOPE" ingest --db n.db --quiet tree/d2 2>e2 &
		p2=$!
		"$FIOSCOPE" ingest --db n.db --quiet tree/d3 2>e3 &
		p3=$!
		# a reader may find no store yet, or an empty one: never "locked"
		"$FIOSCOPE" ls --db n.db >/dev/null 2>e4
		"$FIOSCOPE" query --db n.db "SELECT 1" >/dev/null 2>e5
		wait $p1 && wait $p2 && wait $p3 &&
		test_cmp /dev/null e1 && test_cmp /dev/null e2 &&
		test_cmp /dev/null e3 && ! grep -i "locked\|busy" e4 e5 &&
		test "$(q n.db "SELECT count(*) FROM source_file")" = 75 ||
		return 1
	done
'

test_expect_success 'query, ls and observe during an ingest: exit 0, whole files only' '
	"$FIOSCOPE" ingest --db r.db --quiet --set runtime=bare-metal --layout "{rep}/{*}" tree/d1
	"$FIOSCOPE" ingest --db r.db --quiet --set runtime=bare-metal --layout "{rep}/{*}" tree 2>errI &
	pi=$!
	n=0 && bad=0 &&
	while kill -0 $pi 2>/dev/null || [ $n = 0 ]; do
		n=$((n + 1)) &&
		"$FIOSCOPE" query --db r.db --csv "$(cat perfile.sql)" >snap.$n 2>err.$n &&
		"$FIOSCOPE" query --db r.db --csv "SELECT count(*) FROM run r WHERE NOT EXISTS (SELECT 1 FROM io_stat i WHERE i.run_id = r.id)" >orph.$n 2>>err.$n &&
		"$FIOSCOPE" ls --db r.db >ls.$n 2>>err.$n &&
		"$FIOSCOPE" observe --db r.db --format csv >obs.$n 2>>err.$n &&
		# one snapshot for the whole command, not one per statement
		"$FIOSCOPE" query --db r.db --csv "SELECT count(*) FROM run; $(cat perfile.sql) SELECT count(*) FROM run" >two.$n 2>>err.$n ||
		{ bad="$n (exit $?)"; break; }
	done
	wait $pi && rci=0 || rci=$?
	echo "reader rounds: $n, ingest exit $rci, failed round: $bad" &&
	test_cmp /dev/null errI &&
	test $rci = 0 &&
	{ test "$bad" = 0 || { cat err.$n; false; }; } && test $n -ge 2 &&
	! grep -il "locked\|busy" err.* &&
	for i in $(seq $n); do
		echo "round $i" &&
		test "$(tail -n 1 orph.$i | tr -d "\r")" = 0 &&
		test "$(sed -n 2p two.$i)" = "$(tail -n 1 two.$i)" &&
		# CSV to the perfile form; every file seen is whole
		sed -e 1d -e "s/\r$//" -e "s/,/|/g" snap.$i >snap.$i.p &&
		comm -23 snap.$i.p ref.perfile >partial &&
		test_cmp /dev/null partial || return 1
	done
'

test_done
