#!/usr/bin/env bash
# Calls per second and CPU per call over TLS next to UDP, on the routing load test's harness:
# SIPp PBX (UDP) -> call-routing-service -> a trunk that is Kamailio answering INVITE 200 and BYE
# 200 statelessly, once on its UDP port and once on its TLS port (certificate from a test CA that
# openssl makes at run time in the run's directory; call-routing checks it, tlsVerify on). Same
# call shape as deploy/loadtest/routing (INVITE -> 200 -> ACK -> 1 s -> BYE, routing/pbx-uac.xml).
# For each transport and offered rate: answered / failed calls, INVITE->200 p50/p99 at the PBX,
# CPU ms per answered call of call-routing and of Kamailio (utime+stime from /proc), and for the
# whole run the TLS handshakes made towards the trunk (ClientHellos and SYNs to Kamailio's TLS
# port counted with dumpcap; connection reuse should make it one). Appends to RESULTS.md beside this script.
# call-routing (its shipped jvm.options) is pinned to CPU 0, SIPp and Kamailio to CPU 1.
# Needs: sipp, kamailio with its tls module, openssl, dumpcap (tshark), python3, the built jar
# (./mvnw -pl call-routing-service -am package -DskipTests). Kafka: a broker of its own (state in
# .local-loadtest-tls, ports offset by LOADTEST_PORT_OFFSET, 31000).
# Env: RATES ("200 500 1000 2000") DURATION seconds per step (10) ROUNDS (3) PAUSE (3) WARMUP (10)
#      SVC/HTTP/KUDP/KTLS/SVC_TLS ports (5360/8383/5370/5371/5361).
set -euo pipefail
TLS_HERE="$(cd "$(dirname "$0")" && pwd)"
RATES="${RATES:-200 500 1000 2000}"; DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"; PAUSE="${PAUSE:-3}"; WARMUP="${WARMUP:-10}"
export LOADTEST_STATE="${LOADTEST_STATE:-$TLS_HERE/../../../.local-loadtest-tls}"
export LOADTEST_PORT_OFFSET="${LOADTEST_PORT_OFFSET:-31000}"
# routing/common.sh brings the broker, CPU pinning, cpu_ticks and the cleanup trap; its generated
# prefix rule (one, to SIPp trunks this run never starts) sits beside this run's two rules.
HERE="$TLS_HERE/../routing"; RULES=1; WORK_NAME=loadtest-tls
source "$HERE/common.sh"
SVC="${SVC:-5360}"; SVC_TLS="${SVC_TLS:-5361}"; HTTP="${HTTP:-8383}"
KUDP="${KUDP:-5370}"; KTLS="${KTLS:-5371}"
start_trunks() { :; }  # the trunk is Kamailio, started once

# The test CA, Kamailio's certificate (localhost, 127.0.0.1) and call-routing's own (its TLS
# listener, which the Contact of its INVITEs names), made for this run only.
make_certificates() {
  local d="$WORK/pki" n
  mkdir -p "$d"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=Trunkline load test CA" -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  for n in trunk:"DNS:localhost,IP:127.0.0.1" router:"IP:127.0.0.1"; do
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=${n%%:*}" \
      -keyout "$d/${n%%:*}.key" -out "$d/${n%%:*}.csr" 2>/dev/null
    openssl x509 -req -in "$d/${n%%:*}.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
      -days 2 -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "${n#*:}") \
      -out "$d/${n%%:*}.crt" 2>/dev/null
  done
}

start_router() {
  local jar="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar" ready=""
  [ -f "$jar" ] || die "build the service first: ./mvnw -pl call-routing-service -am package -DskipTests"
  TRUNKLINE_SIP_PORT=$SVC TRUNKLINE_SIP_TLS_PORT=$SVC_TLS QUARKUS_HTTP_PORT=$HTTP \
    TRUNKLINE_SIP_TLS_CERTIFICATE="$WORK/pki/router.crt" TRUNKLINE_SIP_TLS_PRIVATE_KEY="$WORK/pki/router.key" \
    TRUNKLINE_SIP_TLS_TRUST_CERTIFICATES="$WORK/pki/ca.crt" TRUNKLINE_API_KEYS=load \
    TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
    TRUNKLINE_ROUTING_PUBLISH_EVENTS=false \
    "${ROUTER[@]}" java ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$jar" >"$WORK/service.log" 2>&1 &
  SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
  for _ in $(seq 1 120); do
    ready="$(curl -fsS "http://127.0.0.1:$HTTP/q/health/ready" 2>/dev/null || true)"
    echo "$ready" | grep -q '"status": *"UP"' && echo "$ready" | grep -q '"rules": *3\b' && return
    kill -0 "$SVC_PID" 2>/dev/null || die "call-routing-service exited: see $WORK/service.log"
    sleep 1
  done
  die "call-routing-service did not hold this run's 3 rules: $ready"
}

# step TRANSPORT RATE ROUND -> a line in $WORK/steps.tsv
step() {
  local transport="$1" rate="$2" round="$3" calls=$(( $2 * DURATION )) dir r0 r1 k0 k1
  dir="$WORK/$transport-$rate-$round"; mkdir -p "$dir"
  r0=$(cpu_ticks "$SVC_PID"); k0=$(cpu_ticks "$KAM_PID")
  (cd "$dir" && timeout $(( DURATION + 40 )) "${LOADGEN[@]}" sipp -sf "$HERE/pbx-uac.xml" \
    -inf "$RECORDS/numbers-$transport.csv" -i 127.0.0.1 -r "$rate" -m "$calls" -l $(( rate * 4 )) \
    -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 -timeout $(( DURATION + 30 )) -nostdin \
    "127.0.0.1:$SVC" >sipp.log 2>&1) || true
  r1=$(cpu_ticks "$SVC_PID"); k1=$(cpu_ticks "$KAM_PID")
  python3 - "$dir" "$transport" "$rate" "$round" "$calls" $(( r1 - r0 )) $(( k1 - k0 )) \
    "$(getconf CLK_TCK)" >>"$WORK/steps.tsv" <<'PY'
import csv, glob, sys
d, transport, rate, rnd, calls, rt, kt, hz = sys.argv[1:9]
rows = list(csv.reader(open(d + "/stat.csv"), delimiter=";"))
h, last = rows[0], rows[-1]
ok = int(last[h.index("SuccessfulCall(C)")]); failed = int(last[h.index("FailedCall(C)")])
rtt = sorted(float(r[1]) for f in glob.glob(d + "/*_rtt.csv")
             for r in list(csv.reader(open(f), delimiter=";"))[1:])
pct = lambda p: rtt[min(len(rtt) - 1, int(len(rtt) * p))] if rtt else float("nan")
per_call = lambda ticks: int(ticks) * 1000.0 / int(hz) / max(ok, 1)
print("\t".join(map(str, (transport, rate, rnd, calls, ok, failed, "%.1f" % pct(0.5),
                           "%.1f" % pct(0.99), "%.3f" % per_call(rt), "%.3f" % per_call(kt)))))
PY
  sleep "$PAUSE"
}

RECORDS="$WORK/tls-records"
"$TLS_HERE/gen-records.py" "$RECORDS" "$KUDP" "$KTLS"
publish_records "$RECORDS"
make_certificates
sed -e "s#@KUDP@#$KUDP#g" -e "s#@KTLS@#$KTLS#g" -e "s#@DIR@#$WORK#g" \
  "$TLS_HERE/kamailio.cfg.tmpl" >"$WORK/kamailio.cfg"
sed -e "s#@DIR@#$WORK/pki#g" "$TLS_HERE/tls.cfg.tmpl" >"$WORK/tls.cfg"
"${LOADGEN[@]}" kamailio -m 256 -M 16 -f "$WORK/kamailio.cfg" -P "$WORK/kamailio.pid" -DD -E \
  >"$WORK/kamailio.log" 2>&1 &
KAM_PID=$!; PIDS_TO_STOP+=("$KAM_PID")
# every TCP SYN and TLS ClientHello towards Kamailio's TLS port, from start to end of the run
dumpcap -q -i lo -w "$WORK/tls-port.pcapng" -f "tcp dst port $KTLS and \
  ((tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn) or \
   (tcp[((tcp[12] & 0xf0) >> 2)] = 0x16 and tcp[((tcp[12] & 0xf0) >> 2) + 5] = 0x01))" \
  >"$WORK/dumpcap.log" 2>&1 &
CAP_PID=$!; PIDS_TO_STOP+=("$CAP_PID")
start_router
kill -0 "$KAM_PID" 2>/dev/null || die "Kamailio exited: see $WORK/kamailio.log"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"; STARTED="$(date -u +%FT%TZ)"

: >"$WORK/steps.tsv"
first_rate="$(echo "$RATES" | tr ' ' '\n' | sort -n | head -n1)"
for transport in udp tls; do  # JIT warm-up, not recorded
  DURATION="$WARMUP" step "$transport" "$first_rate" warmup
done
: >"$WORK/steps.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for rate in $RATES; do
    if [ $(( round % 2 )) = 1 ]; then order="udp tls"; else order="tls udp"; fi
    for transport in $order; do step "$transport" "$rate" "$round"; done
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
sleep 1; kill "$CAP_PID" 2>/dev/null || true; wait "$CAP_PID" 2>/dev/null || true
count() { tshark -r "$WORK/tls-port.pcapng" -d "tcp.port==$KTLS,tls" -Y "$1" 2>/dev/null | wc -l; }
SYNS="$(count 'tcp.flags.syn == 1 && tcp.flags.ack == 0')"
HELLOS="$(count 'tls.handshake.type == 1')"
TLS_CALLS="$(awk -F'\t' '$1 == "tls" {n += $5} END {print n + 0}' "$WORK/steps.tsv")"

{
  echo
  echo "## TLS next to UDP towards the trunk, $STARTED"
  echo
  echo "\`deploy/loadtest/tls/run.sh\` (RATES=\"$RATES\" DURATION=$DURATION ROUNDS=$ROUNDS, order of" \
    "the transports alternated per round). SIPp PBX (UDP) -> call-routing-service -> Kamailio" \
    "answering INVITE/BYE 200 statelessly over UDP or TLS 1.2+ (test CA, certificate and host name" \
    "checked, tlsVerify on); INVITE->200 at the PBX; CPU per answered call from /proc (utime+stime)."
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), $(java -version 2>&1 | head -n1)," \
    "$(kamailio -v 2>/dev/null | head -n1 | awk '{print $2, $3}' || true); call-routing pinned: ${ROUTER[*]:-no}," \
    "SIPp and Kamailio: ${LOADGEN[*]:-no}; JVM: ${JAVA_OPTS:-$DEFAULT_JAVA_OPTS}." \
    "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER (machine shared with other work)."
  echo
  python3 - "$WORK/steps.tsv" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print("| transport | calls/s offered | answered (of offered, per round) | failed | INVITE->200 p50 / p99 ms (median of rounds) | call-routing CPU ms/call | Kamailio CPU ms/call |")
print("|---|---|---|---|---|---|---|")
keys = sorted({(r[0], int(r[1])) for r in rows}, key=lambda k: (k[1], k[0] != "udp"))
for t, rate in keys:
    rs = [r for r in rows if r[0] == t and int(r[1]) == rate]
    med = lambda i: statistics.median(float(r[i]) for r in rs)
    span = lambda i: "%.3f (%.3f-%.3f)" % (med(i), min(float(r[i]) for r in rs), max(float(r[i]) for r in rs))
    print("| %s | %d | %s of %s | %s | %.1f / %.1f | %s | %s |" % (
        t.upper(), rate, "/".join(r[4] for r in rs), rs[0][3], "/".join(r[5] for r in rs),
        med(6), med(7), span(8), span(9)))
PY
  echo
  echo "TLS connections to the trunk over the whole run (warm-up included; $TLS_CALLS answered TLS" \
    "calls recorded): $SYNS TCP connection(s) opened, $HELLOS TLS handshake(s) (ClientHello)." \
    "SIPp measures whole milliseconds: a p50 of 0.0 is under 1 ms."
} | tee -a "$TLS_HERE/RESULTS.md"
