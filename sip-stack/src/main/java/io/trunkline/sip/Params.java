package io.trunkline.sip;

import java.util.Arrays;

/**
 * An ordered, immutable list of {@code ;name=value} parameters (Via, URI and header parameters). A
 * parameter without value has the value "" so that presence (e.g. {@code ;rport}, {@code ;lr}) can
 * be told apart from absence (null). Names compare case-insensitively.
 */
final class Params {
  static final Params EMPTY = new Params(new String[0], 0);

  /**
   * Names every call's messages carry (Via, From/To, Contact and URI parameters): parsed as these
   * constants instead of a new String each, which was a few KB of garbage per call at the loaded
   * router. Only an exact-case match is shared, so a peer's own spelling is sent back unchanged.
   */
  private static final String[] KNOWN_NAMES = {
    "branch", "tag", "rport", "received", "lr", "transport", "user", "maddr", "ttl", "expires"
  };

  private final String[] pairs; // name0, value0, name1, value1...
  private final int count;

  private Params(String[] pairs, int count) {
    this.pairs = pairs;
    this.count = count;
  }

  /**
   * Parses {@code s[from, to)}, which starts at a ';' (leading whitespace allowed), up to {@code
   * to}. Quoted values keep their quotes.
   */
  static Params parse(String s, int from, int to) {
    String[] pairs = null;
    int count = 0;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c != ';') {
        if (SipText.isWhitespace(c)) {
          i++;
          continue;
        }
        throw new MalformedHeaderValueException(
            "expected ';' at " + i + " in: " + SipText.forLog(s));
      }
      int end = SipText.indexOutsideQuotes(s, ';', i + 1, to);
      int eq = SipText.indexOutsideQuotes(s, '=', i + 1, end);
      String name = name(s, i + 1, eq);
      String value = eq < end ? SipText.trim(s, eq + 1, end) : "";
      if (name.isEmpty()) {
        throw new MalformedHeaderValueException("empty parameter name in: " + SipText.forLog(s));
      }
      if (pairs == null) {
        pairs = new String[4];
      } else if (count * 2 == pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[count * 2] = name;
      pairs[count * 2 + 1] = value;
      count++;
      i = end;
    }
    return count == 0 ? EMPTY : new Params(pairs, count);
  }

  private static String name(String s, int start, int end) {
    while (start < end && SipText.isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && SipText.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    for (String known : KNOWN_NAMES) {
      if (known.length() == length && s.regionMatches(start, known, 0, length)) {
        return known;
      }
    }
    return s.substring(start, end);
  }

  String get(String name) {
    for (int i = 0; i < count; i++) {
      if (pairs[i * 2].equalsIgnoreCase(name)) {
        return pairs[i * 2 + 1];
      }
    }
    return null;
  }

  /** A copy with {@code name} set (replaced in place, else appended); null value means "". */
  Params with(String name, String value) {
    String v = value == null ? "" : value;
    for (int i = 0; i < count; i++) {
      if (pairs[i * 2].equalsIgnoreCase(name)) {
        String[] copy = Arrays.copyOf(pairs, count * 2);
        copy[i * 2 + 1] = v;
        return new Params(copy, count);
      }
    }
    String[] copy = Arrays.copyOf(pairs, count * 2 + 2);
    copy[count * 2] = name;
    copy[count * 2 + 1] = v;
    return new Params(copy, count + 1);
  }

  Params without(String name) {
    for (int i = 0; i < count; i++) {
      if (pairs[i * 2].equalsIgnoreCase(name)) {
        String[] copy = new String[(count - 1) * 2];
        System.arraycopy(pairs, 0, copy, 0, i * 2);
        System.arraycopy(pairs, i * 2 + 2, copy, i * 2, (count - i - 1) * 2);
        return new Params(copy, count - 1);
      }
    }
    return this;
  }

  void appendTo(StringBuilder sb) {
    for (int i = 0; i < count; i++) {
      sb.append(';').append(pairs[i * 2]);
      String v = pairs[i * 2 + 1];
      if (!v.isEmpty()) {
        sb.append('=').append(v);
      }
    }
  }
}
