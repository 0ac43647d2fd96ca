#!/usr/bin/env bash
# A fresh JVM straight at RATE calls/s (2,000 by default): CPU ms per call of call-routing in each
# WINDOW-second window from the JVM's launch, to see how soon it reaches its warmed-up cost (JIT
# compilation on the router's one core). Same harness as run-load.sh (10,000 rules, router pinned
# to CPU 0, SIPp on CPU 1); the load starts as soon as the service reports ready, which includes
# its optional JIT warm-up (trunkline.routing.warmup.*, off by default: synthetic calls before
# readiness turns UP).
# Each row: launch -> ready, calls not answered of those offered, CPU ms per call of each window
# (seconds counted from the JVM's launch), the load average before the start.
# Env: RATE (2000) LOAD_SECONDS (60) WINDOW (5) STARTS (1) LABEL (a name for the table rows);
#      WARMUPS: the warm-up durations to compare, alternated within each start (e.g. "15s 0s";
#      unset: only the shipped setting);
#      JAVA_OPTS replaces the shipped flags (jvm.options), e.g. to compare AppCDS or JIT settings.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATE="${RATE:-2000}"; SECONDS_OF_LOAD="${LOAD_SECONDS:-60}"; WINDOW="${WINDOW:-5}"
STARTS="${STARTS:-1}"; LABEL="${LABEL:-shipped flags}"
WORK_NAME=loadtest-cold
source "$HERE/common.sh"
HZ=$(getconf CLK_TCK)
echo "| flags | start | load avg | launch -> ready | not answered | CPU ms/call per window from launch |"
echo "|---|---|---|---|---|---|"
for start in $(seq 1 "$STARTS"); do
for warmup in ${WARMUPS:-shipped}; do
  label="$LABEL"
  if [ "$warmup" != shipped ]; then
    export TRUNKLINE_ROUTING_WARMUP_DURATION="$warmup"; label="$LABEL, warm-up $warmup"
  fi
  load_avg="$(cut -d' ' -f1 /proc/loadavg)"
  t0=$(date +%s%N)
  start_service
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  start_trunks; sleep 0.2
  dir="$WORK/start-$start-$warmup"; mkdir -p "$dir"
  (cd "$dir" && timeout $(( SECONDS_OF_LOAD + 40 )) "${LOADGEN[@]}" sipp -sf "$HERE/pbx-uac.xml" \
    -inf "$WORK/numbers.csv" -i 127.0.0.1 -r "$RATE" -m $(( RATE * SECONDS_OF_LOAD )) -l $(( RATE * 4 )) \
    -trace_stat -stf stat.csv -fd 1 -timeout $(( SECONDS_OF_LOAD + 30 )) -nostdin "127.0.0.1:$SVC" >sipp.log 2>&1) &
  sipp_pid=$!
  : >"$dir/cpu.tsv"
  while kill -0 "$sipp_pid" 2>/dev/null; do  # the service's CPU ticks each second from its launch
    echo "$(( ($(date +%s%N) - t0) / 1000000 ))	$(cpu_ticks "$SVC_PID")" >>"$dir/cpu.tsv"
    sleep 1
  done
  wait "$sipp_pid" || true
  python3 - "$dir" "$HZ" "$WINDOW" "$ready_ms" "$label" "$start" "$SECONDS_OF_LOAD" "$RATE" "$load_avg" <<'PY'
import csv, sys
d, hz, window, ready_ms, label, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
offered, load_avg = int(sys.argv[8]) * int(sys.argv[7]), sys.argv[9]
cpu = [tuple(map(int, l.split())) for l in open(d + "/cpu.tsv")]
rows = list(csv.reader(open(d + "/stat.csv"), delimiter=";"))
h = rows[0]
# SIPp's cumulative successful calls once a second; its first line is the start of the load
ok = [int(r[h.index("SuccessfulCall(C)")]) for r in rows[1:]]
load_start_ms = cpu[0][0]
out = []
for w in range(0, len(ok) // window):
    a, b = w * window, (w + 1) * window
    if b >= len(ok) or b >= len(cpu):
        break
    calls = ok[b] - ok[a]
    if b > int(sys.argv[7]):
        break  # the load has ended: what is left is the last calls' BYEs and the timers
    ticks = cpu[b][1] - cpu[a][1]
    out.append("%d-%d s: %.3f" % ((load_start_ms + a * 1000) // 1000, (load_start_ms + b * 1000) // 1000,
               ticks * 1000.0 / hz / max(calls, 1)))
answered = ok[-1] if ok else 0
print("| %s | %s | %s | %.1f s | %d of %d | %s |" % (label, start, load_avg, ready_ms / 1000.0,
      offered - answered, offered, "; ".join(out)))
PY
  for p in "$SVC_PID" "${TRUNK_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "$SVC_PID" 2>/dev/null || true
  cp "$WORK/service.log" "$dir/"  # its "JIT warm-up: ..." line says what the warm-up did
  sleep 2
done
done
