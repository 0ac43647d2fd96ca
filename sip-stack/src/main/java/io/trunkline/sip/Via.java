package io.trunkline.sip;

/**
 * One Via value ({@code SIP/2.0/UDP host:port;branch=z9hG4bK...;rport}). Immutable; with* methods
 * return a modified copy. LWS around '/' and ';' is tolerated, IPv6 hosts may be bracketed.
 */
public final class Via {
  static final String MAGIC_COOKIE = "z9hG4bK";

  private final String transport;
  private final String host; // without brackets
  private final int port;
  private final Params params;
  private String text;

  private Via(String transport, String host, int port, Params params, String text) {
    this.transport = transport;
    this.host = host;
    this.port = port;
    this.params = params;
    this.text = text;
  }

  /** Parses one Via value; throws IllegalArgumentException when malformed. */
  public static Via parse(String s) {
    int n = s.length();
    int i = skipWs(s, 0);
    int slash1 = s.indexOf('/', i);
    int slash2 = slash1 < 0 ? -1 : s.indexOf('/', slash1 + 1);
    if (slash2 < 0 || !SipText.trim(s, i, slash1).equalsIgnoreCase("SIP")) {
      throw new MalformedHeaderValueException("bad Via protocol: " + SipText.forLog(s));
    }
    i = skipWs(s, slash2 + 1);
    int tEnd = i;
    while (tEnd < n && !SipText.isWhitespace(s.charAt(tEnd))) {
      tEnd++;
    }
    if (tEnd == i) {
      throw new MalformedHeaderValueException("missing Via transport: " + SipText.forLog(s));
    }
    String transport = transport(s, i, tEnd);
    i = skipWs(s, tEnd);
    String host;
    if (i < n && s.charAt(i) == '[') {
      int close = s.indexOf(']', i);
      if (close < 0) {
        throw new MalformedHeaderValueException(
            "unterminated IPv6 host in Via: " + SipText.forLog(s));
      }
      host = s.substring(i + 1, close);
      i = close + 1;
    } else {
      int end = i;
      while (end < n) {
        char c = s.charAt(end);
        if (c == ':' || c == ';' || SipText.isWhitespace(c)) {
          break;
        }
        end++;
      }
      host = s.substring(i, end);
      i = end;
    }
    if (host.isEmpty()) {
      throw new MalformedHeaderValueException("missing Via sent-by host: " + SipText.forLog(s));
    }
    int port = -1;
    i = skipWs(s, i);
    if (i < n && s.charAt(i) == ':') {
      int start = skipWs(s, i + 1);
      int end = start;
      while (end < n && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
        end++;
      }
      long p = SipText.parseDigits(s, start, end);
      if (p < 0 || p > 65535) {
        throw new MalformedHeaderValueException("bad Via port: " + SipText.forLog(s));
      }
      port = (int) p;
      i = end;
    }
    int paramsEnd = n;
    int comment = s.indexOf('(', i); // a trailing comment is allowed and ignored
    if (comment >= 0 && s.indexOf('"', i) < 0) {
      paramsEnd = comment;
    }
    Params params = Params.parse(s, i, paramsEnd);
    return new Via(transport, host, port, params, SipText.trim(s, 0, n));
  }

  /** The transport in upper case: the usual ones as constants (no garbage per message). */
  private static String transport(String s, int start, int end) {
    for (Transport t : TRANSPORTS) {
      String name = t.name();
      if (name.length() == end - start && s.regionMatches(true, start, name, 0, name.length())) {
        return name;
      }
    }
    return s.substring(start, end).toUpperCase(java.util.Locale.ROOT);
  }

  private static final Transport[] TRANSPORTS = Transport.values();

  /** A new Via {@code SIP/2.0/transport host:port;branch=...}. */
  public static Via of(Transport transport, String host, int port, String branch) {
    return new Via(transport.name(), host, port, Params.EMPTY.with("branch", branch), null);
  }

  public String transport() {
    return transport;
  }

  /** Sent-by host without IPv6 brackets. */
  public String host() {
    return host;
  }

  /** Sent-by port, -1 when absent (5060 applies). */
  public int port() {
    return port;
  }

  public String branch() {
    return params.get("branch");
  }

  /** Parameter value, "" when present without value (e.g. rport), null when absent. */
  public String param(String name) {
    return params.get(name);
  }

  /** True when the branch carries the RFC 3261 magic cookie. */
  public boolean rfc3261Branch() {
    String b = branch();
    return b != null && b.startsWith(MAGIC_COOKIE);
  }

  /** Sent-by as {@code host:port}, port defaulted to 5060: a transaction-matching key part. */
  public String sentBy() {
    return host + ':' + (port < 0 ? 5060 : port);
  }

  public Via withParam(String name, String value) {
    return new Via(transport, host, port, params.with(name, value), null);
  }

  public Via withoutParam(String name) {
    Params p = params.without(name);
    return p == params ? this : new Via(transport, host, port, p, null);
  }

  @Override
  public String toString() {
    if (text == null) {
      StringBuilder sb = new StringBuilder(96).append("SIP/2.0/").append(transport).append(' ');
      sb.append(SipText.hostForWire(host));
      if (port >= 0) {
        sb.append(':').append(port);
      }
      params.appendTo(sb);
      text = sb.toString();
    }
    return text;
  }

  private static int skipWs(String s, int i) {
    while (i < s.length() && SipText.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
