package io.trunkline.routing.rest;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Resolution;
import java.util.List;

/** The rule and its candidates in the order a call would try them. */
public record ResolveResponse(
    String ruleId,
    String ruleName,
    int priority,
    int matchedPrefixLength,
    String strategy,
    List<Route> candidates) {

  /** One candidate: trunk, number and caller ID it would be sent, and availability now. */
  public record Route(
      int order,
      String trunkId,
      String trunkName,
      String number,
      String callerId,
      boolean available,
      String skipReason) {}

  /** Maps a resolution. */
  public static ResolveResponse of(Resolution r) {
    List<Route> routes = new java.util.ArrayList<>();
    int i = 1;
    for (Candidate c : r.candidates()) {
      routes.add(
          new Route(
              i++,
              c.trunkId(),
              c.trunk() == null ? null : c.trunk().name(),
              c.number(),
              c.callerId(),
              c.skipReason() == null,
              c.skipReason()));
    }
    return new ResolveResponse(
        r.rule().id(),
        r.rule().name(),
        r.rule().priority(),
        r.prefixLength(),
        r.rule().strategy(),
        routes);
  }
}
