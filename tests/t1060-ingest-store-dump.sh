#!/bin/sh
# Focus of this file: the parser's move to json-c changes no stored byte.
# tests/golden/store-dump.txt is the store dump (tests/store-dump.sh) that
# fioscope made before the change (main at 1c5a916, its own JSON parser),
# over fio 2.x, client/server, --status-interval, normal+json, the other
# fio 3 shapes with logs, and the hostile and bad fixtures (their messages).
# Regenerated once since, on purpose: fio's defaults for unstated rw, bs,
# iodepth and numjobs (schema v4, run.defaults; issue #13).
. "$(dirname "$0")/lib.sh"

test_expect_success 'the store dump equals the one made before json-c' '
	sh "$TOP/tests/store-dump.sh" "$FIOSCOPE" dump.txt &&
	test_cmp "$TOP/tests/golden/store-dump.txt" dump.txt
'

test_expect_success 'the dump holds each delicate shape' '
	grep -q "^.fix/fio2/json-2jobs.json.*,.ok.," dump.txt &&
	grep -q "^.fix/fio3/jsonplus-clientserver-2clients.json.*,.ok.," dump.txt &&
	grep -q "^.fix/fio3/jsonplus-status-interval.json.*,4,.ok.," dump.txt &&
	grep -q "^.fix/fio3/normal-json-read.json.*,.ok.," dump.txt &&
	test "$(sed -n "/^-- snapshot/,/^-- log_sample/p" dump.txt | wc -l)" -gt 3
'

test_done
