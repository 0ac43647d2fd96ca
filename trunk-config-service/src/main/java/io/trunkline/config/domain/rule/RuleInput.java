package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.rule.RuleView.Match;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An outbound rule as a client writes it. The plain ranges and patterns are declared here; {@link
 * RuleValidator} reads the request and checks the rest.
 */
@Schema(name = "OutboundRuleRequest", description = "An outbound rule as written by a client")
public class RuleInput extends RuleBasicsInput {

  @Schema(description = "Conditions; every one present must hold")
  public Match match;

  @Schema(defaultValue = "PRIORITIZED")
  public Strategy strategy;

  @Schema(required = true, minItems = 1, maxItems = 6, description = "Routes in priority order")
  public List<RouteInput> routes;

  /** One route of the request. */
  @Schema(name = "RuleRouteRequest")
  public static class RouteInput {

    static final String CALLER_ID_PATTERN = "\\+?[0-9]{1,20}";

    @NotNull(message = "is required")
    @Schema(required = true, description = "An existing trunk")
    public String trunkId;

    @Min(value = 0, message = "must be between 0 and 9")
    @Max(value = 9, message = "must be between 0 and 9")
    @Schema(minimum = "0", maximum = "9", defaultValue = "0")
    public Integer stripDigits;

    @Pattern(regexp = PREPEND_PATTERN, message = PREPEND_MESSAGE)
    @Schema(pattern = PREPEND_PATTERN)
    public String prepend;

    @Pattern(regexp = CALLER_ID_PATTERN, message = "must be digits with an optional leading +")
    @Schema(pattern = CALLER_ID_PATTERN)
    public String callerId;

    @Min(value = 1, message = "must be between 1 and 1000")
    @Max(value = 1000, message = "must be between 1 and 1000")
    @Schema(minimum = "1", maximum = "1000", defaultValue = "1")
    public Integer weight;

    /** Reads a route object; wrong types go to the request's errors. */
    static RouteInput read(JsonInput r) {
      RouteInput route = new RouteInput();
      route.trunkId = r.string("trunkId");
      route.stripDigits = r.integer("stripDigits");
      route.prepend = r.string("prepend");
      route.callerId = r.string("callerId");
      route.weight = r.integer("weight");
      return route;
    }
  }
}
