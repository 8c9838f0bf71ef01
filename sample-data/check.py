#!/usr/bin/env python3
"""Check the sample campaign in sample-data/ (used by generate.sh, and by hand).

  python3 sample-data/check.py overlap FILE...   # one scenario's clients: overlap, aggregate MiB/s
  python3 sample-data/check.py table [DIR]       # aggregate table + shaped facts (exit 1 if one fails)

Reads fio json/json+ output, plain or .gz, with text before the JSON and
several documents (--status-interval): the last document is the final one.
Bandwidth is fio's bw_bytes, summed over a scenario's clients (one
group-reported run per client), then averaged over repetitions.  The run
window of a client is [timestamp_ms - runtime, timestamp_ms], as fioscope
computes it; overlap = window common to all clients / longest window.
"""
import gzip
import json
import os
import re
import statistics
import sys

MIB = 1024 * 1024
RUNTIMES = ["bare-metal", "runc", "kata-virtiofs-dax", "kata-virtiofs", "kata-9p"]
PATTERNS = ["read", "randread", "write", "randwrite"]
CLIENTS = [1, 8, 64]
PATH_RE = re.compile(
    r"rep(\d+)/([^/]+)/beegfs-(read|randread|write|randwrite)/(\d+)/(client\d\d)/64k\.json(\.gz)?$")


def load(path):
    """The last JSON document of a fio output file."""
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt") as f:
        text = f.read()
    dec = json.JSONDecoder()
    docs, i = [], text.find("{")
    while 0 <= i < len(text):
        doc, end = dec.raw_decode(text, i)
        docs.append(doc)
        i = text.find("{", end)
    if not docs:
        raise ValueError(f"{path}: no JSON document")
    return docs[-1], len(docs)


def run_of(path):
    """(ddir stats, window, n_docs, job) of the single group-reported job."""
    doc, ndocs = load(path)
    jobs = doc["jobs"]
    if len(jobs) != 1:
        raise ValueError(f"{path}: {len(jobs)} jobs, expected 1 (group_reporting)")
    job = jobs[0]
    if job["error"]:
        raise ValueError(f"{path}: fio error {job['error']}")
    dd = "read" if job["read"]["io_bytes"] else "write"
    st = job[dd]
    end = doc["timestamp_ms"]
    return st, (end - st["runtime"], end), ndocs, job


def overlap(windows):
    common = min(e for _, e in windows) - max(s for s, _ in windows)
    longest = max(e - s for s, e in windows)
    return max(common, 0) / longest if longest > 0 else 0.0


def cmd_overlap(files):
    runs = [run_of(f) for f in files]
    print(f"{overlap([r[1] for r in runs]):.3f} {sum(r[0]['bw_bytes'] for r in runs) / MIB:.1f}")


def scan(root):
    """{(rep, runtime, rw, clients): [(client, stats, window, ndocs, job)]}"""
    sc = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            m = PATH_RE.search(p)
            if not m:
                continue
            rep, rt, rw, clients, client = m.group(1, 2, 3, 4, 5)
            st, win, ndocs, job = run_of(p)
            sc.setdefault((int(rep), rt, rw, int(clients)), []).append(
                (client, st, win, ndocs, job))
    return sc


def cmd_table(root):
    sc = scan(root)
    bad = []
    for key, runs in sorted(sc.items()):
        if len(runs) != key[3]:
            bad.append(f"{key}: {len(runs)} client files, expected {key[3]}")
    agg = {}      # (runtime, rw, clients) -> [aggregate bw per rep]
    lat = {}      # (runtime, rw, clients) -> (mean clat us, max p99 us) over rep1 clients
    ovl = {}
    for (rep, rt, rw, n), runs in sc.items():
        agg.setdefault((rt, rw, n), []).append(sum(r[1]["bw_bytes"] for r in runs))
        ovl.setdefault((rt, rw, n), []).append(overlap([r[2] for r in runs]))
        if rep == 1:
            ios = sum(r[1]["total_ios"] for r in runs)
            mean = sum(r[1]["clat_ns"]["mean"] * r[1]["total_ios"] for r in runs) / ios
            p99 = statistics.median(r[1]["clat_ns"]["percentile"]["99.000000"] for r in runs)
            lat[(rt, rw, n)] = (mean / 1e3, p99 / 1e3)

    print("Aggregate bandwidth, MiB/s (sum over clients; mean over reps, +-sd when >1 rep)")
    print(f"{'runtime':18s} {'rw':9s} " + " ".join(f"{c:>16d}" for c in CLIENTS))
    for rt in RUNTIMES:
        for rw in PATTERNS:
            cells = []
            for c in CLIENTS:
                v = agg.get((rt, rw, c))
                if not v:
                    cells.append(f"{'-':>16s}")
                elif len(v) == 1:
                    cells.append(f"{v[0] / MIB:16.1f}")
                else:
                    cells.append(f"{statistics.mean(v) / MIB:8.1f} +-{statistics.stdev(v) / MIB:4.1f}"
                                 f"({len(v)})")
            print(f"{rt:18s} {rw:9s} " + " ".join(cells))
    print()
    print("Completion latency, rep1: mean over all I/Os / median of the clients' p99, us")
    print(f"{'runtime':18s} {'rw':9s} " + " ".join(f"{c:>16d}" for c in CLIENTS))
    for rt in RUNTIMES:
        for rw in PATTERNS:
            cells = [f"{lat[(rt, rw, c)][0]:7.0f} /{lat[(rt, rw, c)][1]:7.0f}"
                     if (rt, rw, c) in lat else f"{'-':>16s}" for c in CLIENTS]
            print(f"{rt:18s} {rw:9s} " + " ".join(cells))
    print()
    low = sorted((min(v), k) for k, v in ovl.items() if k[2] > 1)
    print("Lowest run-window overlaps (multi-client scenarios):",
          ", ".join(f"{'/'.join(map(str, k))}={v:.3f}" for v, k in low[:6]))

    def bw(rt, rw, c):
        return statistics.mean(agg[(rt, rw, c)])

    facts = []
    for c in CLIENTS:
        facts.append((f"write {c}: kata-virtiofs-dax > bare-metal",
                      bw("kata-virtiofs-dax", "write", c) > bw("bare-metal", "write", c)))
        facts.append((f"randwrite {c}: kata-9p > kata-virtiofs-dax and kata-virtiofs",
                      bw("kata-9p", "randwrite", c) > max(bw("kata-virtiofs-dax", "randwrite", c),
                                                          bw("kata-virtiofs", "randwrite", c))))
        for rw in PATTERNS:
            r = bw("runc", rw, c) / bw("bare-metal", rw, c)
            facts.append((f"{rw} {c}: runc/bare-metal = {r:.3f} within 3%", abs(r - 1) <= 0.03))
            facts.append((f"{rw} {c}: kata-virtiofs-dax > kata-virtiofs",
                          bw("kata-virtiofs-dax", rw, c) > bw("kata-virtiofs", rw, c)))
        for rw in ("read", "randread"):
            r = bw("kata-virtiofs-dax", rw, c) / bw("bare-metal", rw, c)
            if c == 1:
                facts.append((f"{rw} 1: kata-virtiofs-dax/bare-metal = {r:.3f} >= 0.9", r >= 0.9))
        r = bw("kata-virtiofs-dax", "randwrite", c) / bw("bare-metal", "randwrite", c)
        facts.append((f"randwrite {c}: kata-virtiofs-dax/bare-metal = {r:.3f} in [0.8, 1)", 0.8 <= r < 1))
        for rw in ("read", "randread", "write"):
            others = [bw(rt, rw, c) for rt in RUNTIMES if rt != "kata-9p"]
            facts.append((f"{rw} {c}: kata-9p slowest", bw("kata-9p", rw, c) < min(others)))
    per_client = [bw("kata-9p", "read", c) / c for c in CLIENTS]
    facts.append(("read: kata-9p per-client bandwidth falls with clients",
                  per_client[0] > per_client[1] > per_client[2]))
    scal = {rt: bw(rt, "read", 64) / bw(rt, "read", 1) for rt in RUNTIMES}
    facts.append((f"read: kata-9p scales worst 1->64 ({scal['kata-9p']:.2f}x vs "
                  f"min other {min(v for k, v in scal.items() if k != 'kata-9p'):.2f}x)",
                  scal["kata-9p"] < min(v for k, v in scal.items() if k != "kata-9p")))
    print()
    print("Shaped facts:")
    for name, ok in facts:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
        if not ok:
            bad.append(name)
    if bad:
        print("\nPROBLEMS:\n  " + "\n  ".join(bad))
        return 1
    print(f"\nall {len(facts)} facts hold; {len(sc)} scenario runs, "
          f"{sum(len(v) for v in sc.values())} client files")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "overlap" and len(argv) > 2:
        cmd_overlap(argv[2:])
        return 0
    if len(argv) >= 2 and argv[1] == "table":
        return cmd_table(argv[2] if len(argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
