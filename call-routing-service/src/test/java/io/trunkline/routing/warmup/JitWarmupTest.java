package io.trunkline.routing.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.routing.health.WarmupReadinessCheck;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up on its own: its readiness check is DOWN from the start until the synthetic calls have
 * ended, and those calls really went through the router, answered and failed over.
 */
class JitWarmupTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readinessIsDownWhileTheCallsRunAndUpOnceTheyEnded() {
    JitWarmup warmup = new JitWarmup(settings(Duration.ofSeconds(2)), vertx, new ObjectMapper());
    WarmupReadinessCheck readiness = new WarmupReadinessCheck(warmup);
    assertThat(readiness.call().getStatus()).isEqualTo(Status.DOWN);

    warmup.onStart(null);
    // the calls run for 2 s of wall time from their start: still running right after it
    assertThat(readiness.call().getStatus()).isEqualTo(Status.DOWN);

    await().atMost(Duration.ofSeconds(30)).until(() -> readiness.call().getStatus() == Status.UP);
    JitWarmup.Result r = warmup.result();
    assertThat(r.started()).isGreaterThan(100);
    assertThat(r.failed()).isZero();
    assertThat(r.completed()).isEqualTo(r.started());
    assertThat(r.failedOver()).isPositive(); // the primary's 503s went on to the second trunk
    assertThat(readiness.call().getData().orElseThrow().get("calls")).isEqualTo((long) r.started());
  }

  @Test
  void aZeroDurationMeansReadyAtOnceWithoutCalls() {
    JitWarmup warmup = new JitWarmup(settings(Duration.ZERO), vertx, new ObjectMapper());
    warmup.onStart(null);
    assertThat(new WarmupReadinessCheck(warmup).call().getStatus()).isEqualTo(Status.UP);
    assertThat(warmup.result().started()).isZero();
  }

  private static WarmupConfig settings(Duration duration) {
    return new WarmupConfig() {
      @Override
      public Duration duration() {
        return duration;
      }

      @Override
      public int callsPerSecond() {
        return 300;
      }

      @Override
      public int maxCallsInProgress() {
        return 100;
      }

      @Override
      public int rules() {
        return 200;
      }
    };
  }
}
