#!/usr/bin/env python3
"""The hostile labels of tests/t9330-hostile-outputs.sh, one table, and
what each output must show of them.

labels.py write DIR        one file per label (raw bytes) in DIR
labels.py stored FILE      FILE (query --json of the runtimes) holds
                           every label as stored: valid UTF-8, invalid
                           bytes U+FFFD, nothing else changed
labels.py shown FILE       FILE (gnuplot's print of series_name, one per
                           line) holds every label in its display form
labels.py json FILE        FILE (observe --format json) parses; runtimes
labels.py csv FILE         FILE (observe --format csv) parses, guarded
"""
import csv
import json
import sys

# name, raw bytes
LABELS = [
    ("quote at start and end", b"'kata'"),
    ("doubled quote", b"a''b"),
    ("quote at end", b"end'"),
    ("double quotes", b'"dq" x""y'),
    ("backslashes", b"back\\slash\\\\ \\n \\101"),
    ("backticks", b"`touch pwned-bt`"),
    ("command substitution", b"$(touch pwned-cs)"),
    ("gnuplot system()", b'x" . system("touch pwned-sys") . "'),
    ("set print", b"'; set print \"pwned-print\"; print '"),
    ("macro", b"@fig_name @ARG0"),
    ("newline", b"two\nlines"),
    ("CDATA end", b"x]]>y"),
    ("script", b"<script>alert(1)</script>&amp;"),
    ("invalid UTF-8", b"bad\xff\xfe\xc3("),
    ("10 KB name", (b"long name " * 1024)[:10240].rstrip()),
    ("CSV formula", b"=1+2"),
    ("CSV at", b"@SUM(A1)"),
    ("CSV plus", b"+cmd"),
    ("control", b"ctl\x01\x1b[31mred\x7f"),
]


def stored(raw):
    return raw.decode("utf-8", errors="replace")


def shown(raw):
    out = []
    for ch in stored(raw):
        c = ord(ch)
        out.append(chr(0x2400 + c) if c < 0x20 else
                   "\u2421" if c == 0x7f else ch)
    return "".join(out).replace("]]>", "]]\u2060>")


def fail(msg):
    print("labels.py: " + msg)
    sys.exit(1)


def expect_all(got, want, what):
    missing = [n for n, r in LABELS if want(r) not in got]
    if missing:
        fail("%s: not found as expected: %s" % (what, ", ".join(missing)))


def main():
    cmd, arg = sys.argv[1], sys.argv[2]
    if cmd == "write":
        for i, (_, raw) in enumerate(LABELS):
            with open("%s/%02d" % (arg, i), "wb") as f:
                f.write(raw)
        return
    data = open(arg, "rb").read()
    if cmd == "stored":
        rows = json.loads(data.decode("utf-8"))
        expect_all({r["runtime"] for r in rows}, stored, "stored")
    elif cmd == "shown":
        lines = data.decode("utf-8").split("\n")
        expect_all(set(lines), shown, "gnuplot print")
    elif cmd == "json":
        doc = json.loads(data.decode("utf-8"))
        expect_all(set(doc["runtimes"]), stored, "observe json")
    elif cmd == "csv":
        rows = list(csv.reader(data.decode("utf-8").splitlines(True)))
        cells = {c for r in rows for c in r}
        guard = lambda r: ("'" + stored(r)) if stored(r)[:1] and \
            stored(r)[0] in "=+-@" else stored(r)
        expect_all(cells, guard, "observe csv")
        bad = [c for c in cells if c and (c[0] in "=+@" or
               (c[0] == "-" and not c[1:2].isdigit()))]
        if bad:
            fail("csv: unguarded formula cells: %r" % bad[:3])
    else:
        fail("unknown command " + cmd)


main()
