package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.InboundRule;
import io.trunkline.routing.service.NumberMask;
import io.trunkline.routing.service.RuleSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An inbound rule ready for matching. DIDs are PortSIP masks ({@code 4420712345;4420712350-99}) and
 * prefixes ending in {@code *}; an exact or range hit counts as a match of the whole number, a
 * prefix hit as long as the prefix, so {@code 44207*} beats {@code 44*}.
 */
public record CompiledInboundRule(
    String id,
    String name,
    int priority,
    String createdAt,
    Set<String> trunkIds,
    NumberMask dids,
    List<String> didPrefixes,
    NumberMask callers,
    RuleSchedule schedule,
    List<InboundRule.Destination> destinations,
    InboundRule.Destination afterHours) {

  /** Compiles a topic value; callers skip disabled rules. */
  public static CompiledInboundRule compile(InboundRule r) {
    InboundRule.Match m = r.match();
    List<String> prefixes = new ArrayList<>();
    StringBuilder exact = new StringBuilder();
    if (m != null && m.dids() != null) {
      for (String part : m.dids().split("[;,]")) {
        String p = part.trim();
        if (p.endsWith("*")) {
          prefixes.add(p.substring(0, p.length() - 1));
        } else if (!p.isEmpty()) {
          exact.append(p).append(';');
        }
      }
    }
    boolean anyDid = prefixes.isEmpty() && exact.isEmpty();
    return new CompiledInboundRule(
        r.id(),
        r.name(),
        r.priority() == null ? 1000 : r.priority(),
        r.createdAt() == null ? "" : r.createdAt(),
        m == null || m.trunkIds() == null || m.trunkIds().isEmpty()
            ? null
            : Set.copyOf(m.trunkIds()),
        anyDid || exact.isEmpty() ? null : NumberMask.parse(exact.toString()),
        List.copyOf(prefixes),
        NumberMask.parse(m == null ? null : m.callers()),
        RuleSchedule.compile(r.schedule()),
        r.destinations() == null ? List.of() : List.copyOf(r.destinations()),
        r.afterHours());
  }

  /** Whether the rule names DIDs at all. */
  boolean hasDids() {
    return dids != null || !didPrefixes.isEmpty();
  }

  /**
   * How much of the DID the rule's DID condition matches: the DID's length for a listed number or
   * range, the prefix's length for a prefix, 0 without a condition, -1 when it does not match.
   */
  int didMatchLength(String did) {
    if (!hasDids()) {
      return 0;
    }
    if (dids != null && dids.matches(did)) {
      return did.length();
    }
    int best = -1;
    for (String p : didPrefixes) {
      if (did.startsWith(p) && p.length() > best) {
        best = p.length();
      }
    }
    return best;
  }

  /** Whether the trunk and caller conditions hold. */
  boolean admits(String trunkId, String caller) {
    return (trunkIds == null || trunkIds.contains(trunkId)) && callers.matches(caller);
  }
}
