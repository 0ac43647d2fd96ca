#!/usr/bin/env bash
# Media anchoring figures (what anchoring RTP through rtpengine costs): calls per second with anchoring on, call-routing's CPU per
# call with and without anchoring, and the setup latency the offer/answer round trips add.
# SIPp PBX -> call-routing -> SIPp trunk on 127.0.0.1, every call with RTP both ways (AUDIO_MS of
# A-law from each side, SIPp's rtp_stream); one rule passes media through, one anchors it in a
# real rtpengine (Debian's rtpengine-daemon, user space). Same rates, same rounds, the two modes
# alternating which goes first. Per step: answered/failed calls, INVITE->200 p50/p99 (SIPp's
# response time), CPU ms per answered call of call-routing (its /proc ticks), and for anchored
# steps the mean ng offer round trip (media_offer_seconds) and what rtpengine holds afterwards.
# Runs on an instance of its own beside any other (TRUNKLINE_PORT_OFFSET, default 20000, and
# its own state dir): Kafka, rtpengine (lib.sh), the service from its jar
# (./mvnw -pl call-routing-service -am package -DskipTests). With two or more CPUs the service
# runs on CPU 0, SIPp and rtpengine on CPU 1.
# Env: RATES ("100 200 400") DURATION seconds per step (15) ROUNDS (2) AUDIO_MS (200)
#      WARMUP seconds at the lowest rate per mode first (15).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export TRUNKLINE_PORT_OFFSET="${TRUNKLINE_PORT_OFFSET:-20000}"
export TRUNKLINE_LOCAL_DIR="${TRUNKLINE_LOCAL_DIR:-$(cd "$HERE/../../.." && pwd)/.local/loadtest-media}"
# a fresh instance every run: the topics must hold exactly this run's two trunks and rules
"$HERE/../../local/down.sh" --purge >/dev/null 2>&1 || true
source "$HERE/../../local/lib.sh"
RATES="${RATES:-100 200 400}"; DURATION="${DURATION:-15}"; ROUNDS="${ROUNDS:-2}"
AUDIO_MS="${AUDIO_MS:-200}"; WARMUP="${WARMUP:-15}"
WORK="$STATE/run"; rm -rf "$WORK"; mkdir -p "$WORK"
SVC=$((5060 + PORT_OFFSET)); HTTP=$((8083 + PORT_OFFSET)); TRUNK=$((5090 + PORT_OFFSET))
if [ "$(nproc)" -ge 2 ]; then ROUTER=(taskset -c 0); LOADGEN=(taskset -c 1); else ROUTER=(); LOADGEN=(); fi
PIDS_TO_STOP=()
cleanup() {
  for p in "${PIDS_TO_STOP[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 2
  for p in "${PIDS_TO_STOP[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  "$HERE/../../local/down.sh" >/dev/null 2>&1 || true   # this instance's Kafka and rtpengine
}
trap cleanup EXIT

JAR="$ROOT/call-routing-service/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || die "build the service first: ./mvnw -pl call-routing-service -am package -DskipTests"
command -v sipp >/dev/null || die "sipp is needed (apt-get install sip-tester)"

python3 "$HERE/state.py" "$WORK" "$TRUNK"
python3 - "$WORK/audio.wav" "$AUDIO_MS" <<'PY'
import struct, sys
n = 8 * int(sys.argv[2]); data = bytes((0xd5 ^ (i & 15)) for i in range(n))
open(sys.argv[1], "wb").write(b"RIFF" + struct.pack("<I", 36 + n) + b"WAVEfmt "
    + struct.pack("<IHHIIHH", 16, 6, 1, 8000, 8000, 1, 8) + b"data" + struct.pack("<I", n) + data)
PY
for f in pbx-rtp trunk-rtp; do
  sed -e "s#@WAV@#$WORK/audio.wav#g" -e "s#@PAUSE@#$((AUDIO_MS + 300))#g" "$HERE/$f.xml" >"$WORK/$f.xml"
done

ensure_kafka
publish_records "$WORK"
ensure_rtpengine
RTPE_PID="$(cat "$PIDS/rtpengine.pid")"
[ "${#LOADGEN[@]}" -gt 0 ] && taskset -p -c 1 "$RTPE_PID" >/dev/null

TRUNKLINE_SIP_PORT=$SVC QUARKUS_HTTP_PORT=$HTTP TRUNKLINE_API_KEYS=load \
  TRUNKLINE_ROUTING_PBX_CIDRS=127.0.0.1/32 KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
  TRUNKLINE_ROUTING_PUBLISH_EVENTS=false TRUNKLINE_MEDIA_INSTANCES="127.0.0.1:$RTPENGINE_NG_PORT" \
  "${ROUTER[@]}" java ${JAVA_OPTS:-$(jvm_options call-routing-service)} -jar "$JAR" \
  >"$WORK/service.log" 2>&1 &
SVC_PID=$!; PIDS_TO_STOP+=("$SVC_PID")
await_ready "$HTTP" || die "call-routing not ready: see $WORK/service.log"
curl -fsS "http://127.0.0.1:$HTTP/q/health/ready" | grep -q '"rules": *2\b' \
  || die "the service holds other rules than this run's 2: run TRUNKLINE_PORT_OFFSET=$TRUNKLINE_PORT_OFFSET deploy/local/down.sh --purge first"

"${LOADGEN[@]}" sipp -sf "$WORK/trunk-rtp.xml" -i 127.0.0.1 -p "$TRUNK" -mp 34000 -nostdin \
  >"$WORK/trunk.log" 2>&1 &
PIDS_TO_STOP+=("$!"); sleep 1

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
metric() { curl -fsS "http://127.0.0.1:$HTTP/q/metrics" | awk -v m="$1" '$1 == m {print $2}'; }
ng_sessions() {
  timeout 2 bash -c "exec 3<>/dev/udp/127.0.0.1/$RTPENGINE_NG_PORT; printf 'l1 d7:command10:statisticse' >&3; \
    timeout 1 dd bs=65535 count=1 <&3 2>/dev/null" | grep -o '11:sessionsowni[0-9]*e' | grep -o '[0-9]*e$' | tr -d e
}

# run_step MODE PREFIX RATE ROUND -> one table row (and a line in rows.tsv)
run_step() {
  local mode="$1" prefix="$2" rate="$3" round="$4" calls=$(( $3 * DURATION )) dir before after s0 c0 s1 c1
  dir="$WORK/$mode-$rate-$round"; mkdir -p "$dir"
  before=$(cpu_ticks "$SVC_PID"); s0=$(metric media_offer_seconds_sum); c0=$(metric media_offer_seconds_count)
  (cd "$dir" && timeout $(( DURATION + 60 )) "${LOADGEN[@]}" sipp -sf "$WORK/pbx-rtp.xml" -s "${prefix}2345" \
    -i 127.0.0.1 -p $((SVC + 1)) -mp 36000 -r "$rate" -m "$calls" -l $(( rate * 4 )) \
    -trace_stat -stf stat.csv -trace_rtt -rtt_freq 1 -timeout $(( DURATION + 50 )) -nostdin \
    "127.0.0.1:$SVC" >sipp.log 2>&1) || true
  after=$(cpu_ticks "$SVC_PID"); s1=$(metric media_offer_seconds_sum); c1=$(metric media_offer_seconds_count)
  sleep 2
  python3 - "$dir" "$mode" "$rate" "$calls" "$(( after - before ))" "$(getconf CLK_TCK)" "$round" \
    "$WORK/rows.tsv" "$s0" "$c0" "$s1" "$c1" "$(ng_sessions)" <<'PY'
import csv, glob, sys
d, mode, rate, calls, ticks, hz, rnd, rows_file = sys.argv[1:9]
rate, calls, ticks, hz = int(rate), int(calls), int(ticks), int(hz)
s0, c0, s1, c1 = (float(x or 0) for x in sys.argv[9:13]); held = sys.argv[13] or "?"
rows = list(csv.reader(open(d + "/stat.csv"), delimiter=";"))
h, last = rows[0], rows[-1]
ok = int(last[h.index("SuccessfulCall(C)")]); failed = int(last[h.index("FailedCall(C)")])
rtt = sorted(float(r[1]) for f in glob.glob(d + "/*_rtt.csv") for r in list(csv.reader(open(f), delimiter=";"))[1:])
pct = lambda p: rtt[min(len(rtt) - 1, int(len(rtt) * p))] if rtt else float("nan")
cpu = ticks * 1000.0 / hz / max(ok, 1)
offer = (s1 - s0) / (c1 - c0) * 1000 if c1 > c0 else float("nan")
print("| %s | %s | %d | %d | %d | %.2f %% | %.1f | %.1f | %.3f | %s | %s |" % (mode, rnd, rate, ok, failed,
      100.0 * (calls - ok) / max(calls, 1), pct(0.5), pct(0.99), cpu,
      "%.2f" % offer if c1 > c0 else "-", held if mode == "anchored" else "-"))
with open(rows_file, "a") as f:
    f.write("%s\t%d\t%s\t%.4f\t%.2f\t%.2f\t%.4f\t%.3f\n" % (mode, rate, rnd, 100.0 * (calls - ok) / max(calls, 1),
            pct(0.5), pct(0.99), cpu, offer))
PY
  sleep 3
}

{
  echo
  echo "## Media run $(date -u +%FT%TZ): rates $RATES, ${DURATION}s per step, $ROUNDS round(s), ${AUDIO_MS} ms of audio each way per call"
  echo
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n1)), $(free -g | awk '/Mem:/{print $2}') GiB," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), $(java -version 2>&1 | head -n1), $(rtpengine --version 2>&1 | head -n1)," \
    "$(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -n1 || true); service pinned: ${ROUTER[*]:-no}," \
    "SIPp and rtpengine pinned: ${LOADGEN[*]:-no}. Load before: $(uptime | sed 's/.*load average: //')"
  echo
  echo "| media | round | calls/s offered | answered | failed | not answered % | INVITE->200 p50 ms | p99 ms | call-routing CPU ms/call | ng offer mean ms | rtpengine sessions after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  first_rate="$(echo "$RATES" | tr ' ' '\n' | sort -n | head -n1)"
  DURATION="$WARMUP" run_step passed 61 "$first_rate" warmup >/dev/null
  DURATION="$WARMUP" run_step anchored 62 "$first_rate" warmup >/dev/null
  : >"$WORK/rows.tsv"
  for round in $(seq 1 "$ROUNDS"); do
    for rate in $RATES; do
      if [ $(( round % 2 )) = 1 ]; then
        run_step passed 61 "$rate" "$round"; run_step anchored 62 "$rate" "$round"
      else
        run_step anchored 62 "$rate" "$round"; run_step passed 61 "$rate" "$round"
      fi
    done
  done
  # what rtpengine still holds once the load is gone: 0, or (deletes lost to an overloaded relay)
  # the relay calls its own 60 s RTP timeout removes
  left="$(ng_sessions)"; waited=0
  while [ "${left:-0}" != 0 ] && [ "$waited" -lt 90 ]; do sleep 5; waited=$((waited + 5)); left="$(ng_sessions)"; done
  echo
  echo "rtpengine sessions ${waited} s after the last step: ${left:-?}. Load after: $(uptime | sed 's/.*load average: //')"
  echo
  python3 "$HERE/summarize.py" "$WORK/rows.tsv"
} | tee -a "$HERE/RESULTS.md"
