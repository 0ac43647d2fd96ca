package io.trunkline.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bearer check every REST filter and gRPC interceptor of the services makes. */
class ApiKeysTest {

  final ApiKeys keys = new ApiKeys(List.of(" key-one ", "key-two", ""));

  @Test
  void everyConfiguredKeyIsAcceptedAsBearerToken() {
    assertThat(keys.accepts("Bearer key-one")).isTrue();
    assertThat(keys.accepts("Bearer key-two")).isTrue();
    assertThat(keys.accepts("bearer key-two")).as("the scheme is case-insensitive").isTrue();
    assertThat(keys.accepts("BEARER   key-one  ")).isTrue();
  }

  @Test
  void anythingElseIsRefused() {
    for (String header :
        Arrays.asList(
            null,
            "",
            "Bearer",
            "Bearer ",
            "Bearerkey-one",
            "Bearer key-on",
            "Bearer key-one2",
            "Bearer KEY-ONE",
            "Basic a2V5LW9uZQ==",
            "key-one",
            "Bearer key-one key-two")) {
      assertThat(keys.accepts(header)).as(String.valueOf(header)).isFalse();
    }
  }

  @Test
  void noUsableKeyIsAConfigurationError() {
    assertThatThrownBy(() -> new ApiKeys(List.of(" ", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trunkline.api.keys");
  }

  @Test
  void onlyTheOperatorEndpointsAreOpen() {
    assertThat(ApiKeys.isOpen("/q")).isTrue();
    assertThat(ApiKeys.isOpen("/q/health/ready")).isTrue();
    assertThat(ApiKeys.isOpen("/q/metrics")).isTrue();
    assertThat(ApiKeys.isOpen("/q/swagger-ui/")).isTrue();
    for (String closed :
        Arrays.asList(null, "", "/", "/api/v1/trunks", "/qq", "/quarkus", "/x/q/health")) {
      assertThat(ApiKeys.isOpen(closed)).as(String.valueOf(closed)).isFalse();
    }
  }
}
