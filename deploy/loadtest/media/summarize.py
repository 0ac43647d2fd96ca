#!/usr/bin/env python3
"""Medians over the rounds of run.sh's rows: per rate, passed vs anchored, and what anchoring
adds (setup latency, CPU per call). Usage: summarize.py rows.tsv"""
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    mode, rate, _, failed, p50, p99, cpu, offer = line.rstrip("\n").split("\t")
    rows[(mode, int(rate))].append((float(failed), float(p50), float(p99), float(cpu), float(offer)))
med = lambda xs: statistics.median(xs)
print("| calls/s | passed: not answered %, p50/p99 ms, CPU ms/call | anchored: not answered %, p50/p99 ms, CPU ms/call | anchoring adds: p50 ms, CPU ms/call | ng offer mean ms |")
print("|---|---|---|---|---|")
for rate in sorted({r for _, r in rows}):
    p, a = rows.get(("passed", rate)), rows.get(("anchored", rate))
    if not p or not a:
        continue
    pm = [med([x[i] for x in p]) for i in range(5)]
    am = [med([x[i] for x in a]) for i in range(5)]
    print("| %d | %.2f %%, %.1f/%.1f, %.3f | %.2f %%, %.1f/%.1f, %.3f | %+.1f, %+.3f | %.2f |" % (
        rate, pm[0], pm[1], pm[2], pm[3], am[0], am[1], am[2], am[3], am[1] - pm[1], am[3] - pm[3], am[4]))
