package io.trunkline.platform.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The version rule every consumer applies, and the envelope's own checks. */
class VersionedTest {

  static EventEnvelope at(long version) {
    return new EventEnvelope("trunk.config.v1", version, Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void aConsumerIgnoresOnlyValuesOlderThanTheOneItHolds() {
    assertThat(at(3).isOlderThan(at(4))).isTrue();
    assertThat(at(4).isOlderThan(at(4))).as("a duplicate is not older").isFalse();
    assertThat(at(5).isOlderThan(at(4))).isFalse();
    assertThat(at(1).isOlderThan(null)).as("nothing held yet").isFalse();
  }

  @Test
  void newerMeansStrictlyNewer() {
    assertThat(at(5).isNewerThan(at(4))).isTrue();
    assertThat(at(4).isNewerThan(at(4))).isFalse();
    assertThat(at(3).isNewerThan(at(4))).isFalse();
    assertThat(at(1).isNewerThan(null)).isTrue();
  }

  @Test
  void nextVersionGrowsAndFollowsTheClock() {
    assertThat(EventEnvelope.nextVersion(null, 1_000)).isEqualTo(1_000);
    assertThat(EventEnvelope.nextVersion(1_000L, 1_000)).as("same millisecond").isEqualTo(1_001);
    assertThat(EventEnvelope.nextVersion(5_000L, 1_000)).as("clock went back").isEqualTo(5_001);
    assertThat(EventEnvelope.nextVersion(1_000L, 9_000)).isEqualTo(9_000);
  }

  @Test
  void theEnvelopeNeedsSchemaTimeAndANonNegativeVersion() {
    assertThatThrownBy(() -> new EventEnvelope(null, 1, Instant.now()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EventEnvelope("s", 1, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EventEnvelope("s", -1, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
