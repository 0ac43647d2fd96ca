package io.trunkline.routing.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.trunkline.platform.event.Versioned;
import java.util.List;

/** A value of {@code trunk.config.v1} (docs/contract.md); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrunkConfig(
    String schema,
    long version,
    String id,
    String name,
    String provider,
    Boolean enabled,
    String host,
    Integer port,
    String transport,
    String outboundProxy,
    String authMode,
    String username,
    String authUsername,
    String passwordEncrypted,
    String realm,
    String fromDomain,
    Integer maxConcurrentCalls,
    Integer maxCallsPerSecond,
    Boolean optionsPing,
    String numberFormat,
    String countryCode,
    String techPrefix,
    List<Integer> failoverCodes,
    String callerId,
    String didNumbers,
    String media,
    String mediaEncryption,
    List<String> associatedIps,
    String inboundNumberFrom,
    Boolean tlsVerify)
    implements Versioned {

  @Override
  public String toString() {
    // Never print the (encrypted) password.
    return "TrunkConfig[id=" + id + ", name=" + name + ", version=" + version + "]";
  }
}
