package io.trunkline.registration.sip;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Call-IDs, tags, branches and cnonces from a cryptographic generator (JAIN-SIP's own branches and
 * tags come from java.util.Random): whoever sees some cannot predict the next and forge an answer.
 * One shared DRBG: this service draws a few per REGISTER or OPTIONS.
 */
public final class SecureIds {

  private static final SecureRandom RANDOM = newGenerator();
  private static final HexFormat HEX = HexFormat.of();

  private SecureIds() {}

  /** bytes random bytes as lower-case hex. */
  public static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HEX.formatHex(b);
  }

  /** A Via branch: the RFC 3261 magic cookie and 64 random bits. */
  public static String branch() {
    return "z9hG4bK" + hex(8);
  }

  /** A From tag: 64 random bits. */
  public static String tag() {
    return hex(8);
  }

  /** A Call-ID: 128 random bits. */
  public static String callId() {
    return hex(16) + "@trunkline";
  }

  private static SecureRandom newGenerator() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
