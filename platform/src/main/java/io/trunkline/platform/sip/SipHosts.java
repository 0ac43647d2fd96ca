package io.trunkline.platform.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Host names and IP literals in one comparable form, for the services' "is this one of our own SIP
 * addresses" checks: what they write the same way lives here; which text counts as an IP literal
 * (and whether an IPv6 scope is dropped first) stays with each caller.
 */
public final class SipHosts {

  private SipHosts() {}

  /** {@code host} in lower case, without brackets or a trailing dot. */
  public static String bare(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  /**
   * {@code literal}, which the caller checked is an IP literal, in the JDK's one canonical form (a
   * literal is parsed, never looked up); unchanged when the JDK rejects it.
   */
  public static String canonicalLiteral(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (UnknownHostException e) {
      return literal;
    }
  }

  /** Whether a {@link #canonicalLiteral canonical} address is 0.0.0.0 or ::. */
  public static boolean isUnspecified(String canonical) {
    return canonical.equals("0.0.0.0") || canonical.equals("0:0:0:0:0:0:0:0");
  }

  /** Whether a {@link #canonicalLiteral canonical} address is 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String canonical) {
    return canonical.startsWith("127.") || canonical.equals("0:0:0:0:0:0:0:1");
  }
}
