package io.trunkline.platform.crypto;

import java.util.List;
import java.util.Optional;

/**
 * The {@code trunkline.secrets.*} settings every service maps its configuration onto.
 *
 * @param encryptionKey {@value AesGcmSecretCipher#KEY_SETTING}: one base64 key, the key ring's key
 *     {@value SecretKeyring#LEGACY_KEY_ID} (how deployments from before key ids keep working)
 * @param keys {@value SecretKeyring#KEYS_SETTING}: {@code id=base64} entries, one per key
 * @param currentKeyId {@value SecretKeyring#CURRENT_SETTING}: the id new tokens are made with; may
 *     be left out when the ring holds one key only
 * @param acceptUnboundTokens {@value SecretKeyring#ACCEPT_UNBOUND_SETTING}: whether tokens made
 *     before key ids (no key id, not bound to a trunk) still decrypt, with key {@value
 *     SecretKeyring#LEGACY_KEY_ID}
 */
public record SecretSettings(
    Optional<String> encryptionKey,
    Optional<List<String>> keys,
    Optional<String> currentKeyId,
    boolean acceptUnboundTokens) {

  /** One key (id {@value SecretKeyring#LEGACY_KEY_ID}), unbound tokens accepted. */
  public static SecretSettings singleKey(String base64Key) {
    return new SecretSettings(Optional.of(base64Key), Optional.empty(), Optional.empty(), true);
  }

  /** Whether any key is configured at all. */
  public boolean anyKey() {
    return encryptionKey.filter(k -> !k.isBlank()).isPresent()
        || keys.filter(l -> l.stream().anyMatch(e -> !e.isBlank())).isPresent();
  }
}
