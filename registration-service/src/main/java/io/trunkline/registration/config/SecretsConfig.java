package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.trunkline.platform.crypto.config.SecretKeyringConfig;

/**
 * The key ring that decrypts trunk passwords from the trunk topic: the platform's {@code
 * trunkline.secrets.*} keys, documented there.
 */
@ConfigMapping(prefix = "trunkline.secrets")
public interface SecretsConfig extends SecretKeyringConfig {}
