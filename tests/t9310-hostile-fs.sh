#!/bin/sh
# Focus of this file: hostile and odd things in the file system.  Paths
# with quotes, backslashes, newlines, ../, <script>, %s, invalid UTF-8 and
# long names; symlink loops and dangling symlinks; FIFOs and devices;
# unreadable files and directories; a file over the size limit
# (FSC_MAX_FILE, 256 MiB), a .gz that inflates past it, and one JSON
# document over the 64 MiB document limit.  Nothing hangs
# (every ingest runs under timeout), every diagnostic is one
# "fioscope: PATH: message" line, good files still land, exit 1 on errors.
. "$(dirname "$0")/lib.sh"

T="timeout 60"
GOOD="$FIX/fio3/json-read.json"
CTL=$(printf '[\001-\011\013-\037]')
diag() {
	! grep -v -E "^fioscope: (((note|warning): )?[^ ].*: [a-z0-9\"']|ingested [0-9]+ files?, )" "$1" &&
	! grep -q "$CTL" "$1"
}

test_expect_success 'odd file and directory names: each file in once, path kept exactly' '
	mkdir -p "odd/q\"uo'"'"'te" "odd/back\\slash" "odd/<script>alert(1)<"
	mkdir -p "odd/%s%n%x" "odd/$(printf "new\nline")" "odd/$(printf "bad\377\376utf8")" &&
	mkdir -p "odd/sp ace" "odd/-dash" &&
	long=$(printf "%200s" "" | tr " " L) && mkdir -p "odd/$long" &&
	for d in odd/*; do
		cp "$GOOD" "$d/r.json" && fio_unique "$d/r.json" || return 1
	done &&
	cp "$GOOD" "odd/$(printf "file\nwith newline").json" &&
	fio_unique "odd/$(printf "file\nwith newline").json" &&
	cp "$GOOD" "odd/-x.json" && fio_unique odd/-x.json &&
	n=$(find odd -type f -exec printf x \; | wc -c) &&
	$T "$FIOSCOPE" ingest --db o.db --quiet odd 2>err &&
	test_cmp /dev/null err &&
	test "$(q o.db "SELECT count(*) FROM source_file WHERE status = '"'ok'"'")" = $n &&
	test "$(q o.db "SELECT count(*) FROM run")" = $n &&
	test "$(q o.db "SELECT hex(path) FROM source_file WHERE path LIKE '"'%with newline%'"'")" = \
	     "$(printf "%s/odd/file\nwith newline.json" "$(pwd -P)" | od -An -tx1 | tr -d " \n" | tr a-f A-F)" &&
	test "$(q o.db "SELECT count(*) FROM source_file WHERE hex(path) LIKE '"'%FFFE%'"'")" = 1
'

test_expect_success 'odd names through a layout become labels, printed escaped' '
	$T "$FIOSCOPE" ingest --db ol.db --quiet --layout "{backend}/{*}" odd 2>err &&
	test_cmp /dev/null err &&
	test "$(q ol.db "SELECT count(DISTINCT backend) FROM scenario")" -ge 8 &&
	"$FIOSCOPE" ls --db ol.db >out && ! grep -q "$CTL" out
'

test_expect_success 'a name that almost matches a layout of many placeholders: no hang' '
	d=$(printf "%200s" "" | tr " " -) && mkdir -p "bt/$d" &&
	cp "$GOOD" "bt/$d/r.json" &&
	test_expect_code 1 timeout 10 "$FIOSCOPE" ingest --db bt.db --layout "{runtime}-{*}-{backend}-{client}-{rep}-{*}x/{*}.json" bt 2>err &&
	grep -q "^fioscope: bt/-*/r.json: path does not match the layout" err &&
	test "$(q bt.db "SELECT count(*) FROM run")" = 0
'

test_expect_success 'a path with ../ and // is stored under its canonical path' '
	mkdir -p a/b && cp "$GOOD" a/b/r.json &&
	$T "$FIOSCOPE" ingest --db dd.db --quiet a/b/../b//r.json &&
	test "$(q dd.db "SELECT path FROM source_file")" = "$(pwd -P)/a/b/r.json"
'

test_expect_success 'a failing file with a newline in its name: one diagnostic line' '
	mkdir nl && printf "not fio\n" >"nl/$(printf "bad\nname").json" &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db nl.db nl/* 2>err &&
	diag err && test "$(wc -l <err)" = 2 &&
	grep -q "^fioscope: nl/bad?name.json: not fio output$" err
'

test_expect_success 'symlink loops end: self loop, a cycle of directories' '
	mkdir -p loop/d loop/e && cp "$GOOD" loop/d/r.json && cp "$GOOD" loop/e/s.json &&
	fio_unique loop/e/s.json &&
	ln -s self loop/self && ln -s .. loop/d/up && ln -s ../d loop/d/again &&
	ln -s ../e loop/d/toe && ln -s ../d loop/e/tod &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db l.db loop 2>err &&
	diag err &&
	grep -q "^fioscope: loop/self: cannot stat: Too many levels of symbolic links$" err &&
	test "$(grep -vc "^fioscope: ingested" err)" = 1 &&
	test "$(q l.db "SELECT count(*) FROM source_file")" = 2 &&
	test "$(q l.db "SELECT count(*) FROM run")" = 2
'

test_expect_success 'a dangling symlink: an error, the rest lands' '
	mkdir dang && cp "$GOOD" dang/r.json && ln -s nowhere.json dang/gone.json &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db dg.db dang 2>err &&
	diag err &&
	grep -q "^fioscope: dang/gone.json: cannot stat: No such file or directory$" err &&
	test "$(q dg.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'a FIFO and devices: never read (no hang); named: an error' '
	mkdir ff && cp "$GOOD" ff/r.json && mkfifo ff/pipe.json &&
	$T "$FIOSCOPE" ingest --db ff.db --quiet ff 2>err &&
	test_cmp /dev/null err &&
	test "$(q ff.db "SELECT count(*) FROM run")" = 1 &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db ff.db ff/pipe.json /dev/zero /dev/null 2>err &&
	diag err &&
	grep -q "^fioscope: ff/pipe.json: not a regular file$" err &&
	grep -q "^fioscope: /dev/zero: not a regular file$" err &&
	grep -q "^fioscope: /dev/null: not a regular file$" err
'

# Unreadable: as root, permissions do not stop us, so run as nobody
# (setpriv, else su); as another user, chmod is enough.
as_user() {
	if [ "$(id -u)" != 0 ]; then
		"$@"
	elif command -v setpriv >/dev/null; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		su -s /bin/sh nobody -c '"$0" "$@"' "$@"
	fi
}

test_expect_success 'unreadable file and directory: errors, the rest lands' '
	mkdir -p ur/locked ur/store && cp "$GOOD" ur/r.json && cp "$GOOD" ur/secret.json &&
	cp "$GOOD" ur/locked/x.json && chmod 000 ur/secret.json ur/locked &&
	chmod 777 ur/store && chmod 755 . ur &&
	test_expect_code 1 as_user $T "$FIOSCOPE" ingest --db ur/store/u.db ur 2>err &&
	chmod 755 ur/locked && chmod 644 ur/secret.json &&
	diag err &&
	grep -q "^fioscope: ur/secret.json: cannot open: Permission denied$" err &&
	grep -q "^fioscope: ur/locked: cannot open directory: Permission denied$" err &&
	test "$(q ur/store/u.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'a store where it cannot be written: one clear error' '
	mkdir ro && chmod 555 ro &&
	test_expect_code 1 as_user $T "$FIOSCOPE" ingest --db ro/s.db "$GOOD" 2>err &&
	test "$(wc -l <err)" = 1 &&
	grep -q "^fioscope: ro/s.db: cannot open store: unable to open database file$" err
'

# Binary data (fio's own data files are zeros or random bytes) is known by
# its first 4 KiB: skipped with a note when walked, neither read nor
# hashed; an error when named.  Text over the limit is refused at once.
test_expect_success 'a 300 MB (sparse) file: known by its first bytes, the rest lands' '
	mkdir big && truncate -s 300M big/huge.json && cp "$GOOD" big/r.json &&
	$T "$FIOSCOPE" ingest --db big.db big 2>err &&
	grep -q "^fioscope: note: big/huge.json: skipped: not fio output (binary data)$" err &&
	test "$(q big.db "SELECT count(*) FROM run")" = 1 &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db big.db big/huge.json 2>err &&
	grep -q "^fioscope: big/huge.json: not fio output (binary data)$" err &&
	{ echo "{"; head -c 300M /dev/zero | tr "\\0" " "; } >big/text.json &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db big.db big 2>err &&
	grep -q "^fioscope: big/text.json: file is over the 256 MiB limit$" err
'

test_expect_success 'a .gz that inflates past the limit: refused' '
	mkdir bomb && head -c 16777216 /dev/zero | gzip -1 >m.gz &&
	for i in $(seq 19); do cat m.gz; done >bomb/bomb.json.gz &&
	test "$(wc -c <bomb/bomb.json.gz)" -lt 2000000 &&
	cp "$GOOD" bomb/r.json &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db bomb.db bomb 2>err &&
	diag err &&
	grep -q "^fioscope: bomb/bomb.json.gz: gunzipped content is over the 256 MiB limit$" err &&
	test "$(q bomb.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'one JSON document over 64 MiB: refused before it is built' '
	mkdir doc && cp "$GOOD" doc/r.json &&
	{ printf "{\"fio version\" : \"fio-3.33\", \"jobs\" : [], \"x\" : \"" &&
	  head -c 68157440 /dev/zero | tr "\\000" a && printf "\"}\n"; } >doc/wide.json &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db doc.db doc 2>err &&
	diag err &&
	grep -q "^fioscope: doc/wide.json:1: document 1 is over the 64 MiB limit for one JSON document$" err &&
	test "$(q doc.db "SELECT count(*) FROM run")" = 1
'

test_expect_success 'several documents, each under 64 MiB, 80 MiB in all: fine' '
	mkdir docs &&
	for i in 1 2; do
		printf "{\"fio version\" : \"fio-3.33\", \"jobs\" : [], \"x\" : \"" &&
		head -c 41943040 /dev/zero | tr "\\000" a && printf "\"}\n" || return 1
	done >docs/stream.json &&
	$T "$FIOSCOPE" ingest --db docs.db docs 2>err &&
	test "$(q docs.db "SELECT docs FROM source_file")" = 2
'

test_expect_success 'corrupt and truncated gzip: refused with a clear message' '
	mkdir gz && gzip -c "$GOOD" >gz/ok.json.gz &&
	head -c 300 gz/ok.json.gz >gz/cut.json.gz &&
	{ printf "\037\213\010\000"; head -c 200 /dev/urandom; } >gz/junk.json.gz &&
	test_expect_code 1 $T "$FIOSCOPE" ingest --db gz.db gz 2>err &&
	diag err &&
	grep -q "^fioscope: gz/cut.json.gz: gzip data is truncated$" err &&
	grep -q "^fioscope: gz/junk.json.gz: gzip data is corrupt$" err &&
	test "$(q gz.db "SELECT count(*) FROM run")" = 1
'

test_done
