package io.trunkline.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM in the wire format of {@code passwordEncrypted}: the token is base64 (standard,
 * padded) of {@code iv (12 random bytes) || ciphertext || tag (128 bits)}. The key is base64 of 32
 * bytes, the setting {@value #KEY_SETTING} of every service.
 */
public final class AesGcmSecretCipher implements SecretCipher {

  /** The configuration key that holds the base64 key in every service. */
  public static final String KEY_SETTING = "trunkline.secrets.encryption-key";

  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final SecretKey key;

  private AesGcmSecretCipher(SecretKey key) {
    this.key = key;
  }

  /**
   * A cipher for the base64 key.
   *
   * @throws SecretCipherException when the key is missing, not base64 or not 32 bytes long
   */
  public static AesGcmSecretCipher fromBase64Key(String base64Key) {
    return fromBase64Key(base64Key, KEY_SETTING);
  }

  /** A cipher for the base64 key; errors name {@code setting} (never the key itself). */
  static AesGcmSecretCipher fromBase64Key(String base64Key, String setting) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new SecretCipherException(setting + " is not set (base64 of 32 bytes)");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new SecretCipherException(setting + " is not base64");
    }
    if (raw.length != KEY_BYTES) {
      throw new SecretCipherException(
          setting + " must be " + KEY_BYTES + " bytes (base64), not " + raw.length);
    }
    return new AesGcmSecretCipher(new SecretKeySpec(raw, "AES"));
  }

  /** A cipher that fails on use: for a service whose key is optional and was not set. */
  public static SecretCipher unconfigured() {
    return new SecretCipher() {
      @Override
      public String encrypt(String plain, byte[] associatedData) {
        throw new SecretCipherException(KEY_SETTING + " is not set");
      }

      @Override
      public String decrypt(String token, byte[] associatedData) {
        throw new SecretCipherException(KEY_SETTING + " is not set");
      }
    };
  }

  @Override
  public String encrypt(String plain, byte[] associatedData) {
    byte[] iv = SecureRandoms.bytes(IV_BYTES);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] token = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, token, 0, IV_BYTES);
      System.arraycopy(sealed, 0, token, IV_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(token);
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every JVM: this is a broken runtime, not bad input.
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getName());
    }
  }

  @Override
  public String decrypt(String token, byte[] associatedData) {
    if (token == null) {
      throw new SecretCipherException("cannot decrypt: no token");
    }
    byte[] all;
    try {
      all = Base64.getDecoder().decode(token.trim());
    } catch (IllegalArgumentException e) {
      throw new SecretCipherException("cannot decrypt: the token is not base64");
    }
    if (all.length < IV_BYTES + TAG_BITS / 8) {
      throw new SecretCipherException("cannot decrypt: the token is too short");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SecretCipherException(
          "cannot decrypt: the token was made with another key or altered");
    } catch (GeneralSecurityException e) {
      throw new SecretCipherException("cannot decrypt: " + e.getClass().getSimpleName());
    }
  }
}
