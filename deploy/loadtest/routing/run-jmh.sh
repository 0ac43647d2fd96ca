#!/usr/bin/env bash
# Acceptance 9: JMH benchmark of one rule lookup with 100,000 rules (median and p99 per lookup).
# Builds the call-routing-service test classes, then runs RuleLookupBenchmark in sample mode.
# Usage: deploy/loadtest/routing/run-jmh.sh [extra JMH args]   Output: target/jmh-lookup.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MOD="$ROOT/call-routing-service"
cd "$ROOT"
./mvnw -B -q -pl call-routing-service test-compile -Dspotless.check.skip=true
./mvnw -B -q -pl call-routing-service dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$MOD/target/jmh.classpath" >/dev/null
CP="$MOD/target/test-classes:$MOD/target/classes:$(cat "$MOD/target/jmh.classpath")"
java -Xmx1g -cp "$CP" org.openjdk.jmh.Main RuleLookupBenchmark \
  -f 1 -wi 3 -w 2s -i 5 -r 3s -t 1 -bm sample -tu ns "$@" | tee "$MOD/target/jmh-lookup.txt"
