package io.trunkline.registration.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.registration.domain.Reachability;
import io.trunkline.registration.domain.RegistrationState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-trunk metrics the dashboards and alerts read (their names are shared with
 * deploy/monitoring); label {@code trunk} is the trunk's name, which an operator recognises, not
 * its id.
 */
public final class RegistrationMetrics {

  private final MeterRegistry registry;
  private final Map<String, TrunkMeters> byTrunk = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  public RegistrationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets the gauges of one trunk; reachability is 1 up, 0 down, -1 unknown. */
  public void update(String trunkName, RegistrationState state, Reachability reach, Long rtt) {
    TrunkMeters m = byTrunk.computeIfAbsent(trunkName, TrunkMeters::new);
    m.registered.set(state == RegistrationState.REGISTERED ? 1 : 0);
    m.reachability.set(reach == Reachability.UP ? 1 : reach == Reachability.DOWN ? 0 : -1);
    if (rtt != null) {
      m.rttMicros.set(rtt * 1000);
    }
  }

  /** Counts one REGISTER outcome. */
  public void outcome(String trunkName, String outcome) {
    // the trunk's own counters, not a registry look-up (a new meter id, its tags sorted) per answer
    byTrunk.computeIfAbsent(trunkName, TrunkMeters::new).outcome(outcome).increment();
  }

  /**
   * Counts a SIP message this service shed (rate, response_source, stray_response, queue_full).
   * Reasons are this service's constants, never a peer's text: the label set stays bounded.
   */
  public void rejected(String reason) {
    rejected
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("sip_rejected")
                    .description("SIP messages this service refused or ignored, by reason")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  /** Drops every meter of a trunk that this replica no longer handles. */
  public void remove(String trunkName) {
    TrunkMeters m = byTrunk.remove(trunkName);
    if (m != null) {
      m.meters.forEach(registry::remove);
    }
    registry.getMeters().stream()
        .filter(meter -> meter.getId().getName().equals("trunk.registrations"))
        .filter(meter -> trunkName.equals(meter.getId().getTag("trunk")))
        .toList()
        .forEach(registry::remove);
  }

  private final class TrunkMeters {
    final AtomicLong registered = new AtomicLong();
    final AtomicLong reachability = new AtomicLong(-1);
    final AtomicLong rttMicros = new AtomicLong(-1);
    final List<Meter> meters = new ArrayList<>();
    final String name;
    Counter lastOutcome; // the outcome counted last: a trunk mostly repeats its outcome

    TrunkMeters(String name) {
      this.name = name;
      meters.add(
          Gauge.builder("trunk_registration_state", registered, AtomicLong::get)
              .description("1 when the trunk is registered, else 0")
              .tag("trunk", name)
              .register(registry));
      meters.add(
          Gauge.builder("trunk_reachability", reachability, AtomicLong::get)
              .description("OPTIONS reachability: 1 up, 0 down, -1 unknown")
              .tag("trunk", name)
              .register(registry));
      meters.add(
          Gauge.builder(
                  "trunk_options_rtt_seconds", rttMicros, v -> v.get() < 0 ? 0 : v.get() / 1e6)
              .description("Round-trip time of the last answered OPTIONS probe")
              .tag("trunk", name)
              .register(registry));
    }

    Counter outcome(String outcome) {
      Counter c = lastOutcome;
      if (c == null || !outcome.equals(c.getId().getTag("outcome"))) {
        c =
            Counter.builder("trunk.registrations")
                .description("REGISTER transactions by outcome")
                .tag("trunk", name)
                .tag("outcome", outcome)
                .register(registry);
        lastOutcome = c;
      }
      return c;
    }
  }
}
