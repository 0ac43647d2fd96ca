package io.trunkline.sip;

/**
 * Cuts a TCP byte stream into whole SIP messages by the blank line and Content-Length (RFC 3261
 * 18.3). Partial messages are kept until the rest arrives; several messages in one chunk are all
 * delivered. CRLF keep-alives between messages are skipped (a double CRLF is a RFC 5626 ping). The
 * buffer starts small, grows only up to the largest message (at most maxMessageSize plus one read),
 * and goes back to small once a big message has been delivered.
 */
final class StreamFramer {
  interface Sink {
    /** One whole message in buf[off, off+len); the bytes are only valid during the call. */
    void onMessage(byte[] buf, int off, int len);

    /** A CRLFCRLF ping arrived; the connection owner may answer with a CRLF pong. */
    default void onPing() {}
  }

  private final int maxMessageSize;
  private final Sink sink;
  private static final int INITIAL_BYTES = 4096;
  private static final int KEEP_BYTES = 16384;
  private byte[] buf = new byte[INITIAL_BYTES];
  private int rd; // start of unconsumed bytes
  private int wr; // end of received bytes
  private int scanned; // header-end search resumes here
  private int frameLength = -1; // total length of the current message once its headers are known

  StreamFramer(int maxMessageSize, Sink sink) {
    this.maxMessageSize = maxMessageSize;
    this.sink = sink;
  }

  /**
   * Adds received bytes and delivers every complete message. Returns false when the stream is
   * broken (message too large, bad Content-Length): the caller closes the connection.
   */
  boolean feed(byte[] data, int off, int len) {
    ensureRoom(len);
    System.arraycopy(data, off, buf, wr, len);
    wr += len;
    return drain();
  }

  /** Lets the caller copy straight into the buffer: room for len bytes at {@link #writeArray}. */
  void ensureRoom(int len) {
    if (wr + len <= buf.length) {
      return;
    }
    int pending = wr - rd;
    if (rd > 0 && pending + len <= buf.length) {
      System.arraycopy(buf, rd, buf, 0, pending);
    } else {
      int size = buf.length;
      while (size < pending + len) {
        size *= 2;
      }
      byte[] bigger = new byte[size];
      System.arraycopy(buf, rd, bigger, 0, pending);
      buf = bigger;
    }
    scanned -= rd;
    wr = pending;
    rd = 0;
  }

  byte[] writeArray() {
    return buf;
  }

  int writeOffset() {
    return wr;
  }

  /** After copying len bytes at writeOffset(): delivers complete messages. */
  boolean written(int len) {
    wr += len;
    return drain();
  }

  int buffered() {
    return wr - rd;
  }

  private boolean drain() {
    while (true) {
      if (frameLength < 0) {
        if (!skipKeepAlives()) {
          return true;
        }
        int headerEnd = findHeaderEnd();
        if (headerEnd < 0) {
          if (wr - rd > maxMessageSize) {
            return false;
          }
          return true;
        }
        long cl = contentLength(rd, headerEnd);
        if (cl < 0 || headerEnd - rd + cl > maxMessageSize) {
          return false;
        }
        frameLength = (int) (headerEnd - rd + cl);
      }
      if (wr - rd < frameLength) {
        return true;
      }
      int off = rd;
      int len = frameLength;
      rd += len;
      scanned = rd;
      frameLength = -1;
      sink.onMessage(buf, off, len);
      if (rd == wr) {
        rd = wr = scanned = 0;
        if (buf.length > KEEP_BYTES) {
          buf = new byte[INITIAL_BYTES]; // an idle connection does not keep a big message's buffer
        }
      }
    }
  }

  /** Consumes CRLFs before a message; false when only (part of) a keep-alive is buffered. */
  private boolean skipKeepAlives() {
    while (rd < wr) {
      byte b = buf[rd];
      if (b == '\n') {
        rd++;
      } else if (b == '\r') {
        int avail = wr - rd;
        int match = 1; // how much of CRLFCRLF is buffered here
        while (match < 4 && match < avail && buf[rd + match] == (match % 2 == 0 ? '\r' : '\n')) {
          match++;
        }
        if (match == 4) {
          rd += 4;
          sink.onPing();
        } else if (match == avail) {
          return false; // wait: this may still become a CRLFCRLF ping
        } else {
          rd += match >= 2 ? 2 : 1; // a CRLF (pong) or a stray CR
        }
      } else {
        if (scanned < rd) {
          scanned = rd;
        }
        return true;
      }
    }
    rd = wr = scanned = 0;
    return false;
  }

  /** Index just past CRLFCRLF ending the headers, or -1. */
  private int findHeaderEnd() {
    int i = Math.max(scanned, rd + 1);
    for (; i + 3 < wr; i++) {
      if (buf[i + 3] == '\n' && buf[i + 2] == '\r' && buf[i + 1] == '\n' && buf[i] == '\r') {
        return i + 4;
      }
    }
    scanned = Math.max(rd, wr - 3);
    return -1;
  }

  /** Content-Length (or compact l) value in the header block, 0 when absent, -1 when bad. */
  private long contentLength(int start, int end) {
    int line = start;
    while (line < end) {
      int eol = line;
      while (eol < end && buf[eol] != '\n') {
        eol++;
      }
      int colon = nameEnd(line, eol);
      if (colon > 0) {
        int valueStart = colon + 1;
        int valueEnd = eol > line && buf[eol - 1] == '\r' ? eol - 1 : eol;
        long v = 0;
        int digits = 0;
        for (int i = valueStart; i < valueEnd; i++) {
          byte b = buf[i];
          if (b >= '0' && b <= '9' && digits < 10) {
            v = v * 10 + (b - '0');
            digits++;
          } else if (b != ' ' && b != '\t') {
            return -1;
          }
        }
        return digits == 0 ? -1 : v;
      }
      line = eol + 1;
    }
    return 0;
  }

  /** Colon index when line starts with Content-Length or l (any case), else -1. */
  private int nameEnd(int line, int eol) {
    int i = line;
    String full = "content-length";
    int k = 0;
    while (i < eol && k < full.length() && (buf[i] | 0x20) == full.charAt(k)) {
      i++;
      k++;
    }
    if (k != full.length() && !(k == 0 && i < eol && (buf[i] | 0x20) == 'l')) {
      return -1;
    }
    if (k == 0) {
      i++; // compact form "l"
    }
    while (i < eol && (buf[i] == ' ' || buf[i] == '\t')) {
      i++;
    }
    return i < eol && buf[i] == ':' ? i : -1;
  }
}
