package io.trunkline.config.reconciliation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The reconciliation with a call-routing to compare against, and a short settle time. */
public class ReconciliationProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "trunkline.reconciliation.routing-url",
        FakeRouting.INSTANCE.url(),
        "trunkline.reconciliation.routing-api-key",
        FakeRouting.KEY,
        "trunkline.reconciliation.settle",
        "300ms");
  }
}
