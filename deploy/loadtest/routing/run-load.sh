#!/usr/bin/env bash
# Routing throughput against a known-good reference: SIPp PBX -> call-routing-service -> SIPp trunks with 10,000 generated prefix
# rules, then the same through Kamailio (mtree longest prefix, strip/prepend, failure-route
# failover) in the same run. For each offered rate: failed calls, INVITE->200 p50/p99 and CPU
# per call of the system under test. Appends the figures to RESULTS.md.
# Needs: sipp, kamailio (apt-get install -y kamailio), python3, the built service jar
# (./mvnw -pl call-routing-service package -DskipTests). Kafka: deploy/local/lib.sh's broker on
# :9092 (started if absent); the generated trunks and rules are added to its topics, so run it on
# a scratch local cluster, not one holding real configuration. SIP ports 5091/5092/5160/5170.
# Each step (system x rate) gets fresh SIPp trunks and a pause, the systems alternate which goes
# first from round to round, and with two or more CPUs the router is pinned to CPU 0 and every
# SIPp to CPU 1 (one core for the router, SIPp on the other, so that the load generator does not steal the
# router's CPU).
# Env: RULES (10000) RATES ("500 1000 2000") DURATION seconds per step (20) ROUNDS (3)
#      PAUSE seconds between steps (5) WARMUP seconds of unrecorded calls per system first (20)
#      SYSTEMS ("call-routing kamailio"; "call-routing" alone for collector trials)
#      RESULTS_FILE (RESULTS.md beside this script; another file for trial runs)
#      LOADTEST_SIP_SHIFT added to every SIP/HTTP port (0), LOADTEST_PORT_OFFSET for Kafka (30000).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATES="${RATES:-500 1000 2000}"; DURATION="${DURATION:-20}"
ROUNDS="${ROUNDS:-3}"; PAUSE="${PAUSE:-5}"; WARMUP="${WARMUP:-20}"
SYSTEMS="${SYSTEMS:-call-routing kamailio}"
source "$HERE/common.sh"

start_service

# Kamailio with the same rules
KAM_PID=""
if [[ " $SYSTEMS " == *" kamailio "* ]]; then
sed -e "s#@KPORT@#$KAM#g" -e "s#@DIR@#$WORK#g" "$HERE/kamailio.cfg.tmpl" >"$WORK/kamailio.cfg"
"${ROUTER[@]}" kamailio -x tlsf -m "${KAM_SHM_MB:-2048}" -M 16 -f "$WORK/kamailio.cfg" -P "$WORK/kamailio.pid" -DD -E >"$WORK/kamailio.log" 2>&1 &
KAM_PID=$!; PIDS_TO_STOP+=("$KAM_PID"); sleep 2
fi
# one step of a system, unless SYSTEMS leaves it out (collector trials: call-routing alone)
step() {
  case " $SYSTEMS " in *" $1 "*) ;; *) return 0 ;; esac
  if [ "$1" = call-routing ]; then run_rate call-routing "$SVC_PID" "$SVC" "${@:2}"; else run_rate kamailio "$KAM_PID" "$KAM" "${@:2}"; fi
}

{
  echo
  echo "## Load run $(date -u +%FT%TZ): $RULES prefix rules, ${DURATION}s per step, $ROUNDS round(s)"
  echo
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), $(free -g | awk '/Mem:/{print $2}') GiB," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1)," \
    "$(kamailio -v 2>/dev/null | head -n1 | awk '{print $2, $3}' || true)," \
    "$(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -n1 || true);" \
    "router pinned: ${ROUTER[*]:-no}, SIPp pinned: ${LOADGEN[*]:-no};" \
    "Kamailio: kamailio.cfg.tmpl with -x tlsf -m ${KAM_SHM_MB:-2048} -M 16;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg); JVM: ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}"
  echo
  echo "| system | round | calls/s offered | answered | failed | not answered % | INVITE->200 p50 ms | p99 ms | CPU ms/call |"
  echo "|---|---|---|---|---|---|---|---|---|"
  # JIT warm-up (and Kamailio's first allocations): the lowest rate, not recorded
  first_rate="$(echo "$RATES" | tr ' ' '\n' | sort -n | head -n1)"
  DURATION="$WARMUP" step call-routing "$first_rate" warmup >/dev/null
  DURATION="$WARMUP" step kamailio "$first_rate" warmup >/dev/null
  : >"$WORK/rows.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    for rate in $RATES; do
      if [ $(( round % 2 )) = 1 ]; then
        step call-routing "$rate" "$round"
        step kamailio "$rate" "$round"
      else
        step kamailio "$rate" "$round"
        step call-routing "$rate" "$round"
      fi
    done
  done
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)." \
    "call-routing RSS at the end: $(ps -o rss= -p "$SVC_PID" | awk '{printf "%d", $1 / 1024}') MiB."
  echo
  python3 "$HERE/summarize.py" "$WORK/rows.tsv"
} | tee -a "${RESULTS_FILE:-$HERE/RESULTS.md}"
