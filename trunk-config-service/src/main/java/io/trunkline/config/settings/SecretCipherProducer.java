package io.trunkline.config.settings;

import io.trunkline.platform.crypto.AesGcmSecretCipher;
import io.trunkline.platform.crypto.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The password cipher, with the key the registration and call-routing services hold too. */
@Singleton
public class SecretCipherProducer {

  @Produces
  @Singleton
  SecretCipher secretCipher(TrunklineConfig config) {
    return AesGcmSecretCipher.fromBase64Key(config.secrets().encryptionKey());
  }
}
