package io.trunkline.sip;

import java.nio.charset.StandardCharsets;

/**
 * Writes a message to bytes in two passes: first the exact UTF-8 size, then the bytes into one
 * array of that size. No StringBuilder, no intermediate byte arrays per header.
 */
final class SipEncoder {
  private static final String SIP_VERSION = "SIP/2.0";
  private static final String CONTENT_LENGTH_PREFIX = "Content-Length: ";

  private SipEncoder() {}

  static byte[] encode(SipMessage m) {
    HeaderList h = m.headers;
    String bodyLength = Integer.toString(m.body.length);
    int size;
    if (m.isRequest) {
      size = utf8Length(m.method) + 1 + utf8Length(m.requestUri) + 1 + SIP_VERSION.length() + 2;
    } else {
      size = SIP_VERSION.length() + 5 + utf8Length(m.reason) + 2;
    }
    for (int i = 0; i < h.size; i++) {
      if (h.names[i] != HeaderNames.CONTENT_LENGTH) {
        size += utf8Length(h.names[i]) + 2 + utf8Length(h.values[i]) + 2;
      }
    }
    size += CONTENT_LENGTH_PREFIX.length() + bodyLength.length() + 4 + m.body.length;

    byte[] out = new byte[size];
    int p;
    if (m.isRequest) {
      p = put(out, 0, m.method);
      out[p++] = ' ';
      p = put(out, p, m.requestUri);
      out[p++] = ' ';
      p = put(out, p, SIP_VERSION);
    } else {
      p = put(out, 0, SIP_VERSION);
      out[p++] = ' ';
      int s = m.status;
      out[p++] = (byte) ('0' + s / 100 % 10);
      out[p++] = (byte) ('0' + s / 10 % 10);
      out[p++] = (byte) ('0' + s % 10);
      out[p++] = ' ';
      p = put(out, p, m.reason);
    }
    p = crlf(out, p);
    for (int i = 0; i < h.size; i++) {
      if (h.names[i] != HeaderNames.CONTENT_LENGTH) {
        p = put(out, p, h.names[i]);
        out[p++] = ':';
        out[p++] = ' ';
        p = put(out, p, h.values[i]);
        p = crlf(out, p);
      }
    }
    p = put(out, p, CONTENT_LENGTH_PREFIX);
    p = put(out, p, bodyLength);
    p = crlf(out, p);
    p = crlf(out, p);
    System.arraycopy(m.body, 0, out, p, m.body.length);
    return out;
  }

  /** Text for logs: the message with credentials masked and the body as UTF-8. */
  static String debugText(SipMessage m) {
    StringBuilder sb = new StringBuilder(512);
    if (m.isRequest) {
      sb.append(m.method).append(' ').append(m.requestUri).append(' ').append(SIP_VERSION);
    } else {
      sb.append(SIP_VERSION).append(' ').append(m.status).append(' ').append(m.reason);
    }
    sb.append("\r\n");
    HeaderList h = m.headers;
    for (int i = 0; i < h.size; i++) {
      String n = h.names[i];
      if (n == HeaderNames.CONTENT_LENGTH) {
        continue;
      }
      String v = h.values[i];
      if (n == HeaderNames.AUTHORIZATION || n == HeaderNames.PROXY_AUTHORIZATION) {
        int sp = v.indexOf(' ');
        v = (sp > 0 ? v.substring(0, sp) + " " : "") + "***";
      }
      sb.append(n).append(": ").append(v).append("\r\n");
    }
    sb.append("Content-Length: ").append(m.body.length).append("\r\n\r\n");
    sb.append(new String(m.body, StandardCharsets.UTF_8));
    return sb.toString();
  }

  private static int crlf(byte[] out, int p) {
    out[p] = '\r';
    out[p + 1] = '\n';
    return p + 2;
  }

  private static int utf8Length(String s) {
    int n = s.length();
    int len = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          len += 1;
        } else if (pair(s, i)) {
          len += 2; // 4 bytes for 2 chars
          i++;
        } else if (!Character.isSurrogate(c)) {
          len += 2;
        } // a lone surrogate is written as '?': 1 byte
      }
    }
    return len;
  }

  private static boolean pair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }

  private static int put(byte[] out, int p, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out[p++] = (byte) c;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (pair(s, i)) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(b, 0, out, p, b.length);
        p += b.length;
      }
    }
    return p;
  }
}
