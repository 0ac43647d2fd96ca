package io.trunkline.sip;

import static io.trunkline.sip.SipBytes.digit;
import static io.trunkline.sip.SipBytes.indexOf;
import static io.trunkline.sip.SipBytes.isToken;
import static io.trunkline.sip.SipBytes.startsWith;
import static io.trunkline.sip.SipBytes.text;

import java.nio.charset.StandardCharsets;

/**
 * The first line of a message: a status line ({@code SIP/2.0 200 OK}) or a request line ({@code
 * INVITE sip:x SIP/2.0}). Common method names come back as constants, so the hot path allocates no
 * string for them.
 */
final class StartLineParser {
  private StartLineParser() {}

  static SipMessage parse(byte[] d, int p, int e) throws SipParseException {
    if (e - p >= 11 && startsWith(d, p, "SIP/2.0 ")) {
      int s = p + 8;
      if (s + 3 > e || !digit(d[s]) || !digit(d[s + 1]) || !digit(d[s + 2])) {
        throw new SipParseException("bad status line: " + SipText.forLog(d, p, e));
      }
      int status = (d[s] - '0') * 100 + (d[s + 1] - '0') * 10 + (d[s + 2] - '0');
      if (status < 100 || (s + 3 < e && d[s + 3] != ' ')) {
        throw new SipParseException("bad status code: " + SipText.forLog(d, p, e));
      }
      String reason = s + 4 <= e ? text(d, s + 4, e) : "";
      return new SipMessage(null, null, status, reason, 12);
    }
    int sp1 = indexOf(d, (byte) ' ', p, e);
    int sp2 = sp1 < 0 ? -1 : indexOf(d, (byte) ' ', sp1 + 1, e);
    if (sp1 <= p
        || sp2 < 0
        || sp2 == sp1 + 1
        || !isToken(d, p, sp1)
        || e - sp2 - 1 != 7
        || !startsWith(d, sp2 + 1, "SIP/2.0")) {
      throw new SipParseException("bad request line: " + SipText.forLog(d, p, Math.min(e, p + 80)));
    }
    return new SipMessage(method(d, p, sp1), text(d, sp1 + 1, sp2), 0, null, 12);
  }

  /** Common methods as constants: no String allocation for them. */
  private static final String[] METHODS = {
    "INVITE",
    "ACK",
    "BYE",
    "CANCEL",
    "OPTIONS",
    "REGISTER",
    "INFO",
    "UPDATE",
    "PRACK",
    "NOTIFY",
    "SUBSCRIBE",
    "REFER",
    "MESSAGE",
    "PUBLISH"
  };

  private static String method(byte[] d, int p, int e) {
    for (String m : METHODS) {
      if (m.length() == e - p && startsWith(d, p, m)) {
        return m;
      }
    }
    return new String(d, p, e - p, StandardCharsets.ISO_8859_1);
  }
}
