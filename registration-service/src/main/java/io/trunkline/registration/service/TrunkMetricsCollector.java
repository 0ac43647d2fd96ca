package io.trunkline.registration.service;

import io.prometheus.client.Collector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Writes the per-trunk metrics from their rows when Prometheus scrapes: {@code
 * trunk_registration_state}, {@code trunk_reachability}, {@code trunk_options_rtt_seconds} (gauges)
 * and {@code trunk_registrations_total} (REGISTER outcomes), each labelled with the trunk's name.
 */
final class TrunkMetricsCollector extends Collector {

  private static final List<String> TRUNK = List.of("trunk");
  private static final List<String> OUTCOME_TRUNK = List.of("outcome", "trunk");

  /**
   * One trunk's values. Written by the engine thread only, read by the scrape: volatile fields;
   * outcome names are few per trunk (mostly one), so a small array grown on a new one.
   */
  static final class Row {
    volatile int registered;
    volatile int reachability = -1;
    volatile long rttMicros = -1;
    private volatile String[] outcomes = new String[0];
    private volatile AtomicLongArray counts = new AtomicLongArray(0);

    void count(String outcome) {
      String[] names = outcomes;
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(outcome)) {
          counts.incrementAndGet(i);
          return;
        }
      }
      AtomicLongArray grown = new AtomicLongArray(names.length + 1);
      for (int i = 0; i < names.length; i++) {
        grown.set(i, counts.get(i));
      }
      grown.set(names.length, 1);
      counts = grown;
      String[] more = Arrays.copyOf(names, names.length + 1);
      more[names.length] = outcome;
      outcomes = more;
    }
  }

  private final Map<String, Row> rows;

  TrunkMetricsCollector(Map<String, Row> rows) {
    this.rows = rows;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    List<MetricFamilySamples.Sample> state = new ArrayList<>(rows.size());
    List<MetricFamilySamples.Sample> reach = new ArrayList<>(rows.size());
    List<MetricFamilySamples.Sample> rtt = new ArrayList<>(rows.size());
    List<MetricFamilySamples.Sample> outcomes = new ArrayList<>(rows.size());
    rows.forEach(
        (trunk, row) -> {
          List<String> name = List.of(trunk);
          state.add(sample("trunk_registration_state", TRUNK, name, row.registered));
          reach.add(sample("trunk_reachability", TRUNK, name, row.reachability));
          long micros = row.rttMicros;
          rtt.add(sample("trunk_options_rtt_seconds", TRUNK, name, micros < 0 ? 0 : micros / 1e6));
          AtomicLongArray counts = row.counts;
          String[] names = row.outcomes;
          for (int i = 0; i < Math.min(names.length, counts.length()); i++) {
            outcomes.add(
                sample(
                    "trunk_registrations_total",
                    OUTCOME_TRUNK,
                    List.of(names[i], trunk),
                    counts.get(i)));
          }
        });
    return List.of(
        new MetricFamilySamples(
            "trunk_registration_state",
            Type.GAUGE,
            "1 when the trunk is registered, else 0",
            state),
        new MetricFamilySamples(
            "trunk_reachability",
            Type.GAUGE,
            "OPTIONS reachability: 1 up, 0 down, -1 unknown",
            reach),
        new MetricFamilySamples(
            "trunk_options_rtt_seconds",
            Type.GAUGE,
            "Round-trip time of the last answered OPTIONS probe",
            rtt),
        new MetricFamilySamples(
            "trunk_registrations", Type.COUNTER, "REGISTER transactions by outcome", outcomes));
  }

  private static MetricFamilySamples.Sample sample(
      String name, List<String> labels, List<String> values, double value) {
    return new MetricFamilySamples.Sample(name, labels, values, value);
  }
}
