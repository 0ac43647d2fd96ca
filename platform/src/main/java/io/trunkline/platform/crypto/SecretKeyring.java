package io.trunkline.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AES-256-GCM with several keys, each with an id, one of them current: what lets keys rotate.
 *
 * <p>A token is {@code <key id>:<base64 of iv || ciphertext || tag>} (the base64 alphabet has no
 * {@code ':'}, so a token from before key ids, plain base64, is told apart). New tokens are made
 * with the current key; a token decrypts with the key its id names, so tokens of older keys keep
 * working as long as their key stays in the ring. The associated data of a token is its key id
 * followed by the caller's associated data (for a trunk password: the trunk id, see {@link
 * TrunkSecrets}), so neither the id prefix nor the record a token was made for can be swapped.
 *
 * <p>Tokens without key id were made with the single {@value AesGcmSecretCipher#KEY_SETTING} and no
 * associated data; they decrypt with key {@value #LEGACY_KEY_ID} only while {@value
 * #ACCEPT_UNBOUND_SETTING} is true, whatever associated data the caller gives (they are bound to
 * nothing). trunk-config rewrites them as bound tokens at start, after which the setting can be
 * turned off.
 */
public final class SecretKeyring implements SecretCipher {

  /** {@code id=base64} entries, one per key. */
  public static final String KEYS_SETTING = "trunkline.secrets.keys";

  /** The id of the key that new tokens are made with. */
  public static final String CURRENT_SETTING = "trunkline.secrets.current-key-id";

  /** Whether tokens without key id (made before key ids) still decrypt. */
  public static final String ACCEPT_UNBOUND_SETTING = "trunkline.secrets.accept-unbound-tokens";

  /** The id of the single {@value AesGcmSecretCipher#KEY_SETTING} inside the ring. */
  public static final String LEGACY_KEY_ID = "k1";

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final byte[] AAD_LABEL = "trunkline-secret\0".getBytes(StandardCharsets.UTF_8);

  private final Map<String, AesGcmSecretCipher> keys;
  private final Map<String, byte[]> rawKeys;
  private final String currentId;
  private final boolean acceptUnbound;

  private SecretKeyring(
      Map<String, AesGcmSecretCipher> keys,
      Map<String, String> raw,
      String currentId,
      boolean acceptUnbound) {
    this.keys = Collections.unmodifiableMap(keys);
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    raw.forEach((id, base64) -> bytes.put(id, java.util.Base64.getDecoder().decode(base64)));
    this.rawKeys = Collections.unmodifiableMap(bytes);
    this.currentId = currentId;
    this.acceptUnbound = acceptUnbound;
  }

  /**
   * The ring of the settings.
   *
   * @throws SecretCipherException when no key is set, a key or an entry is malformed, an id is
   *     given twice with different keys, or the current id is missing or names no key
   */
  public static SecretKeyring create(SecretSettings settings) {
    Map<String, AesGcmSecretCipher> keys = new LinkedHashMap<>();
    Map<String, String> raw = new LinkedHashMap<>();
    settings
        .encryptionKey()
        .filter(k -> !k.isBlank())
        .ifPresent(k -> add(keys, raw, LEGACY_KEY_ID, k, AesGcmSecretCipher.KEY_SETTING));
    for (String entry : settings.keys().orElse(java.util.List.of())) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new SecretCipherException(KEYS_SETTING + ": an entry is not id=base64");
      }
      String id = entry.substring(0, eq).trim();
      if (!KEY_ID.matcher(id).matches()) {
        throw new SecretCipherException(
            KEYS_SETTING + ": an entry is not id=base64 with an id of 1 to 32 of A-Z a-z 0-9 _ -");
      }
      add(keys, raw, id, entry.substring(eq + 1), KEYS_SETTING + " (" + id + ")");
    }
    if (keys.isEmpty()) {
      throw new SecretCipherException(
          "no encryption key: set " + KEYS_SETTING + " or " + AesGcmSecretCipher.KEY_SETTING);
    }
    String current =
        settings.currentKeyId().filter(c -> !c.isBlank()).map(String::trim).orElse(null);
    if (current == null) {
      if (keys.size() > 1) {
        throw new SecretCipherException(
            CURRENT_SETTING + " is not set and there are " + keys.size() + " keys");
      }
      current = keys.keySet().iterator().next();
    } else if (!keys.containsKey(current)) {
      throw new SecretCipherException(
          CURRENT_SETTING + " '" + current + "' names no key of " + keys.keySet());
    }
    return new SecretKeyring(keys, raw, current, settings.acceptUnboundTokens());
  }

  private static void add(
      Map<String, AesGcmSecretCipher> keys,
      Map<String, String> raw,
      String id,
      String base64,
      String setting) {
    String previous = raw.putIfAbsent(id, base64.trim());
    if (previous != null && !previous.equals(base64.trim())) {
      throw new SecretCipherException("key id '" + id + "' is given twice with different keys");
    }
    keys.putIfAbsent(id, AesGcmSecretCipher.fromBase64Key(base64, setting));
  }

  /**
   * The Contact token of trunk {@code trunkId} under the current key (see {@link
   * io.trunkline.platform.sip.ContactToken}): what registration puts in a REGISTER trunk's Contact.
   */
  public String contactToken(String trunkId) {
    return io.trunkline.platform.sip.ContactToken.of(rawKeys.get(currentId), trunkId);
  }

  /**
   * Whether {@code token} is trunk {@code trunkId}'s Contact token under any key held: after a
   * rotation a provider may still call the Contact registered under the old key until the next
   * REGISTER. Compared in constant time.
   */
  public boolean isContactToken(String token, String trunkId) {
    boolean match = false;
    for (byte[] key : rawKeys.values()) {
      match |= io.trunkline.platform.sip.ContactToken.matches(key, trunkId, token);
    }
    return match;
  }

  /**
   * Trunk {@code trunkId}'s Contact tokens under every key held, in configuration order: what a
   * caller that checks many INVITEs computes once per trunk and then only compares.
   */
  public java.util.List<String> contactTokens(String trunkId) {
    java.util.List<String> tokens = new java.util.ArrayList<>(rawKeys.size());
    for (byte[] key : rawKeys.values()) {
      tokens.add(io.trunkline.platform.sip.ContactToken.of(key, trunkId));
    }
    return tokens;
  }

  /** The id new tokens are made with. */
  public String currentKeyId() {
    return currentId;
  }

  /** The ids of every key held, in configuration order. */
  public java.util.Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * The key id of a token, or null for a token from before key ids. Says nothing about whether the
   * token decrypts.
   */
  public static String keyIdOf(String token) {
    if (token == null) {
      return null;
    }
    int colon = token.indexOf(':');
    return colon < 0 ? null : token.substring(0, colon);
  }

  /** Whether a token should be made again with the current key (older key, or no key id). */
  public boolean needsReencryption(String token) {
    return token != null && !currentId.equals(keyIdOf(token));
  }

  @Override
  public String encrypt(String plain, byte[] associatedData) {
    return currentId + ":" + keys.get(currentId).encrypt(plain, aad(currentId, associatedData));
  }

  @Override
  public String decrypt(String token, byte[] associatedData) {
    if (token == null) {
      throw new SecretCipherException("cannot decrypt: no token");
    }
    String id = keyIdOf(token);
    if (id == null) {
      if (!acceptUnbound) {
        throw new SecretCipherException(
            "cannot decrypt: the token has no key id and " + ACCEPT_UNBOUND_SETTING + " is false");
      }
      AesGcmSecretCipher legacy = keys.get(LEGACY_KEY_ID);
      if (legacy == null) {
        throw new SecretCipherException(
            "cannot decrypt: the token has no key id and there is no key " + LEGACY_KEY_ID);
      }
      return legacy.decrypt(token, null);
    }
    AesGcmSecretCipher key = keys.get(id);
    if (key == null) {
      throw new SecretCipherException(
          "cannot decrypt: no key with the token's id"
              + (KEY_ID.matcher(id).matches() ? " '" + id + "'" : ""));
    }
    try {
      return key.decrypt(token.substring(id.length() + 1), aad(id, associatedData));
    } catch (SecretCipherException e) {
      throw new SecretCipherException(
          "cannot decrypt: the token was made for another record or with another key, or altered");
    }
  }

  private static byte[] aad(String keyId, byte[] associatedData) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    int extra = associatedData == null ? 0 : associatedData.length;
    byte[] all = new byte[AAD_LABEL.length + id.length + 1 + extra];
    System.arraycopy(AAD_LABEL, 0, all, 0, AAD_LABEL.length);
    System.arraycopy(id, 0, all, AAD_LABEL.length, id.length);
    all[AAD_LABEL.length + id.length] = 0;
    if (extra > 0) {
      System.arraycopy(associatedData, 0, all, AAD_LABEL.length + id.length + 1, extra);
    }
    return all;
  }
}
