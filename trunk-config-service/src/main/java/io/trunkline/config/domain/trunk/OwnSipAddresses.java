package io.trunkline.config.domain.trunk;

import io.trunkline.config.domain.validation.Syntax;
import io.trunkline.platform.sip.SipHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * call-routing's own SIP addresses ({@code trunkline.loop.own-sip-addresses}). A trunk that points
 * at one of them hands every call straight back to call-routing, which routes it out again: a loop
 * that only ends when the rule goes. Names are compared as written (no DNS here): call-routing
 * catches a name that resolves to itself when the call comes back. {@code localhost} counts as the
 * loopback addresses it stands for. Made from the settings by {@code OwnSipAddressesProducer}.
 */
public class OwnSipAddresses {

  static final int DEFAULT_PORT = 5060;
  private static final String LOCALHOST = "localhost";
  private static final Set<String> LOCALHOST_ALIASES =
      Set.of(LOCALHOST, "127.0.0.1", "0:0:0:0:0:0:0:1");

  private record Address(String host, int port, boolean wildcard) {}

  private final List<Address> own = new ArrayList<>();

  /** From {@code host[:port]} entries; a malformed one stops the service from starting. */
  public OwnSipAddresses(List<String> specs) {
    for (String spec : specs) {
      String s = spec.trim();
      if (s.isEmpty()) {
        continue;
      }
      if (!Syntax.isHostPort(s)) {
        throw new IllegalArgumentException(
            "trunkline.loop.own-sip-addresses: '" + s + "' is not host[:port]");
      }
      String host = normalize(hostOf(s));
      own.add(new Address(host, portOf(s, DEFAULT_PORT), SipHosts.isUnspecified(host)));
    }
  }

  /** Whether a trunk's host and port reach call-routing itself. */
  public boolean isOwn(String host, int port) {
    if (own.isEmpty() || host == null) {
      return false;
    }
    String h = normalize(host);
    boolean local =
        SipHosts.isUnspecified(h) || LOCALHOST_ALIASES.contains(h) || SipHosts.isLoopback(h);
    for (Address a : own) {
      if (a.port != port) {
        continue;
      }
      if (a.host.equals(h)
          || (a.wildcard && local)
          // 0.0.0.0 as a destination is this host: it reaches whatever listens on loopback
          || (SipHosts.isUnspecified(h)
              && (SipHosts.isLoopback(a.host) || a.host.equals(LOCALHOST)))
          || (h.equals(LOCALHOST) && LOCALHOST_ALIASES.contains(a.host))
          || (a.host.equals(LOCALHOST) && LOCALHOST_ALIASES.contains(h))) {
        return true;
      }
    }
    return false;
  }

  /** Whether an outbound proxy ({@code host[:port]}, port 5060 when left out) is call-routing. */
  public boolean isOwnHostPort(String hostPort) {
    return hostPort != null
        && Syntax.isHostPort(hostPort.trim())
        && isOwn(hostOf(hostPort.trim()), portOf(hostPort.trim(), DEFAULT_PORT));
  }

  static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.substring(0, hostPort.indexOf(']') + 1);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  static int portOf(String hostPort, int dflt) {
    int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
    int colon = hostPort.lastIndexOf(':');
    boolean hasPort = close >= 0 ? colon > close : colon > 0 && hostPort.indexOf(':') == colon;
    return hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : dflt;
  }

  /** Lower case, no brackets or trailing dot; IP literals in one canonical form (no DNS). */
  static String normalize(String host) {
    String h = SipHosts.bare(host);
    return Syntax.isIpv4(h) || Syntax.isIpv6(h) ? SipHosts.canonicalLiteral(h) : h;
  }
}
