#!/usr/bin/env bash
# Checks the monitoring of deploy/monitoring against a real Prometheus and the real local cluster
# (every panel and alert must work against what the services really export):
#  1. promtool: the config and rules are valid, the alert unit tests pass;
#  2. starts the local cluster (deploy/local/up.sh) unless it is already up, and Debian's
#     Prometheus on a free port scraping it every 2 s, with a test copy of the rules whose
#     `for:` is 10 s;
#  3. scenario through the cluster: SIPp peers on 127.0.0.1 (a registrar answering 403, one
#     answering 200, a trunk answering calls, a trunk answering 503), trunks and an outbound
#     rule created through trunk-config's REST API, calls from a SIPp PBX through call-routing
#     (one fails over from the 503 trunk, one dials a number no rule matches);
#  4. evaluates every dashboard panel query and every alert expression through /api/v1/query
#     (query-check.py): fails on an error, a metric never scraped, or a panel without data;
#  5. waits for TrunkRegistrationFailed to fire for the trunk whose registrar answers 403, and
#     TrunkFailoverRateHigh for the trunk answering 503, and TrunkDown once a pinged peer is gone.
# CHECK_ALLOW_EMPTY="title ..." names panels allowed to return no data; CHECK_ALLOW_MISSING="metric ..."
# names metrics a service does not export yet (their queries must still be valid PromQL).
# Cleans up what it made: trunks and rule, SIPp, Prometheus, and the cluster if it started it.
# Needs: java, curl, python3, sipp; installs Debian's prometheus when missing (as root).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
API_KEY="${TRUNKLINE_API_KEY:-local-dev-key}"
CONFIG_URL=http://localhost:8081
WORK="$(mktemp -d /tmp/trunkline-promcheck.XXXXXX)"
RUN="pc$$"          # unique suffix of this run's trunk and rule names
PIDS=()
CREATED=()          # REST paths to DELETE at the end, in order
STARTED_CLUSTER=0

log() { printf '\033[1m[check-prometheus]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[check-prometheus] %s\033[0m\n' "$*" >&2; exit 1; }

cleanup() {
  local rc=$?
  for ((i = ${#CREATED[@]} - 1; i >= 0; i--)); do
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $API_KEY" "$CONFIG_URL${CREATED[$i]}" || true
  done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$STARTED_CLUSTER" = 1 ]; then "$ROOT/deploy/local/down.sh" >/dev/null 2>&1 || true; fi
  if [ "$rc" != 0 ]; then log "logs kept in $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
free_udp_port() {
  python3 -c 'import socket
while True:
    u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);u.bind(("127.0.0.1",0));p=u.getsockname()[1]
    t=socket.socket()
    try:
        t.bind(("127.0.0.1",p));print(p);break
    except OSError:
        pass'
}
api() { # METHOD PATH [JSON] -> body on stdout; fails on a non-2xx answer
  local out code
  out="$(curl -sS -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$CONFIG_URL$2")"
  code="${out##*$'\n'}"
  [[ "$code" == 2* ]] || die "$1 $2 answered $code: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
json_field() { python3 -c "import json,sys;print(json.load(sys.stdin)$1)"; }
ready() { curl -fsS "http://localhost:$1/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; }

# --- 1. tools and static checks ---------------------------------------------------------
for tool in java curl python3 sipp; do command -v "$tool" >/dev/null || die "$tool is needed"; done
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  log "installing Debian's prometheus"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq prometheus >/dev/null; }
fi
promtool check config "$HERE/prometheus.yml" >/dev/null
promtool check rules "$HERE/rules/trunkline-alerts.yml" >/dev/null
promtool test rules "$HERE/rules/trunkline-alerts.test.yml"

# --- 2. cluster and Prometheus --------------------------------------------------------------
if ready 8081 && ready 8082 && ready 8083; then
  log "local cluster already up"
else
  log "starting the local cluster (deploy/local/up.sh)"
  STARTED_CLUSTER=1
  "$ROOT/deploy/local/up.sh" >"$WORK/up.log" 2>&1 || { tail -n 30 "$WORK/up.log"; die "deploy/local/up.sh failed"; }
fi

PROM_PORT="$(free_port)"
PROM="http://127.0.0.1:$PROM_PORT"
mkdir -p "$WORK/rules"
# Test copy of the rules: every `for:` shortened to 10 s, so the alerts fire within the check.
sed -E 's/^([[:space:]]+for:).*/\1 10s/' "$HERE/rules/trunkline-alerts.yml" >"$WORK/rules/trunkline-alerts.yml"
sed -E -e 's/^(  scrape_interval:).*/\1 2s/' -e 's/^(  evaluation_interval:).*/\1 2s/' \
  "$HERE/prometheus.yml" >"$WORK/prometheus.yml"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
  up="$(curl -fsS "$PROM/api/v1/query?query=sum(up)" 2>/dev/null | json_field '["data"]["result"][0]["value"][1]' 2>/dev/null || true)"
  [ "$up" = 3 ] && break
  sleep 1
done
[ "${up:-}" = 3 ] || { tail -n 20 "$WORK/prometheus.log"; die "Prometheus does not scrape the 3 services (up=${up:-none})"; }
log "Prometheus on :$PROM_PORT scrapes the 3 services"

# --- 3. scenario -------------------------------------------------------------------------
start_peer() { # scenario port
  (cd "$WORK" && exec sipp -sf "$HERE/sipp/$1.xml" -i 127.0.0.1 -p "$2" -nostdin -trace_err \
    -error_file "$WORK/$1.err" >"$WORK/$1.out" 2>&1) &
  PIDS+=($!)
}
P403="$(free_udp_port)"; start_peer registrar-403 "$P403"
P200="$(free_udp_port)"; start_peer registrar-200 "$P200"
PANS="$(free_udp_port)"; start_peer trunk-answer "$PANS"; ANSWER_PID="${PIDS[-1]}"
P503="$(free_udp_port)"; start_peer trunk-503 "$P503"
sleep 1

REFUSED="refused-$RUN"
LAST_ID=""
trunk() { # name port authMode -> LAST_ID (no subshell: CREATED must keep the path for cleanup)
  local body
  if [ "$3" = REGISTER ]; then
    body="{\"name\":\"$1\",\"host\":\"127.0.0.1\",\"port\":$2,\"transport\":\"UDP\",\"authMode\":\"REGISTER\",\"username\":\"1001\",\"password\":\"check-$RUN\",\"registerExpires\":600,\"optionsPing\":false}"
  else
    body="{\"name\":\"$1\",\"host\":\"127.0.0.1\",\"port\":$2,\"transport\":\"UDP\",\"authMode\":\"IP\",\"optionsPing\":true,\"optionsIntervalSeconds\":5}"
  fi
  api POST /api/v1/trunks "$body" >"$WORK/created.json"
  LAST_ID="$(json_field '["id"]' <"$WORK/created.json")"
  CREATED+=("/api/v1/trunks/$LAST_ID")
}
trunk "$REFUSED" "$P403" REGISTER
trunk "registered-$RUN" "$P200" REGISTER
trunk "answers-$RUN" "$PANS" IP; GOOD_ID="$LAST_ID"
trunk "overloaded-$RUN" "$P503" IP; BAD_ID="$LAST_ID"
api POST /api/v1/outbound-rules "{\"name\":\"check-$RUN\",\"priority\":1,\"match\":{\"prefixes\":[\"99\"]},\"strategy\":\"PRIORITIZED\",\"routes\":[{\"trunkId\":\"$BAD_ID\",\"stripDigits\":2},{\"trunkId\":\"$GOOD_ID\",\"stripDigits\":2}]}" >"$WORK/created.json"
RULE_ID="$(json_field '["id"]' <"$WORK/created.json")"
CREATED+=("/api/v1/outbound-rules/$RULE_ID")
log "created trunks $REFUSED (registrar :$P403 answers 403), registered-$RUN (:$P200), answers-$RUN (:$PANS), overloaded-$RUN (:$P503) and rule check-$RUN"

# call-routing must know the rule and see both trunks available (UP after 2 OPTIONS answers).
for _ in $(seq 1 60); do
  n="$(curl -s -X POST -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
    --data '{"caller":"101","dialled":"99123456"}' http://localhost:8083/api/v1/routing/resolve \
    | python3 -c 'import json,sys
try: print(sum(1 for c in json.load(sys.stdin).get("candidates", []) if c.get("available")))
except Exception: print(0)')"
  [ "$n" = 2 ] && break
  sleep 1
done
[ "$n" = 2 ] || log "warning: call-routing does not offer both trunks for 99123456 yet ($n available)"

PBX="$(free_udp_port)"
log "placing 2 + 3 calls (99123456) through call-routing, and 1 to a number no rule matches"
calls() { # count: calls of 3 s from a SIPp PBX; the first route answers 503, the second 200
  (cd "$WORK" && sipp -sn uac 127.0.0.1:5060 -i 127.0.0.1 -p "$PBX" -s 99123456 -m "$1" -r 5 -d 3000 \
    -nostdin -timeout 40s >>"$WORK/calls.out" 2>&1) || log "warning: some calls failed (see $WORK/calls.out)"
}
# Two batches a few scrapes apart, so that rate() sees the counters grow (not only appear).
calls 2
sleep 5
calls 3
(cd "$WORK" && sipp -sn uac 127.0.0.1:5060 -i 127.0.0.1 -p "$PBX" -s 5550000 -m 1 \
  -nostdin -timeout 10s >"$WORK/noroute.out" 2>&1) || true   # expected: 404, counted as rejected

# A few scrapes after the calls, so that rate() has two samples around them.
sleep 8

# --- 4. every panel and every alert through Prometheus ----------------------------------------
python3 "$HERE/query-check.py" "$PROM" "$HERE/grafana/dashboards" "$WORK/rules/trunkline-alerts.yml" \
  --allow-empty ${CHECK_ALLOW_EMPTY:-} --allow-missing ${CHECK_ALLOW_MISSING:-}

# --- 5. the alerts fire on the real metrics ---------------------------------------------------
alert_state() { # alertname trunk
  curl -fsS "$PROM/api/v1/alerts" | python3 -c "import json,sys
a=[x for x in json.load(sys.stdin)['data']['alerts'] if x['labels'].get('alertname')=='$1' and x['labels'].get('trunk')=='$2']
print(a[0]['state'] if a else 'inactive')"
}
wait_alert() { # alertname trunk
  local state=inactive
  log "waiting for $1{trunk=\"$2\"} to fire"
  for _ in $(seq 1 90); do
    state="$(alert_state "$1" "$2")"
    [ "$state" = firing ] && return 0
    sleep 1
  done
  die "$1 did not fire for $2 (state: $state)"
}
# The registrar of $REFUSED answers 403, so TrunkRegistrationFailed must fire for it.
wait_alert TrunkRegistrationFailed "$REFUSED"
# Every call tried overloaded-$RUN first (503) and failed over: 50 % failovers.
wait_alert TrunkFailoverRateHigh "overloaded-$RUN"
# The provider behind answers-$RUN goes away: 3 unanswered OPTIONS make the trunk DOWN.
kill "$ANSWER_PID"
wait_alert TrunkDown "answers-$RUN"
curl -fsS "$PROM/api/v1/alerts" | python3 -c "import json,sys
for a in json.load(sys.stdin)['data']['alerts']:
    print('  alert', a['labels']['alertname'], a['labels'].get('trunk', ''), a['state'])"
log "OK: every panel and alert query is valid; fired: TrunkRegistrationFailed ($REFUSED), TrunkFailoverRateHigh (overloaded-$RUN), TrunkDown (answers-$RUN)"
