package io.trunkline.sip;

import java.nio.charset.StandardCharsets;

/**
 * Joins a folded header value (one spread over continuation lines) into one line. The parser calls
 * it once per header, when the header is complete, so a header folded over many lines still costs
 * one pass: joining line by line as each arrives would copy the value again for every line.
 */
final class HeaderFolding {
  private HeaderFolding() {}

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
}
