package io.trunkline.routing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.testsupport.InwardLayer;
import org.junit.jupiter.api.Test;

/**
 * Routing decisions and the call state machine ({@code service/}, {@code service/call/}, {@code
 * service/inbound/}) reach SIP, the media relay, the topics and the settings only through ports
 * ({@code PbxLeg}, {@code TrunkLeg}, {@code MediaRelay}, ...): they name no other package of the
 * service, so the SIP stack or the relay can change without touching them.
 */
class ServiceLayerTest {

  @Test
  void theServiceLayerReferencesNoOtherPackageOfTheService() {
    InwardLayer service = new InwardLayer("io.trunkline.routing", "service");
    assertThat(service.sources()).hasSizeGreaterThan(30);
    assertThat(service.outwardReferences()).isEmpty();
  }
}
