package io.trunkline.registration.event;

import io.trunkline.platform.event.EventEnvelope;
import io.trunkline.platform.event.Versioned;
import java.time.Instant;

/** One value of {@code trunk.status.v1} (docs/contract.md); also the REST view. */
public record TrunkStatusEvent(
    String schema,
    String trunkId,
    String trunkName,
    String registration,
    String reachability,
    Integer lastCode,
    String lastReason,
    Instant expiresAt,
    String registrar,
    Long rttMillis,
    int failures,
    long version,
    Instant at)
    implements Versioned {

  /** The schema name every value carries. */
  public static final String SCHEMA = "trunk.status.v1";

  /** This status stamped with the envelope's schema, version and time. */
  public TrunkStatusEvent withEnvelope(EventEnvelope envelope) {
    return new TrunkStatusEvent(
        envelope.schema(),
        trunkId,
        trunkName,
        registration,
        reachability,
        lastCode,
        lastReason,
        expiresAt,
        registrar,
        rttMillis,
        failures,
        envelope.version(),
        envelope.at());
  }
}
