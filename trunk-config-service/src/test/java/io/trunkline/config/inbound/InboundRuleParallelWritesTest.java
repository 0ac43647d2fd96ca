package io.trunkline.config.inbound;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.TestSupport;
import io.trunkline.config.Topics;
import io.trunkline.config.grpc.v1.DestinationSpec;
import io.trunkline.config.grpc.v1.InboundRuleSpec;
import io.trunkline.config.grpc.v1.ReplaceInboundRuleRequest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handful of writers hit the same inbound rule at the same moment, over REST and gRPC. Each gets
 * a clean answer (success, 409 or 412; gRPC ABORTED or FAILED_PRECONDITION) within the client
 * timeout, exactly the allowed number succeed, and the topic's last record is the stored state.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class InboundRuleParallelWritesTest {

  private static final int WRITERS = 6;
  private static final String PATH = "/api/v1/inbound-rules";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private ExecutorService pool;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    pool = Executors.newFixedThreadPool(WRITERS);
    channel = GrpcClients.channel();
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void sameStaleVersionOnlyOneWinsTheOthersGet412Or409() throws Exception {
    String trunk = createTrunk(name("par")).path("id");
    String name = name("par-rule");
    String id = create(name, trunk);
    // Half the writers on REST, half on gRPC, all based on version 1.
    List<Integer> answers =
        race(
            i ->
                i % 2 == 0
                    ? () ->
                        rest("PATCH", PATH + "/" + id, "{\"priority\":" + (10 + i) + "}", "\"1\"")
                    : () -> grpcReplace(id, name, 10 + i, 1L));
    assertThat(answers).filteredOn(s -> s == 200).hasSize(1);
    assertThat(answers).allMatch(s -> s == 200 || s == 409 || s == 412);
    JsonNode stored = get(id);
    assertThat(stored.get("version").asLong()).isEqualTo(2);
    awaitLastRecordIs(id, stored);
  }

  @Test
  void writersWithoutIfMatchAllSucceedOrGet409AndEveryWinIsCounted() throws Exception {
    String trunk = createTrunk(name("par")).path("id");
    String id = create(name("par-free"), trunk);
    List<Integer> answers =
        race(i -> () -> rest("PATCH", PATH + "/" + id, "{\"priority\":" + (20 + i) + "}", null));
    assertThat(answers).allMatch(s -> s == 200 || s == 409);
    long wins = answers.stream().filter(s -> s == 200).count();
    assertThat(wins).isPositive();
    JsonNode stored = get(id);
    assertThat(stored.get("version").asLong()).isEqualTo(1 + wins);
    awaitLastRecordIs(id, stored);
  }

  @Test
  void sameNameCreatedAtOnceOnlyOnceAndOneDeleteWins() throws Exception {
    String trunk = createTrunk(name("par")).path("id");
    String name = name("par-same");
    List<Integer> created =
        race(i -> () -> rest("POST", PATH, InboundRuleCrudTest.ruleJson(name, trunk), null));
    assertThat(created).filteredOn(s -> s == 201).hasSize(1);
    assertThat(created).allMatch(s -> s == 201 || s == 409);
    String id =
        api()
            .get(PATH)
            .then()
            .extract()
            .jsonPath()
            .getString("find { it.name == '" + name + "' }.id");
    List<Integer> deleted = race(i -> () -> rest("DELETE", PATH + "/" + id, null, null));
    assertThat(deleted).filteredOn(s -> s == 204).hasSize(1);
    assertThat(deleted).allMatch(s -> s == 204 || s == 404 || s == 409);
    api().get(PATH + "/" + id).then().statusCode(404);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> lastRecord(id) != null && lastRecord(id).value() == null);
  }

  /** Starts every writer at the same moment; each must answer within the client timeout. */
  private List<Integer> race(IntFunction<Callable<Integer>> writer) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      Callable<Integer> call = writer.apply(i);
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return call.call();
              }));
    }
    go.countDown();
    List<Integer> answers = new ArrayList<>();
    for (Future<Integer> f : futures) {
      answers.add(f.get(30, TimeUnit.SECONDS));
    }
    return answers;
  }

  private int rest(String method, String path, String body, String ifMatch) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", "Bearer " + TestSupport.KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 400) {
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    return r.statusCode();
  }

  /** A gRPC full replace; its status mapped to the HTTP code REST would have answered. */
  private int grpcReplace(String id, String name, int priority, long version) {
    InboundRuleSpec spec =
        InboundRuleSpec.newBuilder()
            .setName(name)
            .setPriority(priority)
            .addDestinations(DestinationSpec.newBuilder().setHost("pbx.example.com"))
            .build();
    try {
      GrpcClients.stub(channel, 15_000)
          .replaceInboundRule(
              ReplaceInboundRuleRequest.newBuilder()
                  .setId(id)
                  .setIfMatchVersion(version)
                  .setRule(spec)
                  .build());
      return 200;
    } catch (StatusRuntimeException e) {
      return switch (e.getStatus().getCode()) {
        case ABORTED -> 409;
        case FAILED_PRECONDITION -> 412;
        default -> 1000 + e.getStatus().getCode().value();
      };
    }
  }

  private static String create(String name, String trunk) {
    return api()
        .body(InboundRuleCrudTest.ruleJson(name, trunk))
        .post(PATH)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonNode get(String id) throws Exception {
    return JSON.readTree(api().get(PATH + "/" + id).then().statusCode(200).extract().asString());
  }

  private static org.apache.kafka.clients.consumer.ConsumerRecord<String, String> lastRecord(
      String id) {
    var records = Topics.forKey("inbound.rules.v1", id);
    return records.isEmpty() ? null : records.get(records.size() - 1);
  }

  /** The topic's last record of the rule carries the stored version and fields. */
  private static void awaitLastRecordIs(String id, JsonNode stored) throws Exception {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var last = lastRecord(id);
              return last != null
                  && last.value() != null
                  && JSON.readTree(last.value()).get("version").asLong()
                      == stored.get("version").asLong();
            });
    JsonNode last = JSON.readTree(lastRecord(id).value());
    assertThat(last.get("priority")).isEqualTo(stored.get("priority"));
    assertThat(last.get("destinations")).isEqualTo(stored.get("destinations"));
  }
}
