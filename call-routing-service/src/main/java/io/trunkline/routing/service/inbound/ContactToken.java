package io.trunkline.routing.service.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user part that registration-service puts in a REGISTER trunk's Contact, so that an INVITE
 * sent to the registered Contact names its trunk even when several trunks share a provider's
 * addresses: {@code "tl" + hex(HMAC-SHA256(key, "trunkline-contact-token:" + trunkId)[0..16))},
 * lower-case, where key is the 32 bytes of {@code trunkline.secrets.encryption-key} that both
 * services hold. It must stay byte for byte what registration-service computes.
 */
public final class ContactToken {

  private static final String PREFIX = "tl";
  private static final String LABEL = "trunkline-contact-token:";
  private static final int BYTES = 16;

  private ContactToken() {}

  /** The token of a trunk under the raw key bytes. */
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

  /** Whether a Request-URI user has the shape of a token (a DID never has). */
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

  /** Whether user is the trunk's token (compared in constant time). */
  public static boolean isTokenOf(byte[] key, String trunkId, String user) {
    return key != null
        && MessageDigest.isEqual(
            of(key, trunkId).getBytes(StandardCharsets.US_ASCII),
            user.getBytes(StandardCharsets.US_ASCII));
  }
}
