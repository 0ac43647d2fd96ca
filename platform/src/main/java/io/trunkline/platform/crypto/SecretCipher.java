package io.trunkline.platform.crypto;

/**
 * Encrypts and decrypts short secrets (trunk passwords) into printable tokens. The associated data
 * is authenticated but not encrypted: a token made with some associated data only decrypts with the
 * same bytes (a caller can bind a token to, say, the id of the record it belongs to). {@code null}
 * associated data means none. No message of an exception carries the plain text or token.
 */
public interface SecretCipher {

  /** The token of {@code plain}, bound to {@code associatedData} (null: none). */
  String encrypt(String plain, byte[] associatedData);

  /**
   * The plain text of {@code token}, made with the same {@code associatedData} (null: none).
   *
   * @throws SecretCipherException when the token is malformed, altered, or made with another key or
   *     other associated data
   */
  String decrypt(String token, byte[] associatedData);

  /** The token of {@code plain}, without associated data. */
  default String encrypt(String plain) {
    return encrypt(plain, null);
  }

  /** The plain text of a token made without associated data. */
  default String decrypt(String token) {
    return decrypt(token, null);
  }
}
