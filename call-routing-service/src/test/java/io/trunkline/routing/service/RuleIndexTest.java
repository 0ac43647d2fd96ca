package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tie-breaks between matching rules: lowest priority, then longest prefix, then the older rule, so
 * the same call always takes the same rule whatever order the rules arrived in.
 */
class RuleIndexTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  static CompiledRule rule(
      String id,
      int prio,
      String created,
      List<String> prefixes,
      List<Integer> lengths,
      String callers) {
    return CompiledRule.compile(
        new RoutingRule(
            "routing.rules.v1",
            1,
            id,
            id,
            true,
            prio,
            new RoutingRule.Match(prefixes, lengths, callers),
            null,
            List.of(new RoutingRule.Route("t", 0, null, null, 1)),
            null,
            created));
  }

  @Test
  void lowestPriorityWinsOverLongerPrefix() {
    RuleIndex idx =
        RuleIndex.build(
            List.of(
                rule("long", 10, "2026-01-01T00:00:00Z", List.of("0044"), null, null),
                rule("short", 5, "2026-01-01T00:00:00Z", List.of("0"), null, null)));
    assertThat(idx.lookup("1", "00441234", NOW).rule().id()).isEqualTo("short");
  }

  @Test
  void longestPrefixWinsAtEqualPriorityThenOlder() {
    RuleIndex idx =
        RuleIndex.build(
            List.of(
                rule("p0", 10, "2026-01-01T00:00:00Z", List.of("0"), null, null),
                rule("p004-new", 10, "2026-03-01T00:00:00Z", List.of("004"), null, null),
                rule("p004-old", 10, "2026-02-01T00:00:00Z", List.of("004"), null, null),
                rule("any", 10, "2025-01-01T00:00:00Z", List.of(), null, null)));
    RuleIndex.Match m = idx.lookup("1", "00441234", NOW);
    assertThat(m.rule().id()).isEqualTo("p004-old");
    assertThat(m.prefixLength()).isEqualTo(3);
    assertThat(idx.lookup("1", "0123", NOW).rule().id()).isEqualTo("p0");
    assertThat(idx.lookup("1", "5123", NOW).rule().id()).isEqualTo("any");
  }

  @Test
  void failedConditionsFallBackToTheNextBestRule() {
    RuleIndex idx =
        RuleIndex.build(
            List.of(
                rule("ext-only", 1, "2026-01-01T00:00:00Z", List.of("00"), null, "101-110;199"),
                rule("len6", 2, "2026-01-01T00:00:00Z", List.of("00"), List.of(6), null),
                rule("fallback", 3, "2026-01-01T00:00:00Z", List.of("0"), null, null)));
    assertThat(idx.lookup("105", "002345", NOW).rule().id()).isEqualTo("ext-only");
    assertThat(idx.lookup("199", "002345", NOW).rule().id()).isEqualTo("ext-only");
    assertThat(idx.lookup("111", "002345", NOW).rule().id()).isEqualTo("len6");
    assertThat(idx.lookup("111", "0023456", NOW).rule().id()).isEqualTo("fallback");
    assertThat(idx.lookup("111", "12345", NOW)).isNull();
  }

  @Test
  void symbolsAndPlusArePrefixCharacters() {
    RuleIndex idx =
        RuleIndex.build(
            List.of(
                rule("plus", 1, "", List.of("+44"), null, null),
                rule("star", 1, "", List.of("*7"), null, null)));
    assertThat(idx.lookup("1", "+442071", NOW).rule().id()).isEqualTo("plus");
    assertThat(idx.lookup("1", "*72", NOW).rule().id()).isEqualTo("star");
    assertThat(idx.lookup("1", "442071", NOW)).isNull();
  }

  @Test
  void largeIndexAgreesWithABruteForceScan() {
    java.util.Random rnd = new java.util.Random(7);
    List<CompiledRule> rules = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String p = Integer.toString(10_000 + rnd.nextInt(90_000)).substring(0, 1 + rnd.nextInt(4));
      rules.add(
          rule(
              String.format("r%05d", i),
              rnd.nextInt(5),
              "2026-01-01T00:00:00Z",
              List.of(p),
              rnd.nextBoolean() ? null : List.of(6 + rnd.nextInt(3)),
              null));
    }
    RuleIndex idx = RuleIndex.build(rules);
    for (int i = 0; i < 2000; i++) {
      String dialled =
          Integer.toString(100_000 + rnd.nextInt(900_000)) + (rnd.nextBoolean() ? "1" : "");
      CompiledRule expected = null;
      int expectedLen = -1;
      for (CompiledRule r : rules) {
        String p = r.prefixes().get(0);
        if (!dialled.startsWith(p) || !r.matchesRest("1", dialled, NOW)) {
          continue;
        }
        if (expected == null
            || r.priority() < expected.priority()
            || (r.priority() == expected.priority() && p.length() > expectedLen)
            || (r.priority() == expected.priority()
                && p.length() == expectedLen
                && r.id().compareTo(expected.id()) < 0)) {
          expected = r;
          expectedLen = p.length();
        }
      }
      RuleIndex.Match m = idx.lookup("1", dialled, NOW);
      assertThat(m == null ? null : m.rule().id())
          .as(dialled)
          .isEqualTo(expected == null ? null : expected.id());
    }
  }
}
