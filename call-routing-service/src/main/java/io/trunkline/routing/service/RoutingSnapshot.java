package io.trunkline.routing.service;

import java.util.Map;

/**
 * One immutable view of the routing state; replaced as a whole on every change. publishedNanos
 * ({@link System#nanoTime()}) is when it became visible to lookups: from then on every call uses
 * it.
 */
public record RoutingSnapshot(
    RuleIndex rules,
    Map<String, Trunk> trunks,
    Map<String, TrunkStatus> statuses,
    long publishedNanos) {

  /** The state before anything was loaded. */
  public static RoutingSnapshot empty() {
    return new RoutingSnapshot(RuleIndex.empty(), Map.of(), Map.of(), System.nanoTime());
  }
}
