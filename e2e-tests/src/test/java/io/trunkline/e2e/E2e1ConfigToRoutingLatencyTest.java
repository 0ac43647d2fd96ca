package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Config change → routing applied, end to end: a rule's route is switched through the config REST
 * API and routing's dry run is polled until it picks the new trunk (REST → PostgreSQL → outbox →
 * Kafka → routing's snapshot). The figures go to {@code target/config-to-routing-latency.txt};
 * deploy/loadtest/RESULTS.md quotes them.
 */
class E2e1ConfigToRoutingLatencyTest {

  static final int CHANGES = Integer.getInteger("latency.changes", 100);
  static final Duration LIMIT = Duration.ofSeconds(5);

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @Test
  void everyRuleChangeReachesRoutingQuickly() throws Exception {
    Fixtures f = new Fixtures();
    String[] trunks = {
      Api.createTrunk(Fixtures.idleIpTrunk("lat-a-" + f.run)),
      Api.createTrunk(Fixtures.idleIpTrunk("lat-b-" + f.run))
    };
    String rule = f.rule("+1", trunks[0]);
    awaitFirstCandidate(f.dialled("1"), trunks[0], System.nanoTime());

    List<Long> micros = new ArrayList<>();
    String etag = Api.config().get("/api/v1/outbound-rules/" + rule).header("ETag");
    for (int i = 1; i <= CHANGES; i++) {
      String target = trunks[i % 2];
      long start = System.nanoTime();
      Response r =
          Api.config()
              .header("If-Match", etag)
              .contentType("application/merge-patch+json")
              .body(Map.of("routes", List.of(Map.of("trunkId", target))))
              .patch("/api/v1/outbound-rules/" + rule);
      r.then().statusCode(200);
      etag = r.header("ETag");
      micros.add(awaitFirstCandidate(f.dialled("1"), target, start));
    }

    Collections.sort(micros);
    String report =
        String.format(
            "config change -> routing applied, %d rule changes: p50 %.1f ms, p90 %.1f ms, p99 %.1f"
                + " ms, max %.1f ms%n",
            micros.size(),
            pct(micros, 50) / 1000.0,
            pct(micros, 90) / 1000.0,
            pct(micros, 99) / 1000.0,
            micros.get(micros.size() - 1) / 1000.0);
    System.out.print(report);
    Path out = Path.of("target", "config-to-routing-latency.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    assertThat(micros).hasSize(CHANGES);
  }

  /**
   * Polls routing's dry run until the trunk comes first; the time since start, in µs. Until the new
   * rule has reached routing its dry run answers 404 (no route), which counts as "not yet".
   */
  private static long awaitFirstCandidate(String dialled, String trunk, long start)
      throws InterruptedException {
    long deadline = start + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      Response r =
          Api.routing()
              .body(Map.of("caller", "101", "dialled", dialled))
              .post("/api/v1/routing/resolve");
      assertThat(r.statusCode()).as("routing dry run answer").isIn(200, 404);
      List<String> candidates =
          r.statusCode() == 200
              ? r.jsonPath().getList("candidates.findAll { it.available }.trunkId")
              : List.of();
      if (!candidates.isEmpty() && candidates.get(0).equals(trunk)) {
        return (System.nanoTime() - start) / 1000;
      }
      Thread.sleep(1);
    }
    throw new AssertionError("routing did not apply the change within " + LIMIT);
  }

  private static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }
}
