package io.trunkline.registration.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts {@code passwordEncrypted} (docs/contract.md: base64 of a 12-byte IV followed by the
 * AES-256-GCM ciphertext and its 128-bit tag). The plain password only lives in memory.
 */
public final class PasswordCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final SecretKeySpec key;

  public PasswordCipher(String base64Key) {
    byte[] raw = Base64.getDecoder().decode(base64Key.trim());
    if (raw.length != 32) {
      throw new IllegalArgumentException("the encryption key must be 32 bytes (base64)");
    }
    key = new SecretKeySpec(raw, "AES");
  }

  /** The plain password; fails without revealing anything about the input. */
  public String decrypt(String passwordEncrypted) {
    try {
      byte[] all = Base64.getDecoder().decode(passwordEncrypted);
      if (all.length <= IV_BYTES) {
        throw new IllegalArgumentException("encrypted password too short");
      }
      ByteBuffer buf = ByteBuffer.wrap(all);
      byte[] iv = new byte[IV_BYTES];
      buf.get(iv);
      byte[] cipherText = new byte[buf.remaining()];
      buf.get(cipherText);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      return new String(cipher.doFinal(cipherText), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot decrypt the trunk password", null);
    }
  }

  /** Encrypts like the config service does (used by tests and tools). */
  public String encrypt(String password) {
    try {
      byte[] iv = new byte[IV_BYTES];
      new java.security.SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] ct = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt", e);
    }
  }
}
