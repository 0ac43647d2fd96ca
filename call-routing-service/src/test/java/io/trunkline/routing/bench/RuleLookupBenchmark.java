package io.trunkline.routing.bench;

import io.trunkline.routing.service.CompiledRule;
import io.trunkline.routing.service.RoutingRule;
import io.trunkline.routing.service.RuleIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One rule lookup in an index of 100,000 rules (random 2-8 digit prefixes, random priorities, a
 * third with length conditions, a tenth with caller masks). Sample mode gives the median and p99
 * per lookup. Run with deploy/loadtest/routing/run-jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleLookupBenchmark {

  @Param({"100000"})
  public int rules;

  private RuleIndex index;
  private String[] numbers;
  private int next;
  private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

  @Setup
  public void build() {
    Random rnd = new Random(1);
    List<CompiledRule> list = new ArrayList<>(rules);
    for (int i = 0; i < rules; i++) {
      StringBuilder p = new StringBuilder();
      int len = 2 + rnd.nextInt(7);
      for (int k = 0; k < len; k++) {
        p.append((char) ('0' + rnd.nextInt(10)));
      }
      List<Integer> lengths = i % 3 == 0 ? List.of(10, 11, 12) : null;
      String callers = i % 10 == 0 ? "100-199;300" : null;
      list.add(
          CompiledRule.compile(
              new RoutingRule(
                  "routing.rules.v1",
                  1,
                  "rule-" + i,
                  "rule-" + i,
                  true,
                  rnd.nextInt(10),
                  new RoutingRule.Match(List.of(p.toString()), lengths, callers),
                  "PRIORITIZED",
                  List.of(new RoutingRule.Route("trunk", 0, null, null, 1)),
                  null,
                  "2026-01-01T00:00:00Z")));
    }
    index = RuleIndex.build(list);
    numbers = new String[4096];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] =
          Long.toString(1_000_000_000L + (rnd.nextLong() & Long.MAX_VALUE) % 90_000_000_000L);
    }
  }

  @Benchmark
  public Object lookup() {
    String n = numbers[next++ & (numbers.length - 1)];
    return index.lookup("150", n, now);
  }
}
