package io.trunkline.routing.health;

import io.trunkline.routing.warmup.JitWarmup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the start-up warm-up runs its synthetic calls: a load balancer or Kubernetes
 * Service then keeps real calls away from a JVM whose call path is not compiled yet.
 */
@Readiness
@ApplicationScoped
public class WarmupReadinessCheck implements HealthCheck {

  private final JitWarmup warmup;

  public WarmupReadinessCheck(JitWarmup warmup) {
    this.warmup = warmup;
  }

  @Override
  public HealthCheckResponse call() {
    JitWarmup.Result r = warmup.result();
    HealthCheckResponseBuilder b = HealthCheckResponse.named("routing-warmup").status(r != null);
    if (r != null) {
      b.withData("calls", r.started()).withData("millis", r.millis());
    }
    return b.build();
  }
}
