package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;

/** Secrets shared with the config service (docs/contract.md). */
@ConfigMapping(prefix = "trunkline.secrets")
public interface SecretsConfig {

  /** Base64 of 32 bytes: the AES-256-GCM key of {@code passwordEncrypted}. */
  String encryptionKey();
}
