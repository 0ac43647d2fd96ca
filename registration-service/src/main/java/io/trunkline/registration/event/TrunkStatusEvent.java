package io.trunkline.registration.event;

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
    Instant at) {

  /** The schema name every value carries. */
  public static final String SCHEMA = "trunk.status.v1";
}
