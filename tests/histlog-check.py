#!/usr/bin/env python3
# histlog-check.py TOOL STORE LOGDIR: check a store's histogram log
# percentiles (run_clat_interval, scenario_clat_interval) against fio's own
# fio-histo-log-pctiles.py (TOOL, unpacked from Debian's fio package by
# t1240-histlog.sh), imported as a module: its parse_hist_file() reads each
# log LOGDIR/CLIENT/NAME.log, its time_ranges() gives each bucket's
# [min, max) latency, its add_to_histo_from() merges, its get_pctiles()
# computes the percentiles.
#
# The two rules differ and both are checked, per interval and percentile p
# of the N samples:
#  - fio's json+ rule (stat.c, what the store keeps): the value fio gives
#    the first bucket whose cumulative count reaches p/100 * N (the
#    bucket's middle; the index itself in the first two groups).  Checked
#    here from the tool's parsed bucket counts and bucket ranges.
#  - the tool's rule: the first bucket whose cumulative share passes p
#    (strictly), interpolated linearly inside the bucket's range.  Its
#    value must fall in the very bucket the store's value names, except
#    where the cumulative count is exactly p/100 * N at a bucket's end:
#    then fio stops in that bucket and the tool goes on to the next
#    non-empty one, at its lower end.  Such cases are counted.
# Prints "checked N percentiles of M intervals (K at a bucket edge)" for
# single logs and for the merged logs; exits 1 with a message on the
# first disagreement.
import glob
import importlib.util
import os
import sqlite3
import sys
from fractions import Fraction

tool_path, store, logdir = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("fiohisto", tool_path)
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)

NB = 1856
RANGES = tool.time_ranges(29, 64, fio_version=2)  # raw units: ns in fio 3
WANT = [(50.0, "p50_ns"), (90.0, "p90_ns"), (99.0, "p99_ns"), (99.9, "p999_ns")]
stats = {"pcts": 0, "edge": 0}


def fail(msg):
    print("histlog-check: " + msg)
    sys.exit(1)


def fio_value(idx):
    lo, hi = RANGES[idx]
    return int(lo) if idx < 128 else int(lo + (hi - lo) / 2)


def check(buckets, row, what):
    n = sum(buckets)
    if n != row["samples"]:
        fail("%s: %d samples, the tool counts %d" % (what, row["samples"], n))
    if not n:
        return
    tool_p = tool.get_pctiles(buckets, [p for p, _ in WANT], RANGES)
    for p, col in WANT:
        v = row[col]
        stats["pcts"] += 1
        # fio's json+ rule, from the tool's buckets and ranges
        want = Fraction(p) / 100 * n
        cum, b_f = 0, None
        for i, c in enumerate(buckets):
            cum += c
            if c and cum >= want:
                b_f = i
                break
        if v != fio_value(b_f):
            # fio compares in long double: at an exact edge it may go on
            if not (cum == want and any(buckets[b_f + 1:]) and
                    v == fio_value(next(i for i in range(b_f + 1, NB)
                                        if buckets[i]))):
                fail("%s p%s: store %d, fio's rule gives %d" %
                     (what, p, v, fio_value(b_f)))
        # the tool's interpolation: in the store's bucket, but at an edge
        t = tool_p[p]
        lo, hi = RANGES[b_f]
        if lo <= t < hi:
            continue
        nxt = next((i for i in range(b_f + 1, NB) if buckets[i]), None)
        if cum == want and nxt is not None and t == RANGES[nxt][0]:
            stats["edge"] += 1
            continue
        fail("%s p%s: the tool gives %.3f ns, outside the store's bucket "
             "[%d, %d) of value %d" % (what, p, t, lo, hi, v))


db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
db.row_factory = sqlite3.Row
logs = {}
nrows = 0
# the store's alignment (scenario_clat_interval): each run's log times
# from its start_ms, measured from the first start (one repetition here),
# in slots of log_hist_msec=100 (the fixtures')
t0 = db.execute("SELECT min(start_ms) FROM run").fetchone()[0]
for path in sorted(glob.glob(os.path.join(logdir, "*", "*_clat_hist.*.log"))):
    client = os.path.basename(os.path.dirname(path))
    name = os.path.basename(path)
    recs, _, _ = tool.parse_hist_file(path, NB, None)
    rows = db.execute(
        "SELECT * FROM run_clat_interval WHERE client = ? AND"
        " source_path LIKE ? ORDER BY time_ms, ddir",
        (client, "%/" + client + "/" + name + ".gz")).fetchall()
    off = db.execute("SELECT start_ms FROM run WHERE id = ?",
                     (rows[0]["run"],)).fetchone()[0] - t0 if rows else 0
    logs[(client, name)] = (off, recs)
    if len(rows) != len(recs):
        fail("%s/%s: %d intervals stored, the tool reads %d" %
             (client, name, len(rows), len(recs)))
    for row, (t, ddir, _, buckets) in zip(rows, recs):
        if row["time_ms"] != t:
            fail("%s/%s: interval at %d ms, the tool's at %d" %
                 (client, name, row["time_ms"], t))
        check(buckets, row, "%s/%s at %d ms" % (client, name, t))
        nrows += 1
print("single logs: checked %d percentiles of %d intervals (%d at a bucket"
      " edge)" % (stats["pcts"], nrows, stats["edge"]))

# merged: the store's slots, each summed by the tool's add_to_histo_from
stats = {"pcts": 0, "edge": 0}
slots = {}
for (client, name), (off, recs) in logs.items():
    for t, ddir, _, buckets in recs:
        k = (off + t + 50) // 100
        acc = slots.setdefault((ddir, k), [0] * NB)
        tool.add_to_histo_from(acc, buckets)
rows = db.execute("SELECT * FROM scenario_clat_interval"
                  " ORDER BY ddir, time_ms").fetchall()
if len(rows) != len(slots):
    fail("merged: %d slots stored, %d expected" % (len(rows), len(slots)))
for row in rows:
    ddir = {"read": 0, "write": 1}[row["ddir"]]
    check(slots[(ddir, row["time_ms"] // 100)], row,
          "merged at %d ms" % row["time_ms"])
print("merged logs: checked %d percentiles of %d intervals (%d at a bucket"
      " edge)" % (stats["pcts"], len(rows), stats["edge"]))
