package io.trunkline.platform.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms Trunkline answers (RFC 7616 section 3.3): MD5 and SHA-256. */
public enum DigestAlgorithm {
  MD5("MD5"),
  SHA_256("SHA-256");

  private final String token;

  DigestAlgorithm(String token) {
    this.token = token;
  }

  /** The name in challenges and answers, also the JCA name of the hash. */
  public String token() {
    return token;
  }

  /**
   * The algorithm a challenge names: MD5 when it names none (RFC 2617), empty for one we cannot
   * answer (the {@code -sess} variants, SHA-512-256, anything unknown).
   */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.of(MD5);
    }
    return switch (token.trim().toUpperCase(Locale.ROOT)) {
      case "MD5" -> Optional.of(MD5);
      case "SHA-256" -> Optional.of(SHA_256);
      default -> Optional.empty();
    };
  }

  /** Lower-case hex of the hash of the UTF-8 bytes of {@code value}. */
  public String hash(String value) {
    try {
      MessageDigest md = MessageDigest.getInstance(token);
      return HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Both are mandatory in every JVM.
      throw new IllegalStateException(token + " is not available", e);
    }
  }
}
