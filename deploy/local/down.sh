#!/usr/bin/env bash
# Stops what deploy/local/up.sh started, by PID, and nothing else: the three services, the Kafka
# broker, rtpengine, and PostgreSQL only if up.sh was the one that started it. Data stays in .local/
# (pass --purge to delete it, and the PostgreSQL cluster too when up.sh created one for this
# instance, see TRUNKLINE_PG_CLUSTER in lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

stop_pid() {
  local name="$1" pid
  [ -f "$PIDS/$name.pid" ] || return 0
  pid="$(cat "$PIDS/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s, killing it"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$PIDS/$name.pid"
}

for name in call-routing-service registration-service trunk-config-service kafka rtpengine; do stop_pid "$name"; done

release_postgres "${1:-}"

if [ "${1:-}" = "--purge" ]; then
  log "deleting $STATE"
  rm -rf "$STATE"
fi
log "stopped"
