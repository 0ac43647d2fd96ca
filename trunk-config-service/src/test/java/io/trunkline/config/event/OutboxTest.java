package io.trunkline.config.event;

import static io.restassured.RestAssured.given;
import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.awaitOutboxDrained;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.execute;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox against the real broker: changes made while Kafka is down are all
 * published, in order per key, once it is back; rows left pending by a previous run are published;
 * the compacted topic rebuilds the current trunk set.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class OutboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "trunk.config.v1";

  @Test
  void hundredChangesWhileTheBrokerIsDownAllArriveInOrderPerKey() {
    awaitOutboxDrained();
    List<String> ids = new ArrayList<>();
    KafkaBrokerResource.broker().kill();
    try {
      for (int t = 0; t < 10; t++) {
        String id = createTrunk(name("outage")).path("id");
        ids.add(id);
        for (int v = 2; v <= 10; v++) {
          api()
              .body("{\"maxConcurrentCalls\":" + v + "}")
              .patch("/api/v1/trunks/" + id)
              .then()
              .statusCode(200);
        }
      }
      assertThat(count("select count(*) from outbox where sent_at is null"))
          .isGreaterThanOrEqualTo(100);
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pendingGauge() >= 100);
    } finally {
      KafkaBrokerResource.broker().start();
    }
    awaitOutboxDrained();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pendingGauge() == 0);

    List<ConsumerRecord<String, String>> all = Topics.readAll(TOPIC);
    int events = 0;
    for (String id : ids) {
      List<Long> versions =
          all.stream().filter(r -> id.equals(r.key())).map(r -> version(r.value())).toList();
      // In order per key (a retried batch may repeat a record, never reorder one).
      assertThat(versions).isSorted();
      assertThat(new TreeSet<>(versions))
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
      events += new TreeSet<>(versions).size();
      JsonNode last =
          parse(all.stream().filter(r -> id.equals(r.key())).reduce((a, b) -> b).get().value());
      assertThat(last.get("maxConcurrentCalls").asInt()).isEqualTo(10);
    }
    assertThat(events).isEqualTo(100);
  }

  @Test
  void rowsLeftPendingByAPreviousRunArePublished() {
    // What a crash between commit and publish leaves behind: committed rows nobody sent yet.
    String key = UUID.randomUUID().toString();
    for (int v = 1; v <= 3; v++) {
      execute(
          "insert into outbox (topic, message_key, payload) values ('trunk.config.v1', '"
              + key
              + "', '{\"schema\":\"trunk.config.v1\",\"id\":\""
              + key
              + "\",\"version\":"
              + v
              + "}')");
    }
    execute(
        "insert into outbox (topic, message_key, payload) values ('trunk.config.v1', '"
            + key
            + "', null)");
    awaitOutboxDrained();
    List<ConsumerRecord<String, String>> records = Topics.forKey(TOPIC, key);
    assertThat(records).hasSize(4);
    assertThat(records.subList(0, 3).stream().map(r -> version(r.value())).toList())
        .containsExactly(1L, 2L, 3L);
    assertThat(records.get(3).value()).isNull();
  }

  @Test
  void aRowCommittedAfterAHigherIdWasPublishedIsStillPublished() throws Exception {
    // Identity ids are handed out at insert, not at commit: a slow transaction can commit a lower
    // id after a higher one was published. The relay must not skip it.
    String slowKey = UUID.randomUUID().toString();
    String fastKey = UUID.randomUUID().toString();
    try (java.sql.Connection slow = io.trunkline.config.TestSupport.connect()) {
      slow.setAutoCommit(false);
      try (var st = slow.createStatement()) {
        st.execute(insert(slowKey));
      }
      execute(insert(fastKey)); // a higher id, committed at once
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !Topics.forKey(TOPIC, fastKey).isEmpty());
      slow.commit();
    }
    awaitOutboxDrained();
    assertThat(Topics.forKey(TOPIC, slowKey)).hasSize(1);
    assertThat(count("select count(*) from outbox where message_key = '" + slowKey + "'")).isOne();
  }

  private static String insert(String key) {
    return "insert into outbox (topic, message_key, payload) values ('trunk.config.v1', '"
        + key
        + "', '{\"schema\":\"trunk.config.v1\",\"id\":\""
        + key
        + "\",\"version\":1}')";
  }

  @Test
  void readingTheTopicFromTheBeginningRebuildsTheCurrentTrunks() {
    String kept = createTrunk(name("kept")).path("id");
    String changed = createTrunk(name("changed")).path("id");
    String deleted = createTrunk(name("deleted")).path("id");
    api().body("{\"enabled\":false}").patch("/api/v1/trunks/" + changed).then().statusCode(200);
    api().delete("/api/v1/trunks/" + deleted).then().statusCode(204);
    awaitOutboxDrained();

    Map<String, JsonNode> state = new HashMap<>();
    for (ConsumerRecord<String, String> r : Topics.readAll(TOPIC)) {
      if (r.value() == null) {
        state.remove(r.key());
        continue;
      }
      JsonNode value = parse(r.value());
      JsonNode held = state.get(r.key());
      if (held == null || held.get("version").asLong() < value.get("version").asLong()) {
        state.put(r.key(), value);
      }
    }
    // Rows injected by the pending-row test carry no name: they are not trunks of this service.
    state.values().removeIf(v -> !v.has("name"));

    List<Map<String, Object>> current = api().get("/api/v1/trunks").then().extract().path("$");
    Map<String, Long> expected =
        current.stream()
            .collect(
                Collectors.toMap(
                    t -> (String) t.get("id"), t -> ((Number) t.get("version")).longValue()));
    Map<String, Long> rebuilt =
        state.entrySet().stream()
            .collect(
                Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("version").asLong()));
    assertThat(rebuilt).isEqualTo(expected);
    assertThat(rebuilt).containsKeys(kept, changed).doesNotContainKey(deleted);
    assertThat(state.get(changed).get("enabled").asBoolean()).isFalse();
    assertThat(state.get(kept).get("schema").asText()).isEqualTo(TOPIC);
    assertThat(state.get(kept).get("at").asText()).endsWith("Z");
  }

  private static double pendingGauge() {
    String metrics = given().get("/q/metrics").asString();
    return metrics
        .lines()
        .filter(l -> l.startsWith("config_outbox_pending"))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1.0);
  }

  private static long version(String json) {
    return parse(json).get("version").asLong();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
