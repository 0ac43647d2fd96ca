package io.trunkline.routing.service;

import io.trunkline.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The PBX sources allowed to send INVITEs ({@code trunkline.routing.pbx-cidrs}). */
@ApplicationScoped
public class CidrAccess {

  private record Cidr(byte[] network, int bits) {}

  private final List<Cidr> cidrs = new ArrayList<>();

  @Inject
  public CidrAccess(RoutingConfig config) {
    this(config.routing().pbxCidrs());
  }

  /** Access for the given CIDRs ({@code a.b.c.d/n}, IPv6 too; a bare address is /32 or /128). */
  public CidrAccess(List<String> specs) {
    for (String spec : specs) {
      String s = spec.trim();
      if (s.isEmpty()) {
        continue;
      }
      int slash = s.indexOf('/');
      byte[] addr = literal(slash < 0 ? s : s.substring(0, slash));
      if (addr == null) {
        throw new IllegalArgumentException("not a CIDR: " + s);
      }
      int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(s.substring(slash + 1));
      cidrs.add(new Cidr(addr, bits));
    }
  }

  /** Whether an address (IP literal) lies in one of the CIDRs. */
  public boolean allows(String address) {
    byte[] a = literal(address);
    if (a == null) {
      return false;
    }
    for (Cidr c : cidrs) {
      if (c.network.length == a.length && samePrefix(c.network, a, c.bits)) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] n, byte[] a, int bits) {
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (n[i] != a[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (n[full] & mask) == (a[full] & mask);
  }

  private static byte[] literal(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    // Only IP literals: never resolve names (no DNS on the hot path).
    boolean ipv4 = s.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
    boolean ipv6 =
        s.indexOf(':') >= 0
            && s.chars()
                .allMatch(
                    ch ->
                        ch == ':'
                            || ch == '.'
                            || Character.digit(ch, 16) >= 0
                            || ch == '['
                            || ch == ']');
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(s.replace("[", "").replace("]", "")).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
