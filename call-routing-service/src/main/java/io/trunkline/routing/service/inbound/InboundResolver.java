package io.trunkline.routing.service.inbound;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.InboundRule;
import io.trunkline.routing.service.OwnSipAddresses;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbound routing decision, shared by real calls and the resolve-inbound dry run: the rule for
 * (trunk, DID, caller) at the clock's time, its PBX destinations in order (or its after-hours
 * destination) with the numbers they would get, and why any would be skipped now. The clock is
 * injectable so schedules can be tested at a fixed instant.
 */
@ApplicationScoped
public class InboundResolver {

  /** What an inbound call would do: null rule = no rule (404). */
  public record Resolution(
      CompiledInboundRule rule,
      boolean afterHours,
      List<Candidate> destinations,
      String trunkFull) {}

  private final InboundRuleStore rules;
  private final TrunkUsage usage;
  private final OwnSipAddresses own;
  private final TrunkBreakers breakers;
  private final Clock clock;

  @Inject
  public InboundResolver(
      InboundRuleStore rules, TrunkUsage usage, OwnSipAddresses own, TrunkBreakers breakers) {
    this(rules, usage, own, breakers, Clock.systemUTC());
  }

  /** A resolver on a given clock. */
  public InboundResolver(
      InboundRuleStore rules,
      TrunkUsage usage,
      OwnSipAddresses own,
      TrunkBreakers breakers,
      Clock clock) {
    this.rules = rules;
    this.usage = usage;
    this.own = own;
    this.breakers = breakers;
    this.clock = clock;
  }

  /** The rule and destinations for a call from trunk to did (normalised) by caller. */
  public Resolution resolve(Trunk trunk, String did, String caller) {
    InboundRuleIndex.Match m = rules.index().lookup(trunk.id(), did, caller, clock.instant());
    String full = usage.checkRoom(trunk);
    if (m == null) {
      return new Resolution(null, false, List.of(), full);
    }
    List<InboundRule.Destination> targets =
        m.afterHours() ? List.of(m.rule().afterHours()) : m.rule().destinations();
    List<Candidate> out = new ArrayList<>(targets.size());
    for (InboundRule.Destination d : targets) {
      Trunk pbx =
          Trunk.pbxDestination(
              d.host(),
              d.port() == null ? ("TLS".equals(d.transport()) ? 5061 : 5060) : d.port(),
              d.transport(),
              trunk.name(),
              trunk.host());
      int strip = d.stripDigits() == null ? 0 : Math.max(0, d.stripDigits());
      String number =
          (d.prepend() == null ? "" : d.prepend()) + did.substring(Math.min(strip, did.length()));
      out.add(new Candidate(pbx.id(), pbx, number, caller, skipReason(pbx)));
    }
    return new Resolution(m.rule(), m.afterHours(), out, full);
  }

  /** Why a PBX destination cannot take a call now, or null. */
  public String skipReason(Trunk pbx) {
    if (own.isOwn(pbx.host(), pbx.port())) {
      return RouteResolver.LOOP;
    }
    return breakers.skipReason(pbx.id());
  }
}
