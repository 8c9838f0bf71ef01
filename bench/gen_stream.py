#!/usr/bin/env python3
"""bench/gen_stream.py OUT [MB]: a --status-interval stream of about MB
megabytes (default 100) from real fio 3.33 output: the final document of
tests/fixtures/fio3/jsonplus-status-interval.json with its job entry
repeated 64 times (as a 64-job json+ run prints it), written once per
interval with "elapsed" counting up, the last one as fio's final result.
Prints the largest document's size in bytes."""
import json
import sys

out = sys.argv[1]
target = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 100_000_000
src = open("tests/fixtures/fio3/jsonplus-status-interval.json").read()
dec = json.JSONDecoder()
docs, pos = [], 0
while True:
    pos = src.find("{", pos)
    if pos < 0:
        break
    d, pos = dec.raw_decode(src, pos)
    docs.append(d)
final = docs[-1]
job = final["jobs"][0]
jobs = []
for i in range(64):
    j = json.loads(json.dumps(job))
    j["jobname"] = "statusint.%d" % i
    jobs.append(j)
largest = 0
written = 0
n = 0
with open(out, "w") as f:
    while written < target:
        n += 1
        doc = dict(final)
        doc["jobs"] = jobs
        for j in jobs:
            j["elapsed"] = n
        text = json.dumps(doc, indent=2) + "\n"
        f.write(text)
        written += len(text)
        largest = max(largest, len(text))
print(largest)
