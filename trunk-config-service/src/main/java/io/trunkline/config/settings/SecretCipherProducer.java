package io.trunkline.config.settings;

import io.trunkline.platform.crypto.SecretKeyring;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The password key ring (also the {@code SecretCipher}), with the keys the registration and
 * call-routing services hold too.
 */
@Singleton
public class SecretCipherProducer {

  @Produces
  @Singleton
  SecretKeyring secretCipher(TrunklineConfig config) {
    return SecretKeyring.create(config.secrets().settings());
  }
}
