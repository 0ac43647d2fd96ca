package io.trunkline.registration.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.trunkline.registration.domain.Reachability;
import io.trunkline.registration.domain.RegistrationState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The per-trunk metrics the dashboards and alerts read (their names are shared with
 * deploy/monitoring); label {@code trunk} is the trunk's name, which an operator recognises, not
 * its id.
 *
 * <p>They are read from one row per trunk when Prometheus scrapes ({@link TrunkMetricsCollector}),
 * not kept as Micrometer meters: three gauges and a counter per trunk cost about 2.5 KB of heap
 * each (ids, tags, the composite registry's copies) and a registry look-up per answer, which with
 * 20,000 trunks was a fifth of the live heap and kept the collector busy in a registration burst.
 */
public final class RegistrationMetrics implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RegistrationMetrics.class);

  private final MeterRegistry registry;
  private final Map<String, TrunkMetricsCollector.Row> byTrunk = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final CollectorRegistry prometheus;
  private final TrunkMetricsCollector collector = new TrunkMetricsCollector(byTrunk);

  public RegistrationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.prometheus = prometheusOf(registry);
    if (prometheus == null) {
      LOG.info("no Prometheus registry: of the per-trunk metrics only REGISTER outcomes are kept");
    } else {
      prometheus.register(collector);
    }
  }

  /** Sets the gauges of one trunk; reachability is 1 up, 0 down, -1 unknown. */
  public void update(String trunkName, RegistrationState state, Reachability reach, Long rtt) {
    TrunkMetricsCollector.Row m =
        byTrunk.computeIfAbsent(trunkName, n -> new TrunkMetricsCollector.Row());
    m.registered = state == RegistrationState.REGISTERED ? 1 : 0;
    m.reachability = reach == Reachability.UP ? 1 : reach == Reachability.DOWN ? 0 : -1;
    if (rtt != null) {
      m.rttMicros = rtt * 1000;
    }
  }

  /**
   * Counts one REGISTER outcome; without a Prometheus registry (an embedding's plain Micrometer
   * registry) as a Micrometer counter {@code trunk.registrations}.
   */
  public void outcome(String trunkName, String outcome) {
    if (prometheus == null) {
      Counter.builder("trunk.registrations")
          .description("REGISTER transactions by outcome")
          .tag("trunk", trunkName)
          .tag("outcome", outcome)
          .register(registry)
          .increment();
      return;
    }
    byTrunk.computeIfAbsent(trunkName, n -> new TrunkMetricsCollector.Row()).count(outcome);
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

  /** Drops every metric of a trunk that this replica no longer handles. */
  public void remove(String trunkName) {
    byTrunk.remove(trunkName);
  }

  /** Stops exporting the per-trunk metrics (a restarted core registers its own). */
  @Override
  public void close() {
    if (prometheus != null) {
      prometheus.unregister(collector);
    }
  }

  /** The Prometheus registry behind {@code registry} (Quarkus injects a composite of it). */
  private static CollectorRegistry prometheusOf(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry p) {
      return p.getPrometheusRegistry();
    }
    if (registry instanceof CompositeMeterRegistry c) {
      for (MeterRegistry child : c.getRegistries()) {
        CollectorRegistry found = prometheusOf(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
