package io.trunkline.routing.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts {@code passwordEncrypted} (docs/contract.md): base64 of a 12-byte IV followed by the
 * AES-256-GCM ciphertext with its 128-bit tag, no associated data.
 */
public final class PasswordCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  /** A cipher for the base64 key; null or blank gives one that cannot decrypt. */
  public PasswordCipher(String base64Key) {
    if (base64Key == null || base64Key.isBlank()) {
      this.key = null;
      return;
    }
    byte[] raw = Base64.getDecoder().decode(base64Key.trim());
    if (raw.length != 32) {
      throw new IllegalArgumentException("trunkline.secrets.encryption-key must be 32 bytes");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** The plain password, or an exception whose message never contains the secret. */
  public String decrypt(String encrypted) {
    if (encrypted == null) {
      return null;
    }
    if (key == null) {
      throw new IllegalStateException("no encryption key configured");
    }
    try {
      byte[] all = Base64.getDecoder().decode(encrypted);
      if (all.length < IV_BYTES + TAG_BITS / 8) {
        throw new IllegalArgumentException("encrypted password too short");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot decrypt trunk password: " + e.getClass().getName());
    }
  }

  /** Encrypts (tests and tools); the IV is random. */
  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      new java.security.SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] ct = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] all = new byte[iv.length + ct.length];
      System.arraycopy(iv, 0, all, 0, iv.length);
      System.arraycopy(ct, 0, all, iv.length, ct.length);
      return Base64.getEncoder().encodeToString(all);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
