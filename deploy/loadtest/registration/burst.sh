#!/usr/bin/env bash
# Registration burst: N REGISTER trunks with MD5 digest, all due at once (no rate limit), registered
# by registration-service and by Kamailio's uac_reg against the same SIPp registrar
# (registrar-digest.xml: 401, then 200 for the right answer), side by side, ROUNDS rounds with the
# order alternated. The registrar's own clock times both: from the first REGISTER it receives to the
# 200 of the N-th registration. For registration-service it also reports publish -> all 200 (the
# Kafka hop included) and its RSS; for Kamailio, process start -> all 200.
# Usage: deploy/loadtest/registration/burst.sh [trunks=10000] [rounds=3]
# Needs: ./mvnw -pl registration-service -am package -DskipTests, sipp, kamailio. Appends a table to
# burst-results.txt.
# Env: SYSTEMS ("trunkline kamailio"; one of them alone to run only it), PROFILE=cpu|alloc (async-
# profiler loaded into registration-service for each timed phase: collapsed stacks and flame graphs
# to $PROFILE_OUT, default deploy/loadtest/registration/profiles; needs
# ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.0).
set -euo pipefail
N="${1:-10000}"; ROUNDS="${2:-3}"
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../local/lib.sh"
JAR="$ROOT/registration-service/target/quarkus-app/quarkus-run.jar"
CP="$(cat "$ROOT/deploy/local/kafka-broker/target/kafka.classpath"):$ROOT/platform/target/classes"
[ -f "$JAR" ] || { echo "build first: ./mvnw -pl registration-service -am package -DskipTests"; exit 1; }
WORK="$(mktemp -d /tmp/reg-burst.XXXX)"
LOG4J="-Dlog4j2.configurationFile=$ROOT/deploy/local/kafka-broker/log4j2.properties"
KEY="$(head -c 32 /dev/urandom | base64)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
PIDS=()
SYSTEMS="${SYSTEMS:-trunkline kamailio}"
PROFILE="${PROFILE:-}"
PROFILE_OUT="${PROFILE_OUT:-$HERE/profiles}"
if [ -n "$PROFILE" ]; then
  AP_JAR="${AP_JAR:-$HOME/.m2/repository/tools/profiler/async-profiler/4.0/async-profiler-4.0.jar}"
  (cd "$WORK" && unzip -oq "$AP_JAR" 'linux-x64/*')
  mkdir -p "$PROFILE_OUT"
fi
# profiler start|stop PID LABEL: async-profiler around one timed phase (when PROFILE is set)
profiler() {
  [ -n "$PROFILE" ] || return 0
  local interval=1000000; [ "$PROFILE" = alloc ] && interval=524288
  if [ "$1" = start ]; then
    jcmd "$2" JVMTI.agent_load "$WORK/linux-x64/libasyncProfiler.so" \
      "\"start,event=$PROFILE,interval=$interval,threads\"" >/dev/null
  else
    jcmd "$2" JVMTI.agent_load "$WORK/linux-x64/libasyncProfiler.so" \
      "\"stop,collapsed,file=$PROFILE_OUT/$3-$PROFILE.collapsed\"" >/dev/null
    python3 "$HERE/../routing/flame.py" "$PROFILE_OUT/$3-$PROFILE.collapsed" \
      "registration-service, $N-trunk burst, $3: $PROFILE" >"$PROFILE_OUT/$3-$PROFILE.svg"
    # what the live heap holds then (a full GC first)
    jcmd "$2" GC.class_histogram >"$PROFILE_OUT/$3-histogram.txt"
  fi
}
stop() { for p in "$@"; do kill "$p" 2>/dev/null || true; done; for p in "$@"; do wait "$p" 2>/dev/null || true; done; }
cleanup() { stop "${PIDS[@]}"; pkill -f "kamailio -f $WORK/" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# start_registrar DIR: a fresh SIPp registrar on a free port; sets REG_PORT and REG_PID
start_registrar() {
  REG_PORT=$(free_port)
  (cd "$1" && exec sipp -sf "$HERE/registrar-digest.xml" -i 127.0.0.1 -p "$REG_PORT" -t u1 -nostdin \
    -trace_logs -log_file "$1/registrar.log" -max_recv_loops 5000 >"$1/sipp.out" 2>&1) &
  REG_PID=$!; PIDS+=("$REG_PID")
  for _ in $(seq 50); do [ -f "$1/registrar.log" ] || ss -lun | grep -q ":$REG_PORT " && break; sleep 0.1; done
}

# cpu_ms PID...: user+system CPU time of these processes so far, in ms
cpu_ms() {
  local hz; hz=$(getconf CLK_TCK)
  for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done | awk -v hz="$hz" '{t += $14 + $15} END {print int(t * 1000 / hz)}'
}

ok_count() { grep -c " OK " "$1/registrar.log" 2>/dev/null || true; }

# wait_all DIR LIMIT_S [COUNT]: until the registrar has answered 200 to COUNT (N) registrations;
# then T_DONE (ms)
wait_all() {
  local deadline=$(( $(date +%s) + $2 )) want="${3:-$N}"
  until [ "$(ok_count "$1")" -ge "$want" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "only $(ok_count "$1") of $want registered in $2 s" >&2; return 1; }
    sleep 0.05
  done
  T_DONE=$(now_ms)
}

# registrar_window DIR [SKIP]: "<ms from the first REGISTER to the N-th 200> <registrations refused>"
# over the registrar's log after its first SKIP lines
registrar_window() {
  awk -v n="$N" -v skip="${2:-0}" 'NR <= skip {next}
    $2=="R" && first=="" {first=$1} $2=="OK" {ok++; if (ok==n) last=$1} $2=="BAD" {bad++}
    END {printf "%d %d\n", last-first, bad}' "$1/registrar.log"
}

run_trunkline() {
  local dir="$WORK/trunkline-$1"; mkdir -p "$dir/kafka"
  local kport cport sip http; kport=$(free_port); cport=$(free_port); sip=$(free_port); http=$(free_port)
  render_kafka_properties 127.0.0.1 "$kport" "$cport" "$dir/kafka" >"$dir/server.properties"
  java $LOG4J -cp "$CP" kafka.tools.StorageTool format -t "$(uuidgen | tr -d - | head -c 22)" \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  java -Xmx512m -XX:+UseSerialGC $LOG4J -cp "$CP" kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 &
  local kafka=$!; PIDS+=("$kafka")
  for _ in $(seq 60); do java -cp "$CP" "$HERE/Bench.java" topics "127.0.0.1:$kport" 2>/dev/null && break; sleep 2; done
  start_registrar "$dir"
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kport" TRUNKLINE_API_KEYS=bench TRUNKLINE_SECRETS_ENCRYPTION_KEY="$KEY" \
  TRUNKLINE_SIP_TLS_LISTEN=false TRUNKLINE_SIP_PORT="$sip" QUARKUS_HTTP_PORT="$http" TRUNKLINE_REGISTRATION_MAX_REGISTER_RATE=1000000 \
    java $(jvm_options registration-service) ${SERVICE_JAVA_EXTRA:-} -jar "$JAR" >"$dir/service.log" 2>&1 &
  local svc=$!; PIDS+=("$svc")
  for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$http/q/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  local t0 c0; t0=$(now_ms); c0=$(cpu_ms "$svc")
  profiler start "$svc"
  java -cp "$CP" "$HERE/Bench.java" publish "127.0.0.1:$kport" "$N" "$REG_PORT" "$KEY"
  wait_all "$dir" 300
  profiler stop "$svc" fresh
  local c1 rss; c1=$(cpu_ms "$svc"); rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$svc/status")
  read -r window bad < <(registrar_window "$dir")
  RESULT="registration-service (fresh JVM) | $window | $((c1 - c0)) | $bad | publish -> all 200: $((T_DONE - t0)) ms, RSS $rss MiB |"
  # The same again on the now warm JVM: N more trunks (their predecessors' refreshes are minutes
  # away), timed over the registrar's log lines written after this point.
  local skip; skip=$(wc -l <"$dir/registrar.log")
  t0=$(now_ms); c0=$(cpu_ms "$svc")
  profiler start "$svc"
  java -cp "$CP" "$HERE/Bench.java" publish "127.0.0.1:$kport" "$N" "$REG_PORT" "$KEY"
  wait_all "$dir" 300 $((2 * N))
  profiler stop "$svc" warm
  c1=$(cpu_ms "$svc"); rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$svc/status")
  read -r window bad < <(registrar_window "$dir" "$skip")
  RESULT+=$'\n'"| $1 | registration-service (warm JVM, $N more) | $window | $((c1 - c0)) | $bad | publish -> all 200: $((T_DONE - t0)) ms, RSS with $((2 * N)) trunks $rss MiB"
  stop "$svc" "$REG_PID" "$kafka"
}

# uac_reg's table in db_text: one row per trunk, the same user names and password as above
write_uacreg() {
  local db="$1/db"; mkdir -p "$db"
  printf 'table_name(string) table_version(int)\nuacreg:5\n' >"$db/version"
  # Kamailio's own uacreg header, with the columns left empty here allowed to be null
  head -n1 /usr/share/kamailio/dbtext/kamailio/uacreg |
    sed -E 's/(auth_ha1|contact_addr|socket)\(string\)/\1(string,null)/g' >"$db/uacreg"
  awk -v n="$N" -v p="$REG_PORT" 'BEGIN { for (i = 0; i < n; i++)
    printf "%d:u%d:b%d:127.0.0.1:b%d:127.0.0.1:bench:b%d:bench-secret::sip\\:127.0.0.1\\:%d:600:0:0::\n",
      i + 1, i, i, i, i, p }' >>"$db/uacreg"
}

run_kamailio() {
  local dir="$WORK/kamailio-$1"; mkdir -p "$dir"
  local port; port=$(free_port)
  start_registrar "$dir"
  write_uacreg "$dir"
  sed -e "s|@PORT@|$port|g" -e "s|@DB@|$dir/db|g" "$HERE/kamailio-uacreg.cfg" >"$dir/kamailio.cfg"
  local t0; t0=$(now_ms)
  # the configuration people run Kamailio with for speed: TLSF memory manager, 2 GiB shared memory
  kamailio -f "$dir/kamailio.cfg" -x tlsf -m 2048 -M 64 -DD -E -P "$dir/kamailio.pid" >"$dir/kamailio.log" 2>&1 &
  local kam=$!; PIDS+=("$kam")
  wait_all "$dir" 300
  # the main process and its workers (timer, UDP receivers): all of Kamailio's CPU since start
  local cpu; cpu=$(cpu_ms "$kam" $(pgrep -P "$kam"))
  read -r window bad < <(registrar_window "$dir")
  RESULT="Kamailio uac_reg | $window | $cpu | $bad | process start -> all 200: $((T_DONE - t0)) ms"
  stop "$kam" "$REG_PID"
}

{
  echo "date: $(date -u +%FT%TZ); machine: $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1), $(kamailio -v | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); trunks: $N; command: deploy/loadtest/registration/burst.sh $N $ROUNDS"
  echo "| round | system | first REGISTER -> $N-th 200 (ms) | CPU (ms) | refused | other |"
  echo "|---|---|---|---|---|---|"
} | tee -a "$HERE/burst-results.txt"
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then order="trunkline kamailio"; else order="kamailio trunkline"; fi
  for f in $order; do
    [[ " $SYSTEMS " == *" $f "* ]] || continue
    "run_$f" "$r"
    echo "| $r | $RESULT |" | tee -a "$HERE/burst-results.txt"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$HERE/burst-results.txt"
