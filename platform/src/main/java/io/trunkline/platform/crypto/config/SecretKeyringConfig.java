package io.trunkline.platform.crypto.config;

import io.smallrye.config.WithDefault;
import io.trunkline.platform.crypto.SecretSettings;
import java.util.List;
import java.util.Optional;

/**
 * The {@code trunkline.secrets.*} keys, written once for every service: the key ring that encrypts
 * trunk passwords (trunk-config-service) and decrypts them (registration and call-routing). A
 * service nests it in its {@code @ConfigMapping} as {@code secrets()}, or maps it at {@code
 * trunkline.secrets} by extending it.
 */
public interface SecretKeyringConfig {

  /**
   * Base64 of 32 bytes: a single AES-256-GCM key for trunk passwords, shared by every service;
   * inside the key ring it is key {@code k1} (how deployments from before key ids keep working).
   */
  Optional<String> encryptionKey();

  /**
   * {@code id=base64} entries: every key a stored or published {@code passwordEncrypted} may have
   * been made with (old keys stay listed after a rotation until nothing uses them).
   */
  Optional<List<String>> keys();

  /**
   * The id of the key new passwords are encrypted with (trunk-config-service); required with more
   * than one key. The services that only decrypt check that it names a key of the ring.
   */
  Optional<String> currentKeyId();

  /** Whether passwords encrypted before key ids (no id, not bound to a trunk) still decrypt. */
  @WithDefault("true")
  boolean acceptUnboundTokens();

  /** The settings as the platform's key ring reads them. */
  default SecretSettings settings() {
    return new SecretSettings(encryptionKey(), keys(), currentKeyId(), acceptUnboundTokens());
  }
}
