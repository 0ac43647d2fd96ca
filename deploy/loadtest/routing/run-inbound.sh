#!/usr/bin/env bash
# Inbound calls beside outbound calls on the same harness, in one run: the same call-routing
# process, the same SIPp scenarios and machine, the same rates. Outbound: a SIPp PBX on 127.0.0.1
# dials numbers of the generated prefix rules, answered by the SIPp trunks. Inbound: a SIPp
# provider on PROVIDER_IP (the host of a trunk with a DID pool) calls DIDs of that pool; an inbound
# rule sends them to a SIPp PBX (the second SIPp trunk, which answers any INVITE). For each rate:
# calls not answered, INVITE->200 p50/p99 and CPU per call of call-routing; the directions
# alternate which goes first from round to round. Appends the figures to RESULTS.md.
# Needs: sipp, python3, the built service jar (./mvnw -pl call-routing-service -am package
# -DskipTests). Kafka: a broker of the load test's own (see common.sh).
# Env: RULES (1000) RATES ("200 500 1000") DURATION seconds per step (20) ROUNDS (3) PAUSE (5)
#      WARMUP (20) PROVIDER_IP (127.0.0.41)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATES="${RATES:-200 500 1000}"; DURATION="${DURATION:-20}"
ROUNDS="${ROUNDS:-3}"; PAUSE="${PAUSE:-5}"; WARMUP="${WARMUP:-20}"
PROVIDER_IP="${PROVIDER_IP:-127.0.0.41}"
export RULES="${RULES:-1000}" WORK_NAME=loadtest-inbound
source "$HERE/common.sh"

python3 "$HERE/gen-inbound.py" "$WORK/inbound" "$PROVIDER_IP" "$T2"
publish_records "$WORK/inbound"
start_service

# outbound NAME RATE ROUND / inbound NAME RATE ROUND: one step of each direction
outbound() { run_rate outbound "$SVC_PID" "$SVC" "$1" "$2"; }
inbound() {
  CALLER_IP="$PROVIDER_IP" NUMBERS="$WORK/inbound/dids.csv" \
    run_rate inbound "$SVC_PID" "$SVC" "$1" "$2"
}

{
  echo
  echo "## Inbound beside outbound $(date -u +%FT%TZ): ${DURATION}s per step, $ROUNDS round(s)"
  echo
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), load average" \
    "before the run: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n1)," \
    "$(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -n1 || true);" \
    "router pinned: ${ROUTER[*]:-no}, SIPp pinned: ${LOADGEN[*]:-no}; JVM: ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}." \
    "Command: \`deploy/loadtest/routing/run-inbound.sh\` (RATES=\"$RATES\")"
  echo
  echo "| direction | round | calls/s offered | answered | failed | not answered % | INVITE->200 p50 ms | p99 ms | CPU ms/call |"
  echo "|---|---|---|---|---|---|---|---|---|"
  first_rate="$(echo "$RATES" | tr ' ' '\n' | sort -n | head -n1)"
  DURATION="$WARMUP" outbound "$first_rate" warmup >/dev/null
  DURATION="$WARMUP" inbound "$first_rate" warmup >/dev/null
  : >"$WORK/rows.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    for rate in $RATES; do
      if [ $(( round % 2 )) = 1 ]; then
        outbound "$rate" "$round"; inbound "$rate" "$round"
      else
        inbound "$rate" "$round"; outbound "$rate" "$round"
      fi
    done
  done
  echo
  python3 "$HERE/summarize.py" "$WORK/rows.tsv" inbound outbound
} | tee -a "$HERE/RESULTS.md"
