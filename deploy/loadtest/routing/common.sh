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
# G1 with a 10 ms pause goal and a fixed heap: the lowest INVITE->200 tail at the same CPU per
# call of the collectors tried on one core (Serial p99 56 ms, ZGC 28 ms, G1 32 ms at 1,000 calls/s)
DEFAULT_JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=10"
if [ "$(nproc)" -ge 2 ]; then ROUTER=(taskset -c 0); LOADGEN=(taskset -c 1); else ROUTER=(); LOADGEN=(); fi
WORK="$STATE/${WORK_NAME:-loadtest-routing}"; rm -rf "$WORK"; mkdir -p "$WORK"
T1=5091; T2=5092; SVC=5160; HTTP=8183; KAM=5170
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
  JAR="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar"
  [ -f "$JAR" ] || die "build the service first: ./mvnw -pl call-routing-service package -DskipTests"
  TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
    TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.0/8 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
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
