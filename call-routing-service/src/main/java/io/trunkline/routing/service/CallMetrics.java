package io.trunkline.routing.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The call metrics, labelled by trunk name (never by anything secret). */
@ApplicationScoped
public class CallMetrics {

  private final MeterRegistry registry;
  private final TrunkUsage usage;
  private final TrunkBreakers breakers;
  private final Timer decision;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

  public CallMetrics(MeterRegistry registry, TrunkUsage usage, TrunkBreakers breakers) {
    this.registry = registry;
    this.usage = usage;
    this.breakers = breakers;
    this.decision =
        Timer.builder("routing_decision")
            .description("Time to find the rule and order the candidate trunks for a call")
            .publishPercentileHistogram()
            .register(registry);
  }

  /** Records one routing decision. */
  public void decision(long nanos) {
    decision.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * Counts a trunk attempt's outcome (answered, failover, failed, cancelled) by direction: {@code
   * outbound} (PBX to trunk) or {@code inbound} (trunk to PBX, counted on the trunk it came from).
   */
  public void call(Trunk trunk, String outcome, String direction) {
    ensureGauge(trunk);
    counters
        .computeIfAbsent(
            trunk.name() + '\u0000' + outcome + '\u0000' + direction,
            k ->
                Counter.builder("trunk_calls")
                    .description("Calls attempted on a trunk by outcome and direction")
                    .tag("trunk", trunk.name())
                    .tag("outcome", outcome)
                    .tag("direction", direction)
                    .register(registry))
        .increment();
  }

  /**
   * Counts a rejected SIP request (or connection) by reason. Reasons are constants of this service
   * and of the SIP stack, never text from a peer: the label set stays bounded. May run once per
   * datagram of a flood, so a known reason costs a map lookup and an add, no allocation.
   */
  public void rejected(String reason) {
    Counter c = rejected.get(reason);
    if (c == null) {
      c =
          rejected.computeIfAbsent(
              reason,
              k ->
                  Counter.builder("sip_rejected")
                      .description(
                          "SIP requests and connections refused (strangers, rate, overload,"
                              + " malformed, no route)")
                      .tag("reason", reason)
                      .register(registry));
    }
    c.increment();
  }

  /** Registers the active-calls and circuit-breaker gauges of a trunk on first use. */
  public void ensureGauge(Trunk trunk) {
    if (gauges.putIfAbsent(trunk.id(), Boolean.TRUE) == null) {
      TrunkUsage.Counters c = usage.of(trunk.id());
      Gauge.builder("trunk_active_calls", c, TrunkUsage.Counters::active)
          .description("Calls in progress on a trunk")
          .tag("trunk", trunk.name())
          .register(registry);
      String id = trunk.id();
      Gauge.builder(
              "trunk_circuit_open",
              breakers,
              b -> b.state(id) == TrunkBreakers.State.CLOSED ? 0 : 1)
          .description("1 while a failure storm keeps calls away from a trunk (open, half-open)")
          .tag("trunk", trunk.name())
          .register(registry);
    }
  }
}
