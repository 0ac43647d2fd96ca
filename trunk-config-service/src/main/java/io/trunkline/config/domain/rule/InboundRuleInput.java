package io.trunkline.config.domain.rule;

import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.trunk.Transport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An inbound rule as a client writes it. The plain ranges and patterns are declared here; {@link
 * InboundRuleValidator} reads the request and checks the rest.
 */
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

    @Min(value = 1, message = "must be between 1 and 65535")
    @Max(value = 65535, message = "must be between 1 and 65535")
    @Schema(minimum = "1", maximum = "65535", description = "Default 5060 (5061 with TLS)")
    public Integer port;

    @Schema(defaultValue = "UDP")
    public Transport transport;

    /** DIDs are up to 20 digits: a destination may strip all of them (extension from the DID). */
    @Min(value = 0, message = "must be between 0 and 20")
    @Max(value = 20, message = "must be between 0 and 20")
    @Schema(minimum = "0", maximum = "20", defaultValue = "0")
    public Integer stripDigits;

    @Pattern(regexp = PREPEND_PATTERN, message = PREPEND_MESSAGE)
    @Schema(pattern = PREPEND_PATTERN)
    public String prepend;

    /** Reads a destination object; wrong types go to the request's errors. */
    static DestinationInput read(JsonInput d) {
      DestinationInput dest = new DestinationInput();
      dest.host = d.string("host");
      dest.transport = d.enumValue("transport", Transport.class);
      dest.port = d.integer("port");
      dest.stripDigits = d.integer("stripDigits");
      dest.prepend = d.string("prepend");
      return dest;
    }
  }
}
