#!/usr/bin/env bash
# Acceptance 10: SIPp PBX -> call-routing-service -> SIPp trunks with 10,000 generated prefix
# rules, then the same through Kamailio (mtree longest prefix, strip/prepend, failure-route
# failover) in the same run. For each offered rate: failed calls, INVITE->200 p50/p99 and CPU
# per call of the system under test. Appends the figures to RESULTS.md.
# Needs: sipp, kamailio (apt-get install -y kamailio), python3, the built service jar
# (./mvnw -pl call-routing-service package -DskipTests). Kafka: deploy/local/lib.sh's broker on
# :9092 (started if absent); the generated trunks and rules are added to its topics, so run it on
# a scratch local cluster, not one holding real configuration. SIP ports 5091/5092/5160/5170.
# Env: RULES (10000) RATES ("100 200 400 600 800") DURATION seconds per rate (20).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../local/lib.sh"
RULES="${RULES:-10000}"; RATES="${RATES:-100 200 400 600 800}"; DURATION="${DURATION:-20}"
WORK="$ROOT/.local/loadtest-routing"; rm -rf "$WORK"; mkdir -p "$WORK"
T1=5091; T2=5092; SVC=5160; HTTP=8183; KAM=5170
PIDS_TO_STOP=()
cleanup() { for p in "${PIDS_TO_STOP[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 "$HERE/gen-rules.py" "$WORK" "$RULES" "$T1" "$T2"
ensure_kafka
for f in trunks:trunk.config.v1 rules:routing.rules.v1; do
  kafka_java org.apache.kafka.tools.ConsoleProducer --bootstrap-server "localhost:$KAFKA_PORT" \
    --topic "${f##*:}" --property parse.key=true --property "key.separator=	" \
    <"$WORK/${f%%:*}.tsv" >/dev/null 2>&1
done

for port in $T1 $T2; do
  # in -bg mode SIPp's launcher exits 99 ("no call processed") once the daemon runs
  sipp -sf "$HERE/trunk-uas.xml" -i 127.0.0.1 -p "$port" -bg -nostdin >"$WORK/uas-$port.log" 2>&1 || [ $? = 99 ]
  PIDS_TO_STOP+=("$(pgrep -n -f "sipp -sf $HERE/trunk-uas.xml -i 127.0.0.1 -p $port")")
done

# CPU ticks of a process and its direct children (Kamailio forks its workers).
cpu_ticks() {
  local t=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo "$t"
}

# run_rate NAME PID PORT RATE -> one markdown table row
run_rate() {
  local name="$1" pid="$2" port="$3" rate="$4" calls=$(( $4 * DURATION )) before after dir
  dir="$WORK/$name-$rate"; mkdir -p "$dir"
  before=$(cpu_ticks "$pid")
  (cd "$dir" && sipp -sf "$HERE/pbx-uac.xml" -inf "$WORK/numbers.csv" -i 127.0.0.1 \
    -r "$rate" -m "$calls" -l $(( rate * 4 )) -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 \
    -timeout $(( DURATION + 30 )) -nostdin "127.0.0.1:$port" >sipp.log 2>&1) || true
  after=$(cpu_ticks "$pid")
  python3 - "$dir" "$name" "$rate" "$calls" "$(( after - before ))" "$(getconf CLK_TCK)" <<'PY'
import csv, glob, sys
d, name, rate, calls, ticks, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
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
print("| %s | %d | %d | %d | %.2f %% | %.1f | %.1f | %.3f |" % (
    name, rate, ok, failed, 100.0 * failed / max(calls, 1), pct(0.5), pct(0.99), cpu_ms))
PY
}

# call-routing-service
JAR="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || die "build the service first: ./mvnw -pl call-routing-service package -DskipTests"
TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
  TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.0/8 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
  TRUNKLINE_ROUTING_PUBLISH_EVENTS=false \
  java -Xmx1g -XX:+UseParallelGC -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$HTTP/q/health/ready" 2>/dev/null | grep -q '"rules": *'"$RULES" && break
  sleep 1
done

# Kamailio with the same rules
sed -e "s#@KPORT@#$KAM#g" -e "s#@DIR@#$WORK#g" "$HERE/kamailio.cfg.tmpl" >"$WORK/kamailio.cfg"
kamailio -f "$WORK/kamailio.cfg" -P "$WORK/kamailio.pid" -DD -E >"$WORK/kamailio.log" 2>&1 &
KAM_PID=$!; PIDS_TO_STOP+=("$KAM_PID"); sleep 2

{
  echo
  echo "## Load run $(date -u +%FT%TZ): $RULES prefix rules, ${DURATION}s per rate"
  echo
  echo "| system | calls/s offered | answered | failed | failed % | INVITE->200 p50 ms | p99 ms | CPU ms/call |"
  echo "|---|---|---|---|---|---|---|---|"
  for rate in $RATES; do
    run_rate call-routing "$SVC_PID" "$SVC" "$rate"
    run_rate kamailio "$KAM_PID" "$KAM" "$rate"
  done
} | tee -a "$HERE/RESULTS.md"
