package io.trunkline.sip;

import java.util.List;

/** Small scanning helpers shared by the parsers: no regex, no String.split on the hot path. */
final class SipText {
  private SipText() {}

  /**
   * Index of the first comma at top level (outside quoted strings and angle brackets) at or after
   * {@code from}, or -1.
   */
  static int topLevelComma(String s, int from) {
    boolean quoted = false;
    boolean angle = false;
    for (int i = from, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle = true;
      } else if (c == '>') {
        angle = false;
      } else if (c == ',' && !angle) {
        return i;
      }
    }
    return -1;
  }

  /** Appends the trimmed, non-empty elements of a comma list to {@code out}. */
  static void splitList(String value, List<String> out) {
    int start = 0;
    while (true) {
      int comma = topLevelComma(value, start);
      int end = comma < 0 ? value.length() : comma;
      String element = trim(value, start, end);
      if (!element.isEmpty()) {
        out.add(element);
      }
      if (comma < 0) {
        return;
      }
      start = comma + 1;
    }
  }

  /** The first element of a comma list (the value itself when it holds no top-level comma). */
  static String firstElement(String value) {
    int comma = topLevelComma(value, 0);
    return comma < 0 ? value : trim(value, 0, comma);
  }

  static String trim(String s, int start, int end) {
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** Index of {@code c} at or after {@code from} outside quoted strings, or {@code end}. */
  static int indexOutsideQuotes(String s, char c, int from, int end) {
    boolean quoted = false;
    for (int i = from; i < end; i++) {
      char x = s.charAt(i);
      if (quoted) {
        if (x == '\\') {
          i++;
        } else if (x == '"') {
          quoted = false;
        }
      } else if (x == '"') {
        quoted = true;
      } else if (x == c) {
        return i;
      }
    }
    return end;
  }

  /** Parses a non-negative decimal int; -1 when the text is empty, not digits or too large. */
  static long parseDigits(String s, int start, int end) {
    if (start >= end || end - start > 18) {
      return -1;
    }
    long v = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Host text for the wire: IPv6 literals get their brackets back. */
  static String hostForWire(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Longest peer text put in a log line or an exception message. */
  static final int LOG_TEXT_MAX = 80;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Peer text made safe for a log line or an exception message: printable ASCII other than the
   * double quote as is, anything else as {@code \\uXXXX}, cut after {@link #LOG_TEXT_MAX}
   * characters ("..." then). Null stays "null".
   */
  static String forLog(String s) {
    if (s == null) {
      return "null";
    }
    int n = Math.min(s.length(), LOG_TEXT_MAX);
    StringBuilder sb = new StringBuilder(n + 8);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F && c != '"') {
        sb.append(c);
      } else {
        sb.append('\\').append('u');
        for (int shift = 12; shift >= 0; shift -= 4) {
          sb.append(HEX[(c >> shift) & 0xF]);
        }
      }
    }
    if (s.length() > n) {
      sb.append("...");
    }
    return sb.toString();
  }

  /** Bytes d[p, e) as {@link #forLog(String)} shows them (each byte one ISO-8859-1 char). */
  static String forLog(byte[] d, int p, int e) {
    int n = Math.max(0, Math.min(e - p, LOG_TEXT_MAX + 1));
    return forLog(new String(d, p, n, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  /** Whether d[p, end) starts with the ASCII text s. */
  static boolean startsWith(byte[] d, int p, int end, String s) {
    if (end - p < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[p + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The canonical text of an IP literal (as the socket layer writes a packet's source, so the two
   * compare with equals), or null when host is not one (a DNS name). Allocation-free for an IPv4
   * address already in canonical form. Never does a DNS lookup.
   */
  static String canonicalIp(String host) {
    int n = host.length();
    if (n == 0) {
      return null;
    }
    if (host.indexOf(':') >= 0) {
      for (int i = 0; i < n; i++) {
        char c = host.charAt(i);
        if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
          return null;
        }
      }
      try { // a literal with ':' is parsed, never looked up
        return java.net.InetAddress.getByName(host).getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return null;
      }
    }
    int octets = 0;
    int value = 0;
    int digits = 0;
    boolean canonical = true;
    for (int i = 0; i < n; i++) {
      char c = host.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          canonical = false; // a leading zero
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && octets < 3) {
        octets++;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (digits == 0 || octets != 3) {
      return null;
    }
    if (canonical) {
      return host;
    }
    StringBuilder sb = new StringBuilder(15);
    for (String part : host.split("\\.")) {
      sb.append(sb.length() == 0 ? "" : ".").append(Integer.parseInt(part));
    }
    return sb.toString();
  }
}
