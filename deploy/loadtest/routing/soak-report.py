#!/usr/bin/env python3
"""Report of soak.sh: calls, failures, live transactions/dialogs per sample, heap after GC per
minute (from -Xlog:gc), as a markdown table plus text plots."""
import csv, os, re, subprocess, sys
from datetime import datetime, timezone

work, rate, minutes, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = list(csv.reader(open(os.path.join(work, "soak", "stat.csv")), delimiter=";"))
h, last = rows[0], rows[-1]
ok, failed = int(last[h.index("SuccessfulCall(C)")]), int(last[h.index("FailedCall(C)")])

samples = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "samples.tsv")) if l.strip()]

# "[12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 300M->12M(1024M) 3.456ms"
gc, allocated, prev_after = [], 0, None
skip = int(open(os.path.join(work, "gc-start")).read().strip() or 0)
for line in open(os.path.join(work, "gc.log")).readlines()[skip:]:
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
print("- calls offered %d, answered %d, failed %d (%.3f %% not answered)" % (calls, ok, failed, 100.0 * (calls - ok) / calls))
print("- heap allocated between the first and the last collection of the soak: %d MiB, about %.1f KiB per answered call"
      " (includes the HTTP metrics scrapes and the Kafka consumer)" % (allocated, allocated * 1024.0 / max(ok, 1)))
print()
print("| elapsed s | live SIP transactions | lingering (key only) | live dialogs | active calls | live transactions |")
print("|---|---|---|---|---|---|")
top = max([int(s[1]) for s in samples] + [1])
for s in samples:
    linger = s[4] if len(s) > 4 else "-"
    print("| %s | %s | %s | %s | %s | `%s` |" % (s[0], s[1], linger, s[2], s[3], bar(int(s[1]), top)))
print()
print("Heap after GC (MiB), lowest and highest per minute of the run (%d collections):" % len(gc))
print()
print("| minute | min after GC | max after GC | min, plotted |")
print("|---|---|---|---|")
top = max([max(v) for v in per_min.values()] + [1])
for m in sorted(per_min):
    print("| %d | %d | %d | `%s` |" % (m, min(per_min[m]), max(per_min[m]), bar(min(per_min[m]), top)))
