package io.trunkline.sip;

/**
 * A name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route values
 * ({@code "Alice" <sip:alice@host>;tag=1}). Immutable; the URI is parsed on first use.
 */
public final class NameAddr {
  private final String display; // unquoted, or null
  private final String uriText;
  private final Params params;
  private SipUri uri;
  private String text;

  private NameAddr(String display, String uriText, Params params, String text) {
    this.display = display;
    this.uriText = uriText;
    this.params = params;
    this.text = text;
  }

  /** Parses a value; throws IllegalArgumentException when malformed. */
  public static NameAddr parse(String s) {
    String t = SipText.trim(s, 0, s.length());
    int n = t.length();
    if (n == 0) {
      throw new MalformedHeaderValueException("empty address");
    }
    String display = null;
    int lt;
    if (t.charAt(0) == '"') {
      StringBuilder sb = new StringBuilder();
      int i = 1;
      while (i < n && t.charAt(i) != '"') {
        char c = t.charAt(i);
        if (c == '\\' && i + 1 < n) {
          c = t.charAt(++i);
        }
        sb.append(c);
        i++;
      }
      if (i >= n) {
        throw new MalformedHeaderValueException("unterminated display name: " + SipText.forLog(s));
      }
      display = sb.toString();
      lt = t.indexOf('<', i + 1);
      if (lt < 0) {
        throw new MalformedHeaderValueException(
            "missing '<' after display name: " + SipText.forLog(s));
      }
    } else {
      lt = t.indexOf('<');
      if (lt > 0) {
        String d = SipText.trim(t, 0, lt);
        display = d.isEmpty() ? null : d;
      }
    }
    if (lt >= 0) {
      int gt = t.indexOf('>', lt);
      if (gt < 0) {
        throw new MalformedHeaderValueException("missing '>': " + SipText.forLog(s));
      }
      String uriText = SipText.trim(t, lt + 1, gt);
      if (uriText.isEmpty()) {
        throw new MalformedHeaderValueException("empty URI: " + SipText.forLog(s));
      }
      Params params = gt + 1 < n ? Params.parse(t, gt + 1, n) : Params.EMPTY;
      return new NameAddr(display, uriText, params, t);
    }
    // addr-spec: parameters after the URI belong to the header (RFC 3261 20.10); a ';' inside
    // the user part (before '@') is still part of the URI.
    int at = t.indexOf('@');
    int semi = t.indexOf(';', Math.max(at, 0));
    if (t.indexOf(':') < 0 && !t.equals("*")) {
      throw new MalformedHeaderValueException("not an address: " + SipText.forLog(s));
    }
    String uriText = semi < 0 ? t : SipText.trim(t, 0, semi);
    for (int i = 0; i < uriText.length(); i++) {
      char c = uriText.charAt(i);
      if (c == '>' || c == '"' || c == ',' || SipText.isWhitespace(c)) { // no bare URI has these
        throw new MalformedHeaderValueException("not an address: " + SipText.forLog(s));
      }
    }
    Params params = semi < 0 ? Params.EMPTY : Params.parse(t, semi, n);
    return new NameAddr(null, uriText, params, t);
  }

  public static NameAddr of(String display, SipUri uri) {
    NameAddr a = new NameAddr(display, uri.toString(), Params.EMPTY, null);
    a.uri = uri;
    return a;
  }

  /** Display name without quotes, or null. */
  public String display() {
    return display;
  }

  public SipUri uri() {
    if (uri == null) {
      uri = SipUri.parse(uriText);
    }
    return uri;
  }

  /** The URI as written, without parsing it. */
  public String uriText() {
    return uriText;
  }

  public String tag() {
    return params.get("tag");
  }

  /** Header parameter value, "" when present without value, null when absent. */
  public String param(String name) {
    return params.get(name);
  }

  public NameAddr withTag(String tag) {
    return withParam("tag", tag);
  }

  public NameAddr withParam(String name, String value) {
    NameAddr a = new NameAddr(display, uriText, params.with(name, value), null);
    a.uri = uri;
    return a;
  }

  @Override
  public String toString() {
    if (text == null) {
      StringBuilder sb = new StringBuilder(uriText.length() + 32);
      if (display != null) {
        sb.append('"');
        for (int i = 0; i < display.length(); i++) {
          char c = display.charAt(i);
          if (c == '"' || c == '\\') {
            sb.append('\\');
          }
          sb.append(c);
        }
        sb.append("\" ");
      }
      sb.append('<').append(uriText).append('>');
      params.appendTo(sb);
      text = sb.toString();
    }
    return text;
  }
}
