package io.trunkline.sip;

import static io.trunkline.sip.SipBytes.contentEnd;
import static io.trunkline.sip.SipBytes.indexOf;
import static io.trunkline.sip.SipBytes.isToken;
import static io.trunkline.sip.SipBytes.lineEnd;
import static io.trunkline.sip.SipBytes.next;
import static io.trunkline.sip.SipBytes.text;

import java.util.Arrays;

/**
 * Byte-level message parser: one pass over the lines, header names mapped to canonical constants
 * without allocation, values decoded once. Header values are not interpreted here; only the
 * mandatory-header presence and CSeq checks of {@link #validate} run eagerly. The start line is
 * {@link StartLineParser}'s, joining folded values {@link HeaderFolding}'s, and the byte scanning
 * both share {@link SipBytes}'s.
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
    SipMessage m = StartLineParser.parse(d, p, contentEnd(d, p, eol));
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
    m.headers.append(name, folded ? HeaderFolding.unfold(d, start, end) : text(d, start, end));
  }

  private static SipParseException capExceeded(SipMessage m, String why) {
    SipParseException e = new SipParseException(why);
    e.partial = m;
    return e;
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
}
