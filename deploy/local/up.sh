#!/usr/bin/env bash
# Starts the whole Trunkline cluster on this machine, on real parts (no Docker):
# PostgreSQL (the machine's cluster), a Kafka broker in KRaft mode (its own JVM), and the three
# services from their built jars (built first when missing or older than the sources).
# Stop it with deploy/local/down.sh. Logs: .local/logs/. Idempotent: running it twice is fine.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

API_KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
PBX_CIDRS="${TRUNKLINE_PBX_CIDRS:-127.0.0.0/8}"
SERVICES=(trunk-config-service:8081 registration-service:8082 call-routing-service:8083)

build_if_stale() {
  local stale=0 mod jar
  for s in "${SERVICES[@]}"; do
    mod="${s%%:*}"; jar="$ROOT/$mod/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/$mod/src/main" "$ROOT/$mod/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit)" ]; then
      stale=1
    fi
  done
  [ -s "$ROOT/deploy/local/kafka-broker/target/kafka.classpath" ] || stale=1
  if [ "$stale" = 1 ]; then
    log "building the services (./mvnw package -DskipTests), log in $LOGS/build.log"
    (cd "$ROOT" && ./mvnw -B package -DskipTests >"$LOGS/build.log" 2>&1) || { tail -n 40 "$LOGS/build.log"; die "build failed: see $LOGS/build.log"; }
  fi
}

# One AES-256 key for the cluster's trunk passwords, made once and kept under .local.
encryption_key() {
  local f="$STATE/encryption.key"
  [ -s "$f" ] || { head -c 32 /dev/urandom | base64 >"$f"; chmod 600 "$f"; }
  cat "$f"
}

start_service() {
  local mod="$1" port="$2"
  if pid_alive "$mod"; then log "$mod already running (pid $(cat "$PIDS/$mod.pid"))"; return; fi
  log "starting $mod on :$port"
  (
    cd "$ROOT/$mod"
    TRUNKLINE_API_KEYS="$API_KEY" \
    TRUNKLINE_SECRETS_ENCRYPTION_KEY="$(encryption_key)" \
    TRUNKLINE_ROUTING_PBX_CIDRS="$PBX_CIDRS" \
    TRUNKLINE_RECONCILIATION_ROUTING_URL="http://localhost:8083" \
    TRUNKLINE_RECONCILIATION_ROUTING_API_KEY="$API_KEY" \
    KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    QUARKUS_DATASOURCE_USERNAME="$PG_ROLE" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$PG_DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:5432/$PG_DB" \
      nohup java -Xmx512m -XX:+UseSerialGC -jar target/quarkus-app/quarkus-run.jar >>"$LOGS/$mod.log" 2>&1 &
    echo $! >"$PIDS/$mod.pid"
  )
}

wait_ready() {
  local mod="$1" port="$2"
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; then
      log "$mod ready"; return
    fi
    pid_alive "$mod" || { tail -n 30 "$LOGS/$mod.log"; die "$mod exited: see $LOGS/$mod.log"; }
    sleep 1
  done
  tail -n 30 "$LOGS/$mod.log"
  die "$mod not ready after 120 s: see $LOGS/$mod.log"
}

command -v java >/dev/null || die "java (17+) is needed"
command -v curl >/dev/null || die "curl is needed"
build_if_stale
ensure_postgres
ensure_kafka
for s in "${SERVICES[@]}"; do start_service "${s%%:*}" "${s##*:}"; done
for s in "${SERVICES[@]}"; do wait_ready "${s%%:*}" "${s##*:}"; done

cat <<INFO

Trunkline is up.
  trunk-config-service   http://localhost:8081   (Swagger UI: http://localhost:8081/q/swagger-ui)
  registration-service   http://localhost:8082   SIP 127.0.0.1:5070 (UDP/TCP)
  call-routing-service   http://localhost:8083   SIP 127.0.0.1:5060 (UDP/TCP), PBX sources $PBX_CIDRS
  Kafka                  localhost:$KAFKA_PORT
  PostgreSQL             localhost:5432/$PG_DB (role $PG_ROLE)
  API key                $API_KEY      (curl -H "Authorization: Bearer $API_KEY" ...)
  Logs                   $LOGS
Stop with: deploy/local/down.sh
INFO
