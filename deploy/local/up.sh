#!/usr/bin/env bash
# Starts the whole Trunkline cluster on this machine, on real parts (no Docker):
# PostgreSQL (the machine's cluster), a Kafka broker in KRaft mode (its own JVM), rtpengine (the
# media relay of anchored trunks, Debian's rtpengine-daemon in user space), and the three
# services from their built jars (built first when missing or older than the sources).
# Stop it with deploy/local/down.sh. Logs: .local/logs/. Idempotent: running it twice is fine.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

API_KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
# Only 127.0.0.1 is a PBX: providers played on other loopback addresses are trunks (inbound calls).
PBX_CIDRS="${TRUNKLINE_PBX_CIDRS:-127.0.0.1/32}"
SERVICES=(trunk-config-service:$CONFIG_PORT registration-service:$REGISTRATION_PORT call-routing-service:$ROUTING_PORT)

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

# The SIP port a service listens on (trunk-config has none: the value is unused there).
sip_port_of() {
  case "$1" in
    registration-service) echo "$REGISTRATION_SIP_PORT" ;;
    *) echo "$ROUTING_SIP_PORT" ;;
  esac
}

# Its SIP-over-TLS port, shifted with the others so that a second cluster does not collide.
sip_tls_port_of() {
  case "$1" in
    registration-service) echo "$REGISTRATION_SIP_TLS_PORT" ;;
    *) echo "$ROUTING_SIP_TLS_PORT" ;;
  esac
}

# Each service runs from a copy of its build under $STATE/app: a later build (the test command,
# an IDE) rewrites target/quarkus-app in place, which must not pull the jars from under a running
# cluster.
start_service() {
  local mod="$1" port="$2" app="$STATE/app/$1"
  if pid_alive "$mod"; then log "$mod already running (pid $(cat "$PIDS/$mod.pid"))"; return; fi
  log "starting $mod on :$port"
  rm -rf "$app" && mkdir -p "$STATE/app" && cp -r "$ROOT/$mod/target/quarkus-app" "$app"
  (
    cd "$ROOT/$mod"
    TRUNKLINE_API_KEYS="$API_KEY" \
    TRUNKLINE_SECRETS_ENCRYPTION_KEY="$(encryption_key)" \
    TRUNKLINE_ROUTING_PBX_CIDRS="$PBX_CIDRS" \
    TRUNKLINE_RECONCILIATION_ROUTING_URL="http://localhost:$ROUTING_PORT" \
    TRUNKLINE_RECONCILIATION_ROUTING_API_KEY="$API_KEY" \
    KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    QUARKUS_HTTP_PORT="$port" \
    TRUNKLINE_SIP_PORT="$(sip_port_of "$mod")" \
    TRUNKLINE_SIP_TLS_PORT="$(sip_tls_port_of "$mod")" \
    TRUNKLINE_REGISTRATION_CONTACT_URI="sip:127.0.0.1:$ROUTING_SIP_PORT" \
    TRUNKLINE_LOOP_OWN_SIP_ADDRESSES="127.0.0.1:$ROUTING_SIP_PORT" \
    TRUNKLINE_MEDIA_INSTANCES="127.0.0.1:$RTPENGINE_NG_PORT" \
    QUARKUS_DATASOURCE_USERNAME="$PG_ROLE" QUARKUS_DATASOURCE_PASSWORD="$PG_PASSWORD" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/$PG_DB" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://localhost:$PG_PORT/$PG_DB" \
      nohup java $(jvm_options "$mod") -jar "$app/quarkus-run.jar" >>"$LOGS/$mod.log" 2>&1 &
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
ensure_walkthrough_tools
build_if_stale
ensure_postgres
ensure_kafka
ensure_rtpengine
for s in "${SERVICES[@]}"; do start_service "${s%%:*}" "${s##*:}"; done
for s in "${SERVICES[@]}"; do wait_ready "${s%%:*}" "${s##*:}"; done

cat <<INFO

Trunkline is up.
  trunk-config-service   http://localhost:$CONFIG_PORT   (Swagger UI: http://localhost:$CONFIG_PORT/q/swagger-ui)
  registration-service   http://localhost:$REGISTRATION_PORT   SIP 127.0.0.1:$REGISTRATION_SIP_PORT (UDP/TCP)
  call-routing-service   http://localhost:$ROUTING_PORT   SIP 127.0.0.1:$ROUTING_SIP_PORT (UDP/TCP), PBX sources $PBX_CIDRS
  Kafka                  localhost:$KAFKA_PORT
  rtpengine              ng 127.0.0.1:$RTPENGINE_NG_PORT, RTP $RTPENGINE_INTERFACE:$RTPENGINE_PORT_MIN-$RTPENGINE_PORT_MAX (trunks with "media":"ANCHOR")
  PostgreSQL             localhost:$PG_PORT/$PG_DB (role $PG_ROLE)
  API key                $API_KEY      (curl -H "Authorization: Bearer $API_KEY" ...)
  Logs                   $LOGS
Stop with: deploy/local/down.sh
INFO
