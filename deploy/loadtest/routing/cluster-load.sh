#!/usr/bin/env bash
# A short call load through the user's running local cluster (deploy/local/up.sh), the way the
# walk-through places calls: a trunk and an outbound rule of its own over the config API, a SIPp
# trunk that answers, a SIPp PBX that calls at a fixed rate through call-routing. Prints one line
#   cluster-load: LABEL calls=N answered=A failed=F failed_pct=P
# and removes its trunk and rule again, also when it fails. Run it on a fresh cluster and again
# right after deploy/local/test.sh: the suite must leave nothing behind (loops, parked trunks,
# open circuit breakers, half-dead processes) that costs the user's calls anything.
# Usage: cluster-load.sh LABEL [RATE calls/s (50)] [CALLS (1000)]
# Env: TRUNKLINE_PORT_OFFSET / TRUNKLINE_API_KEY as for up.sh; CLUSTER_LOAD_TRUNK_IP (127.0.0.11).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../local/lib.sh"
LABEL="${1:?label}"; RATE="${2:-50}"; CALLS="${3:-1000}"
KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
TRUNK_IP="${CLUSTER_LOAD_TRUNK_IP:-127.0.0.11}"; TRUNK_PORT=$((5098 + PORT_OFFSET))
WORK="$(mktemp -d)"; TRUNK_ID=""; RULE_ID=""; UAS_PID=""
api() {
  curl -fsS -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"
}
cleanup() {
  [ -n "$UAS_PID" ] && kill "$UAS_PID" 2>/dev/null || true
  [ -n "$RULE_ID" ] && api -X DELETE "http://localhost:$CONFIG_PORT/api/v1/outbound-rules/$RULE_ID" || true
  [ -n "$TRUNK_ID" ] && api -X DELETE "http://localhost:$CONFIG_PORT/api/v1/trunks/$TRUNK_ID" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
json_id() { python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])'; }

# the run's own names: a crashed earlier run's leftovers cannot collide with this one
RUN="cluster-load-$$-$(date +%s)"
TRUNK_ID=$(api "http://localhost:$CONFIG_PORT/api/v1/trunks" -d '{"name":"'"$RUN"'-trunk",
  "host":"'"$TRUNK_IP"'","port":'"$TRUNK_PORT"',"authMode":"IP","optionsPing":false}' | json_id)
RULE_ID=$(api "http://localhost:$CONFIG_PORT/api/v1/outbound-rules" -d '{"name":"'"$RUN"'-rule",
  "priority":1,"match":{"prefixes":["0777"]},"routes":[{"trunkId":"'"$TRUNK_ID"'"}]}' | json_id)

# in -bg mode SIPp's launcher exits 99 ("no call processed") once the daemon runs
sipp -sf "$HERE/trunk-uas.xml" -i "$TRUNK_IP" -p "$TRUNK_PORT" -bg -nostdin \
  >"$WORK/uas.log" 2>&1 || [ $? = 99 ]
UAS_PID=$(pgrep -n -f "sipp -sf $HERE/trunk-uas.xml -i $TRUNK_IP -p $TRUNK_PORT")

# the rule reaches call-routing through Kafka: wait until resolve names the trunk
for _ in $(seq 1 100); do
  api "http://localhost:$ROUTING_PORT/api/v1/routing/resolve" \
    -d '{"caller":"101","dialled":"07770000"}' 2>/dev/null | grep -q "$TRUNK_ID" && break
  sleep 0.2
done
seq -f '0777%07g' 1 "$CALLS" | sed '1i SEQUENTIAL' >"$WORK/numbers.csv"
(cd "$WORK" && timeout $((CALLS / RATE + 60)) sipp -sf "$HERE/pbx-uac.xml" -inf numbers.csv \
  -i 127.0.0.1 -r "$RATE" -m "$CALLS" -l $((RATE * 4)) -trace_stat -stf stat.csv \
  -timeout $((CALLS / RATE + 50)) -nostdin "127.0.0.1:$ROUTING_SIP_PORT" >sipp.log 2>&1) || true
python3 - "$WORK/stat.csv" "$LABEL" "$CALLS" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
h, last = rows[0], rows[-1]
ok = int(last[h.index("SuccessfulCall(C)")])
calls = int(sys.argv[3])
print("cluster-load: %s calls=%d answered=%d failed=%d failed_pct=%.2f"
      % (sys.argv[2], calls, ok, calls - ok, 100.0 * (calls - ok) / calls))
PY
