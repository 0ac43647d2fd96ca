package io.trunkline.registration.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/** Digest authentication (RFC 2617 / RFC 7616): MD5 and SHA-256, qop=auth or none. */
public final class DigestAuthenticator {

  private DigestAuthenticator() {}

  /** A challenge we can answer: its header values and whether it came with 407. */
  public record Challenge(
      boolean proxy,
      String realm,
      String nonce,
      String opaque,
      String algorithm,
      boolean qop,
      boolean stale) {}

  /**
   * Picks the best challenge of a 401/407 that we can answer (SHA-256 before MD5), only for {@code
   * realmFilter} when set; null when there is none.
   */
  public static Challenge pick(Response response, String realmFilter) {
    boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    String name = proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME;
    Challenge best = null;
    ListIterator<?> headers = response.getHeaders(name);
    while (headers != null && headers.hasNext()) {
      WWWAuthenticateHeader h = (WWWAuthenticateHeader) headers.next();
      String algorithm = h.getAlgorithm() == null ? SipConstants.MD5 : h.getAlgorithm();
      boolean supported =
          SipConstants.DIGEST.equalsIgnoreCase(h.getScheme())
              && (SipConstants.MD5.equalsIgnoreCase(algorithm)
                  || SipConstants.SHA_256.equalsIgnoreCase(algorithm));
      boolean realmOk = realmFilter == null || realmFilter.equals(h.getRealm());
      if (!supported || !realmOk || h.getNonce() == null) {
        continue;
      }
      String qop = h.getQop();
      boolean auth =
          qop != null && List.of(qop.replace(" ", "").split(",")).contains(SipConstants.QOP_AUTH);
      Challenge c =
          new Challenge(
              proxy,
              h.getRealm(),
              h.getNonce(),
              h.getOpaque(),
              h.getAlgorithm(),
              auth,
              h.isStale());
      if (best == null || SipConstants.SHA_256.equalsIgnoreCase(algorithm)) {
        best = c;
      }
    }
    return best;
  }

  /** The Authorization (or Proxy-Authorization) header answering {@code c}. */
  public static AuthorizationHeader authorize(
      HeaderFactory headers,
      Challenge c,
      String method,
      javax.sip.address.URI requestUri,
      String user,
      String password,
      int nonceCount)
      throws java.text.ParseException {
    String algorithm = c.algorithm() == null ? SipConstants.MD5 : c.algorithm();
    String ha1 = hash(algorithm, user + ":" + c.realm() + ":" + password);
    String uri = requestUri.toString();
    String ha2 = hash(algorithm, method + ":" + uri);
    AuthorizationHeader h =
        c.proxy()
            ? headers.createProxyAuthorizationHeader(SipConstants.DIGEST)
            : headers.createAuthorizationHeader(SipConstants.DIGEST);
    h.setUsername(user);
    h.setRealm(c.realm());
    h.setNonce(c.nonce());
    h.setURI(requestUri);
    if (c.qop()) {
      String nc = String.format("%08x", nonceCount);
      String cnonce = SecureIds.hex(16);
      h.setResponse(
          hash(algorithm, ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2));
      h.setQop(SipConstants.QOP_AUTH);
      h.setCNonce(cnonce);
      h.setNonceCount(nonceCount);
    } else {
      h.setResponse(hash(algorithm, ha1 + ":" + c.nonce() + ":" + ha2));
    }
    if (c.algorithm() != null) {
      h.setAlgorithm(c.algorithm());
    }
    if (c.opaque() != null) {
      h.setOpaque(c.opaque());
    }
    return h;
  }

  /** Hex digest with the challenge's algorithm. */
  public static String hash(String algorithm, String value) {
    try {
      String jca = SipConstants.SHA_256.equalsIgnoreCase(algorithm) ? "SHA-256" : "MD5";
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance(jca).digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
