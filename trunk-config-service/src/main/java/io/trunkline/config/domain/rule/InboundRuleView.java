package io.trunkline.config.domain.rule;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.trunkline.config.domain.Versioned;
import io.trunkline.config.domain.trunk.Transport;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An inbound rule as the API returns it and as {@code inbound.rules.v1} carries: what a client
 * wrote (flat in the JSON) with the fields the service assigns.
 */
@Schema(name = "InboundRule", description = "A stored inbound rule (calls from trunks to the PBX)")
public record InboundRuleView(
    UUID id,
    @JsonUnwrapped InboundRuleDraft rule,
    long version,
    Instant createdAt,
    Instant updatedAt)
    implements Versioned {

  /** Conditions; a null or empty one is no condition. */
  @Schema(name = "InboundRuleMatch")
  public record Match(
      @Schema(description = "Only calls from these trunks") List<UUID> trunkIds,
      @Schema(
              description = "The DID: PortSIP list, items may be prefixes ending in *",
              example = "4420712345;4420712350-4420712399;44161*")
          String dids,
      @Schema(description = "The caller's number, same syntax", example = "44*") String callers) {}

  /** A PBX target and the number sent to it: {@code prepend + did[stripDigits:]}. */
  @Schema(name = "InboundDestination")
  public record Destination(
      String host,
      @Schema(minimum = "1", maximum = "65535") int port,
      Transport transport,
      @Schema(minimum = "0", maximum = "20") int stripDigits,
      @Schema(description = "Prepended after stripping") String prepend) {}
}
