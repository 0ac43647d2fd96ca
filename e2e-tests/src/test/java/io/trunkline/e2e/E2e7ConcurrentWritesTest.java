package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen platform clients write to the config API at once for 30 s, one write in six cut
 * mid-request, against the local cluster (three services, broker, PostgreSQL). Afterwards routing
 * agrees with the database: the reconciliation (database vs. topics vs. call-routing's state) finds
 * no difference, and routing's dry run answers every rule of the run with that rule and its trunks,
 * every disabled, deleted or replaced prefix with 404.
 */
class E2e7ConcurrentWritesTest {

  static final int CLIENTS = 16;
  static final Duration RUN = Duration.ofSeconds(Long.getLong("e2e7.seconds", 30));
  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 400, 404, 409, 412);
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @Test
  void afterSixteenConcurrentWritersRoutingAgreesWithTheDatabase() throws Exception {
    // A cluster that ran older versions may hold keys they never published (or never deleted
    // from the topics): the repair publishes them first, and this run starts from agreement.
    JsonNode before = report();
    if (before.get("differences").size() > 0) {
      System.out.println(
          "E2e7: repairing differences found before the run: " + before.get("differences"));
      Api.config().post("/api/v1/reconciliation/repair").then().statusCode(200);
      awaitNoDifferences();
    }

    String run = "e2e7-" + UUID.randomUUID().toString().substring(0, 6);
    ConcurrentConfigClient.Shared shared = setUp(run);
    drive(shared, WARM_UP);
    shared.answers.clear();
    drive(shared, RUN);

    List<ConcurrentConfigClient.Answer> answers = new ArrayList<>(shared.answers);
    System.out.printf(
        "E2e7: %d answers %s, %d cut, slowest %d ms%n",
        answers.size(),
        answers.stream()
            .collect(
                Collectors.groupingBy(
                    ConcurrentConfigClient.Answer::status, TreeMap::new, Collectors.counting())),
        shared.cut.get(),
        answers.stream().mapToLong(ConcurrentConfigClient.Answer::millis).max().orElse(0));
    SoftAssertions s = new SoftAssertions();
    s.assertThat(answers.stream().filter(a -> !EXPECTED.contains(a.status())).limit(10).toList())
        .as("answers other than 2xx/400/404/409/412")
        .isEmpty();
    s.assertThat(answers.stream().filter(a -> a.millis() > 2_000).limit(10).toList())
        .as("answers slower than 2 s")
        .isEmpty();
    s.assertThat(answers.stream().filter(a -> a.status() == 200).count())
        .as("changes")
        .isGreaterThan(100);
    s.assertThat(shared.cut.get()).as("requests cut").isGreaterThan(50);
    s.assertAll();

    JsonNode agreed = awaitNoDifferences();
    assertThat(agreed.get("routing")).as("call-routing compared").isNotNull();
    routingResolvesEveryRuleOfTheRun(run, shared);
    cleanUp(run);
  }

  private static ConcurrentConfigClient.Shared setUp(String run) {
    List<String> trunks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      trunks.add(
          Api.createTrunk(
              Map.of(
                  "name",
                  run + "-shared-t" + i,
                  "host",
                  "127.0.0.1",
                  "port",
                  5099,
                  "authMode",
                  "IP",
                  "optionsPing",
                  false)));
    }
    ConcurrentConfigClient.Shared shared = new ConcurrentConfigClient.Shared(run, trunks);
    for (int i = 0; i < 4; i++) {
      String name = run + "-shared-r" + i;
      shared.sharedRules.put(
          name,
          Api.createRule(
              Map.of(
                  "name", name,
                  "match", Map.of("prefixes", List.of(shared.prefix())),
                  "routes", List.of(Map.of("trunkId", trunks.get(i % 3))))));
    }
    return shared;
  }

  private static void drive(ConcurrentConfigClient.Shared shared, Duration duration)
      throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(pool.submit(new ConcurrentConfigClient(i, shared, deadline)));
      }
      for (Future<?> f : clients) {
        f.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every rule of the run that is enabled resolves (prefix + "00") to itself with its routes'
   * trunks in order; a disabled one, and every prefix no rule of the run holds any more, to 404.
   */
  private static void routingResolvesEveryRuleOfTheRun(
      String run, ConcurrentConfigClient.Shared shared) throws Exception {
    JsonNode rules =
        JSON.readTree(
            Api.config().get("/api/v1/outbound-rules").then().statusCode(200).extract().asString());
    Set<String> live = new HashSet<>();
    SoftAssertions s = new SoftAssertions();
    int resolved = 0;
    for (JsonNode rule : rules) {
      if (!rule.get("name").asText().startsWith(run)) {
        continue;
      }
      String prefix = rule.at("/match/prefixes/0").asText();
      live.add(prefix);
      Response r = resolve(prefix + "00");
      if (!rule.get("enabled").asBoolean()) {
        s.assertThat(r.statusCode())
            .as("disabled rule %s", rule.get("name").asText())
            .isEqualTo(404);
        continue;
      }
      resolved++;
      s.assertThat(r.statusCode()).as("rule %s", rule.get("name").asText()).isEqualTo(200);
      if (r.statusCode() == 200) {
        JsonNode answer = JSON.readTree(r.asString());
        s.assertThat(answer.get("ruleId").asText()).isEqualTo(rule.get("id").asText());
        List<String> routes = new ArrayList<>();
        rule.get("routes").forEach(route -> routes.add(route.get("trunkId").asText()));
        List<String> candidates = new ArrayList<>();
        answer.get("candidates").forEach(c -> candidates.add(c.get("trunkId").asText()));
        s.assertThat(candidates).as("trunks of %s", rule.get("name").asText()).isEqualTo(routes);
      }
    }
    int gone = 0;
    for (String prefix : shared.prefixesSent) {
      if (!live.contains(prefix)) {
        gone++;
        s.assertThat(resolve(prefix + "00").statusCode())
            .as("prefix %s no rule holds", prefix)
            .isEqualTo(404);
      }
    }
    System.out.printf(
        "E2e7: %d enabled rules resolved, %d gone prefixes answered 404%n", resolved, gone);
    s.assertThat(resolved).as("enabled rules of the run").isGreaterThan(10);
    s.assertAll();
  }

  private static Response resolve(String dialled) {
    return Api.routing()
        .body(Map.of("caller", "101", "dialled", dialled))
        .post("/api/v1/routing/resolve");
  }

  private static JsonNode report() throws Exception {
    return JSON.readTree(
        Api.config().get("/api/v1/reconciliation").then().statusCode(200).extract().asString());
  }

  /** Routing follows the topics within moments: the report settles at no difference. */
  private static JsonNode awaitNoDifferences() {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              last[0] = report();
              assertThat(last[0].get("differences")).as("reconciliation differences").isEmpty();
            });
    return last[0];
  }

  /** The run's rules, then its trunks (best effort: the assertions are done). */
  private static void cleanUp(String run) throws Exception {
    for (String path : List.of("/api/v1/outbound-rules", "/api/v1/trunks")) {
      for (JsonNode e : JSON.readTree(Api.config().get(path).asString())) {
        if (e.get("name").asText().startsWith(run)) {
          Api.config().delete(path + "/" + e.get("id").asText());
        }
      }
    }
  }
}
