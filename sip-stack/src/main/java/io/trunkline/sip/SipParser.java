package io.trunkline.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level message parser: one pass over the lines, header names mapped to canonical constants
 * without allocation, values decoded once. Header values are not interpreted here; only the
 * mandatory-header presence and CSeq checks of {@link #validate} run eagerly.
 */
final class SipParser {
  private SipParser() {}

  private static final SipLimits DEFAULT_LIMITS = SipLimits.defaults();

  /** Structure only, with the default caps (see {@link SipLimits}). */
  static SipMessage parse(byte[] d, int off, int len) throws SipParseException {
    return parse(d, off, len, DEFAULT_LIMITS);
  }

  /**
   * Structure only: start line, header lines (folding joined), body per Content-Length. Linear in
   * the message size: a folded header is joined once, when it is complete. Over a cap (header
   * count, line length, folded lines) it throws a {@link SipParseException} whose {@link
   * SipParseException#partial} holds what was read up to there, so that a request can still be
   * answered 400 when its Via came first.
   */
  static SipMessage parse(byte[] d, int off, int len, SipLimits limits) throws SipParseException {
    int end = off + len;
    int p = off;
    while (p < end && (d[p] == '\r' || d[p] == '\n')) {
      p++; // RFC 3261 7.5: CRLFs before the start line are ignored
    }
    if (p >= end) {
      throw new SipParseException("empty message");
    }
    int eol = lineEnd(d, p, end);
    if (eol - p > limits.maxLineLength()) {
      throw new SipParseException("start line longer than " + limits.maxLineLength() + " bytes");
    }
    SipMessage m = startLine(d, p, contentEnd(d, p, eol));
    p = next(d, eol, end);
    String name = null;
    int lineStart = 0; // of the current header's first line
    int valueStart = 0;
    int valueEnd = 0;
    boolean folded = false;
    int foldedLines = 0;
    boolean headersDone = false;
    while (p < end) {
      try {
        eol = lineEnd(d, p, end);
      } catch (SipParseException e) {
        e.partial = m; // a Via read before the bad line still gets its 400
        throw e;
      }
      int ce = contentEnd(d, p, eol);
      int nextLine = next(d, eol, end);
      if (ce == p) { // the empty line
        p = nextLine;
        headersDone = true;
        break;
      }
      if (d[p] == ' ' || d[p] == '\t') { // folded continuation of the previous header
        if (name == null) {
          throw new SipParseException("continuation line before any header");
        }
        if (++foldedLines > limits.maxFoldedLines()) {
          throw capExceeded(m, "more than " + limits.maxFoldedLines() + " folded lines");
        }
        if (ce - lineStart > limits.maxLineLength()) {
          throw capExceeded(m, "header longer than " + limits.maxLineLength() + " bytes");
        }
        valueEnd = ce;
        folded = true;
        p = nextLine;
        continue;
      }
      if (name != null) {
        append(m, name, d, valueStart, valueEnd, folded, limits);
      }
      if (ce - p > limits.maxLineLength()) {
        throw capExceeded(m, "header longer than " + limits.maxLineLength() + " bytes");
      }
      int colon = indexOf(d, (byte) ':', p, ce);
      if (colon < 0) {
        throw new SipParseException(
            "header line without ':': " + SipText.forLog(d, p, Math.min(ce, p + 60)));
      }
      int nameEnd = colon;
      while (nameEnd > p && (d[nameEnd - 1] == ' ' || d[nameEnd - 1] == '\t')) {
        nameEnd--;
      }
      if (nameEnd == p || !isToken(d, p, nameEnd)) {
        throw new SipParseException(
            "bad header name: " + SipText.forLog(d, p, Math.min(ce, p + 60)));
      }
      name = HeaderNames.canonical(d, p, nameEnd - p);
      lineStart = p;
      valueStart = colon + 1;
      valueEnd = ce;
      folded = false;
      p = nextLine;
    }
    if (name != null) {
      append(m, name, d, valueStart, valueEnd, folded, limits);
    }
    body(m, d, headersDone ? p : end, end);
    return m;
  }

  private static void append(
      SipMessage m, String name, byte[] d, int start, int end, boolean folded, SipLimits limits)
      throws SipParseException {
    if (m.headers.size >= limits.maxHeaders()) {
      throw capExceeded(m, "more than " + limits.maxHeaders() + " header lines");
    }
    m.headers.append(name, folded ? unfold(d, start, end) : text(d, start, end));
  }

  private static SipParseException capExceeded(SipMessage m, String why) {
    SipParseException e = new SipParseException(why);
    e.partial = m;
    return e;
  }

  /**
   * A folded value d[p, e) (continuation lines included) as one line: each line break with the
   * whitespace around it becomes one space (RFC 3261 7.3.1), empty continuation lines vanish. One
   * pass, whatever the number of lines.
   */
  static String unfold(byte[] d, int p, int e) {
    byte[] out = new byte[e - p];
    int n = 0;
    boolean space = false; // a line break is pending between two non-empty pieces
    for (int i = p; i < e; i++) {
      byte b = d[i];
      if (b == '\n') {
        while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\r')) {
          n--;
        }
        space = n > 0;
        while (i + 1 < e && (d[i + 1] == ' ' || d[i + 1] == '\t')) {
          i++;
        }
      } else if (n == 0 && (b == ' ' || b == '\t')) {
        continue; // leading whitespace of the value
      } else {
        if (space && b != '\r') {
          out[n++] = ' ';
          space = false;
        }
        out[n++] = b;
      }
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\r')) {
      n--;
    }
    return n == 0 ? "" : new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** Mandatory headers (RFC 3261 8.1.1) and a CSeq that parses and matches the method. */
  static void validate(SipMessage m) throws SipParseException {
    HeaderList h = m.headers;
    if (h.first(HeaderNames.VIA) == null) {
      throw new SipParseException("missing Via header");
    }
    if (h.first(HeaderNames.FROM) == null) {
      throw new SipParseException("missing From header");
    }
    if (h.first(HeaderNames.TO) == null) {
      throw new SipParseException("missing To header");
    }
    String callId = h.first(HeaderNames.CALL_ID);
    if (callId == null || callId.isEmpty()) {
      throw new SipParseException("missing Call-ID header");
    }
    if (h.first(HeaderNames.CSEQ) == null) {
      throw new SipParseException("missing CSeq header");
    }
    try {
      m.cseq();
    } catch (IllegalArgumentException e) {
      throw new SipParseException(e.getMessage());
    }
    if (m.isRequest && !m.method.equals(m.cseqMethod())) {
      throw new SipParseException(
          "CSeq method " + SipText.forLog(m.cseqMethod()) + " differs from " + m.method);
    }
  }

  private static SipMessage startLine(byte[] d, int p, int e) throws SipParseException {
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

  private static void body(SipMessage m, byte[] d, int p, int end) throws SipParseException {
    String cl = m.headers.first(HeaderNames.CONTENT_LENGTH);
    int available = end - p;
    int length = available; // no Content-Length (UDP): the rest of the datagram
    if (cl != null) {
      long v = SipText.parseDigits(cl, 0, cl.length());
      if (v < 0) {
        throw new SipParseException("bad Content-Length: " + SipText.forLog(cl));
      }
      if (v > available) {
        throw new SipParseException("Content-Length " + v + " exceeds the " + available + " bytes");
      }
      length = (int) v; // RFC 3261 18.3: bytes past Content-Length are discarded
    }
    if (length > 0) {
      m.body = Arrays.copyOfRange(d, p, p + length);
    }
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

  /**
   * Index of the LF ending the line at p (or end). The start line and header lines are text: a
   * control character in them (other than HTAB, and the CR before the LF) makes the message
   * unusable (NUL, bare CR, escapes...); found in the same pass.
   */
  private static int lineEnd(byte[] d, int p, int end) throws SipParseException {
    for (int i = p; i < end; i++) {
      int b = d[i] & 0xFF;
      if (b < 0x20 || b == 0x7F) {
        if (b == '\n') {
          return i;
        }
        if (b != '\t' && !(b == '\r' && (i + 1 == end || d[i + 1] == '\n'))) {
          throw new SipParseException(
              "control character in: " + SipText.forLog(d, p, Math.min(end, i + 1)));
        }
      }
    }
    return end;
  }

  /** Line content end: before the CR of CRLF (a bare LF is tolerated). */
  private static int contentEnd(byte[] d, int p, int eol) {
    return eol > p && d[eol - 1] == '\r' ? eol - 1 : eol;
  }

  private static int next(byte[] d, int eol, int end) {
    return eol < end ? eol + 1 : end;
  }

  /** Trimmed UTF-8 text of d[p, e). */
  private static String text(byte[] d, int p, int e) {
    while (p < e && (d[p] == ' ' || d[p] == '\t')) {
      p++;
    }
    while (e > p && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
      e--;
    }
    return p == e ? "" : new String(d, p, e - p, StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] d, byte b, int p, int e) {
    for (int i = p; i < e; i++) {
      if (d[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] d, int p, String s) {
    if (p + s.length() > d.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[p + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** RFC 3261 token characters. */
  private static boolean isToken(byte[] d, int p, int e) {
    for (int i = p; i < e; i++) {
      int c = d[i];
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '!'
              || c == '%'
              || c == '*'
              || c == '_'
              || c == '+'
              || c == '`'
              || c == '\''
              || c == '~';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
