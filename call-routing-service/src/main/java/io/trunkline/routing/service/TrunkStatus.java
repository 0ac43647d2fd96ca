package io.trunkline.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trunkline.platform.event.Versioned;

/** A value of {@code trunk.status.v1} (docs/contract.md); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrunkStatus(
    String schema,
    String trunkId,
    String trunkName,
    String registration,
    String reachability,
    Integer lastCode,
    String lastReason,
    long version)
    implements Versioned {}
