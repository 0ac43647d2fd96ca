package io.trunkline.config.concurrency;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.awaitOutboxDrained;
import static io.trunkline.config.TestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.TestSupport;
import io.trunkline.config.grpc.v1.ListProvidersRequest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sixteen clients (fourteen on REST, two on gRPC) write at once for 30 s against the real service,
 * PostgreSQL and Kafka broker: creates, merge patches and full replaces with and without If-Match,
 * deletes, on shared trunks and rules and on their own; then the same with requests cut at random
 * mid-request. Afterwards: no 5xx, no answer slower than 2 s, every acknowledged change in the
 * final state, each topic's last record per key equal to it (or a tombstone), nothing left in the
 * outbox, and the reconciliation finds no difference.
 */
@QuarkusTest
@TestProfile(ConcurrencyProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentWritesTest {

  static final int CLIENTS = 16;
  static final int GRPC_CLIENTS = 2;
  static final Duration RUN = Duration.ofSeconds(Long.getLong("concurrency.seconds", 30));
  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final long SLOWEST_MILLIS = 2_000;

  /** HTTP statuses a client may see, and gRPC ones (1000 + code): OK and the 4xx kinds. */
  static final Set<Integer> EXPECTED =
      Set.of(200, 201, 204, 400, 404, 409, 412, 1000, 1003, 1005, 1006, 1009, 1010);

  static final Ledger LEDGER = new Ledger();
  static Shared shared;

  @Test
  @Order(1)
  void sixteenClientsWritingAtOnce() throws Exception {
    shared = setUp();
    // A fresh service first compiles its queries and opens its pool's connections, all at once
    // for 16 clients: a few seconds of the same load come first, checked for everything but time.
    run(false, WARM_UP);
    verify(false, false);
    run(false, RUN);
    verify(false, true);
  }

  @Test
  @Order(2)
  void sixteenClientsWithConnectionsCutMidRequest() throws Exception {
    assertThat(shared).as("runs after the first phase").isNotNull();
    run(true, RUN);
    assertThat(LEDGER.cut.get()).as("requests cut").isGreaterThan(100);
    verify(true, true);
  }

  private static Shared setUp() {
    String run = "cw" + UUID.randomUUID().toString().substring(0, 6);
    List<String> trunks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String body =
          "{\"name\":\"%s-shared-t%d\",\"host\":\"127.0.0.1\",\"port\":5999,\"authMode\":\"IP\"}"
              .formatted(run, i);
      JsonNode t =
          Consistency.parse(
              api().body(body).post("/api/v1/trunks").then().statusCode(201).extract().asString());
      trunks.add(t.get("id").asText());
      LEDGER.acked("trunk", t.get("id").asText(), 1, t);
    }
    Shared s = new Shared(run, trunks);
    for (int i = 0; i < 4; i++) {
      String name = run + "-shared-r" + i;
      String body =
          "{\"name\":\"%s\",\"match\":{\"prefixes\":[\"%s\"]},\"routes\":[{\"trunkId\":\"%s\"}]}"
              .formatted(name, s.uniquePrefix(), trunks.get(i % 3));
      JsonNode r =
          Consistency.parse(
              api()
                  .body(body)
                  .post("/api/v1/outbound-rules")
                  .then()
                  .statusCode(201)
                  .extract()
                  .asString());
      s.rules.put(name, r.get("id").asText());
      LEDGER.acked("rule", r.get("id").asText(), 1, r);
    }
    return s;
  }

  private static void run(boolean cutting, Duration duration) throws Exception {
    LEDGER.answers.clear(); // each phase is judged on its own answers; the keys' history stays
    LEDGER.cut.set(0);
    LEDGER.phaseStart = System.nanoTime();
    Http http = new Http(RestAssured.port, TestSupport.KEY, LEDGER);
    ManagedChannel channel = GrpcClients.channel();
    // The first call on a channel pays for connecting (and, server side, for loading the gRPC
    // path's classes): made before the clock starts, it is not an answer of the run.
    GrpcClients.stub(channel, 30_000).listProviders(ListProvidersRequest.getDefaultInstance());
    long deadline = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Runnable client =
            i < CLIENTS - GRPC_CLIENTS
                ? new RestClient(
                    i, shared, LEDGER, http, RestAssured.port, TestSupport.KEY, cutting, deadline)
                : new GrpcClient(i, shared, LEDGER, channel, cutting, deadline);
        clients.add(pool.submit(client));
      }
      for (Future<?> f : clients) {
        f.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void verify(boolean cutting, boolean timed) {
    List<Ledger.Answer> answers = new ArrayList<>(LEDGER.answers);
    System.out.printf(
        "concurrent writes%s%s: %d answers, %s, %d cut, slowest %d ms%n",
        cutting ? " with cut requests" : "",
        timed ? "" : " (warm-up)",
        answers.size(),
        answers.stream()
            .collect(
                Collectors.groupingBy(Ledger.Answer::status, TreeMap::new, Collectors.counting())),
        LEDGER.cut.get(),
        answers.stream().mapToLong(Ledger.Answer::millis).max().orElse(0));
    SoftAssertions s = new SoftAssertions();
    s.assertThat(
            answers.stream()
                .filter(a -> !EXPECTED.contains(a.status()))
                .map(Ledger.Answer::toString)
                .limit(20)
                .toList())
        .as("answers other than 2xx/400/404/409/412 (no 5xx, no client failure)")
        .isEmpty();
    s.assertThat(
            answers.stream()
                .filter(a -> timed && a.millis() > SLOWEST_MILLIS)
                .map(Ledger.Answer::toString)
                .limit(20)
                .toList())
        .as("answers slower than %d ms", SLOWEST_MILLIS)
        .isEmpty();
    // The only bad input the clients send is a route to a trunk someone deleted meanwhile.
    s.assertThat(
            answers.stream()
                .filter(a -> a.status() == 400 || a.status() == 1003)
                .filter(a -> !a.detail().contains("trunkId"))
                .map(Ledger.Answer::toString)
                .limit(5)
                .toList())
        .as("400s other than a route to a deleted trunk")
        .isEmpty();
    if (timed) {
      s.assertThat(answers.stream().filter(a -> a.status() == 200 || a.status() == 1000).count())
          .as("changes acknowledged")
          .isGreaterThan(200);
    }

    awaitOutboxDrained();
    Map<String, JsonNode> trunks = Consistency.current("/api/v1/trunks");
    Map<String, JsonNode> rules = Consistency.current("/api/v1/outbound-rules");
    s.assertThat(count("select count(*) from outbox where parked_at is not null"))
        .as("parked")
        .isZero();
    Consistency.acknowledgedChangesAreKept(LEDGER, trunks, rules, s);
    Consistency.rulesReferenceExistingTrunks(trunks, rules, s);
    Consistency.topicsMatch("trunk.config.v1", trunks, s);
    Consistency.topicsMatch("routing.rules.v1", rules, s);
    s.assertThat(
            Consistency.parse(
                    api().get("/api/v1/reconciliation").then().statusCode(200).extract().asString())
                .get("differences"))
        .as("reconciliation differences")
        .isEmpty();
    s.assertAll();
  }
}
