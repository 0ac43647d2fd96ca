package io.trunkline.platform.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a trunk's {@code passwordEncrypted} to that trunk: a token copied
 * into another trunk's record does not decrypt there, so a forged record pointing at an attacker's
 * host never gets a digest answer made with the real trunk's password.
 */
public final class TrunkSecrets {

  private TrunkSecrets() {}

  /** The associated data of the password of trunk {@code trunkId} (its id as text). */
  public static byte[] binding(String trunkId) {
    if (trunkId == null || trunkId.isBlank()) {
      throw new IllegalArgumentException("a trunk password is bound to a trunk id");
    }
    return ("trunk\0" + trunkId).getBytes(StandardCharsets.UTF_8);
  }
}
