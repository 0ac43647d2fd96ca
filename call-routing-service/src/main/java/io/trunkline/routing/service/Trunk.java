package io.trunkline.routing.service;

import java.util.List;
import java.util.Set;

/**
 * A trunk as the router uses it: defaults applied, password decrypted once at ingestion so that the
 * hot path never decrypts. A trunk whose value has no {@code media} (an older producer) passes
 * media through. tlsVerify (TLS trunks only): whether the provider's certificate is checked against
 * the trust store and the trunk's host name; absent means checked.
 */
public record Trunk(
    String id,
    String name,
    boolean enabled,
    String host,
    int port,
    String transport,
    String outboundProxy,
    String authMode,
    String username,
    String authUsername,
    String password,
    String realm,
    String fromDomain,
    int maxConcurrentCalls,
    int maxCallsPerSecond,
    boolean optionsPing,
    String numberFormat,
    String countryCode,
    String techPrefix,
    Set<Integer> failoverCodes,
    String callerId,
    NumberMask didNumbers,
    boolean anchorsMedia,
    MediaEncryption mediaEncryption,
    List<String> associatedIps,
    String inboundNumberFrom,
    boolean tlsVerify) {

  private static final String PBX_ID_PREFIX = "pbx:";

  /**
   * Whether this is a PBX destination of an inbound rule (see {@link #pbxDestination}), not a
   * provider's trunk.
   */
  public boolean isPbxDestination() {
    return id != null && id.startsWith(PBX_ID_PREFIX);
  }

  /** Whether the trunk keeps a registration that must be REGISTERED before calls go out. */
  public boolean registers() {
    return "REGISTER".equals(authMode);
  }

  /** Whether an answer code makes the call try the next route. */
  public boolean isFailover(int code) {
    return failoverCodes.contains(code);
  }

  /**
   * Builds the runtime view from the topic value, filling what the record leaves out with the same
   * defaults trunk-config applies (UDP, 5060 or 5061 for TLS, REGISTER auth...).
   */
  public static Trunk from(TrunkConfig c, String password) {
    String transport = c.transport() == null ? "UDP" : c.transport();
    int defaultPort = "TLS".equals(transport) ? 5061 : 5060;
    String authMode = c.authMode() == null ? "REGISTER" : c.authMode();
    Set<Integer> failover =
        c.failoverCodes() == null || c.failoverCodes().isEmpty()
            ? defaultFailoverCodes()
            : Set.copyOf(c.failoverCodes());
    return new Trunk(
        c.id(),
        c.name() == null ? c.id() : c.name(),
        c.enabled() == null || c.enabled(),
        c.host(),
        c.port() == null ? defaultPort : c.port(),
        transport,
        blankToNull(c.outboundProxy()),
        authMode,
        c.username(),
        blankToNull(c.authUsername()) == null ? c.username() : c.authUsername(),
        password,
        blankToNull(c.realm()),
        blankToNull(c.fromDomain()) == null ? c.host() : c.fromDomain(),
        c.maxConcurrentCalls() == null ? 0 : c.maxConcurrentCalls(),
        c.maxCallsPerSecond() == null ? 0 : c.maxCallsPerSecond(),
        c.optionsPing() == null ? "IP".equals(authMode) : c.optionsPing(),
        c.numberFormat() == null ? "AS_DIALED" : c.numberFormat(),
        blankToNull(c.countryCode()),
        blankToNull(c.techPrefix()),
        failover,
        blankToNull(c.callerId()),
        NumberMask.parse(c.didNumbers()),
        "ANCHOR".equals(c.media()),
        "ANCHOR".equals(c.media()) ? MediaEncryption.of(c.mediaEncryption()) : MediaEncryption.NONE,
        c.associatedIps() == null ? List.of() : List.copyOf(c.associatedIps()),
        c.inboundNumberFrom() == null ? "AUTO" : c.inboundNumberFrom(),
        c.tlsVerify() == null || c.tlsVerify());
  }

  /**
   * A PBX destination of an inbound rule in the shape of a trunk, so that the call's second leg is
   * built and failed over like an outbound one: no credentials, IP only, media passed through,
   * failover on 408 and 5xx. name goes into X-Trunk-Name (the trunk the call came in on).
   */
  public static Trunk pbxDestination(
      String host, int port, String transport, String name, String fromDomain) {
    String t = transport == null ? "UDP" : transport;
    return new Trunk(
        PBX_ID_PREFIX + host + ":" + port + ":" + t,
        name,
        true,
        host,
        port,
        t,
        null,
        "IP",
        null,
        null,
        null,
        null,
        fromDomain,
        0,
        0,
        false,
        "AS_DIALED",
        null,
        null,
        defaultFailoverCodes(),
        null,
        NumberMask.parse(null),
        false,
        MediaEncryption.NONE,
        List.of(),
        "AUTO",
        true);
  }

  static Set<Integer> defaultFailoverCodes() {
    java.util.HashSet<Integer> codes = new java.util.HashSet<>();
    codes.add(408);
    for (int i = 500; i <= 599; i++) {
      codes.add(i);
    }
    return Set.copyOf(codes);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "Trunk[id=" + id + ", name=" + name + "]";
  }
}
