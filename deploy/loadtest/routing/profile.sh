#!/usr/bin/env bash
# Where call-routing's time goes at RATE calls/s (3,000 by default): the same harness as
# run-load.sh (10,000 rules, router pinned to CPU 0, SIPp on CPU 1), a warm-up, then one recorded
# step with async-profiler (CPU samples, then allocation samples, loaded into the running JVM with
# jcmd JVMTI.agent_load) and a JFR recording, and the GC log for bytes allocated per call.
# Writes flame graphs (flame.py) to profiles/ (the collapsed stacks stay in the work directory)
# and prints bytes allocated per call and the young GC pauses of the CPU step.
# Needs what run-load.sh needs plus async-profiler's jar (the native library is inside it):
#   ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.0
# Env: RATE (3000) DURATION seconds per recorded step (20) WARMUP seconds (20) TAG (file prefix)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATE="${RATE:-3000}"; DURATION="${DURATION:-20}"; WARMUP="${WARMUP:-20}"; PAUSE=2
TAG="${TAG:-$RATE}"
WORK_NAME=loadtest-profile
source "$HERE/common.sh"
AP_JAR="${AP_JAR:-$HOME/.m2/repository/tools/profiler/async-profiler/4.0/async-profiler-4.0.jar}"
[ -f "$AP_JAR" ] || die "async-profiler jar not found: $AP_JAR"
(cd "$WORK" && unzip -oq "$AP_JAR" 'linux-x64/*')
AP="$WORK/linux-x64/libasyncProfiler.so"
OUT="$HERE/profiles"; mkdir -p "$OUT"
JAVA_OPTS="${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -Xlog:gc:file=$WORK/gc.log"
start_service

profiled_step() { # EVENT LABEL: one recorded step with async-profiler collecting EVENT
    # quoted: jcmd's own parser would take "start,event" for an option name
  jcmd "$SVC_PID" JVMTI.agent_load "$AP" "\"start,event=$1,interval=$3\"" >/dev/null
  local from; from=$(wc -l <"$WORK/gc.log")
  run_rate call-routing "$SVC_PID" "$SVC" "$RATE" "$2"
  jcmd "$SVC_PID" JVMTI.agent_load "$AP" "\"stop,collapsed,file=$WORK/$2.collapsed\"" >/dev/null
  tail -n +"$((from + 1))" "$WORK/gc.log" >"$WORK/$2.gc.log"
}

DURATION="$WARMUP" run_rate call-routing "$SVC_PID" "$SVC" 1000 warmup >/dev/null
DURATION="$WARMUP" run_rate call-routing "$SVC_PID" "$SVC" "$RATE" warmup >/dev/null
: >"$WORK/rows.tsv"
echo "| step | round | calls/s offered | answered | failed | not answered % | INVITE->200 p50 ms | p99 ms | CPU ms/call |"
profiled_step cpu cpu 1000000   # a sample per CPU millisecond
profiled_step alloc alloc 524288 # a sample per 512 KiB allocated
if [ -n "${JFR:-}" ]; then # a JFR recording (its "profile" settings) of one more step
  jcmd "$SVC_PID" JFR.start name=hot settings=profile filename="$WORK/$TAG.jfr" >/dev/null
  run_rate call-routing "$SVC_PID" "$SVC" "$RATE" jfr
  jcmd "$SVC_PID" JFR.stop name=hot >/dev/null
  cp "$WORK/$TAG.jfr" "$OUT/"
fi
for kind in cpu alloc; do
  python3 "$HERE/flame.py" "$WORK/$kind.collapsed" "call-routing $RATE calls/s: $kind" >"$OUT/$TAG-$kind.svg"
done
# bytes allocated per call: what each young GC found minus what the one before left
python3 - "$WORK/cpu.gc.log" "$(( RATE * DURATION ))" <<'PY'
import re, sys
pairs = [(float(a), float(b), u) for a, u, b in re.findall(r"Pause Young.* (\d+)([MK])->(\d+)[MK]", open(sys.argv[1]).read())]
alloc = sum(pairs[i][0] - pairs[i - 1][1] for i in range(1, len(pairs)))
pauses = [float(x) for x in re.findall(r"Pause Young.*?([\d.]+)ms", open(sys.argv[1]).read())]
print("young GCs %d, allocated between them %.0f MB, %.1f KB/call (calls %s), pauses mean %.1f ms max %.1f ms"
      % (len(pairs), alloc, alloc * 1024 / int(sys.argv[2]) * (len(pairs) and 1), sys.argv[2],
         sum(pauses) / max(len(pauses), 1), max(pauses or [0])))
PY
