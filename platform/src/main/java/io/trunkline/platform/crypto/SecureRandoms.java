package io.trunkline.platform.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one source of unpredictable values: IVs, digest cnonces, SIP tags and branches that an
 * attacker must not guess. Everything draws from one {@link SecureRandom} (thread-safe; the JVM's
 * default, non-blocking algorithm), never from {@code Random} or {@code ThreadLocalRandom}.
 */
public final class SecureRandoms {

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecureRandoms() {}

  /** The shared generator, for APIs that take a {@link SecureRandom}. */
  public static SecureRandom generator() {
    return RANDOM;
  }

  /** {@code count} random bytes. */
  public static byte[] bytes(int count) {
    byte[] b = new byte[count];
    RANDOM.nextBytes(b);
    return b;
  }

  /** {@code count} random bytes as lower-case hex ({@code 2 * count} characters). */
  public static String hex(int count) {
    return HexFormat.of().formatHex(bytes(count));
  }
}
