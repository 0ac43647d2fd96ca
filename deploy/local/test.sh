#!/usr/bin/env bash
# Runs every test of the repository against real parts: makes sure PostgreSQL is running with
# the test role (the tests create and drop their own databases), then runs the Maven build.
# Kafka brokers are started by the tests themselves (a fresh KRaft broker JVM per test class
# group, see test-support/KafkaBroker), likewise dnsmasq for the DNS tests (test-support/Dnsmasq).
# SIPp (Debian's sip-tester), dnsmasq and openssl are installed when missing.
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl call-routing-service -am.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_test_tools
ensure_postgres
# the SIP edge tests hold 10,000 TCP connections at once (both ends in one JVM)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cd "$ROOT"
exec ./mvnw -B verify "$@"
