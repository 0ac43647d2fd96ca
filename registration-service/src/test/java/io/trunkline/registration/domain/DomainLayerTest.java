package io.trunkline.registration.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.testsupport.InwardLayer;
import org.junit.jupiter.api.Test;

/**
 * The registration state machine and its supervisor know SIP, time and the status feed only through
 * their ports ({@code RegistrarLink}, {@code ProbeLink}, {@code Scheduler}, {@code StatusSink}):
 * {@code domain/} names no other package of the service, so JAIN-SIP, Kafka and the engine thread
 * can change without touching it.
 */
class DomainLayerTest {

  @Test
  void theDomainReferencesNoOtherPackageOfTheService() {
    InwardLayer domain = new InwardLayer("io.trunkline.registration", "domain");
    assertThat(domain.sources()).hasSizeGreaterThan(10);
    assertThat(domain.outwardReferences()).isEmpty();
  }
}
