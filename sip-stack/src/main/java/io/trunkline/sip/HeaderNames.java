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

  private static final String[] KNOWN = {
    VIA,
    FROM,
    TO,
    CALL_ID,
    CSEQ,
    CONTACT,
    CONTENT_LENGTH,
    CONTENT_TYPE,
    MAX_FORWARDS,
    ROUTE,
    RECORD_ROUTE,
    USER_AGENT,
    AUTHORIZATION,
    PROXY_AUTHORIZATION,
    "Supported",
    "Subject",
    "Content-Encoding",
    "Event",
    "Refer-To",
    "Allow-Events",
    "Session-Expires",
    "Allow",
    "Require",
    "Proxy-Require",
    "Unsupported",
    "Server",
    "Expires",
    "Min-Expires",
    "WWW-Authenticate",
    "Proxy-Authenticate",
    "Authentication-Info",
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Content-Disposition",
    "Content-Language",
    "Retry-After",
    "Reason",
    "Timestamp",
    "Warning",
    "Date",
    "Organization",
    "Priority",
    "P-Asserted-Identity",
    "P-Preferred-Identity",
    "Privacy",
    "RSeq",
    "RAck",
    "Diversion",
    "History-Info",
    "Min-SE",
    "Referred-By",
    "Replaces",
    "Path",
    "Service-Route",
    "Alert-Info",
    "Call-Info",
    "Error-Info",
    "In-Reply-To",
    "Reply-To",
    "MIME-Version",
    "Identity",
    "Security-Client",
    "Security-Server",
    "Security-Verify"
  };

  /** Headers whose values are comma-separated lists (RFC 3261 7.3.1); others are never split. */
  private static final Set<String> LISTS =
      Set.of(
          VIA,
          CONTACT,
          ROUTE,
          RECORD_ROUTE,
          "Supported",
          "Content-Encoding",
          "Allow-Events",
          "Allow",
          "Require",
          "Proxy-Require",
          "Unsupported",
          "Accept",
          "Accept-Encoding",
          "Accept-Language",
          "Content-Language",
          "Warning",
          "Reason",
          "P-Asserted-Identity",
          "P-Preferred-Identity",
          "Privacy",
          "Diversion",
          "History-Info",
          "Path",
          "Service-Route",
          "Alert-Info",
          "Call-Info",
          "Error-Info",
          "In-Reply-To",
          "Security-Client",
          "Security-Server",
          "Security-Verify");

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
