#!/usr/bin/env bash
# Registration benchmark: how many registrations one registration-service instance holds and the
# CPU it spends on refreshes. Starts its own Kafka broker (temp dir, free ports), a SIPp registrar
# (registrar.xml: 200 OK at once, 600 s), and the service from its built jar; publishes N trunks
# at once; waits until all are REGISTERED; then measures the service's CPU time over a steady
# window in which refreshes happen (a trunk refreshes at 50-85 % of 600 s).
# Usage: deploy/loadtest/registration/run.sh [trunks=20000] [window-seconds=600] [max-rate=100]
# Needs: ./mvnw -pl registration-service package -DskipTests (the jar), sipp. Writes results.txt.
set -euo pipefail
N="${1:-20000}"; WINDOW="${2:-600}"; RATE="${3:-100}"
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../local/lib.sh"
JAR="$ROOT/registration-service/target/quarkus-app/quarkus-run.jar"
CP="$(cat "$ROOT/deploy/local/kafka-broker/target/kafka.classpath"):$ROOT/platform/target/classes"
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -pl registration-service package -DskipTests"; exit 1; }
WORK="$(mktemp -d /tmp/reg-bench.XXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
KPORT=$(free_port); CPORT=$(free_port); SIPP_PORT=$(free_port); SIP_PORT=$(free_port); HTTP_PORT=$(free_port)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK/kafka"
}
trap cleanup EXIT

render_kafka_properties 127.0.0.1 "$KPORT" "$CPORT" "$WORK/kafka" >"$WORK/server.properties"
LOG4J="-Dlog4j2.configurationFile=$ROOT/deploy/local/kafka-broker/log4j2.properties"
java $LOG4J -cp "$CP" kafka.tools.StorageTool format -t "$(uuidgen | tr -d - | head -c 22)" -c "$WORK/server.properties" >"$WORK/format.log" 2>&1
java -Xmx512m -XX:+UseSerialGC $LOG4J -cp "$CP" kafka.Kafka "$WORK/server.properties" >"$WORK/kafka.log" 2>&1 & PIDS+=($!)
for _ in $(seq 60); do java -cp "$CP" "$HERE/Bench.java" topics "127.0.0.1:$KPORT" 2>/dev/null && break; sleep 2; done

sipp -sf "$HERE/registrar.xml" -i 127.0.0.1 -p "$SIPP_PORT" -t u1 -nostdin >"$WORK/sipp.out" 2>&1 & PIDS+=($!)

KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KPORT" TRUNKLINE_API_KEYS=bench \
TRUNKLINE_SECRETS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
TRUNKLINE_SIP_TLS_LISTEN=false TRUNKLINE_SIP_PORT="$SIP_PORT" QUARKUS_HTTP_PORT="$HTTP_PORT" \
TRUNKLINE_REGISTRATION_MAX_REGISTER_RATE="$RATE" \
  java $(jvm_options registration-service) -jar "$JAR" >"$WORK/service.log" 2>&1 & SVC=$!; PIDS+=($SVC)
for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done

cpu_ticks() { awk '{print $14+$15}' "/proc/$SVC/stat"; }
HZ=$(getconf CLK_TCK)
T0=$(date +%s); C0=$(cpu_ticks)
java -cp "$CP" "$HERE/Bench.java" publish "127.0.0.1:$KPORT" "$N" "$SIPP_PORT"
while :; do
  R=$(java -cp "$CP" "$HERE/Bench.java" registered "$HTTP_PORT" bench 2>/dev/null || echo 0)
  [ "$R" -ge "$N" ] && break; sleep 5
done
T1=$(date +%s); C1=$(cpu_ticks)
sleep "$WINDOW"
T2=$(date +%s); C2=$(cpu_ticks)
R2=$(java -cp "$CP" "$HERE/Bench.java" registered "$HTTP_PORT" bench)
RSS=$(awk '/VmRSS/{print $2}' "/proc/$SVC/status")
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
  echo "trunks: $N, expiry 600 s, max REGISTER rate $RATE/s"
  echo "all registered after: $((T1-T0)) s, service CPU during that phase: $(( (C1-C0)/HZ )) s"
  echo "steady window: $((T2-T1)) s, registered at end: $R2, service CPU: $(echo "scale=1; ($C2-$C1)/$HZ" | bc) s ($(echo "scale=1; 100*($C2-$C1)/$HZ/($T2-$T1)" | bc) % of one core)"
  echo "service RSS at end: $((RSS/1024)) MiB"
} | tee "$HERE/results.txt"
