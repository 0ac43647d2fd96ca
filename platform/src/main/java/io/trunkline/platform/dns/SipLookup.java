package io.trunkline.platform.dns;

import java.util.Locale;

/**
 * What to resolve: a trunk's (or outbound proxy's) host, with the port and transport when the
 * configuration names them.
 *
 * @param host a domain name or an IP literal (IPv6 with or without brackets); a trailing dot is
 *     dropped, the name is lower-cased
 * @param port 1-65535, or 0 when the configuration names none: only then do SRV records decide the
 *     port (RFC 3263 section 4.2)
 * @param transport the configured transport, or null to let NAPTR/SRV records choose
 * @param secure true for a {@code sips:} target: only TLS is acceptable
 */
public record SipLookup(String host, int port, SipTransport transport, boolean secure) {

  public SipLookup {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    host = host.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.endsWith(".") && host.length() > 1) {
      host = host.substring(0, host.length() - 1);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (none) or 1-65535, was " + port);
    }
    if (secure && transport != null && transport != SipTransport.TLS) {
      throw new IllegalArgumentException("a sips target needs TLS, not " + transport);
    }
  }

  /** A host whose transport and port come from DNS (NAPTR, then SRV, then A/AAAA). */
  public static SipLookup of(String host) {
    return new SipLookup(host, 0, null, false);
  }

  /** A trunk as configured: port 0 and transport null mean "not configured". */
  public static SipLookup of(String host, int port, SipTransport transport) {
    return new SipLookup(host, port, transport, transport == SipTransport.TLS);
  }

  /**
   * A trunk (or outbound proxy) as the services hold it, where the port is always filled in: the
   * configuration service stores the transport's default port (5060, 5061 for TLS) when the
   * operator gives none, so that port on a domain name counts as "not configured" and SRV records
   * for the trunk's transport decide (falling back to the host's addresses on that very port). Any
   * other port is the operator's choice: A/AAAA only (RFC 3263 section 4.2).
   *
   * @param port the stored port, 0 or negative for none
   * @param transport {@code UDP}, {@code TCP} or {@code TLS} (case-insensitive); null or blank: let
   *     NAPTR decide
   */
  public static SipLookup forTrunk(String host, int port, String transport) {
    SipTransport t =
        transport == null || transport.isBlank()
            ? null
            : SipTransport.valueOf(transport.trim().toUpperCase(Locale.ROOT));
    int defaultPort = t == null ? SipTransport.UDP.defaultPort() : t.defaultPort();
    int configured = port <= 0 || port == defaultPort ? 0 : port;
    return of(host, configured, t);
  }

  /**
   * Whether the host has to be looked up in DNS: false for an IP literal (IPv4, or IPv6 with or
   * without brackets) and for {@code localhost}, which the hosts file answers (RFC 6761), so that
   * callers keep sending to those as configured.
   */
  public boolean needsDns() {
    return Rfc3263.ipLiteral(host) == null && !"localhost".equals(host);
  }

  boolean hasPort() {
    return port != 0;
  }
}
