#!/usr/bin/env bash
# Write throughput of trunk-config-service on the local cluster (deploy/local/up.sh must be
# running) with 1, 4 and 16 concurrent clients: writes per second (2xx) and p50/p99 latency.
# Two mixes: "own" (each client creates a rule, patches it twice with If-Match, deletes it: no
# conflicts) and "shared" (all clients patch four shared rules without If-Match: lost races are
# 409). Every REST write is one PostgreSQL transaction with its outbox row.
# Writes deploy/loadtest/config/WRITE-RESULTS.md.
# Usage: deploy/loadtest/config/write-bench.sh [seconds=20] [clients="1 4 16"]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SECONDS_PER_RUN="${1:-20}"
CLIENTS="${2:-1 4 16}"
BASE="${TRUNKLINE_CONFIG_URL:-http://localhost:8081}"
KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
ROOT="$(cd "$HERE/../../.." && pwd)"
# The requests are test-support's ApiRequests, as the concurrent-writes tests send them.
TS_CLASSES="$ROOT/test-support/target/classes"
[ -f "$TS_CLASSES/io/trunkline/testsupport/ApiRequests.class" ] || (cd "$ROOT" && ./mvnw -q -pl test-support -am compile)

curl -fsS "$BASE/q/health/ready" >/dev/null || { echo "trunk-config-service is not ready at $BASE: run deploy/local/up.sh" >&2; exit 1; }

LOAD_BEFORE="$(uptime | sed 's/.*load average: //')"
OUT=""
for mode in own shared; do
  # shellcheck disable=SC2086
  OUT+="$(java -cp "$TS_CLASSES" "$HERE/WriteBench.java" "$BASE" "$KEY" "$mode" "$SECONDS_PER_RUN" 5 $CLIENTS)"$'\n'
done
LOAD_AFTER="$(uptime | sed 's/.*load average: //')"
echo "$OUT"
# Every acknowledged write must have reached its topic: the reconciliation compares the database,
# the topics and call-routing once the outbox is drained.
for _ in $(seq 1 60); do
  curl -fsS "$BASE/q/metrics" | grep -q '^config_outbox_pending 0' && break
  sleep 1
done
RECON="$(curl -fsS -H "Authorization: Bearer $KEY" "$BASE/api/v1/reconciliation")"
DIFFS="$(echo "$RECON" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r["differences"]), "differences; routing compared:", "routing" in r)')"
echo "reconciliation afterwards: $DIFFS"

row() { # mode clients -> markdown row
  local line; line="$(echo "$OUT" | grep "mode=$1 clients=$2 ")"
  v() { echo "$line" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2-; }
  echo "| $1 | $2 | $(v writes_per_s) | $(v p50_ms) | $(v p99_ms) | $(v max_ms) | $(v writes_ok) | $(v other) |"
}

{
  cat <<MD
# trunk-config-service write throughput

Run: $(date -u +%Y-%m-%dT%H:%M:%SZ) with \`deploy/loadtest/config/write-bench.sh $SECONDS_PER_RUN "$CLIENTS"\`
against the local cluster (\`deploy/local/up.sh\`: one service JVM with -Xmx512m, reactive pool of
16 connections, the machine's PostgreSQL 15, one Kafka broker; all on this host), $SECONDS_PER_RUN s
per line after a 5 s warm-up with 16 clients.

Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1).
Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER. The machine is shared with
other builds: the figures are indicative, not a capacity statement.

A write is one REST request: its transaction writes the rule and its outbox row (published to
routing.rules.v1 by the relay). "own": create, PATCH, PATCH, DELETE of a rule of the client's own
(If-Match from the previous answer, never a conflict). "shared": PATCH of one of four shared
rules without If-Match: concurrent changes of the same rule race and the losers get 409
(counted under "other", not as writes).

| mix | clients | writes/s (2xx) | p50 ms | p99 ms | max ms | writes | other answers (status:count) |
|---|---|---|---|---|---|---|---|
MD
  for mode in own shared; do for c in $CLIENTS; do row "$mode" "$c"; done; done
  echo
  echo "Afterwards (outbox drained) \`GET /api/v1/reconciliation\`: $DIFFS."
} >"$HERE/WRITE-RESULTS.md"
echo "wrote $HERE/WRITE-RESULTS.md"
