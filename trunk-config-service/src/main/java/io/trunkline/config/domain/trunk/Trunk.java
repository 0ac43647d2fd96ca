package io.trunkline.config.domain.trunk;

import java.util.List;

/**
 * A complete trunk as a write stores it: every default filled in, every field valid. {@code
 * password} is the new plain password, or null when the request sent none (the stored one is then
 * kept, unless the trunk no longer uses credentials).
 */
public record Trunk(
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
    String password,
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
    MediaMode media,
    MediaEncryption mediaEncryption,
    boolean tlsVerify) {

  /** Whether the trunk authenticates with a user name and password (REGISTER, DIGEST). */
  public boolean usesCredentials() {
    return authMode != AuthMode.IP;
  }

  @Override
  public String toString() {
    return "Trunk[" + name + ", " + host + ":" + port + ", password hidden]";
  }
}
