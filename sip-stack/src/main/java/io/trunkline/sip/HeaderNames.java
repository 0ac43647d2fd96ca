package io.trunkline.sip;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Canonical header names. Parsed names of known headers are replaced by the interned constants
 * below, so most look-ups compare references instead of doing case-insensitive string work.
 */
final class HeaderNames {
  static final String VIA = "Via";
  static final String FROM = "From";
  static final String TO = "To";
  static final String CALL_ID = "Call-ID";
  static final String CSEQ = "CSeq";
  static final String CONTACT = "Contact";
  static final String CONTENT_LENGTH = "Content-Length";
  static final String CONTENT_TYPE = "Content-Type";
  static final String MAX_FORWARDS = "Max-Forwards";
  static final String ROUTE = "Route";
  static final String RECORD_ROUTE = "Record-Route";
  static final String USER_AGENT = "User-Agent";
  static final String AUTHORIZATION = "Authorization";
  static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

  /** Headers whose values are comma-separated lists (RFC 3261 7.3.1); others are never split. */
  private static final Set<String> LISTS = new HashSet<>();

  /**
   * Every known name, the frequent ones first (a look-up compares a length's names in this order);
   * {@link #list} marks those that are also {@link #LISTS}.
   */
  private static final String[] KNOWN = {
    list(VIA),
    FROM,
    TO,
    CALL_ID,
    CSEQ,
    list(CONTACT),
    CONTENT_LENGTH,
    CONTENT_TYPE,
    MAX_FORWARDS,
    list(ROUTE),
    list(RECORD_ROUTE),
    USER_AGENT,
    AUTHORIZATION,
    PROXY_AUTHORIZATION,
    list("Supported"),
    "Subject",
    list("Content-Encoding"),
    "Event",
    "Refer-To",
    list("Allow-Events"),
    "Session-Expires",
    list("Allow"),
    list("Require"),
    list("Proxy-Require"),
    list("Unsupported"),
    "Server",
    "Expires",
    "Min-Expires",
    "WWW-Authenticate",
    "Proxy-Authenticate",
    "Authentication-Info",
    list("Accept"),
    list("Accept-Encoding"),
    list("Accept-Language"),
    "Content-Disposition",
    list("Content-Language"),
    "Retry-After",
    list("Reason"),
    "Timestamp",
    list("Warning"),
    "Date",
    "Organization",
    "Priority",
    list("P-Asserted-Identity"),
    list("P-Preferred-Identity"),
    list("Privacy"),
    "RSeq",
    "RAck",
    list("Diversion"),
    list("History-Info"),
    "Min-SE",
    "Referred-By",
    "Replaces",
    list("Path"),
    list("Service-Route"),
    list("Alert-Info"),
    list("Call-Info"),
    list("Error-Info"),
    list("In-Reply-To"),
    "Reply-To",
    "MIME-Version",
    "Identity",
    list("Security-Client"),
    list("Security-Server"),
    list("Security-Verify"),
  };

  private static final String[] COMPACT = new String[26];

  /** KNOWN bucketed by length, so a look-up compares only same-length candidates. */
  private static final String[][] BY_LENGTH = new String[32][];

  static {
    compact('v', VIA);
    compact('f', FROM);
    compact('t', TO);
    compact('i', CALL_ID);
    compact('m', CONTACT);
    compact('l', CONTENT_LENGTH);
    compact('c', CONTENT_TYPE);
    compact('k', "Supported");
    compact('s', "Subject");
    compact('e', "Content-Encoding");
    compact('o', "Event");
    compact('r', "Refer-To");
    compact('u', "Allow-Events");
    compact('x', "Session-Expires");
    Set<String> seen = new HashSet<>();
    for (String name : KNOWN) {
      if (!seen.add(name)) {
        throw new IllegalStateException("duplicate " + name);
      }
      String[] bucket = BY_LENGTH[name.length()];
      String[] grown =
          bucket == null ? new String[1] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
      grown[grown.length - 1] = name;
      BY_LENGTH[name.length()] = grown;
    }
  }

  private HeaderNames() {}

  private static String list(String name) {
    LISTS.add(name);
    return name;
  }

  private static void compact(char letter, String name) {
    COMPACT[letter - 'a'] = name;
  }

  /** The canonical spelling of a name (compact forms expanded), or the name itself if unknown. */
  static String canonical(String name) {
    int len = name.length();
    if (len == 1) {
      char c = Character.toLowerCase(name.charAt(0));
      if (c >= 'a' && c <= 'z' && COMPACT[c - 'a'] != null) {
        return COMPACT[c - 'a'];
      }
      return name;
    }
    if (len < BY_LENGTH.length && BY_LENGTH[len] != null) {
      for (String known : BY_LENGTH[len]) {
        if (known == name || known.equalsIgnoreCase(name)) {
          return known;
        }
      }
    }
    return name;
  }

  /** Same as {@link #canonical(String)} for a name still in the wire bytes (US-ASCII token). */
  static String canonical(byte[] b, int off, int len) {
    if (len == 1) {
      int c = b[off] | 0x20;
      if (c >= 'a' && c <= 'z' && COMPACT[c - 'a'] != null) {
        return COMPACT[c - 'a'];
      }
    } else if (len < BY_LENGTH.length && BY_LENGTH[len] != null) {
      for (String known : BY_LENGTH[len]) {
        if (equalsIgnoreCase(known, b, off, len)) {
          return known;
        }
      }
    }
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  static boolean isList(String canonicalName) {
    return LISTS.contains(canonicalName);
  }

  static boolean same(String a, String b) {
    return a == b || a.equalsIgnoreCase(b);
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static boolean equalsIgnoreCase(String s, byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      int x = s.charAt(i);
      int y = b[off + i];
      if (x != y && (lower(x) != lower(y))) {
        return false;
      }
    }
    return true;
  }
}
