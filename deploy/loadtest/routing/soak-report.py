#!/usr/bin/env python3
"""Report of soak.sh: calls, failures, live transactions/dialogs per sample, heap after GC per
minute (from -Xlog:gc), as a markdown table plus text plots."""
import csv, glob, os, re, subprocess, sys
from datetime import datetime, timezone

work, rate, minutes, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = list(csv.reader(open(os.path.join(work, "soak", "stat.csv")), delimiter=";"))
h, last = rows[0], rows[-1]
ok, failed = int(last[h.index("SuccessfulCall(C)")]), int(last[h.index("FailedCall(C)")])

samples = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "samples.tsv")) if l.strip()]

# "[12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 300M->12M(1024M) 3.456ms"
gc, pauses, allocated, prev_after = [], [], 0, None
skip = int(open(os.path.join(work, "gc-start")).read().strip() or 0)
for line in open(os.path.join(work, "gc.log")).readlines()[skip:]:
    if "Pause Full" in line:
        continue  # soak.sh's own full GCs (the live heap before and after), not the service's
    p = re.search(r"Pause.* (\d+\.\d+)ms", line)
    if p:
        pauses.append(float(p.group(1)))
    m = re.search(r"\[(\d+\.\d+)s\].*Pause.*?(\d+)M->(\d+)M", line)
    if m:
        before, after = int(m.group(2)), int(m.group(3))
        gc.append((float(m.group(1)), after))
        if prev_after is not None:  # allocated between two collections (start-up excluded)
            allocated += before - prev_after
        prev_after = after
t0 = gc[0][0] if gc else 0
per_min = {}
for t, after in gc:
    per_min.setdefault(int((t - t0) // 60), []).append(after)

# INVITE->200 per minute of the load (SIPp's -trace_rtt: ms since SIPp started; response time)
rtt = {}
for f in glob.glob(os.path.join(work, "soak", "*_rtt.csv")):
    for r in list(csv.reader(open(f), delimiter=";"))[1:]:
        rtt.setdefault(int(float(r[0]) // 60000), []).append(float(r[1]))

def full_gc(name):  # "[..][info][gc] GC(9) Pause Full (System.gc()) 150M->60M(1024M) 80.1ms"
    path = os.path.join(work, name)
    m = re.search(r"->(\d+)M", open(path).read()) if os.path.exists(path) else None
    return m.group(1) + " MiB" if m else "?"

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))] if v else float("nan")

def bar(v, top, width=40):
    return "#" * max(1 if v else 0, int(round(width * v / top))) if top else ""

def cpu():
    return subprocess.run(["lscpu"], capture_output=True, text=True).stdout

model = next((l.split(":", 1)[1].strip() for l in cpu().splitlines() if l.startswith("Model name")), "?")
print()
print("## Soak %s: %d calls/s for %d min" % (datetime.now(timezone.utc).strftime("%FT%TZ"), rate, minutes))
print()
print("Machine: %d CPUs (%s); router on CPU 0, SIPp on CPU 1. Command: `RATE=%d MINUTES=%d "
      "deploy/loadtest/routing/soak.sh`." % (os.cpu_count(), model, rate, minutes))
print()
warmup = int(os.environ.get("WARMUP", "0"))
print("- before the soak: %s" % ("%d s at %s calls/s to warm the JIT up, not counted"
      % (warmup, os.environ.get("WARMUP_RATE", "?")) if warmup else "no warm-up (cold start)"))
print("- calls offered %d, answered %d, failed %d (%.3f %% not answered)" % (calls, ok, failed, 100.0 * (calls - ok) / calls))
print("- heap allocated between the first and the last collection of the soak: %d MiB, about %.1f KiB per answered call"
      " (includes the HTTP metrics scrapes and the Kafka consumer)" % (allocated, allocated * 1024.0 / max(ok, 1)))
print()
print("- live heap (after a full GC): %s before the load, %s 40 s after it (every timer ended)"
      % (full_gc("full-gc-before"), full_gc("full-gc-after")))
if pauses:
    print("- GC pauses during the soak: %d, mean %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(pauses), sum(pauses) / len(pauses), pct(pauses, 0.99), max(pauses)))
print()
print("INVITE->200 per minute of the load%s:" % ("" if warmup else " (minute 0 includes the JIT's warm-up)"))
print()
print("| minute | calls | p50 ms | p99 ms | p99.9 ms |")
print("|---|---|---|---|---|")
for m in sorted(rtt):
    print("| %d | %d | %.0f | %.0f | %.0f |" % (m, len(rtt[m]), pct(rtt[m], 0.5), pct(rtt[m], 0.99), pct(rtt[m], 0.999)))
print()
print("| elapsed s | live SIP transactions | lingering (key only) | live dialogs | active calls | live transactions |")
print("|---|---|---|---|---|---|")
top = max([int(s[1]) for s in samples] + [1])
for s in samples:
    linger = s[4] if len(s) > 4 else "-"
    print("| %s | %s | %s | %s | %s | `%s` |" % (s[0], s[1], linger, s[2], s[3], bar(int(s[1]), top)))
print()
print("Heap after GC (MiB), lowest and highest per minute of the run (%d collections). Young"
      " collections leave dead old-generation objects in place until G1's next concurrent cycle and"
      " its mixed collections, so the lowest value climbs between those; the live heap is the"
      " full-GC figure above." % len(gc))
print()
print("| minute | min after GC | max after GC | min, plotted |")
print("|---|---|---|---|")
top = max([max(v) for v in per_min.values()] + [1])
for m in sorted(per_min):
    print("| %d | %d | %d | `%s` |" % (m, min(per_min[m]), max(per_min[m]), bar(min(per_min[m]), top)))
