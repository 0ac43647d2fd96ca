#!/usr/bin/env bash
# A carrier-sized rule table: RULES (100,000) prefix rules on routing.rules.v1 of the load test's own
# broker, then call-routing started STARTS (3) times from nothing. For each start: milliseconds
# from the JVM's launch to "routing state loaded" in its log and to ready with every rule, and the
# RSS once ready. Appends a table to RESULTS.md.
# Needs: ./mvnw -pl deploy/local/kafka-broker,call-routing-service -am package -DskipTests
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RULES="${RULES:-100000}"; STARTS="${STARTS:-3}"
WORK_NAME=loadtest-big-table
source "$HERE/common.sh"

now_ms() { date +%s%3N; }
start_and_time() {
  local jar="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar" t0 ready loaded rss
  t0=$(now_ms)
  TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
    TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    TRUNKLINE_ROUTING_PUBLISH_EVENTS=false \
    "${ROUTER[@]}" java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$jar" >"$WORK/service-$1.log" 2>&1 &
  SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
  for _ in $(seq 1 1200); do
    if curl -fsS "http://127.0.0.1:$HTTP/q/health/ready" 2>/dev/null | grep -q '"rules": *'"$RULES"'\b'; then
      ready=$(( $(now_ms) - t0 )); break
    fi
    kill -0 "$SVC_PID" 2>/dev/null || die "call-routing exited: see $WORK/service-$1.log"
    sleep 0.1
  done
  [ -n "${ready:-}" ] || die "not ready with $RULES rules in 120 s"
  # the log line's clock time against the launch time
  loaded=$(python3 - "$WORK/service-$1.log" "$t0" <<'PY'
import re, sys, datetime
for line in open(sys.argv[1]):
    if "routing state loaded" in line:
        h, m, s = line.split()[0].split(":")
        day = datetime.datetime.now(datetime.timezone.utc).astimezone()
        t = day.replace(hour=int(h), minute=int(m), second=0, microsecond=0).timestamp() + float(s)
        print(int(t * 1000) - int(sys.argv[2])); break
else:
    print("?")
PY
)
  rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$SVC_PID/status")
  echo "| $1 | $loaded | $ready | $rss |"
  kill "$SVC_PID"; wait "$SVC_PID" 2>/dev/null || true
}

{
  echo
  echo "## Rule table of $RULES prefixes: start to ready, $(date -u +%FT%TZ)"
  echo
  echo "Command: \`RULES=$RULES deploy/loadtest/routing/big-table.sh\`. Machine: $(nproc) CPUs," \
    "$(java -version 2>&1 | head -n1); router pinned: ${ROUTER[*]:-no}; JVM: ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS};" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| start | JVM launch -> state loaded (ms) | -> ready with every rule (ms) | RSS when ready (MiB) |"
  echo "|---|---|---|---|"
  for i in $(seq 1 "$STARTS"); do start_and_time "$i"; done
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee -a "$HERE/RESULTS.md"
