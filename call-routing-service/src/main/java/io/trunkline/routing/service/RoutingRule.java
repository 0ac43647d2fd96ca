package io.trunkline.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trunkline.platform.event.Versioned;
import java.util.List;

/** A value of {@code routing.rules.v1} (docs/contract.md); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutingRule(
    String schema,
    long version,
    String id,
    String name,
    Boolean enabled,
    Integer priority,
    Match match,
    String strategy,
    List<Route> routes,
    Schedule schedule,
    String createdAt)
    implements Versioned {

  /** Match conditions; each may be null or empty (no condition). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Match(List<String> prefixes, List<Integer> lengths, String callers) {}

  /** One route of the rule. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Route(
      String trunkId, Integer stripDigits, String prepend, String callerId, Integer weight) {}

  /** Weekly windows in a time zone, minus holidays. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Schedule(String timeZone, List<Window> windows, List<String> holidays) {}

  /** Days MON..SUN, start inclusive, end exclusive (HH:mm). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Window(List<String> days, String start, String end) {}
}
