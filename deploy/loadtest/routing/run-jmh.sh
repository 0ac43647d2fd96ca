#!/usr/bin/env bash
# JMH benchmarks of call-routing's hot path, built from the service's test classes:
#   run-jmh.sh                         rule lookup among 100,000 rules (the median and p99
#                                      per lookup the routing budget is judged by, sample mode)
#   run-jmh.sh InviteHotPathBenchmark  parse + route + serialize per INVITE with 10,000 rules and
#                                      the allocation per INVITE (gc profiler: garbage per call is
#                                      what drives GC pauses at high rates)
# Extra arguments go to JMH. Output: call-routing-service/target/jmh-<benchmark>.txt
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
MOD="$ROOT/call-routing-service"
BENCH=RuleLookupBenchmark
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then BENCH="$1"; shift; fi
cd "$ROOT"
# From the reactor (-am), never installed: ~/.m2 may be shared with other checkouts. The last
# module of the reactor, call-routing, writes the classpath file last; sibling modules come in as
# their target/classes.
./mvnw -B -q -pl call-routing-service -am test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$MOD/target/jmh.classpath" >/dev/null
CP="$MOD/target/test-classes:$MOD/target/classes:$(cat "$MOD/target/jmh.classpath")"
case "$BENCH" in
  RuleLookupBenchmark) MODE=(-bm sample -tu ns) ;;
  *) MODE=(-bm avgt -tu ns -prof gc) ;;
esac
java -Xmx1g -cp "$CP" org.openjdk.jmh.Main "$BENCH" \
  -f 1 -wi 3 -w 2s -i 5 -r 3s -t 1 "${MODE[@]}" "$@" | tee "$MOD/target/jmh-$BENCH.txt"
