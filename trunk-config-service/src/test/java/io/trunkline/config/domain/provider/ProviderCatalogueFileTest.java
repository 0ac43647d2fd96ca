package io.trunkline.config.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.config.TestSupport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider catalogue file: the fourteen providers the service was seeded with, each complete
 * enough to fill a trunk's defaults, and a broken file refused at start rather than half served.
 * What the API shows for each of them is pinned by {@code ProviderTemplateTest}.
 */
class ProviderCatalogueFileTest {

  private final ProviderTemplates catalogue = new ProviderTemplates();

  @Test
  void theFileHoldsTheFourteenSeededProviders() {
    assertThat(catalogue.all())
        .extracting(ProviderTemplate::id)
        .containsExactlyElementsOf(TestSupport.SEEDED_PROVIDERS);
    assertThat(catalogue.all()).extracting(ProviderTemplate::name).doesNotHaveDuplicates();
  }

  @Test
  void everyTemplateNamesTheDefaultsATrunkNeeds() {
    for (ProviderTemplate t : catalogue.all()) {
      assertThat(t.name()).as(t.id()).isNotBlank();
      assertThat(t.notes()).as(t.id()).isNotBlank();
      assertThat(t.transport()).as(t.id()).isNotNull();
      assertThat(t.authMode()).as(t.id()).isNotNull();
      assertThat(t.numberFormat()).as(t.id()).isNotNull();
      if (t.port() != null) {
        assertThat(t.port()).as(t.id()).isBetween(1, 65535);
      }
    }
  }

  @Test
  void aTemplateListedTwiceIsRefused() {
    List<ProviderTemplate> twice = new ArrayList<>(catalogue.all());
    twice.add(catalogue.find("twilio").orElseThrow());
    assertThatThrownBy(() -> new ProviderTemplates(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twilio");
  }

  @Test
  void aMisspelledFieldIsRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> ProviderTemplates.load("providers-misspelled.json"))
        .isInstanceOf(UncheckedIOException.class)
        .hasStackTraceContaining("defaultHots");
  }
}
