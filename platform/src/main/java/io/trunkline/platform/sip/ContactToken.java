package io.trunkline.platform.sip;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-trunk Contact token: the user part of the Contact a REGISTER trunk's registration
 * carries, so that an INVITE the provider sends to that Contact names its trunk even when several
 * trunks share the provider's addresses.
 *
 * <p>{@code "tl" + hex(HMAC-SHA256(key, "trunkline-contact-token:" + trunkId)[0..16))}, lower-case
 * hex, 34 characters, where {@code key} is the 32 bytes of {@code
 * trunkline.secrets.encryption-key}. Stable across restarts and replicas without storing anything
 * (the trunk id and the key are enough), unguessable without the key, and computable by any service
 * holding the key. Pure: no state, no adapter.
 */
public final class ContactToken {

  /** Prefix of every token: tells a token from a dialled number in a Request-URI user part. */
  public static final String PREFIX = "tl";

  private static final String LABEL = "trunkline-contact-token:";
  private static final int BYTES = 16;

  private ContactToken() {}

  /** The token of {@code trunkId} under the Base64 encryption key. */
  public static String of(String base64Key, String trunkId) {
    return of(Base64.getDecoder().decode(base64Key), trunkId);
  }

  /** The token of {@code trunkId} under the raw key bytes. */
  public static String of(byte[] key, String trunkId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((LABEL + trunkId).getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(digest, 0, BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code token} is trunk {@code trunkId}'s token under {@code key}, in constant time. */
  public static boolean matches(byte[] key, String trunkId, String token) {
    return key != null
        && token != null
        && java.security.MessageDigest.isEqual(
            of(key, trunkId).getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether a Request-URI user has the shape of a token (a dialled number never has). */
  public static boolean looksLikeToken(String user) {
    if (user == null || user.length() != PREFIX.length() + 2 * BYTES || !user.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < user.length(); i++) {
      char c = user.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
