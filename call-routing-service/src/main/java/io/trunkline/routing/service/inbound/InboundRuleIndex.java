package io.trunkline.routing.service.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The enabled inbound rules, ordered by priority then age. A lookup scans them all (operators keep
 * tens of inbound rules, not thousands) and keeps the most specific match: lowest priority, then
 * the longest DID match, then the older rule. A rule whose schedule does not hold still matches
 * when it has an after-hours destination (the call goes there); without one it is passed over.
 */
public final class InboundRuleIndex {

  private static final InboundRuleIndex EMPTY = new InboundRuleIndex(List.of());

  /** A matching rule and whether its after-hours destination applies. */
  public record Match(CompiledInboundRule rule, boolean afterHours) {}

  private final List<CompiledInboundRule> rules;

  private InboundRuleIndex(List<CompiledInboundRule> rules) {
    this.rules = rules;
  }

  /** The index without rules. */
  public static InboundRuleIndex empty() {
    return EMPTY;
  }

  /** An index over the given (enabled) rules. */
  public static InboundRuleIndex build(Collection<CompiledInboundRule> rules) {
    List<CompiledInboundRule> sorted = new ArrayList<>(rules);
    sorted.sort(
        Comparator.comparingInt(CompiledInboundRule::priority)
            .thenComparing(CompiledInboundRule::createdAt)
            .thenComparing(CompiledInboundRule::id));
    return new InboundRuleIndex(List.copyOf(sorted));
  }

  /** Number of rules held. */
  public int size() {
    return rules.size();
  }

  /** The rule for a call from trunkId to did by caller at now, or null. */
  public Match lookup(String trunkId, String did, String caller, Instant now) {
    CompiledInboundRule best = null;
    int bestLength = -1;
    for (CompiledInboundRule r : rules) {
      if (best != null && r.priority() > best.priority()) {
        break; // sorted: nothing later can beat the best of a lower priority
      }
      if (!r.admits(trunkId, caller)) {
        continue;
      }
      int len = r.didMatchLength(did);
      if (len < 0 || len <= bestLength) {
        continue;
      }
      if (r.schedule() != null && !r.schedule().appliesAt(now) && r.afterHours() == null) {
        continue;
      }
      best = r;
      bestLength = len;
    }
    if (best == null) {
      return null;
    }
    boolean after = best.schedule() != null && !best.schedule().appliesAt(now);
    return new Match(best, after);
  }
}
