#!/usr/bin/env bash
# Shared functions of the local cluster scripts (sourced, not run).
# Everything the scripts start or write lives under $STATE (default: <repo>/.local).
#
# One machine can hold several clusters side by side (the end-to-end tests run one of their own
# next to the user's): TRUNKLINE_LOCAL_DIR picks the state directory, TRUNKLINE_PORT_OFFSET is
# added to every port (HTTP 8081-8083, SIP 5060/5070, Kafka 9092/9093, rtpengine's ng control
# 2223 and its RTP range 20000-29999, so offsets of 10000 keep the ranges apart), and TRUNKLINE_PG_CLUSTER
# names a PostgreSQL cluster of the instance's own (created on TRUNKLINE_PG_PORT when missing,
# dropped by down.sh --purge) instead of the machine's first cluster.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${TRUNKLINE_LOCAL_DIR:-$ROOT/.local}"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
PORT_OFFSET="${TRUNKLINE_PORT_OFFSET:-0}"
CONFIG_PORT=$((8081 + PORT_OFFSET))
REGISTRATION_PORT=$((8082 + PORT_OFFSET))
ROUTING_PORT=$((8083 + PORT_OFFSET))
ROUTING_SIP_PORT=$((5060 + PORT_OFFSET))
REGISTRATION_SIP_PORT=$((5070 + PORT_OFFSET))
# SIP over TLS: call-routing listens only once it has a certificate; registration always binds it.
ROUTING_SIP_TLS_PORT=$((5061 + PORT_OFFSET))
REGISTRATION_SIP_TLS_PORT=$((5071 + PORT_OFFSET))
KAFKA_PORT=$((9092 + PORT_OFFSET))
KAFKA_CONTROLLER_PORT=$((9093 + PORT_OFFSET))
# rtpengine (the media relay of trunks with media ANCHOR): ng control on loopback only, RTP on
# TRUNKLINE_RTPENGINE_INTERFACE (an address of this machine, or "local!public" behind 1:1 NAT).
RTPENGINE_NG_PORT=$((2223 + PORT_OFFSET))
RTPENGINE_PORT_MIN=$((20000 + PORT_OFFSET))
RTPENGINE_PORT_MAX=$((29999 + PORT_OFFSET))
RTPENGINE_INTERFACE="${TRUNKLINE_RTPENGINE_INTERFACE:-127.0.0.1}"
PG_CLUSTER="${TRUNKLINE_PG_CLUSTER:-}"
PG_PORT="${TRUNKLINE_PG_PORT:-5432}"
PG_ROLE="${TRUNKLINE_PG_USER:-trunkline}"
PG_PASSWORD="${TRUNKLINE_PG_PASSWORD:-trunkline}"
PG_DB="${TRUNKLINE_PG_DB:-trunkline}"
mkdir -p "$LOGS" "$PIDS"

log() { printf '\033[1m[trunkline]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[trunkline] %s\033[0m\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi; }

pid_alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# A service's JVM flags, one line: its src/main/jvm/jvm.options without comments. The same file
# is the container image's argument file, so the local cluster and the load tests run what ships.
jvm_options() { sed -e 's/#.*//' "$ROOT/$1/src/main/jvm/jvm.options" | xargs; }

# The PostgreSQL cluster of this instance: "<version> <name>" of TRUNKLINE_PG_CLUSTER, else the
# machine's first cluster (Debian's pg_lsclusters).
pg_cluster_line() {
  if [ -n "$PG_CLUSTER" ]; then
    pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2 == c'
  else
    pg_lsclusters -h | head -n1
  fi
}

# Starts the instance's PostgreSQL cluster and creates the role and database idempotently. The
# role gets CREATEDB so that the tests can make their own databases. A named cluster
# (TRUNKLINE_PG_CLUSTER) is created first when missing.
ensure_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || die "No PostgreSQL server is installed (need Debian's postgresql package: apt-get install -y postgresql)."
  local line version cluster port status
  if [ -n "$PG_CLUSTER" ] && [ -z "$(pg_cluster_line)" ]; then
    version="$(pg_lsclusters -h | awk 'NR == 1 {print $1}')"
    [ -n "$version" ] || version="$(ls /usr/lib/postgresql | sort -n | tail -n1)"
    log "creating PostgreSQL cluster $version/$PG_CLUSTER on port $PG_PORT"
    as_root pg_createcluster "$version" "$PG_CLUSTER" --port "$PG_PORT" >"$LOGS/pg-create.log" 2>&1 \
      || die "pg_createcluster failed: see $LOGS/pg-create.log"
    touch "$STATE/postgres.created-by-us"
  fi
  line="$(pg_cluster_line)"
  [ -n "$line" ] || die "PostgreSQL is installed but has no cluster (create one: pg_createcluster 15 main)."
  read -r version cluster port status _ <<<"$line"
  PG_PORT="$port"
  if [ "$status" != "online" ]; then
    log "starting PostgreSQL $version/$cluster"
    as_root pg_ctlcluster "$version" "$cluster" start
    touch "$STATE/postgres.started-by-us"
  fi
  for _ in $(seq 1 30); do as_postgres "psql -p $PG_PORT -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
  as_postgres "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtA" <<SQL >/dev/null
DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_ROLE'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL
  log "PostgreSQL ready: role $PG_ROLE, database $PG_DB on localhost:$PG_PORT"
}

# Stops the instance's PostgreSQL when this instance started it; drops it when it created it
# and $1 is "--purge".
release_postgres() {
  local version cluster
  read -r version cluster _ <<<"$(pg_cluster_line)"
  [ -n "${cluster:-}" ] || { rm -f "$STATE/postgres.started-by-us" "$STATE/postgres.created-by-us"; return 0; }
  if [ -f "$STATE/postgres.created-by-us" ] && [ "${1:-}" = "--purge" ]; then
    log "dropping PostgreSQL $version/$cluster (up.sh created it)"
    as_root pg_dropcluster --stop "$version" "$cluster" || true
    rm -f "$STATE/postgres.created-by-us" "$STATE/postgres.started-by-us"
  elif [ -f "$STATE/postgres.started-by-us" ]; then
    log "stopping PostgreSQL $version/$cluster (up.sh started it)"
    as_root pg_ctlcluster "$version" "$cluster" stop || true
    rm -f "$STATE/postgres.started-by-us"
  fi
}

kafka_classpath() {
  local cp_file="$ROOT/deploy/local/kafka-broker/target/kafka.classpath"
  if [ ! -s "$cp_file" ]; then
    (cd "$ROOT" && ./mvnw -B -q -f deploy/local/kafka-broker/pom.xml generate-resources) || die "cannot resolve the Kafka broker"
  fi
  cat "$cp_file"
}

kafka_java() {
  java -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-broker/log4j2.properties" -cp "$(kafka_classpath)" "$@"
}

# The broker configuration (deploy/local/kafka-broker/server.properties) for host, port,
# controller port and data directory.
render_kafka_properties() {
  sed -e "s|@HOST@|$1|g" -e "s|@PORT@|$2|g" -e "s|@CONTROLLER_PORT@|$3|g" -e "s|@DATA@|$4|g" \
    "$ROOT/deploy/local/kafka-broker/server.properties"
}

# A real Kafka broker in KRaft mode (broker + controller) on localhost:$KAFKA_PORT, data in $STATE/kafka.
ensure_kafka() {
  local dir="$STATE/kafka"
  if pid_alive kafka; then log "Kafka already running (pid $(cat "$PIDS/kafka.pid"))"; return; fi
  if (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null; then
    die "port $KAFKA_PORT is taken by a process this script did not start"
  fi
  mkdir -p "$dir/data"
  render_kafka_properties localhost "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$dir/data" >"$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    log "formatting Kafka storage in $dir/data"
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid | tail -n1)" \
      -c "$dir/server.properties" >"$LOGS/kafka-format.log" 2>&1 || die "kafka format failed: see $LOGS/kafka-format.log"
  fi
  log "starting Kafka on localhost:$KAFKA_PORT"
  nohup java -Xms256m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/local/kafka-broker/log4j2.properties" \
    -cp "$(kafka_classpath)" kafka.Kafka "$dir/server.properties" >>"$LOGS/kafka.log" 2>&1 &
  echo $! >"$PIDS/kafka.pid"
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT) 2>/dev/null && break
    pid_alive kafka || die "Kafka exited: see $LOGS/kafka.log"
    sleep 1
  done
  create_topics
}

# The five topics (docs/architecture.md, "Topics"); config and status topics are compacted
# (the latest value per key is the state), so they really get cleanup.policy=compact.
create_topics() {
  local spec name policy extra
  for spec in trunk.config.v1:compact routing.rules.v1:compact inbound.rules.v1:compact trunk.status.v1:compact call.events.v1:delete; do
    name="${spec%%:*}"; policy="${spec##*:}"
    extra=()
    [ "$policy" = delete ] && extra=(--config retention.ms=604800000)
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_PORT" --create --if-not-exists \
      --topic "$name" --partitions 3 --replication-factor 1 --config "cleanup.policy=$policy" "${extra[@]}" \
      >>"$LOGS/kafka-topics.log" 2>&1 || die "cannot create topic $name: see $LOGS/kafka-topics.log"
  done
  log "topics: $(kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server localhost:$KAFKA_PORT --list 2>/dev/null | grep -v '^__' | tr '\n' ' ')"
}

# await_ready PORT [SECONDS]: waits (120 s by default) until the service whose HTTP port is PORT
# on 127.0.0.1 reports ready (its Kafka state loaded); fails when it does not in time.
await_ready() {
  local _
  for _ in $(seq 1 "${2:-120}"); do
    curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"' && return 0
    sleep 1
  done
  return 1
}

# publish_records DIR: loads DIR/trunks.tsv and DIR/rules.tsv (one "id<TAB>json" record a line)
# into trunk.config.v1 and routing.rules.v1, and DIR/inbound.tsv when there is one into
# inbound.rules.v1, as if trunk-config had published them: the load tests feed call-routing this
# way, without trunk-config and its database.
publish_records() {
  local f specs=(trunks:trunk.config.v1 rules:routing.rules.v1)
  [ -f "$1/inbound.tsv" ] && specs+=(inbound:inbound.rules.v1)
  for f in "${specs[@]}"; do
    kafka_java org.apache.kafka.tools.ConsoleProducer --bootstrap-server "localhost:$KAFKA_PORT" \
      --topic "${f##*:}" --property parse.key=true --property "key.separator=	" \
      <"$1/${f%%:*}.tsv" >/dev/null 2>&1
  done
}

# The Debian packages missing for what the README's walk-through uses after up.sh: SIPp as PBX
# and provider, curl. One a line.
walkthrough_packages_missing() {
  command -v sipp >/dev/null 2>&1 || echo sip-tester
  command -v curl >/dev/null 2>&1 || echo curl
}

ensure_walkthrough_tools() {
  local need=()
  mapfile -t need < <(walkthrough_packages_missing)
  apt_install "${need[@]}"
}

apt_install() {
  [ "$#" -eq 0 ] && return 0
  log "installing $* (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian's rtpengine-daemon (user-space forwarding is all the scripts use: no kernel module).
# A fresh install may start the packaged service on the ports of the cluster: it is stopped.
ensure_rtpengine_installed() {
  [ -x /usr/bin/rtpengine ] && return 0
  log "installing rtpengine-daemon (apt-get, without its recommended recording daemon)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rtpengine-daemon >/dev/null
  as_root /etc/init.d/rtpengine-daemon stop >/dev/null 2>&1 || true
}

# Whether an rtpengine answers an ng ping on 127.0.0.1:$1 (bash's /dev/udp; dd reads the whole
# reply datagram at once, where read would take its first byte and lose the rest).
rtpengine_pong() {
  timeout 2 bash -c "exec 3<>/dev/udp/127.0.0.1/$1; printf 'ping1 d7:command4:pinge' >&3; \
    timeout 1 dd bs=4096 count=1 <&3 2>/dev/null" 2>/dev/null | grep -q pong
}

# The cluster's rtpengine: user space (--table=-1), ng on loopback, RTP range of this instance,
# endpoint learning that finds a PBX behind NAT from its first RTP packets. Pid and log in $STATE.
ensure_rtpengine() {
  ensure_rtpengine_installed
  if pid_alive rtpengine; then log "rtpengine already running (pid $(cat "$PIDS/rtpengine.pid"))"; return; fi
  if rtpengine_pong "$RTPENGINE_NG_PORT"; then
    die "an rtpengine this script did not start answers on 127.0.0.1:$RTPENGINE_NG_PORT"
  fi
  log "starting rtpengine: ng 127.0.0.1:$RTPENGINE_NG_PORT, RTP $RTPENGINE_INTERFACE:$RTPENGINE_PORT_MIN-$RTPENGINE_PORT_MAX"
  nohup /usr/bin/rtpengine --config-file=none --table=-1 --foreground --log-stderr --log-level=5 \
    --interface="$RTPENGINE_INTERFACE" --listen-ng="127.0.0.1:$RTPENGINE_NG_PORT" \
    --port-min="$RTPENGINE_PORT_MIN" --port-max="$RTPENGINE_PORT_MAX" \
    --endpoint-learning=heuristic --timeout=60 --num-threads=2 >>"$LOGS/rtpengine.log" 2>&1 &
  echo $! >"$PIDS/rtpengine.pid"
  for _ in $(seq 1 30); do
    rtpengine_pong "$RTPENGINE_NG_PORT" && return 0
    pid_alive rtpengine || die "rtpengine exited: see $LOGS/rtpengine.log"
    sleep 0.5
  done
  die "rtpengine does not answer on 127.0.0.1:$RTPENGINE_NG_PORT: see $LOGS/rtpengine.log"
}

# Debian packages the tests use that a fresh machine lacks: SIPp (sip-tester) as PBX, trunks
# and registrars; PostgreSQL itself when missing; dnsmasq as the DNS server of the resolver tests
# (dnsmasq-base: the binary without the system service) and openssl for their test CA. Installs
# them when running as root.
ensure_test_tools() {
  local need=()
  mapfile -t need < <(walkthrough_packages_missing)
  command -v pg_lsclusters >/dev/null 2>&1 || need+=(postgresql)
  command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || need+=(dnsmasq-base)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  # Kamailio: the proxy of call-routing's interop test (and the load test's reference router)
  command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || need+=(kamailio)
  # call-routing's media tests: a real rtpengine, network namespaces with nftables counters
  [ -x /usr/bin/rtpengine ] || need+=(rtpengine-daemon)
  command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || need+=(nftables)
  command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
  command -v nc >/dev/null 2>&1 || need+=(netcat-openbsd)
  [ "${#need[@]}" -eq 0 ] && return 0
  apt_install "${need[@]}"
  # the package may start its own Kamailio on 5060, the port of the local call-routing
  as_root /etc/init.d/kamailio stop >/dev/null 2>&1 || true
  as_root /etc/init.d/rtpengine-daemon stop >/dev/null 2>&1 || true
}
