package io.trunkline.routing.health;

import io.trunkline.routing.service.StateStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the compacted state topics have been read up to their end offsets. */
@Readiness
@ApplicationScoped
public class StateReadinessCheck implements HealthCheck {

  private final StateStore store;

  public StateReadinessCheck(StateStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("routing-state")
        .status(store.isLoaded())
        .withData("rules", store.snapshot().rules().size())
        .withData("trunks", store.snapshot().trunks().size())
        .build();
  }
}
