package io.trunkline.routing.rest;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.inbound.InboundRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound rule and its PBX destinations in the order a call would try them. trunkSkipReason:
 * why the trunk would refuse the call now (its call limits), null when it would take it.
 */
public record ResolveInboundResponse(
    String trunkId,
    String trunkName,
    String did,
    String ruleId,
    String ruleName,
    int priority,
    boolean afterHours,
    String trunkSkipReason,
    List<Destination> destinations) {

  /** One PBX destination: where, the number it would get, and whether it would be tried now. */
  public record Destination(
      int order,
      String host,
      int port,
      String transport,
      String number,
      boolean available,
      String skipReason) {}

  /** Maps a dry run that found a rule. */
  public static ResolveInboundResponse of(InboundRouting.DryRun d) {
    List<Destination> out = new ArrayList<>();
    int i = 1;
    for (Candidate c : d.resolution().destinations()) {
      out.add(
          new Destination(
              i++,
              c.trunk().host(),
              c.trunk().port(),
              c.trunk().transport(),
              c.number(),
              c.skipReason() == null,
              c.skipReason()));
    }
    return new ResolveInboundResponse(
        d.trunk().id(),
        d.trunk().name(),
        d.did(),
        d.resolution().rule().id(),
        d.resolution().rule().name(),
        d.resolution().rule().priority(),
        d.resolution().afterHours(),
        d.resolution().trunkFull(),
        out);
  }
}
