package io.trunkline.config.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.testsupport.InwardLayer;
import org.junit.jupiter.api.Test;

/**
 * The domain (trunks, rules, provider catalogue, validation, errors) must not know its adapters:
 * REST, gRPC, events, the database, the settings, the routing client or the use cases that
 * orchestrate them. Adapters import the domain, never the reverse, so the rules can be read and
 * changed without the plumbing around them.
 */
class DomainLayerTest {

  @Test
  void theDomainReferencesNoOtherPackageOfTheService() {
    InwardLayer domain = new InwardLayer("io.trunkline.config", "domain");
    assertThat(domain.sources()).hasSizeGreaterThan(20);
    assertThat(domain.outwardReferences()).isEmpty();
  }
}
