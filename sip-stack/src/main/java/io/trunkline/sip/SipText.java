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
}
