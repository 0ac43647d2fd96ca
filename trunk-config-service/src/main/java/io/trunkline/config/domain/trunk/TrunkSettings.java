package io.trunkline.config.domain.trunk;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Everything a client sets on a trunk except its password: complete (every default filled in) and
 * valid as a write stores it, and the body of the trunk the API and the events show ({@link
 * TrunkView}). The password is write-only: a write carries it beside these settings and stores it
 * only as ciphertext.
 */
public record TrunkSettings(
    String name,
    String provider,
    boolean enabled,
    String host,
    int port,
    Transport transport,
    String outboundProxy,
    AuthMode authMode,
    String username,
    String authUsername,
    String realm,
    int registerExpires,
    String fromDomain,
    int maxConcurrentCalls,
    int maxCallsPerSecond,
    boolean optionsPing,
    int optionsIntervalSeconds,
    NumberFormat numberFormat,
    String countryCode,
    String techPrefix,
    List<Integer> failoverCodes,
    String callerId,
    String didNumbers,
    List<String> associatedIps,
    @Schema(description = "PASS_THROUGH or ANCHOR (RTP relayed through rtpengine)") MediaMode media,
    @Schema(description = "What the trunk side of anchored media speaks")
        MediaEncryption mediaEncryption,
    @Schema(description = "TLS: whether the provider's certificate is checked") boolean tlsVerify) {

  /** Whether the trunk authenticates with a user name and password (REGISTER, DIGEST). */
  public boolean usesCredentials() {
    return authMode != AuthMode.IP;
  }
}
