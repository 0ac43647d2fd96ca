package io.trunkline.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call-routing preStop drain (k8s/base/call-routing/drain.sh) run with sh against a metrics
 * endpoint of the test's own: it waits while a trunk has active calls and returns once none has,
 * never longer than DRAIN_MAX_SECONDS.
 */
class DrainScriptTest {

  private static final String BUSY =
      "# TYPE trunk_active_calls gauge\n"
          + "trunk_active_calls{trunk=\"idle\"} 0.0\n"
          + "trunk_active_calls{trunk=\"main\"} 2.0\n"
          + "trunk_calls_total{trunk=\"main\",outcome=\"answered\"} 7.0\n";
  private static final String IDLE = BUSY.replace("2.0\n", "0.0\n");

  private final AtomicReference<String> metrics = new AtomicReference<>(BUSY);
  private HttpServer server;

  @BeforeEach
  void startMetrics() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/q/metrics",
        exchange -> {
          byte[] body = metrics.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopMetrics() {
    server.stop(0);
  }

  @Test
  void waitsWhileCallsAreActiveAndReturnsOnceTheyEnded() throws Exception {
    Process drain = drain(30);
    assertThat(drain.waitFor(2500, TimeUnit.MILLISECONDS)).as("still draining").isFalse();
    metrics.set(IDLE);
    assertThat(drain.waitFor(5, TimeUnit.SECONDS)).as("returned after the calls ended").isTrue();
    assertThat(output(drain))
        .contains("1 trunk(s) still have active calls")
        .contains("no active calls");
    assertThat(drain.exitValue()).isZero();
  }

  @Test
  void givesUpAfterDrainMaxSeconds() throws Exception {
    long start = System.nanoTime();
    Process drain = drain(3);
    assertThat(drain.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(3));
    assertThat(output(drain)).contains("giving up");
  }

  @Test
  void returnsAtOnceWhenNoTrunkHasCalls() throws Exception {
    metrics.set(IDLE);
    Process drain = drain(30);
    assertThat(drain.waitFor(3, TimeUnit.SECONDS)).isTrue();
    assertThat(output(drain)).contains("no active calls after 0s");
  }

  private Process drain(int maxSeconds) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", Repo.path("k8s/base/call-routing/drain.sh").toString())
            .redirectErrorStream(true);
    pb.environment()
        .put("DRAIN_URL", "http://127.0.0.1:" + server.getAddress().getPort() + Contract.METRICS);
    pb.environment().put("DRAIN_MIN_SECONDS", "0");
    pb.environment().put("DRAIN_POLL_SECONDS", "1");
    pb.environment().put("DRAIN_MAX_SECONDS", String.valueOf(maxSeconds));
    return pb.start();
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
