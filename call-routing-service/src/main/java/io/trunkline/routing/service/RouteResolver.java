package io.trunkline.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rule match, route order by strategy, number rewriting and trunk availability: the routing
 * decision, in one place so that real calls and the resolve dry run can never disagree.
 */
@ApplicationScoped
public class RouteResolver {

  /** Skip reason of a trunk that points back at this service. */
  public static final String LOOP = "loop";

  private final StateStore store;
  private final TrunkUsage usage;
  private final Clock clock;
  private final OwnSipAddresses ownAddresses;
  private final TrunkBreakers breakers;
  private final TrunkDestinations destinations;

  @Inject
  public RouteResolver(
      StateStore store,
      TrunkUsage usage,
      OwnSipAddresses ownAddresses,
      TrunkBreakers breakers,
      TrunkDestinations destinations) {
    this(store, usage, Clock.systemUTC(), ownAddresses, breakers, destinations);
  }

  /** A resolver that sends to every host as configured (no DNS). */
  public RouteResolver(
      StateStore store, TrunkUsage usage, OwnSipAddresses ownAddresses, TrunkBreakers breakers) {
    this(store, usage, Clock.systemUTC(), ownAddresses, breakers);
  }

  /** A resolver without loop or breaker checks (tests of the rules). */
  public RouteResolver(StateStore store, TrunkUsage usage) {
    this(store, usage, Clock.systemUTC());
  }

  /** A resolver on a given clock (schedules in tests), without loop or breaker checks. */
  public RouteResolver(StateStore store, TrunkUsage usage, Clock clock) {
    this(store, usage, clock, new OwnSipAddresses(List.of()), TrunkBreakers.off());
  }

  /** A resolver with everything but DNS given: hosts are sent to as configured. */
  public RouteResolver(
      StateStore store,
      TrunkUsage usage,
      Clock clock,
      OwnSipAddresses ownAddresses,
      TrunkBreakers breakers) {
    this(store, usage, clock, ownAddresses, breakers, TrunkDestinations.literalOnly());
  }

  /** A resolver with everything given, DNS included. */
  public RouteResolver(
      StateStore store,
      TrunkUsage usage,
      Clock clock,
      OwnSipAddresses ownAddresses,
      TrunkBreakers breakers,
      TrunkDestinations destinations) {
    this.destinations = destinations;
    this.store = store;
    this.usage = usage;
    this.clock = clock;
    this.ownAddresses = ownAddresses;
    this.breakers = breakers;
  }

  /** The rule and its candidates for a call, or null when no rule matches. */
  public Resolution resolve(String caller, String dialled) {
    RoutingSnapshot s = store.snapshot();
    RuleIndex.Match m = s.rules().lookup(caller, dialled, clock.instant());
    if (m == null) {
      return null;
    }
    CompiledRule rule = m.rule();
    List<Candidate> out = new ArrayList<>(rule.routes().size());
    for (RoutingRule.Route r : order(rule)) {
      Trunk t = s.trunks().get(r.trunkId());
      if (t == null) {
        out.add(new Candidate(r.trunkId(), null, null, null, "unknown trunk"));
        continue;
      }
      int strip = r.stripDigits() == null ? 0 : r.stripDigits();
      String number = NumberRewriter.rewrite(dialled, strip, r.prepend(), t);
      String callerId =
          r.callerId() != null ? r.callerId() : t.callerId() != null ? t.callerId() : caller;
      out.add(new Candidate(t.id(), t, number, callerId, unavailableReason(t, s)));
    }
    return new Resolution(rule, m.prefixLength(), out);
  }

  /** Where trunks named by a domain are resolved; calls walk the addresses it gives. */
  public TrunkDestinations destinations() {
    return destinations;
  }

  /** Why the trunk cannot take a call now (latest state), or null when it can. */
  public String unavailableReason(Trunk t) {
    RoutingSnapshot s = store.snapshot();
    Trunk latest = s.trunks().get(t.id());
    return latest == null ? "unknown trunk" : unavailableReason(latest, s);
  }

  private String unavailableReason(Trunk t, RoutingSnapshot s) {
    if (!t.enabled()) {
      return "disabled";
    }
    if (ownAddresses.loopsBack(t)) {
      return LOOP;
    }
    if (destinations.needsLookup(t)) {
      TrunkTargets known = destinations.known(t);
      if (known != null && known.failed()) {
        return TrunkTargets.DNS;
      }
    }
    TrunkStatus st = s.statuses().get(t.id());
    if (t.registers() && (st == null || !"REGISTERED".equals(st.registration()))) {
      return "not registered";
    }
    if (t.optionsPing() && st != null && "DOWN".equals(st.reachability())) {
      return "down";
    }
    String breaker = breakers.skipReason(t.id());
    return breaker != null ? breaker : usage.checkRoom(t);
  }

  private List<RoutingRule.Route> order(CompiledRule rule) {
    List<RoutingRule.Route> routes = new ArrayList<>(rule.routes());
    switch (rule.strategy()) {
      case "RANDOM" -> java.util.Collections.shuffle(routes, ThreadLocalRandom.current());
      case "WEIGHTED" -> {
        // Weighted random order without replacement (Efraimidis-Spirakis keys u^(1/w)).
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        List<double[]> keys = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
          Integer w = routes.get(i).weight();
          double weight = w == null ? 1 : Math.max(w, 0);
          double key =
              weight <= 0 ? -1 + rnd.nextDouble() * 1e-9 : Math.pow(rnd.nextDouble(), 1 / weight);
          keys.add(new double[] {key, i});
        }
        keys.sort((a, b) -> Double.compare(b[0], a[0]));
        List<RoutingRule.Route> sorted = new ArrayList<>();
        keys.forEach(k -> sorted.add(routes.get((int) k[1])));
        return sorted;
      }
      case "LEAST_BUSY" ->
          routes.sort(Comparator.comparingInt(r -> usage.active(r.trunkId()))); // stable
      default -> {
        // PRIORITIZED: as listed.
      }
    }
    return routes;
  }
}
