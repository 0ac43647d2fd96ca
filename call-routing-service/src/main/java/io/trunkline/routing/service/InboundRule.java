package io.trunkline.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trunkline.platform.event.Versioned;
import java.util.List;

/** A value of {@code inbound.rules.v1} (trunk-config's schema); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundRule(
    String schema,
    long version,
    String id,
    String name,
    Boolean enabled,
    Integer priority,
    Match match,
    List<Destination> destinations,
    RoutingRule.Schedule schedule,
    Destination afterHours,
    String createdAt)
    implements Versioned {

  /** Match conditions; each may be null or empty (no condition). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Match(List<String> trunkIds, String dids, String callers) {}

  /** A PBX target: the number sent is {@code prepend + did[stripDigits:]}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Destination(
      String host, Integer port, String transport, Integer stripDigits, String prepend) {}
}
