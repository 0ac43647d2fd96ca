package io.trunkline.routing.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code media_sessions_active} (relay sessions from their first accepted offer to their delete),
 * {@code media_offer_seconds} (an offer's round trip, fail-over included), {@code
 * media_errors_total{reason}} (the bounded reasons of {@link MediaRelayException}, each exported
 * from the start at 0 so that a dashboard shows "no errors" rather than "no data") and, to see
 * which instance is out, {@code media_relay_up{relay}} (not "instance": Prometheus' target label).
 */
final class MediaMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final Timer offer;
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Map<String, Boolean> instances = new ConcurrentHashMap<>();

  /** Every reason a {@link MediaRelayException} can carry. */
  static final List<String> REASONS =
      List.of("timeout", "error", "malformed", "io", "no_instance", "closed");

  MediaMetrics(MeterRegistry registry) {
    this.registry = registry;
    REASONS.forEach(r -> counter(r));
    Gauge.builder("media_sessions_active", active, AtomicInteger::get)
        .description("Media relay sessions of calls in progress (anchored calls)")
        .register(registry);
    this.offer =
        Timer.builder("media_offer")
            .description("Round trip of an SDP offer through the media relay")
            .publishPercentileHistogram()
            .register(registry);
  }

  void sessionOpened() {
    active.incrementAndGet();
  }

  void sessionDeleted() {
    active.decrementAndGet();
  }

  int active() {
    return active.get();
  }

  void offer(long nanos) {
    offer.record(nanos, TimeUnit.NANOSECONDS);
  }

  void error(String reason) {
    counter(reason).increment();
  }

  private Counter counter(String reason) {
    return errors.computeIfAbsent(
        reason,
        r ->
            Counter.builder("media_errors")
                .description("Failed media relay commands by reason")
                .tag("reason", r)
                .register(registry));
  }

  void instance(RtpengineInstances.Instance i) {
    if (instances.putIfAbsent(i.name, Boolean.TRUE) == null) {
      Gauge.builder("media_relay_up", i, x -> x.up() ? 1 : 0)
          .description("Whether a media relay instance answers (1) or not (0)")
          .tag("relay", i.name)
          .register(registry);
    }
  }
}
