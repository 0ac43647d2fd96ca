package io.trunkline.sip;

import java.nio.charset.StandardCharsets;

/**
 * Byte scanning shared by the parser's pieces: line ends (rejecting control characters in the same
 * pass), trimmed text, token checks. Everything here is one linear pass over the bytes it is given
 * and allocates nothing but the strings it returns.
 */
final class SipBytes {
  private SipBytes() {}

  /**
   * Index of the LF ending the line at p (or end). The start line and header lines are text: a
   * control character in them (other than HTAB, and the CR before the LF) makes the message
   * unusable (NUL, bare CR, escapes...); found in the same pass.
   */
  static int lineEnd(byte[] d, int p, int end) throws SipParseException {
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
  static int contentEnd(byte[] d, int p, int eol) {
    return eol > p && d[eol - 1] == '\r' ? eol - 1 : eol;
  }

  static int next(byte[] d, int eol, int end) {
    return eol < end ? eol + 1 : end;
  }

  /** Trimmed UTF-8 text of d[p, e). */
  static String text(byte[] d, int p, int e) {
    while (p < e && (d[p] == ' ' || d[p] == '\t')) {
      p++;
    }
    while (e > p && (d[e - 1] == ' ' || d[e - 1] == '\t')) {
      e--;
    }
    return p == e ? "" : new String(d, p, e - p, StandardCharsets.UTF_8);
  }

  static int indexOf(byte[] d, byte b, int p, int e) {
    for (int i = p; i < e; i++) {
      if (d[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static boolean startsWith(byte[] d, int p, String s) {
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

  static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** RFC 3261 token characters. */
  static boolean isToken(byte[] d, int p, int e) {
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
