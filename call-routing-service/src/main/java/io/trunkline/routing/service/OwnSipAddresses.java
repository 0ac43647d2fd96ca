package io.trunkline.routing.service;

import io.trunkline.platform.sip.SipHosts;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This service's own SIP addresses: where it listens and what it advertises. A trunk that points at
 * one of them would hand each call straight back to this service, which would route it out again.
 * No DNS here (routing never waits for it): names match only names listed, {@code localhost} counts
 * as the loopback addresses it stands for, and a name that resolves to this service is caught by
 * the loop marker when the call comes back. A wildcard bind ({@code 0.0.0.0}, {@code ::}) makes
 * every address of this host's interfaces, loopback and the unspecified address ours.
 */
public class OwnSipAddresses {

  private static final Logger LOG = Logger.getLogger(OwnSipAddresses.class);
  private static final int DEFAULT_PORT = 5060;
  private static final int MAX_VERDICTS = 65_536;
  private static final String LOCALHOST = "localhost";
  private static final Set<String> LOCALHOST_ALIASES =
      Set.of(LOCALHOST, "127.0.0.1", "0:0:0:0:0:0:0:1");

  private record Address(String host, int port, boolean wildcard) {}

  /** A trunk (by identity: trunks are immutable, replaced on change) and its verdict. */
  private record Verdict(Trunk trunk, boolean own) {}

  private final List<Address> configured = new ArrayList<>();
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
  private volatile List<Address> own;
  private volatile Set<String> interfaceAddresses;

  /** From {@code host[:port]} entries; a malformed one stops the service from starting. */
  public OwnSipAddresses(List<String> specs) {
    for (String spec : specs) {
      String s = spec.trim();
      if (!s.isEmpty()) {
        configured.add(address(hostOf(s), portOf(s, spec)));
      }
    }
    own = List.copyOf(configured);
  }

  /** Adds the address the SIP stack is bound to (known for sure only once it listens). */
  public synchronized void bound(String host, int port) {
    Address a = address(host, port);
    if (!own.contains(a)) {
      List<Address> next = new ArrayList<>(own);
      next.add(a);
      own = List.copyOf(next);
      verdicts.clear();
    }
  }

  /** Whether calls to the trunk (its host and port, or its outbound proxy) would reach us. */
  public boolean loopsBack(Trunk t) {
    Verdict v = verdicts.get(t.id());
    if (v == null || v.trunk != t) {
      if (verdicts.size() > MAX_VERDICTS) {
        verdicts.clear(); // deleted trunks' entries: start over rather than grow
      }
      v = new Verdict(t, computeLoopsBack(t));
      verdicts.put(t.id(), v);
    }
    return v.own;
  }

  /**
   * The proxy is where INVITEs go; the host is where a proxy sends them on: both must not be us.
   */
  private boolean computeLoopsBack(Trunk t) {
    String proxy = t.outboundProxy();
    if (proxy != null) {
      String p = proxy.trim();
      if (isOwn(hostOf(p), portOf(p, p))) {
        return true;
      }
    }
    return t.host() != null && isOwn(t.host(), t.port() > 0 ? t.port() : DEFAULT_PORT);
  }

  /** Whether host:port reaches this service. */
  public boolean isOwn(String host, int port) {
    String h = normalize(host);
    boolean local =
        SipHosts.isUnspecified(h)
            || LOCALHOST_ALIASES.contains(h)
            || h.startsWith("127.")
            || localInterfaces().contains(h);
    for (Address a : own) {
      if (a.port != port) {
        continue;
      }
      if (a.host.equals(h)
          || (a.wildcard && local)
          // 0.0.0.0 as a destination is this host: it reaches whatever listens on loopback
          || (SipHosts.isUnspecified(h) && SipHosts.isLoopback(a.host))
          || (h.equals(LOCALHOST) && LOCALHOST_ALIASES.contains(a.host))
          || (a.host.equals(LOCALHOST) && LOCALHOST_ALIASES.contains(h))) {
        return true;
      }
    }
    return false;
  }

  private Set<String> localInterfaces() {
    Set<String> s = interfaceAddresses;
    if (s == null) {
      s = new HashSet<>();
      try {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            s.add(normalize(a.getHostAddress()));
          }
        }
      } catch (SocketException | RuntimeException e) {
        LOG.debugf("cannot list network interfaces: %s", e.toString());
      }
      interfaceAddresses = s = Set.copyOf(s);
    }
    return s;
  }

  private static Address address(String host, int port) {
    String h = normalize(host);
    return new Address(h, port, SipHosts.isUnspecified(h));
  }

  private static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return close > 0 ? hostPort.substring(0, close + 1) : hostPort;
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  private static int portOf(String hostPort, String spec) {
    int close = hostPort.startsWith("[") ? hostPort.indexOf(']') : -1;
    int colon = hostPort.lastIndexOf(':');
    boolean hasPort = close >= 0 ? colon > close : colon > 0 && hostPort.indexOf(':') == colon;
    if (!hasPort) {
      return DEFAULT_PORT;
    }
    try {
      return Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not host[:port]: " + spec);
    }
  }

  /** Lower case, no brackets or trailing dot; IP literals in one canonical form (no DNS). */
  static String normalize(String host) {
    String h = SipHosts.bare(host);
    int percent = h.indexOf('%');
    if (percent > 0) {
      h = h.substring(0, percent); // an interface's IPv6 scope
    }
    return isLiteral(h) ? SipHosts.canonicalLiteral(h) : h;
  }

  /** An IP literal the JDK parses without a lookup (a bad dotted quad would go to DNS). */
  private static boolean isLiteral(String h) {
    if (h.indexOf(':') >= 0) {
      return h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
