package io.trunkline.platform.sip;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Digest challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate).
 *
 * @param realm the realm, empty when the challenge names none
 * @param nonce the server's nonce
 * @param opaque the opaque value to echo, or null
 * @param algorithm the algorithm token as the challenge wrote it, or null when it named none
 * @param qopAuth whether the challenge offers {@code qop=auth}
 * @param stale whether the server says only the nonce was stale (the credentials were fine)
 */
public record DigestChallenge(
    String realm, String nonce, String opaque, String algorithm, boolean qopAuth, boolean stale) {

  public DigestChallenge {
    realm = realm == null ? "" : realm;
  }

  /**
   * A challenge from its parameters as a SIP stack hands them out.
   *
   * @param qop the qop options as written, e.g. {@code "auth,auth-int"}, or null
   */
  public static DigestChallenge of(
      String realm, String nonce, String opaque, String algorithm, String qop, boolean stale) {
    return new DigestChallenge(realm, nonce, opaque, algorithm, offersAuth(qop), stale);
  }

  /**
   * Parses the value of a WWW-Authenticate or Proxy-Authenticate header (one challenge); null when
   * it is not a Digest challenge or carries no nonce.
   */
  public static DigestChallenge parse(String headerValue) {
    Map<String, String> p = parameters(headerValue);
    if (p == null || p.get("nonce") == null) {
      return null;
    }
    return of(
        p.get("realm"),
        p.get("nonce"),
        p.get("opaque"),
        p.get("algorithm"),
        p.get("qop"),
        "true".equalsIgnoreCase(p.get("stale")));
  }

  /** The hash to answer with; empty when the challenge asks for one we do not support. */
  public Optional<DigestAlgorithm> hashAlgorithm() {
    return DigestAlgorithm.fromToken(algorithm);
  }

  /**
   * Whether this challenge can be answered: a nonce, a supported algorithm, and the realm the trunk
   * requires (any realm when {@code requiredRealm} is null).
   */
  public boolean answerable(String requiredRealm) {
    return nonce != null
        && hashAlgorithm().isPresent()
        && (requiredRealm == null || requiredRealm.equals(realm));
  }

  private static boolean offersAuth(String qop) {
    return qop != null && Arrays.asList(qop.trim().split("\\s*,\\s*")).contains("auth");
  }

  /** The parameters of a {@code Digest ...} value, names lower-cased; null if not Digest. */
  static Map<String, String> parameters(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    String h = headerValue.trim();
    int n = h.length();
    if (!h.regionMatches(true, 0, "Digest", 0, 6)
        || (n > 6 && !Character.isWhitespace(h.charAt(6)))) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    int i = 6;
    while (i < n) {
      while (i < n && (h.charAt(i) == ',' || Character.isWhitespace(h.charAt(i)))) {
        i++;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && Character.isWhitespace(h.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && h.charAt(i) == '"') {
        // quoted-string: a backslash escapes the next character (RFC 7230 3.2.6).
        for (i++; i < n && h.charAt(i) != '"'; i++) {
          if (h.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(h.charAt(i));
        }
        i++;
      } else {
        int end = h.indexOf(',', i);
        end = end < 0 ? n : end;
        value.append(h, i, end);
        i = end;
      }
      params.put(name, value.toString().trim());
    }
    return params;
  }
}
