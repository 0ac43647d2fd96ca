package io.trunkline.registration.sip;

import io.trunkline.platform.sip.Digest;
import io.trunkline.platform.sip.DigestAnswer;
import io.trunkline.platform.sip.DigestChallenge;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/**
 * The JAIN-SIP side of digest authentication: reads the challenges of a 401/407 and writes the
 * answer into an (Proxy-)Authorization header. The digest itself is the platform's {@link Digest}.
 */
public final class DigestAuthenticator {

  private DigestAuthenticator() {}

  /** A challenge we can answer, and whether it came with 407 (Proxy-Authenticate). */
  public record Challenge(boolean proxy, DigestChallenge digest) {

    /** Whether the registrar said only the nonce was stale. */
    public boolean stale() {
      return digest.stale();
    }
  }

  /**
   * Picks the best challenge of a 401/407 that we can answer (SHA-256 before MD5), only for {@code
   * realmFilter} when set; null when there is none.
   */
  public static Challenge pick(Response response, String realmFilter) {
    boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    DigestChallenge best = Digest.pick(offered(response), realmFilter);
    return best == null ? null : new Challenge(proxy, best);
  }

  /** The digest challenges of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate). */
  public static List<DigestChallenge> offered(Response response) {
    boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    String name = proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME;
    List<DigestChallenge> offered = new ArrayList<>();
    ListIterator<?> headers = response.getHeaders(name);
    while (headers != null && headers.hasNext()) {
      WWWAuthenticateHeader h = (WWWAuthenticateHeader) headers.next();
      if (SipConstants.DIGEST.equalsIgnoreCase(h.getScheme()) && h.getNonce() != null) {
        offered.add(
            DigestChallenge.of(
                h.getRealm(),
                h.getNonce(),
                h.getOpaque(),
                h.getAlgorithm(),
                h.getQop(),
                h.isStale()));
      }
    }
    return offered;
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
    DigestAnswer a =
        Digest.answer(
            c.digest(),
            method,
            requestUri.toString(),
            user,
            password,
            nonceCount,
            Digest.newCnonce());
    AuthorizationHeader h =
        c.proxy()
            ? headers.createProxyAuthorizationHeader(SipConstants.DIGEST)
            : headers.createAuthorizationHeader(SipConstants.DIGEST);
    h.setUsername(a.username());
    h.setRealm(a.realm());
    h.setNonce(a.nonce());
    h.setURI(requestUri);
    h.setResponse(a.response());
    if (a.qop() != null) {
      h.setQop(a.qop());
      h.setCNonce(a.cnonce());
      h.setNonceCount(a.nonceCount());
    }
    if (a.algorithm() != null) {
      h.setAlgorithm(a.algorithm());
    }
    if (a.opaque() != null) {
      h.setOpaque(a.opaque());
    }
    return h;
  }
}
