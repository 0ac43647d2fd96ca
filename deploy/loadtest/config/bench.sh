#!/usr/bin/env bash
# Benchmark of trunk-config-service on the local cluster (deploy/local/up.sh must be running):
# create-trunk throughput over REST and change -> event latency (POST sent -> record consumed
# from trunk.config.v1), p50/p99. Writes deploy/loadtest/config/RESULTS.md.
# Usage: deploy/loadtest/config/bench.sh [trunks=2000] [concurrency=16]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
N="${1:-2000}"
CONC="${2:-16}"
BASE="${TRUNKLINE_CONFIG_URL:-http://localhost:8081}"
KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
CP_FILE="$ROOT/deploy/local/kafka-broker/target/kafka.classpath"

curl -fsS "$BASE/q/health/ready" >/dev/null || { echo "trunk-config-service is not ready at $BASE: run deploy/local/up.sh" >&2; exit 1; }
[ -s "$CP_FILE" ] || { echo "$CP_FILE missing: build first (./mvnw package -DskipTests)" >&2; exit 1; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
OUT="$(java -Dlog4j2.level=warn -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$(cat "$CP_FILE")" "$HERE/ConfigBench.java" "$BASE" "$KEY" "$BOOTSTRAP" "$N" "$CONC" 2>/dev/null)"
echo "$OUT"
val() { echo "$OUT" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }

cat >"$HERE/RESULTS.md" <<MD
# trunk-config-service benchmark

Run: $(date -u +%Y-%m-%dT%H:%M:%SZ) with \`deploy/loadtest/config/bench.sh $N $CONC\` against the
local cluster (\`deploy/local/up.sh\`: one service JVM with -Xmx512m, one Kafka broker, the
machine's PostgreSQL 15; all on the same host).

Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1).
The machine was shared with other builds while this ran (load average before the run:
$LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)), so the figures are indicative, not a
capacity statement. The trunks are disabled DIGEST trunks on 127.0.0.1 (encrypted password, no
SIP traffic from the registration service).

| metric | value |
|---|---|
| trunks created (201) | $(val ok) of $N (failed: $(val failed)) |
| client concurrency | $CONC |
| create-trunk throughput | $(val throughput_per_s) trunks/s |
| POST latency p50 / p99 | $(val request_ms_p50) ms / $(val request_ms_p99) ms |
| change -> event latency p50 / p99 | $(val event_ms_p50) ms / $(val event_ms_p99) ms ($(val events) events) |

Change -> event latency runs from sending the POST until a consumer (assigned to every
partition of trunk.config.v1, positioned at the end beforehand) receives the record: it
includes the transaction, the outbox relay (woken after each commit, else polling every 500 ms),
the acks=all produce and the consumer's fetch.
MD
echo "wrote $HERE/RESULTS.md"
