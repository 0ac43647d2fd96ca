#!/usr/bin/env bash
# Bulk rule import at carrier scale, on its own Kafka broker, database and ports (it does not touch
# the local cluster of deploy/local/up.sh): trunk-config-service imports N prefix rules from one
# CSV file (POST /api/v1/outbound-rules:import, one transaction), the outbox relay publishes them,
# then a fresh call-routing-service replays routing.rules.v1 and reports ready. Prints the
# figures and the RSS of call-routing holding the rules; RESULTS.md takes them by hand.
# Build first: ./mvnw -B -q -pl deploy/local/kafka-broker,trunk-config-service,call-routing-service -am package -DskipTests -Dskip.e2e
# Usage: deploy/loadtest/config/import-bench.sh [rules=100000]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
N="${1:-100000}"
export TRUNKLINE_LOCAL_DIR="${TRUNKLINE_LOCAL_DIR:-/tmp/trunkline-import-bench}"
export TRUNKLINE_PORT_OFFSET="${TRUNKLINE_PORT_OFFSET:-731}"
export TRUNKLINE_PG_DB="trunkline_import_bench"
# shellcheck source=../../local/lib.sh
. "$HERE/../../local/lib.sh"
KEY=bench-key
ENC_KEY="$(head -c 32 /dev/urandom | base64)"
STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  pid_alive kafka && kill "$(cat "$PIDS/kafka.pid")" 2>/dev/null || true
}
trap cleanup EXIT

ensure_postgres
as_postgres "psql -q -p $PG_PORT -c 'drop database if exists $PG_DB' -c 'create database $PG_DB owner $PG_ROLE'"
rm -rf "$STATE/kafka"
ensure_kafka

# Runs "$@" with the settings both services need; exec, so that $! of a backgrounded call is the JVM.
common_env() {
  exec env TRUNKLINE_API_KEYS="$KEY" TRUNKLINE_SECRETS_ENCRYPTION_KEY="$ENC_KEY" \
    KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 \
    TRUNKLINE_LOOP_OWN_SIP_ADDRESSES="127.0.0.1:$ROUTING_SIP_PORT" \
    TRUNKLINE_RECONCILIATION_ROUTING_URL="http://localhost:$ROUTING_PORT" \
    TRUNKLINE_RECONCILIATION_ROUTING_API_KEY="$KEY" TRUNKLINE_SIP_PORT="$ROUTING_SIP_PORT" \
    TRUNKLINE_MEDIA_INSTANCES="127.0.0.1:$RTPENGINE_NG_PORT" "$@"
}

log "starting trunk-config-service on :$CONFIG_PORT"
common_env QUARKUS_HTTP_PORT="$CONFIG_PORT" QUARKUS_GRPC_SERVER_PORT=$((9000 + PORT_OFFSET)) \
  QUARKUS_DATASOURCE_USERNAME="$PG_ROLE" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$PG_DB" \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$PG_DB" \
  java -Xmx512m -XX:+UseSerialGC -jar "$ROOT/trunk-config-service/target/quarkus-app/quarkus-run.jar" \
  >"$LOGS/trunk-config.log" 2>&1 &
STARTED+=($!)
await_ready "$CONFIG_PORT" 180 || die "trunk-config not ready: see $LOGS/trunk-config.log"

API="http://localhost:$CONFIG_PORT/api/v1"
TRUNK="$(curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -d '{"name":"carrier","host":"127.0.0.1","authMode":"IP"}' "$API/trunks" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
DECK="$STATE/deck.csv"
python3 - "$N" "$TRUNK" >"$DECK" <<'PY'
import sys
n, trunk = int(sys.argv[1]), sys.argv[2]
print("name,priority,match.prefixes,routes[0].trunkId,routes[0].stripDigits,routes[0].prepend")
for i in range(n):
    # Distinct prefixes of 5-8 digits, as in a rate deck.
    print(f"deck-{i},{100 + i % 50},{1000 + i * 7},{trunk},0,+")
PY
log "deck: $N rules, $(du -h "$DECK" | cut -f1)"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
T0=$(date +%s.%N)
HTTP="$(curl -sS -o "$STATE/import.out" -w '%{http_code}' -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: text/csv' --data-binary @"$DECK" "$API/outbound-rules:import")"
T1=$(date +%s.%N)
[ "$HTTP" = 200 ] || die "import answered $HTTP: $(head -c 500 "$STATE/import.out")"
# Published = no outbox row left unsent (the relay marks a row sent only once Kafka acknowledged it).
for _ in $(seq 1 1200); do
  [ "$(as_postgres "psql -tA -p $PG_PORT -d $PG_DB -c 'select count(*) from outbox where sent_at is null'")" = 0 ] && break
  sleep 0.2
done
T2=$(date +%s.%N)
LOAD_IMPORT="$(cut -d' ' -f1-3 /proc/loadavg)"

log "starting call-routing-service on :$ROUTING_PORT"
T3=$(date +%s.%N)
common_env QUARKUS_HTTP_PORT="$ROUTING_PORT" \
  java -Xmx512m -XX:+UseSerialGC -jar "$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar" \
  >"$LOGS/call-routing.log" 2>&1 &
ROUTING_PID=$!
STARTED+=($ROUTING_PID)
for _ in $(seq 1 1200); do
  curl -fsS "http://127.0.0.1:$ROUTING_PORT/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"' && break
  sleep 0.1
done
T4=$(date +%s.%N)
STARTED_LINE="$(grep -o 'started in [0-9.]*s' "$LOGS/call-routing.log" | head -n1)"
RULES="$(curl -fsS -H "Authorization: Bearer $KEY" "http://127.0.0.1:$ROUTING_PORT/api/v1/routing/state" 2>/dev/null \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["rules"]))' 2>/dev/null || echo '?')"
sleep 5
RSS_KB="$(awk '/VmRSS/{print $2}' "/proc/$ROUTING_PID/status")"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }
cat <<OUT
rules=$N
import_http_s=$(secs "$T0" "$T1")
import_to_published_s=$(secs "$T0" "$T2")
routing_start_to_ready_s=$(secs "$T3" "$T4") ($STARTED_LINE)
routing_rules_held=$RULES
routing_rss_mib=$((RSS_KB / 1024))
load_before=$LOAD_BEFORE load_after_import=$LOAD_IMPORT load_after=$LOAD_AFTER
machine=$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n1)
OUT
