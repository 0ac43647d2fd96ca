package io.trunkline.platform.sip;

import io.trunkline.platform.crypto.SecureRandoms;
import java.util.Collection;

/**
 * HTTP Digest as SIP uses it (RFC 2617, RFC 7616, RFC 3261 section 22): MD5 and SHA-256, with
 * {@code qop=auth} or without qop. Plain functions on strings; each SIP stack's adapter reads the
 * challenge from its own header objects and writes the answer back.
 */
public final class Digest {

  /** Bytes of randomness in a client nonce (16 hex characters). */
  private static final int CNONCE_BYTES = 8;

  private Digest() {}

  /**
   * The {@code response} value: {@code H(H(A1):nonce:nc:cnonce:qop:H(A2))} with qop=auth, or {@code
   * H(H(A1):nonce:H(A2))} without qop ({@code cnonce} null), where {@code A1 =
   * username:realm:password} and {@code A2 = method:uri}.
   */
  public static String response(
      DigestAlgorithm algorithm,
      String username,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String nc,
      String cnonce) {
    String ha1 = algorithm.hash(username + ":" + realm + ":" + password);
    String ha2 = algorithm.hash(method + ":" + uri);
    if (cnonce == null) {
      return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
    }
    return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  }

  /** A fresh client nonce: 8 bytes from the shared secure random source, as 16 hex digits. */
  public static String newCnonce() {
    return SecureRandoms.hex(CNONCE_BYTES);
  }

  /**
   * Answers {@code challenge} for a request of {@code method} to {@code uri}.
   *
   * @param nonceCount how many requests this nonce has answered, this one included (from 1)
   * @param cnonce the client nonce ({@link #newCnonce()}); not used when the challenge offers no
   *     qop=auth
   * @throws IllegalArgumentException when the challenge names an unsupported algorithm
   */
  public static DigestAnswer answer(
      DigestChallenge challenge,
      String method,
      String uri,
      String username,
      String password,
      int nonceCount,
      String cnonce) {
    DigestAlgorithm algorithm =
        challenge
            .hashAlgorithm()
            .orElseThrow(() -> new IllegalArgumentException("unsupported digest algorithm"));
    String qop = challenge.qopAuth() ? "auth" : null;
    String usedCnonce = qop == null ? null : cnonce;
    String response =
        response(
            algorithm,
            username,
            challenge.realm(),
            password,
            method,
            uri,
            challenge.nonce(),
            DigestAnswer.nc(nonceCount),
            usedCnonce);
    return new DigestAnswer(
        username,
        challenge.realm(),
        challenge.nonce(),
        uri,
        response,
        challenge.algorithm(),
        qop,
        nonceCount,
        usedCnonce,
        challenge.opaque());
  }

  /**
   * The challenge to answer among those of one response: SHA-256 before MD5, the first of each;
   * only answerable ones for {@code requiredRealm} (any realm when null). Null when none is.
   */
  public static DigestChallenge pick(Collection<DigestChallenge> challenges, String requiredRealm) {
    DigestChallenge md5 = null;
    for (DigestChallenge c : challenges) {
      if (c == null || !c.answerable(requiredRealm)) {
        continue;
      }
      if (c.hashAlgorithm().orElseThrow() == DigestAlgorithm.SHA_256) {
        return c;
      }
      if (md5 == null) {
        md5 = c;
      }
    }
    return md5;
  }
}
