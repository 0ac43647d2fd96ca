package io.trunkline.config.secrets;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A key ring after a rotation: k1 (the test profile's single key) still held, k2 current. */
public class RotationProfile implements QuarkusTestProfile {

  static final String K1 = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=";
  static final String K2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "trunkline.secrets.keys",
        "k1=" + K1 + ",k2=" + K2,
        "trunkline.secrets.current-key-id",
        "k2");
  }
}
