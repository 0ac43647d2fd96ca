#!/usr/bin/env bash
# A soak of call-routing-service, to show that state and heap stay flat over time (no leak of
# transactions, dialogs or calls), at RATE calls/s for MINUTES minutes
# (SIPp PBX -> service -> SIPp trunks, 10,000 prefix rules, router on CPU 0 and SIPp on CPU 1).
# Every SAMPLE seconds it reads the service's live SIP transactions and dialogs, its active calls
# and its lingering (answered, absorbing retransmissions for 32 s) transactions (/q/metrics), and takes the heap after every GC from the JVM's GC log. After the load it
# waits for the transactions' last timers (timer D: 32 s) and checks nothing is left.
# Appends the figures and a plot to soak-RESULTS.md. Same needs and ports as run-load.sh.
# Before the soak, like run-load.sh, WARMUP seconds at WARMUP_RATE calls/s warm the JIT up, not
# counted (a cold JVM on its one core falls behind at 1,000 calls/s: RESULTS.md "Cold start").
# Env: RATE (1000) MINUTES (10) SAMPLE seconds (30) RULES (10000) WARMUP seconds (20, 0 = cold)
#      WARMUP_RATE (200); GC_EXTRA_LOG more -Xlog options.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATE="${RATE:-1000}"; MINUTES="${MINUTES:-10}"; SAMPLE="${SAMPLE:-30}"
WARMUP="${WARMUP:-20}"; WARMUP_RATE="${WARMUP_RATE:-200}"
export WARMUP WARMUP_RATE
WORK_NAME=loadtest-soak
source "$HERE/common.sh"
JAVA_OPTS="${JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -Xlog:gc:file=$WORK/gc.log ${GC_EXTRA_LOG:-}"
start_service
start_trunks; sleep 1

metric() { # sum of a metric's samples, 0 when absent
  curl -fsS "http://127.0.0.1:$HTTP/q/metrics" 2>/dev/null \
    | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $2 } END { printf "%d", s }'
}
sample() { # elapsed transactions dialogs active-calls lingering
  echo "$1	$(metric sip_transactions_live)	$(metric sip_dialogs_live)	$(metric trunk_active_calls)	$(metric sip_transactions_lingering)"
}

# the live heap: after a full GC before the load and again once every timer has ended (a class
# histogram forces one; the histograms stay in the work directory for comparison)
full_gc() {
  jcmd "$SVC_PID" GC.class_histogram >"$WORK/$1.histo" 2>&1 || true
  sleep 1
  grep "Pause Full" "$WORK/gc.log" | tail -n1 >"$WORK/$1"
}
if [ "$WARMUP" -gt 0 ]; then
  mkdir -p "$WORK/warmup"
  (cd "$WORK/warmup" && "${LOADGEN[@]}" sipp -sf "$HERE/pbx-uac.xml" -inf "$WORK/numbers.csv" \
    -i 127.0.0.1 -r "$WARMUP_RATE" -m $(( WARMUP_RATE * WARMUP )) -timeout $(( WARMUP + 60 )) \
    -nostdin "127.0.0.1:$SVC" >sipp.log 2>&1) || true
  sleep 40 # the warm-up's last transactions end (timers D, J, L: 32 s): the soak starts from 0
fi
full_gc full-gc-before

calls=$(( RATE * MINUTES * 60 ))
wc -l <"$WORK/gc.log" >"$WORK/gc-start"  # collections before this line are the start-up's
mkdir -p "$WORK/soak"
(cd "$WORK/soak" && "${LOADGEN[@]}" sipp -sf "$HERE/pbx-uac.xml" -inf "$WORK/numbers.csv" \
  -i 127.0.0.1 -r "$RATE" -m "$calls" -l $(( RATE * 4 )) -trace_stat -stf stat.csv \
  -trace_rtt -rtt_freq 100 -timeout $(( MINUTES * 60 + 60 )) -nostdin "127.0.0.1:$SVC" \
  >sipp.log 2>&1) &
SIPP=$!
start=$(date +%s)
: >"$WORK/samples.tsv"
while kill -0 "$SIPP" 2>/dev/null; do
  sleep "$SAMPLE"
  sample $(( $(date +%s) - start )) >>"$WORK/samples.tsv"
done
wait "$SIPP" || true
sleep 40
sample "end+40s" >>"$WORK/samples.tsv"
full_gc full-gc-after

python3 "$HERE/soak-report.py" "$WORK" "$RATE" "$MINUTES" "$calls" | tee -a "$HERE/soak-RESULTS.md"
