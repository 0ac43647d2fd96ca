#!/usr/bin/env python3
"""Medians over the rounds of run-load.sh (or run-inbound.sh (rows.tsv: system, rate, round, failed %, p99 ms, CPU
ms/call) and the comparisons RESULTS.md reports: the highest rate under 0.1 % failed calls per system, and
call-routing's CPU per call as a multiple of Kamailio's at each rate. Usage: summarize.py rows.tsv
[SYSTEM_A SYSTEM_B] (default: call-routing kamailio; run-inbound.sh compares inbound with outbound)."""
import statistics, sys
from collections import defaultdict

cells = defaultdict(list)
for line in open(sys.argv[1]):
    name, rate, _, failed, p99, cpu = line.rstrip("\n").split("\t")
    cells[(name, int(rate))].append((float(failed), float(p99), float(cpu)))

a, b = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("call-routing", "kamailio")
rates = sorted({r for _, r in cells})
med = {k: tuple(statistics.median(v[i] for v in vals) for i in range(3)) for k, vals in cells.items()}
print("Medians of the rounds:")
print()
print("| calls/s | %s not answered %% | p99 ms | CPU ms/call | %s not answered %% | p99 ms | CPU ms/call | CPU ratio |" % (a, b))
print("|---|---|---|---|---|---|---|---|")
for r in rates:
    c, k = med.get((a, r)), med.get((b, r))
    if not c or not k:
        continue
    print("| %d | %.2f %% | %.1f | %.3f | %.2f %% | %.1f | %.3f | %.2f× |" % (
        r, c[0], c[1], c[2], k[0], k[1], k[2], c[2] / k[2] if k[2] else float("nan")))
print()
for name in (a, b):
    ok = [r for r in rates if (name, r) in med and med[(name, r)][0] < 0.1]
    print("- %s: highest rate with < 0.1 %% calls not answered (median): %s" % (
        name, "%d calls/s" % max(ok) if ok else "none of the rates offered"))
