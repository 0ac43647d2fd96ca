package io.trunkline.platform.sip;

/**
 * The credentials answering one challenge, as they go into Authorization or Proxy-Authorization.
 *
 * @param algorithm the algorithm token to send, or null when the challenge named none
 * @param qop {@code "auth"}, or null when answered without qop
 * @param nonceCount the nonce count (only meaningful with qop)
 * @param cnonce the client nonce, or null without qop
 * @param opaque the challenge's opaque value to echo, or null
 */
public record DigestAnswer(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String qop,
    int nonceCount,
    String cnonce,
    String opaque) {

  /** The nonce count as sent: eight hex digits. */
  public String nc() {
    return nc(nonceCount);
  }

  static String nc(int nonceCount) {
    return String.format("%08x", nonceCount);
  }

  /** The whole header value: {@code Digest username="...", realm="...", ...}. */
  public String toHeaderValue() {
    StringBuilder sb = new StringBuilder("Digest username=").append(quoted(username));
    sb.append(", realm=").append(quoted(realm));
    sb.append(", nonce=").append(quoted(nonce));
    sb.append(", uri=").append(quoted(uri));
    sb.append(", response=").append(quoted(response));
    if (algorithm != null) {
      sb.append(", algorithm=").append(algorithm);
    }
    if (qop != null) {
      sb.append(", qop=").append(qop).append(", nc=").append(nc());
      sb.append(", cnonce=").append(quoted(cnonce));
    }
    if (opaque != null) {
      sb.append(", opaque=").append(quoted(opaque));
    }
    return sb.toString();
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
