# Shared by run-load.sh and soak.sh: rules, Kafka, SIPp trunks and the service under test.
# Sourced, not run. Sets WORK, the ports, ROUTER/LOADGEN (CPU pinning) and PIDS_TO_STOP.
set -euo pipefail
# A broker of the load test's own (own state directory and ports, see lib.sh), fresh for every
# run: the test's 10,000 rules never reach the user's local cluster, and the user's never count
# in the test.
export TRUNKLINE_LOCAL_DIR="${LOADTEST_STATE:-$HERE/../../../.local-loadtest}"
export TRUNKLINE_PORT_OFFSET="${LOADTEST_PORT_OFFSET:-30000}"
"$HERE/../../local/down.sh" --purge >/dev/null 2>&1 || true
source "$HERE/../../local/lib.sh"
RULES="${RULES:-10000}"
# What the image and the local cluster run (call-routing-service/src/main/jvm/jvm.options says why);
# JAVA_OPTS replaces it for experiments with other settings.
DEFAULT_JAVA_OPTS="$(jvm_options call-routing-service)"
if [ "$(nproc)" -ge 2 ]; then ROUTER=(taskset -c 0); LOADGEN=(taskset -c 1); else ROUTER=(); LOADGEN=(); fi
WORK="$STATE/${WORK_NAME:-loadtest-routing}"; rm -rf "$WORK"; mkdir -p "$WORK"
# LOADTEST_SIP_SHIFT moves every SIP/HTTP port of the harness, so that a second harness (another
# checkout's cold-start or soak run) can share the host without binding the same ports.
SHIFT="${LOADTEST_SIP_SHIFT:-0}"
T1=$((5091 + SHIFT)); T2=$((5092 + SHIFT)); SVC=$((5160 + SHIFT)); HTTP=$((8183 + SHIFT)); KAM=$((5170 + SHIFT))
PIDS_TO_STOP=()
TRUNK_PATTERN="sipp -sf $HERE/trunk-uas.xml"
cleanup() {
  for p in "${PIDS_TO_STOP[@]}"; do kill "$p" 2>/dev/null || true; done
  "$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true
  # run-load.sh starts its trunks inside a pipeline, whose PIDS_TO_STOP this trap does not see
  pkill -f "$TRUNK_PATTERN" 2>/dev/null || true
  sleep 2
  for p in "${PIDS_TO_STOP[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pkill -9 -f "$TRUNK_PATTERN" 2>/dev/null || true
}
trap cleanup EXIT

python3 "$HERE/gen-rules.py" "$WORK" "$RULES" "$T1" "$T2"
ensure_kafka
publish_records "$WORK"

# Fresh SIPp trunks for a step: nothing left over from the step before (retransmissions,
# unfinished calls) can count against the next system.
TRUNK_PIDS=()
start_trunks() {
  local port
  # every trunk of this script (and any an earlier run left) must be gone, its port free, before
  # new ones bind the same ports
  pkill -f "$TRUNK_PATTERN" 2>/dev/null || true
  for _ in $(seq 1 50); do pgrep -f "$TRUNK_PATTERN" >/dev/null || break; sleep 0.1; done
  pkill -9 -f "$TRUNK_PATTERN" 2>/dev/null || true
  TRUNK_PIDS=()
  for port in $T1 $T2; do
    # in -bg mode SIPp's launcher exits 99 ("no call processed") once the daemon runs
    "${LOADGEN[@]}" sipp -sf "$HERE/trunk-uas.xml" -i 127.0.0.1 -p "$port" -bg -nostdin \
      >"$WORK/uas-$port.log" 2>&1 || [ $? = 99 ]
    TRUNK_PIDS+=("$(pgrep -n -f "sipp -sf $HERE/trunk-uas.xml -i 127.0.0.1 -p $port")")
  done
  PIDS_TO_STOP+=("${TRUNK_PIDS[@]}")
}

# CPU ticks of a process and its direct children (Kamailio forks its workers).
cpu_ticks() {
  local t=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo "$t"
}

# Starts call-routing-service pinned to the router CPU and waits until it holds every rule.
start_service() {
  # SERVICE_JAR: a copy of quarkus-app elsewhere, so that a build may run meanwhile
  JAR="${SERVICE_JAR:-$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar}"
  [ -f "$JAR" ] || die "build the service first: ./mvnw -pl call-routing-service package -DskipTests"
  TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
    TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    TRUNKLINE_ROUTING_PUBLISH_EVENTS=false \
    "${ROUTER[@]}" java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$JAR" >"$WORK/service.log" 2>&1 &
  SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
  local ready=""
  for _ in $(seq 1 120); do
    ready="$(curl -fsS "http://127.0.0.1:$HTTP/q/health/ready" 2>/dev/null || true)"
    echo "$ready" | grep -q '"status": *"UP"' && break
    sleep 1
  done
  # the topics must hold exactly this run's rules (Kamailio gets the same ones)
  echo "$ready" | grep -q '"rules": *'"$RULES"'\b' \
    || die "the service holds other rules than this run's $RULES: is another run using $STATE?"
}

# run_rate NAME PID PORT RATE ROUND -> one markdown table row (and a line in rows.tsv). The calls
# come from CALLER_IP (127.0.0.1, a PBX source) with the numbers of NUMBERS ($WORK/numbers.csv).
run_rate() {
  local name="$1" pid="$2" port="$3" rate="$4" round="$5" calls=$(( $4 * DURATION )) before after dir
  dir="$WORK/$name-$rate-$round"; mkdir -p "$dir"
  start_trunks; sleep 1
  before=$(cpu_ticks "$pid")
  # SIPp's -timeout does not end a run that still has calls in progress: timeout(1) does
  (cd "$dir" && timeout $(( DURATION + 40 )) "${LOADGEN[@]}" sipp -sf "$HERE/pbx-uac.xml" -inf "${NUMBERS:-$WORK/numbers.csv}" -i "${CALLER_IP:-127.0.0.1}" \
    -r "$rate" -m "$calls" -l $(( rate * 4 )) -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 \
    -timeout $(( DURATION + 30 )) -nostdin "127.0.0.1:$port" >sipp.log 2>&1) || true
  after=$(cpu_ticks "$pid")
  python3 - "$dir" "$name" "$rate" "$calls" "$(( after - before ))" "$(getconf CLK_TCK)" "$round" "$WORK/rows.tsv" <<'PY'
import csv, glob, sys
d, name, rate, calls, ticks, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
rnd, rows_file = sys.argv[7], sys.argv[8]
rows = list(csv.reader(open(d + "/stat.csv"), delimiter=";"))
h, last = rows[0], rows[-1]
ok = int(last[h.index("SuccessfulCall(C)")]); failed = int(last[h.index("FailedCall(C)")])
rtt = []
for f in glob.glob(d + "/*_rtt.csv"):
    for r in list(csv.reader(open(f), delimiter=";"))[1:]:
        rtt.append(float(r[1]))
rtt.sort()
pct = lambda p: rtt[min(len(rtt) - 1, int(len(rtt) * p))] if rtt else float("nan")
cpu_ms = ticks * 1000.0 / hz / max(ok, 1)
failed_pct = 100.0 * (calls - ok) / max(calls, 1)  # calls not answered, whatever the cause
print("| %s | %s | %d | %d | %d | %.2f %% | %.1f | %.1f | %.3f |" % (
    name, rnd, rate, ok, failed, failed_pct, pct(0.5), pct(0.99), cpu_ms))
with open(rows_file, "a") as f:
    f.write("%s\t%d\t%s\t%.4f\t%.1f\t%.4f\n" % (name, rate, rnd, failed_pct, pct(0.99), cpu_ms))
PY
  sleep "$PAUSE"
}
