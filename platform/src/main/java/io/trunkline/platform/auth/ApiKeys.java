package io.trunkline.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * The static API keys of a service and the check of {@code Authorization: Bearer <key>}.
 *
 * <p>Keys are kept as SHA-256 hashes and the presented token is hashed too, so that every
 * comparison ({@link MessageDigest#isEqual}) runs over 32 bytes whatever the lengths: neither the
 * time of a check nor its outcome tells how long a key is or how much of it matched. Every key is
 * compared, also after a match.
 */
public final class ApiKeys {

  private static final String BEARER = "bearer";
  private final List<byte[]> hashes;

  /**
   * The keys as configured (blank entries and surrounding white space ignored).
   *
   * @throws IllegalArgumentException when no key is left: the API would be closed to everyone
   */
  public ApiKeys(Collection<String> keys) {
    this.hashes =
        keys.stream().filter(k -> k != null && !k.isBlank()).map(k -> sha256(k.trim())).toList();
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException("trunkline.api.keys holds no API key");
    }
  }

  /**
   * Whether the value of an Authorization header (or gRPC {@code authorization} metadata) is {@code
   * Bearer <one of the keys>}; the scheme is case-insensitive (RFC 7235). Null: false.
   */
  public boolean accepts(String authorization) {
    String token = bearerToken(authorization);
    if (token == null) {
      return false;
    }
    byte[] given = sha256(token);
    boolean match = false;
    for (byte[] key : hashes) {
      match |= MessageDigest.isEqual(key, given);
    }
    return match;
  }

  /**
   * Whether a request for {@code path} is served without a key: only the operator endpoints under
   * {@code /q} (health, metrics, OpenAPI, Swagger UI). Everything else needs one.
   */
  public static boolean isOpen(String path) {
    return path != null && (path.equals("/q") || path.startsWith("/q/"));
  }

  private static String bearerToken(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length() + 1
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || authorization.charAt(BEARER.length()) != ' ') {
      return null;
    }
    String token = authorization.substring(BEARER.length() + 1).trim();
    return token.isEmpty() ? null : token;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
