package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trunkline.platform.crypto.SecretSettings;
import java.util.List;
import java.util.Optional;

/** Secrets shared with the config service (docs/contract.md). */
@ConfigMapping(prefix = "trunkline.secrets")
public interface SecretsConfig {

  /** Base64 of 32 bytes: the single AES-256-GCM key of {@code passwordEncrypted} (key id k1). */
  Optional<String> encryptionKey();

  /** {@code id=base64} entries: every key a {@code passwordEncrypted} may have been made with. */
  Optional<List<String>> keys();

  /** The current key's id; this service only decrypts, so it matters for validation only. */
  Optional<String> currentKeyId();

  /** Whether tokens from before key ids (not bound to their trunk) still decrypt. */
  @WithDefault("true")
  boolean acceptUnboundTokens();

  /** The settings as the platform's key ring reads them. */
  default SecretSettings settings() {
    return new SecretSettings(encryptionKey(), keys(), currentKeyId(), acceptUnboundTokens());
  }
}
