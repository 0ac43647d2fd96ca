package io.trunkline.sip;

/**
 * A SIP URI ({@code sip:user:password@host:port;params?headers}). Other schemes (tel:, urn:...) are
 * tolerated: their opaque part is the user, the host is null. Immutable; toString gives back the
 * original text when nothing was changed.
 */
public final class SipUri {
  private final String scheme;
  private final String user;
  private final String password;
  private final String host; // without IPv6 brackets
  private final int port;
  private final Params params;
  private final String headers; // after '?', raw, or null
  private String text;

  private SipUri(
      String scheme,
      String user,
      String password,
      String host,
      int port,
      Params params,
      String headers,
      String text) {
    this.scheme = scheme;
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.params = params;
    this.headers = headers;
    this.text = text;
  }

  /** Parses a URI; throws IllegalArgumentException when it is not one. */
  public static SipUri parse(String s) {
    String t = SipText.trim(s, 0, s.length());
    int colon = t.indexOf(':');
    if (colon <= 0) {
      throw new MalformedHeaderValueException("not a URI (no scheme): " + SipText.forLog(s));
    }
    String scheme = t.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      int semi = t.indexOf(';', colon + 1);
      int end = semi < 0 ? t.length() : semi;
      Params params = semi < 0 ? Params.EMPTY : Params.parse(t, semi, t.length());
      return new SipUri(scheme, t.substring(colon + 1, end), null, null, -1, params, null, t);
    }
    int q = t.indexOf('?', colon);
    int limit = q < 0 ? t.length() : q;
    int at = t.lastIndexOf('@', limit - 1);
    String user = null;
    String password = null;
    int hostStart = colon + 1;
    if (at > colon) {
      int pw = t.indexOf(':', colon + 1);
      if (pw > 0 && pw < at) {
        user = t.substring(colon + 1, pw);
        password = t.substring(pw + 1, at);
      } else {
        user = t.substring(colon + 1, at);
      }
      hostStart = at + 1;
    }
    int i = hostStart;
    String host;
    if (i < limit && t.charAt(i) == '[') {
      int close = t.indexOf(']', i);
      if (close < 0 || close > limit) {
        throw new MalformedHeaderValueException("unterminated IPv6 host: " + SipText.forLog(s));
      }
      host = t.substring(i + 1, close);
      i = close + 1;
    } else {
      int end = i;
      while (end < limit && t.charAt(end) != ':' && t.charAt(end) != ';') {
        end++;
      }
      host = t.substring(i, end);
      i = end;
    }
    if (host.isEmpty()) {
      throw new MalformedHeaderValueException("no host: " + SipText.forLog(s));
    }
    int port = -1;
    if (i < limit && t.charAt(i) == ':') {
      int end = i + 1;
      while (end < limit && t.charAt(end) != ';') {
        end++;
      }
      long p = SipText.parseDigits(t, i + 1, end);
      if (p < 0 || p > 65535) {
        throw new MalformedHeaderValueException("bad port: " + SipText.forLog(s));
      }
      port = (int) p;
      i = end;
    }
    Params params = i < limit ? Params.parse(t, i, limit) : Params.EMPTY;
    String headers = q < 0 ? null : t.substring(q + 1);
    return new SipUri(scheme, user, password, host, port, params, headers, t);
  }

  /** A {@code sip:} URI from parts; user may be null, port -1 for none. */
  public static SipUri of(String user, String host, int port) {
    return new SipUri("sip", user, null, host, port, Params.EMPTY, null, null);
  }

  public String scheme() {
    return scheme;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Host without IPv6 brackets; null for non-SIP schemes. */
  public String host() {
    return host;
  }

  /** Port, -1 when absent. */
  public int port() {
    return port;
  }

  /** Parameter value, "" for a parameter without value, null when absent. */
  public String param(String name) {
    return params.get(name);
  }

  /** URI headers (after '?'), raw, or null. */
  public String headers() {
    return headers;
  }

  public SipUri withParam(String name, String value) {
    return new SipUri(scheme, user, password, host, port, params.with(name, value), headers, null);
  }

  public SipUri withoutParam(String name) {
    Params p = params.without(name);
    return p == params ? this : new SipUri(scheme, user, password, host, port, p, headers, null);
  }

  public SipUri withHostPort(String newHost, int newPort) {
    return new SipUri(scheme, user, password, newHost, newPort, params, headers, null);
  }

  @Override
  public String toString() {
    if (text == null) {
      StringBuilder sb = new StringBuilder(64).append(scheme).append(':');
      if (host == null) {
        sb.append(user);
      } else {
        if (user != null) {
          sb.append(user);
          if (password != null) {
            sb.append(':').append(password);
          }
          sb.append('@');
        }
        sb.append(SipText.hostForWire(host));
        if (port >= 0) {
          sb.append(':').append(port);
        }
      }
      params.appendTo(sb);
      if (headers != null) {
        sb.append('?').append(headers);
      }
      text = sb.toString();
    }
    return text;
  }
}
