package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.trunk.Transport;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An inbound rule as a client writes it (documentation of the request body). */
@Schema(name = "InboundRuleRequest", description = "An inbound rule as written by a client")
public class InboundRuleInput extends RuleBasicsInput {

  @Schema(description = "Conditions; every one present must hold")
  public MatchInput match;

  @Schema(required = true, minItems = 1, maxItems = 3, description = "PBX targets, tried in order")
  public List<DestinationInput> destinations;

  @Schema(description = "Optional, needs a schedule: the target outside it")
  public DestinationInput afterHours;

  /** Conditions of the request. */
  @Schema(name = "InboundRuleMatchRequest")
  public static class MatchInput {
    @Schema(description = "Existing trunks; empty: calls from any trunk")
    public List<String> trunkIds;

    @Schema(example = "4420712345;4420712350-4420712399;44161*")
    public String dids;

    @Schema(example = "44*")
    public String callers;
  }

  /** One PBX target of the request. */
  @Schema(name = "InboundDestinationRequest")
  public static class DestinationInput {
    @Schema(required = true, description = "Host name or IP address of the PBX")
    public String host;

    @Schema(minimum = "1", maximum = "65535", description = "Default 5060 (5061 with TLS)")
    public Integer port;

    @Schema(defaultValue = "UDP")
    public Transport transport;

    @Schema(minimum = "0", maximum = "20", defaultValue = "0")
    public Integer stripDigits;

    @Schema(pattern = "[0-9*#+]{0,32}")
    public String prepend;
  }
}
