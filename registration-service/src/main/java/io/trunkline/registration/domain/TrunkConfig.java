package io.trunkline.registration.domain;

import io.trunkline.platform.event.Versioned;
import java.util.List;
import java.util.Objects;

/**
 * One trunk as published on {@code trunk.config.v1} (docs/contract.md), as this service sees it:
 * only the fields it uses. The topic's JSON mapper ignores the other fields, so that the producer
 * can add fields without breaking this consumer.
 */
public record TrunkConfig(
    String schema,
    long version,
    String id,
    String name,
    boolean enabled,
    String host,
    Integer port,
    String transport,
    String outboundProxy,
    String authMode,
    String username,
    String authUsername,
    String passwordEncrypted,
    String realm,
    Integer registerExpires,
    Boolean optionsPing,
    Integer optionsIntervalSeconds,
    List<Integer> failoverCodes,
    Boolean tlsVerify)
    implements Versioned {

  /**
   * Whether the provider's TLS certificate and host name are checked: true unless the trunk says
   * {@code tlsVerify: false} (records from before the field have none).
   */
  public boolean tlsVerifyOrDefault() {
    return !Boolean.FALSE.equals(tlsVerify);
  }

  /** Transport in upper case, UDP when unset. */
  public String transportOrDefault() {
    return transport == null || transport.isBlank() ? "UDP" : transport.toUpperCase();
  }

  /** Port, or 5060 (5061 for TLS) when unset. */
  public int portOrDefault() {
    if (port != null) {
      return port;
    }
    return "TLS".equals(transportOrDefault()) ? 5061 : 5060;
  }

  /** True when this trunk keeps a registration (enabled and authMode REGISTER). */
  public boolean registers() {
    return enabled && "REGISTER".equalsIgnoreCase(authMode == null ? "REGISTER" : authMode);
  }

  /** True when this trunk is probed with OPTIONS. */
  public boolean pinged() {
    return enabled && Boolean.TRUE.equals(optionsPing);
  }

  /** Digest user name: authUsername, else username. */
  public String digestUser() {
    return authUsername == null || authUsername.isBlank() ? username : authUsername;
  }

  /**
   * The next hop of the trunk's requests (outbound proxy, else host:port), e.g. {@code
   * sip:h:5060;transport=udp}: where a REGISTER goes, as shown in the status.
   */
  public String nextHop() {
    String hostPort =
        outboundProxy != null && !outboundProxy.isBlank()
            ? outboundProxyWithPort()
            : host + ":" + portOrDefault();
    return "sip:" + hostPort + ";transport=" + transportOrDefault().toLowerCase();
  }

  /** The outbound proxy as host:port (5060, 5061 for TLS, when it names no port). */
  public String outboundProxyWithPort() {
    return outboundProxy.contains(":")
        ? outboundProxy
        : outboundProxy + ":" + ("TLS".equals(transportOrDefault()) ? 5061 : 5060);
  }

  /** Requested expiry in seconds, 600 when unset. */
  public int expiresOrDefault() {
    return registerExpires == null ? 600 : registerExpires;
  }

  /** OPTIONS interval in seconds, 30 when unset. */
  public int optionsIntervalOrDefault() {
    return optionsIntervalSeconds == null ? 30 : optionsIntervalSeconds;
  }

  /** True when an answer with this code counts as a failure of the trunk. */
  public boolean isFailoverCode(int code) {
    if (failoverCodes == null) {
      return code == 408 || (code >= 500 && code <= 599);
    }
    return failoverCodes.contains(code);
  }

  /** True when the registration must be redone because a field it depends on changed. */
  public boolean registrationDiffers(TrunkConfig other) {
    return other == null
        || !Objects.equals(host, other.host)
        || portOrDefault() != other.portOrDefault()
        || !transportOrDefault().equals(other.transportOrDefault())
        || !Objects.equals(outboundProxy, other.outboundProxy)
        || !Objects.equals(username, other.username)
        || !Objects.equals(digestUser(), other.digestUser())
        || !Objects.equals(passwordEncrypted, other.passwordEncrypted)
        || !Objects.equals(realm, other.realm)
        || tlsVerifyOrDefault() != other.tlsVerifyOrDefault()
        || expiresOrDefault() != other.expiresOrDefault();
  }

  /** Never print the (encrypted) password. */
  @Override
  public String toString() {
    return "TrunkConfig[id=" + id + ", name=" + name + ", version=" + version + "]";
  }
}
