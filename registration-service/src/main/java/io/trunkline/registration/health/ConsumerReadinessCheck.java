package io.trunkline.registration.health;

import io.trunkline.registration.config.CoreLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the trunks of the assigned partitions of trunk.config.v1 are loaded. */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {

  private final CoreLifecycle core;

  public ConsumerReadinessCheck(CoreLifecycle core) {
    this.core = core;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("trunk-config-loaded").status(core.ready()).build();
  }
}
