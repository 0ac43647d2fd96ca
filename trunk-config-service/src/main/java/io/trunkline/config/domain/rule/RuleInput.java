package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.rule.RuleView.Match;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An outbound rule as a client writes it (documentation of the request body). */
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
    @Schema(required = true, description = "An existing trunk")
    public String trunkId;

    @Schema(minimum = "0", maximum = "9", defaultValue = "0")
    public Integer stripDigits;

    @Schema(pattern = "[0-9*#+]{0,32}")
    public String prepend;

    @Schema(pattern = "\\+?[0-9]{1,20}")
    public String callerId;

    @Schema(minimum = "1", maximum = "1000", defaultValue = "1")
    public Integer weight;
  }
}
