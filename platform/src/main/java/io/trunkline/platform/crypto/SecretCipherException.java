package io.trunkline.platform.crypto;

/**
 * A key that cannot be used, or a token that cannot be decrypted. The message says which and why,
 * never the secret, the token or the key.
 */
public final class SecretCipherException extends RuntimeException {

  public SecretCipherException(String message) {
    super(message, null, false, false);
  }
}
