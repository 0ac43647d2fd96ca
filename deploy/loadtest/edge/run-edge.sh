#!/usr/bin/env bash
# The SIP edge under a stranger's flood: call-routing pinned to one core (CPU 0) routes a SIPp
# PBX's calls to two SIPp trunks while Flood.java sends INVITEs from addresses that are not PBX
# sources (127.0.2.x), at rising rates; for each rate: legitimate calls failed, strangers' INVITEs
# answered (403, once each) and shed, the service's CPU. Then the folded-header probe: how long a
# 64 KB datagram of 16,000 folded lines delays a concurrent OPTIONS, and its CPU, against this
# build (default caps; caps raised so the datagram is parsed whole) and, with BASE_JAR, an older
# build. Appends a section to RESULTS.md beside this script.
# Needs: sipp, python3, the built jar (./mvnw -B package -DskipTests -pl call-routing-service -am).
# Kafka: a broker of its own on 39092 (data in .local/edge), so a local cluster is untouched.
# Env: RATES ("0 2000 5000 10000 20000") stranger INVITEs/s; SOURCES (1000) stranger addresses;
#      BASE_JAR and BASE_NAME: an older build to compare the folded-header figures with;
#      LEGIT (200) PBX calls/s; DURATION (20) s per step; RULES (1000); FOLDED (1: 0 skips the
#      folded-header part).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
export TRUNKLINE_LOCAL_DIR="$ROOT/.local/edge"
source "$ROOT/deploy/local/lib.sh"
KAFKA_PORT=39092; KAFKA_CONTROLLER_PORT=39093
RATES="${RATES:-0 2000 5000 10000 20000}"; SOURCES="${SOURCES:-1000}"; LEGIT="${LEGIT:-200}"
DURATION="${DURATION:-20}"; RULES="${RULES:-1000}"
ROUTING="$ROOT/deploy/loadtest/routing"
WORK="$ROOT/.local/edge/run"; rm -rf "$WORK"; mkdir -p "$WORK"
T1=5391; T2=5392; SVC=5360; HTTP=8383
if [ "$(nproc)" -ge 2 ]; then ROUTER=(taskset -c 0); LOADGEN=(taskset -c 1); else ROUTER=(); LOADGEN=(); fi
JAR="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || die "build the service first: ./mvnw -B package -DskipTests -pl call-routing-service -am"
PIDS_TO_STOP=()
cleanup() {
  for p in "${PIDS_TO_STOP[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 2
  for p in "${PIDS_TO_STOP[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if pid_alive kafka; then # gone before the next run looks for it
    local k; k="$(cat "$PIDS/kafka.pid")"; kill "$k"
    for _ in $(seq 1 30); do kill -0 "$k" 2>/dev/null || break; sleep 1; done
    kill -9 "$k" 2>/dev/null || true
  fi
  rm -f "$PIDS/kafka.pid"
}
trap cleanup EXIT

python3 "$ROUTING/gen-rules.py" "$WORK" "$RULES" "$T1" "$T2" >/dev/null
ensure_kafka
publish_records "$WORK"
for port in $T1 $T2; do
  "${LOADGEN[@]}" sipp -sf "$ROUTING/trunk-uas.xml" -i 127.0.0.1 -p "$port" -bg -nostdin \
    >"$WORK/uas-$port.log" 2>&1 || [ $? = 99 ]
  PIDS_TO_STOP+=("$(pgrep -n -f "sipp -sf $ROUTING/trunk-uas.xml -i 127.0.0.1 -p $port")")
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
metric() { # reason -> sip_rejected_total value
  curl -fsS "http://127.0.0.1:$HTTP/q/metrics" | awk -v r="reason=\"$1\"" \
    '$0 ~ "^sip_rejected_total" && index($0, r) {print $NF}' | head -n1 | sed 's/^$/0/'
}
# start_service NAME JAR [ENV...]: call-routing on CPU 0, only 127.0.0.1 a PBX source
start_service() {
  local name="$1" jar="$2"; shift 2
  env "$@" TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
    TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    "${ROUTER[@]}" java $(jvm_options call-routing-service) -jar "$jar" \
    >"$WORK/service-$name.log" 2>&1 &
  SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
  await_ready "$HTTP" || die "service $name not ready: see $WORK/service-$name.log"
}
stop_service() { kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true; }

# one step: LEGIT calls/s from the PBX for DURATION s while strangers send RATE INVITEs/s
step() {
  local rate="$1" dir="$WORK/step-$1" before after src0 rate0 flood
  mkdir -p "$dir"
  src0=$(metric source); rate0=$(metric rate); before=$(ticks "$SVC_PID")
  ("${LOADGEN[@]}" java "$HERE/Flood.java" "$SVC" "$rate" "$DURATION" "$SOURCES" >"$dir/flood.txt" 2>&1) &
  flood=$!
  (cd "$dir" && timeout $(( DURATION + 40 )) "${LOADGEN[@]}" sipp -sf "$ROUTING/pbx-uac.xml" \
    -inf "$WORK/numbers.csv" -i 127.0.0.1 -r "$LEGIT" -m $(( LEGIT * DURATION )) -l $(( LEGIT * 4 )) \
    -trace_stat -stf stat.csv -timeout $(( DURATION + 30 )) -nostdin "127.0.0.1:$SVC" >sipp.log 2>&1) || true
  wait "$flood" || true
  after=$(ticks "$SVC_PID")
  python3 - "$dir" "$rate" "$(( LEGIT * DURATION ))" "$(( after - before ))" "$(getconf CLK_TCK)" \
    "$DURATION" "$(metric source)" "$src0" "$(metric rate)" "$rate0" <<'PY'
import csv, re, sys
d, rate, calls, ticks, hz, dur = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
src, src0, rt, rt0 = (float(x or 0) for x in sys.argv[7:11])
rows = list(csv.reader(open(d + "/stat.csv"), delimiter=";"))
h, last = rows[0], rows[-1]
ok = int(last[h.index("SuccessfulCall(C)")])
f = dict(re.findall(r"(\w+)=(\d+)", open(d + "/flood.txt").read()))
sent = int(f.get("sent", 0)); answered = int(f.get("answered", 0)); forb = int(f.get("403", 0))
cpu = 100.0 * ticks / hz / dur
print("| %d | %d | %d/%d (%.2f %%) | %d | %d (%d 403) | %d | %d | %.0f %% |" % (
    rate, sent, calls - ok, calls, 100.0 * (calls - ok) / calls, src - src0 + rt - rt0, answered,
    forb, src - src0, rt - rt0, cpu))
PY
  sleep 3
}

folded() { # NAME: OPTIONS delay behind a folded datagram, and service CPU ms per folded datagram
  local name="$1" n="$2" before after out
  out=$(java "$HERE/FoldedDelay.java" "$SVC" 40)
  before=$(ticks "$SVC_PID"); java "$HERE/FoldedDelay.java" "$SVC" "$n" burst; after=$(ticks "$SVC_PID")
  echo "| $name | $out | $(python3 -c "print('%.2f' % ((($after - $before) * 1000.0 / $(getconf CLK_TCK)) / $n))") |"
}

{
  echo
  echo "## Edge run $(date -u +%FT%TZ): stranger INVITE flood vs $LEGIT legitimate calls/s, ${DURATION}s per step"
  echo
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1); router pinned: ${ROUTER[*]:-no}, SIPp and Flood.java pinned: ${LOADGEN[*]:-no}; load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $SOURCES stranger addresses"
  echo
  echo "| stranger INVITEs/s offered | sent | legitimate calls failed | reached the service (counted source + rate) | answered (403) | counted source | counted rate | service CPU (of one core) |"
  echo "|---|---|---|---|---|---|---|---|"
  start_service edge "$JAR"
  # JIT warm-up of both paths (calls, stateless 403s), not recorded
  ("${LOADGEN[@]}" java "$HERE/Flood.java" "$SVC" 2000 20 "$SOURCES" >/dev/null 2>&1) &
  warm=$!
  (cd "$WORK" && timeout 70 "${LOADGEN[@]}" sipp -sf "$ROUTING/pbx-uac.xml" -inf "$WORK/numbers.csv" \
    -i 127.0.0.1 -r "$LEGIT" -m $(( LEGIT * 20 )) -timeout 50 -nostdin "127.0.0.1:$SVC" >/dev/null 2>&1) || true
  wait "$warm" || true
  sleep 3
  for rate in $RATES; do step "$rate"; done
  echo
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "${FOLDED:-1}" = 0 ]; then stop_service; exit 0; fi
  echo
  echo "Folded header (64 KB datagram of 16,000 folded lines, then an OPTIONS):"
  echo
  echo "| build | OPTIONS round trip | service CPU ms per folded datagram |"
  echo "|---|---|---|"
  folded "this build, default caps (64 folded lines: 400 at once)" 500
  stop_service
  start_service linear "$JAR" TRUNKLINE_SIP_PARSE_MAX_FOLDED_LINES=20000 TRUNKLINE_SIP_PARSE_MAX_LINE_LENGTH=65536
  folded "this build, caps raised (the 16,000 lines joined, linearly)" 500
  stop_service
  if [ -n "${BASE_JAR:-}" ]; then
    start_service base "$BASE_JAR"
    folded "${BASE_NAME:-older build} (folded lines joined quadratically)" 20
    stop_service
  fi
} | tee -a "$HERE/RESULTS.md"
