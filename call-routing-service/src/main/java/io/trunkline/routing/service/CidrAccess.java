package io.trunkline.routing.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The PBX sources allowed to send INVITEs ({@code trunkline.routing.pbx-cidrs}). */
public class CidrAccess {

  private record Cidr(byte[] network, int bits) {}

  private final List<Cidr> cidrs = new ArrayList<>();
  // IPv4 ranges again as (network, mask) ints: the per-INVITE check parses no InetAddress
  private int[] v4Networks = new int[0];
  private int[] v4Masks = new int[0];
  private int[] v4Bits = new int[0];

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
      if (bits < 0 || bits > addr.length * 8) {
        throw new IllegalArgumentException("not a CIDR: " + s);
      }
      cidrs.add(new Cidr(addr, bits));
      if (addr.length == 4) {
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        v4Networks = java.util.Arrays.copyOf(v4Networks, v4Networks.length + 1);
        v4Masks = java.util.Arrays.copyOf(v4Masks, v4Masks.length + 1);
        v4Networks[v4Networks.length - 1] = toInt(addr) & mask;
        v4Masks[v4Masks.length - 1] = mask;
        v4Bits = java.util.Arrays.copyOf(v4Bits, v4Bits.length + 1);
        v4Bits[v4Bits.length - 1] = bits;
      }
    }
  }

  /** Whether an address (IP literal) lies in one of the CIDRs. */
  public boolean allows(String address) {
    long v4 = ipv4(address);
    if (v4 >= 0) {
      int a = (int) v4;
      for (int i = 0; i < v4Networks.length; i++) {
        if ((a & v4Masks[i]) == v4Networks[i]) {
          return true;
        }
      }
      return false;
    }
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

  /**
   * The prefix length of the most specific CIDR that holds the address, -1 when none does: when PBX
   * sources and a trunk's addresses overlap, the more specific one decides.
   */
  public int longestMatch(String address) {
    long v4 = ipv4(address);
    if (v4 >= 0) { // twice per INVITE (PBX source or trunk?): no InetAddress, no stream
      int best = -1;
      for (int i = 0; i < v4Networks.length; i++) {
        if (v4Bits[i] > best && ((int) v4 & v4Masks[i]) == v4Networks[i]) {
          best = v4Bits[i];
        }
      }
      return best;
    }
    byte[] a = literal(address);
    if (a == null) {
      return -1;
    }
    int best = -1;
    for (Cidr c : cidrs) {
      if (c.bits > best && c.network.length == a.length && samePrefix(c.network, a, c.bits)) {
        best = c.bits;
      }
    }
    return best;
  }

  /** A dotted-quad IPv4 literal as an unsigned int, -1 when it is not one. No allocation. */
  static long ipv4(String s) {
    if (s == null) {
      return -1;
    }
    long v = 0;
    int octet = 0;
    int digits = 0;
    int dots = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        octet = octet * 10 + (c - '0');
        if (++digits > 3 || octet > 255) {
          return -1;
        }
      } else if (c == '.' && digits > 0 && dots < 3) {
        v = (v << 8) | octet;
        octet = 0;
        digits = 0;
        dots++;
      } else {
        return -1;
      }
    }
    return dots == 3 && digits > 0 ? (v << 8) | octet : -1;
  }

  private static int toInt(byte[] a) {
    return (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
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
