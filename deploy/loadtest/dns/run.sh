#!/usr/bin/env bash
# Added latency of a cold DNS lookup for a trunk named by a domain: the platform's RFC 3263
# resolver (the one both SIP services use) against a real dnsmasq on 127.0.0.1 serving an SRV
# record and its target's A record, cache cleared before every lookup; then the cache-only path
# that every call takes while the answer is fresh. Loopback only: a real provider's lookup adds
# the round trip to the resolver configured in trunkline.dns.servers (or resolv.conf).
# Usage: deploy/loadtest/dns/run.sh [rounds=2000]
# Needs: ./mvnw -pl platform package -DskipTests (the platform jar), dnsmasq. Prints the figures.
set -euo pipefail
ROUNDS="${1:-2000}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JAR="$(ls "$ROOT"/platform/target/trunkline-platform-*.jar 2>/dev/null | grep -v sources | head -1 || true)"
DNSJAVA="$(ls ~/.m2/repository/dnsjava/dnsjava/*/dnsjava-*.jar | grep -v sources | tail -1)"
SLF4J="$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | grep -v sources | tail -1)"
[ -n "$JAR" ] || { echo "build the platform jar first: ./mvnw -pl platform package -DskipTests"; exit 1; }
WORK="$(mktemp -d /tmp/dns-bench.XXXX)"
PORT=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/dnsmasq.conf" <<CONF
no-resolv
no-hosts
no-poll
pid-file=
listen-address=127.0.0.1
bind-interfaces
port=$PORT
user=$(id -un)
cache-size=0
local=/bench.test/
local-ttl=60
srv-host=_sip._udp.provider.bench.test,sbc1.bench.test,5080,10,60
host-record=sbc1.bench.test,127.0.0.1
CONF
dnsmasq --keep-in-foreground --conf-file="$WORK/dnsmasq.conf" >"$WORK/dnsmasq.out" 2>&1 & DNS=$!
trap 'kill $DNS 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1
echo "date: $(date -u +%FT%TZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: deploy/loadtest/dns/run.sh $ROUNDS"
java -cp "$JAR:$DNSJAVA:$SLF4J" "$HERE/ColdLookup.java" "127.0.0.1:$PORT" provider.bench.test "$ROUNDS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
