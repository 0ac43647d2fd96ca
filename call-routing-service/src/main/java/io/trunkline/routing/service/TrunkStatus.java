package io.trunkline.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trunkline.platform.event.Versioned;

/**
 * A value of {@code trunk.status.v1} (docs/contract.md) as trunk choice reads it: only whether the
 * trunk is registered and reachable. Every other field of the topic is ignored, so registration can
 * add fields without breaking this consumer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrunkStatus(long version, String registration, String reachability)
    implements Versioned {}
