package io.trunkline.config.settings;

import io.trunkline.config.domain.trunk.OwnSipAddresses;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** call-routing's own SIP addresses, from {@code trunkline.loop.own-sip-addresses}. */
@Singleton
public class OwnSipAddressesProducer {

  @Produces
  @Singleton
  OwnSipAddresses ownSipAddresses(TrunklineConfig config) {
    return new OwnSipAddresses(config.loop().ownSipAddresses().orElse(List.of()));
  }
}
