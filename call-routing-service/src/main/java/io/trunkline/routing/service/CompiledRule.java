package io.trunkline.routing.service;

import java.time.Instant;
import java.util.List;

/**
 * A rule ready for matching: the conditions other than the prefix (which the index handles), plus
 * its routes.
 */
public record CompiledRule(
    String id,
    String name,
    int priority,
    String createdAt,
    boolean[] lengths,
    NumberMask callers,
    RuleSchedule schedule,
    String strategy,
    List<RoutingRule.Route> routes,
    List<String> prefixes) {

  /** Compiles a topic value; callers must skip disabled rules. */
  public static CompiledRule compile(RoutingRule r) {
    boolean[] lengths = null;
    RoutingRule.Match m = r.match();
    if (m != null && m.lengths() != null && !m.lengths().isEmpty()) {
      lengths = new boolean[33];
      for (Integer l : m.lengths()) {
        if (l != null && l >= 0 && l <= 32) {
          lengths[l] = true;
        }
      }
    }
    List<String> prefixes =
        m == null || m.prefixes() == null ? List.of() : List.copyOf(m.prefixes());
    return new CompiledRule(
        r.id(),
        r.name(),
        r.priority() == null ? 1000 : r.priority(),
        r.createdAt() == null ? "" : r.createdAt(),
        lengths,
        NumberMask.parse(m == null ? null : m.callers()),
        RuleSchedule.compile(r.schedule()),
        r.strategy() == null ? "PRIORITIZED" : r.strategy(),
        r.routes() == null ? List.of() : List.copyOf(r.routes()),
        prefixes);
  }

  /** Whether every condition except the prefix holds. */
  public boolean matchesRest(String caller, String dialled, Instant now) {
    if (lengths != null) {
      int len = dialled.length();
      if (len >= lengths.length || !lengths[len]) {
        return false;
      }
    }
    if (!callers.matches(caller)) {
      return false;
    }
    return schedule == null || schedule.appliesAt(now);
  }

  /** Order among rules at the same prefix depth: priority, then older, then smaller id. */
  static int compareAge(CompiledRule a, CompiledRule b) {
    int c = Integer.compare(a.priority, b.priority);
    if (c != 0) {
      return c;
    }
    c = compareInstants(a.createdAt, b.createdAt);
    return c != 0 ? c : a.id.compareTo(b.id);
  }

  private static int compareInstants(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.compareTo(b);
    }
    try {
      return Instant.parse(a).compareTo(Instant.parse(b));
    } catch (RuntimeException e) {
      return a.compareTo(b);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompiledRule other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }
}
