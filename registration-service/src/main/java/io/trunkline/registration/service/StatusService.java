package io.trunkline.registration.service;

import io.trunkline.platform.event.EventEnvelope;
import io.trunkline.registration.domain.Reachability;
import io.trunkline.registration.domain.RegistrationReport;
import io.trunkline.registration.domain.RegistrationState;
import io.trunkline.registration.domain.StatusSink;
import io.trunkline.registration.domain.TrunkConfig;
import io.trunkline.registration.event.StatusPublisher;
import io.trunkline.registration.event.TrunkStatusEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current status of every trunk this replica handles. Publishes {@code trunk.status.v1} when
 * the registration or reachability state changes (not on each refresh) and keeps the metrics.
 */
public final class StatusService implements StatusSink {

  private final StatusPublisher publisher;
  private final RegistrationMetrics metrics;
  private final Map<String, TrunkStatusEvent> current = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();

  public StatusService(StatusPublisher publisher, RegistrationMetrics metrics) {
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /** All statuses of this replica's trunks, by trunk name. */
  public List<TrunkStatusEvent> all() {
    return current.values().stream()
        .sorted(Comparator.comparing(TrunkStatusEvent::trunkName))
        .toList();
  }

  /** The status of one trunk handled by this replica. */
  public Optional<TrunkStatusEvent> get(String trunkId) {
    return Optional.ofNullable(current.get(trunkId));
  }

  @Override
  public void track(TrunkConfig trunk, RegistrationState initial) {
    TrunkStatusEvent prev = current.get(trunk.id());
    Reachability reach =
        prev == null ? Reachability.UNKNOWN : Reachability.valueOf(prev.reachability());
    if (!trunk.pinged()) {
      reach = Reachability.UNKNOWN;
    }
    boolean keepDetails = prev != null && prev.registration().equals(initial.name());
    apply(
        trunk,
        fresh(
            trunk,
            initial.name(),
            reach.name(),
            keepDetails ? prev.lastCode() : null,
            keepDetails ? prev.lastReason() : null,
            keepDetails ? prev.expiresAt() : null,
            keepDetails ? prev.registrar() : null,
            prev == null || !trunk.pinged() ? null : prev.rttMillis(),
            keepDetails ? prev.failures() : 0));
  }

  @Override
  public void registration(TrunkConfig trunk, RegistrationReport report) {
    TrunkStatusEvent prev = current.get(trunk.id());
    String reach = prev == null ? Reachability.UNKNOWN.name() : prev.reachability();
    Long rtt = prev == null ? null : prev.rttMillis();
    if (report.outcome() != null) {
      metrics.outcome(trunk.name(), report.outcome());
    }
    apply(
        trunk,
        fresh(
            trunk,
            report.state().name(),
            reach,
            report.code(),
            report.reason(),
            report.expiresAt(),
            report.registrar(),
            rtt,
            report.failures()));
  }

  /** A status of {@code trunk}; {@link #apply} stamps its version and time. */
  private static TrunkStatusEvent fresh(
      TrunkConfig trunk,
      String registration,
      String reachability,
      Integer code,
      String reason,
      Instant expiresAt,
      String registrar,
      Long rttMillis,
      int failures) {
    return new TrunkStatusEvent(
        TrunkStatusEvent.SCHEMA,
        trunk.id(),
        trunk.name(),
        registration,
        reachability,
        code,
        reason,
        expiresAt,
        registrar,
        rttMillis,
        failures,
        0,
        null);
  }

  @Override
  public void reachability(TrunkConfig trunk, Reachability reachability, Long rttMillis) {
    TrunkStatusEvent p = current.get(trunk.id());
    if (p == null) {
      return;
    }
    apply(
        trunk,
        new TrunkStatusEvent(
            p.schema(),
            p.trunkId(),
            trunk.name(),
            p.registration(),
            reachability.name(),
            p.lastCode(),
            p.lastReason(),
            p.expiresAt(),
            p.registrar(),
            rttMillis != null ? rttMillis : p.rttMillis(),
            p.failures(),
            0,
            null));
  }

  @Override
  public void forget(String trunkId) {
    TrunkStatusEvent prev = current.remove(trunkId);
    if (prev != null) {
      metrics.remove(prev.trunkName());
    }
  }

  /** The trunk was deleted: a tombstone on {@code trunk.status.v1}. */
  @Override
  public void deleted(String trunkId) {
    forget(trunkId);
    versions.remove(trunkId);
    publisher.tombstone(trunkId);
  }

  private void apply(TrunkConfig trunk, TrunkStatusEvent next) {
    TrunkStatusEvent prev = current.get(trunk.id());
    if (prev != null && !prev.trunkName().equals(trunk.name())) {
      metrics.remove(prev.trunkName());
    }
    boolean changed =
        prev == null
            || !prev.registration().equals(next.registration())
            || !prev.reachability().equals(next.reachability())
            || (RegistrationState.FAILED.name().equals(next.registration())
                && !Objects.equals(prev.lastCode(), next.lastCode()));
    long version = changed ? nextVersion(trunk.id()) : prev.version();
    Instant at = changed ? Instant.now() : prev.at();
    TrunkStatusEvent stamped =
        next.withEnvelope(new EventEnvelope(TrunkStatusEvent.SCHEMA, version, at));
    current.put(trunk.id(), stamped);
    metrics.update(
        trunk.name(),
        RegistrationState.valueOf(stamped.registration()),
        Reachability.valueOf(stamped.reachability()),
        stamped.rttMillis());
    if (changed) {
      publisher.publish(stamped);
    }
  }

  /** docs/contract.md: max(previous + 1, currentTimeMillis), so it grows across restarts. */
  private long nextVersion(String trunkId) {
    return versions.compute(
        trunkId, (id, previous) -> EventEnvelope.nextVersion(previous, System.currentTimeMillis()));
  }
}
