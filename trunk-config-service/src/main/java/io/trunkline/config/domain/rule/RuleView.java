package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.trunkline.config.domain.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An outbound rule as the API returns it and as {@code routing.rules.v1} carries: what a client
 * wrote (flat in the JSON) with the fields the service assigns.
 */
@Schema(name = "OutboundRule", description = "A stored outbound rule")
public record RuleView(
    UUID id, @JsonUnwrapped RuleDraft rule, long version, Instant createdAt, Instant updatedAt)
    implements Versioned {

  /** Conditions; a null or empty one is no condition. */
  @Schema(name = "RuleMatch")
  public record Match(
      @Schema(description = "Dialled number starts with one of them ([0-9*#+]{1,32})")
          List<String> prefixes,
      @Schema(description = "Dialled number has one of these lengths (1-32)") List<Integer> lengths,
      @Schema(description = "Calling extension in PortSIP list syntax", example = "101-110;199")
          String callers) {}

  /** One candidate trunk and the number rewrite towards it. */
  @Schema(name = "RuleRoute")
  public record Route(
      UUID trunkId,
      @Schema(minimum = "0", maximum = "9") int stripDigits,
      @Schema(description = "Prepended after stripping", example = "+44") String prepend,
      @Schema(description = "Caller ID on this route") String callerId,
      @Schema(minimum = "1", maximum = "1000", description = "For WEIGHTED") int weight) {}

  /** When the rule applies. */
  @Schema(name = "RuleSchedule")
  public record Schedule(String timeZone, List<Window> windows, List<String> holidays) {}

  /** A weekly window: days MON..SUN, start inclusive, end exclusive (HH:mm). */
  @Schema(name = "RuleWindow")
  public record Window(List<String> days, String start, String end) {}
}
