package io.trunkline.config.domain.validation;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Syntax checks shared by trunks and rules: hosts, IPs, CIDRs, PortSIP number lists. */
public final class Syntax {

  /** Names of trunks and rules, also declared on the input classes. */
  public static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";

  /** What a client is told when a name breaks {@link #NAME_PATTERN}. */
  public static final String NAME_MESSAGE = "must be 1-64 characters of A-Z a-z 0-9 . _ -";

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern LIST_ITEM = Pattern.compile("\\+?\\d{1,20}");

  private Syntax() {}

  /** Names of trunks and rules: 1–64 of {@code [A-Za-z0-9._-]}. */
  public static boolean isName(String s) {
    return NAME.matcher(s).matches();
  }

  /** A DNS host name (RFC 1123), an IPv4 address or an IPv6 address (optionally in brackets). */
  public static boolean isHost(String s) {
    if (s.startsWith("[") && s.endsWith("]")) {
      return isIpv6(s.substring(1, s.length() - 1));
    }
    return isIpv4(s) || isIpv6(s) || isHostName(s);
  }

  private static boolean isHostName(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    String[] labels =
        s.endsWith(".") ? s.substring(0, s.length() - 1).split("\\.", -1) : s.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // An all-numeric dotted name is a malformed IPv4 address, not a host name.
    return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
  }

  public static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /** IPv6 in any textual form, checked without DNS lookups. */
  public static boolean isIpv6(String s) {
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches() || s.contains(":::")) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = s.split(":", -1);
    int needed = 8;
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (g.isEmpty()) {
        continue;
      }
      if (i == groups.length - 1 && g.contains(".")) {
        if (!isIpv4(g)) {
          return false;
        }
        count += 2;
      } else if (g.length() > 4 || g.contains(".")) {
        return false;
      } else {
        count++;
      }
    }
    if (doubleColon >= 0) {
      return count < needed;
    }
    return count == needed && !s.startsWith(":") && !s.endsWith(":");
  }

  /** {@code host} or {@code host:port} (IPv6 with a port in brackets). */
  public static boolean isHostPort(String s) {
    String host = s;
    int colon = s.lastIndexOf(':');
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = s.substring(0, close + 1);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty() && !(rest.startsWith(":") && isPort(rest.substring(1)))) {
        return false;
      }
    } else if (colon > 0 && s.indexOf(':') == colon) {
      if (!isPort(s.substring(colon + 1))) {
        return false;
      }
      host = s.substring(0, colon);
    }
    return isHost(host);
  }

  private static boolean isPort(String s) {
    if (!s.matches("\\d{1,5}")) {
      return false;
    }
    int p = Integer.parseInt(s);
    return p >= 1 && p <= 65535;
  }

  /** An IPv4/IPv6 address or a CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). */
  public static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    String ip = slash < 0 ? s : s.substring(0, slash);
    boolean v4 = isIpv4(ip);
    if (!v4 && !isIpv6(ip)) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String bits = s.substring(slash + 1);
    if (!bits.matches("\\d{1,3}")) {
      return false;
    }
    int n = Integer.parseInt(bits);
    return n <= (v4 ? 32 : 128);
  }

  /**
   * PortSIP's number list syntax: items separated by {@code ;}, each a number or a range {@code
   * low-high} with low ≤ high ({@code 101;203;300-450}). Returns null when valid, else the reason.
   */
  public static String checkPortSipList(String s) {
    return checkList(s, false);
  }

  /**
   * Like {@link #checkPortSipList} where items may also be prefixes ending in {@code *} ({@code
   * 4420712345;44207123*;4420712350-4420712399}): the number masks of inbound rules.
   */
  public static String checkNumberMasks(String s) {
    return checkList(s, true);
  }

  private static String checkList(String s, boolean prefixes) {
    if (s.isBlank()) {
      return "must not be blank";
    }
    for (String item : s.split(";", -1)) {
      String t = item.trim();
      if (t.isEmpty()) {
        return "has an empty item (use 101;203;300-450)";
      }
      if (prefixes && t.endsWith("*")) {
        if (!LIST_ITEM.matcher(t.substring(0, t.length() - 1)).matches()) {
          return "prefix '" + t + "' must be digits followed by * (use 44207*)";
        }
        continue;
      }
      int dash = t.indexOf('-', 1);
      if (dash < 0) {
        if (!LIST_ITEM.matcher(t).matches()) {
          return "item '" + t + "' is not a number (use 101;203;300-450)";
        }
        continue;
      }
      String low = t.substring(0, dash).trim();
      String high = t.substring(dash + 1).trim();
      if (!LIST_ITEM.matcher(low).matches() || !LIST_ITEM.matcher(high).matches()) {
        return "range '" + t + "' is malformed (use 300-450)";
      }
      if (new BigInteger(low.replace("+", "")).compareTo(new BigInteger(high.replace("+", "")))
          > 0) {
        return "range '" + t + "' starts after it ends";
      }
    }
    return null;
  }
}
