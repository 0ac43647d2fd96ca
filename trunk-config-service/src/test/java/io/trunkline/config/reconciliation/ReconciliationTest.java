package io.trunkline.config.reconciliation;

import static io.restassured.RestAssured.given;
import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.awaitOutboxDrained;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.execute;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation against the real database and broker and a stand-in for call-routing's state
 * endpoint: it reports the keys where a change never reached the topic (changed or deleted behind
 * the outbox's back) or routing, and its repair publishes the current state or a tombstone so that
 * all agree again.
 */
@QuarkusTest
@TestProfile(ReconciliationProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class ReconciliationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsLostChangesAndRepairsThemThroughTheOutbox() throws Exception {
    String trunk = createTrunk(name("rec-trunk")).path("id");
    String kept = rule(name("rec-kept"), trunk);
    String removed = rule(name("rec-removed"), trunk);
    String unseen = rule(name("rec-unseen"), trunk);
    awaitOutboxDrained();
    FakeRouting.INSTANCE.holds(versions("/api/v1/trunks"), versions("/api/v1/outbound-rules"));

    JsonNode clean = report();
    assertThat(clean.get("differences")).isEmpty();
    assertThat(clean.at("/database/rules").asInt()).isEqualTo(3);
    assertThat(clean.at("/topics/rules").asInt()).isEqualTo(3);
    assertThat(clean.at("/routing/rules").asInt()).isEqualTo(3);

    // Changes PostgreSQL kept without their outbox row, and a rule routing never got.
    execute("delete from outbound_rule where id = '" + removed + "'");
    execute("update trunk set version = 2, max_concurrent_calls = 9 where id = '" + trunk + "'");
    Map<String, Long> routingRules = versions("/api/v1/outbound-rules");
    routingRules.remove(unseen);
    routingRules.put(removed, 1L);
    FakeRouting.INSTANCE.holds(Map.of(trunk, 1L), routingRules);

    JsonNode report = report();
    assertThat(differences(report))
        .containsOnlyKeys(trunk, removed, unseen)
        .containsEntry(trunk, "trunk 2/1/1 [topic, routing]")
        .containsEntry(removed, "rule null/1/1 [topic, routing]")
        .containsEntry(unseen, "rule 1/1/null [routing]");

    JsonNode repair =
        JSON.readTree(
            api()
                .post("/api/v1/reconciliation/repair")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(repair.get("differences").asInt()).isEqualTo(3);
    Map<String, String> as = new HashMap<>();
    repair.get("republished").forEach(r -> as.put(r.get("id").asText(), r.get("as").asText()));
    assertThat(as)
        .containsEntry(trunk, "state")
        .containsEntry(removed, "tombstone")
        .containsEntry(unseen, "state");

    awaitOutboxDrained();
    List<ConsumerRecord<String, String>> trunkRecords = Topics.forKey("trunk.config.v1", trunk);
    JsonNode last = JSON.readTree(trunkRecords.get(trunkRecords.size() - 1).value());
    assertThat(last.get("version").asLong()).isEqualTo(2);
    assertThat(last.get("maxConcurrentCalls").asInt()).isEqualTo(9);
    List<ConsumerRecord<String, String>> removedRecords =
        Topics.forKey("routing.rules.v1", removed);
    assertThat(removedRecords.get(removedRecords.size() - 1).value()).isNull();

    // Routing follows the topics: once it holds what they hold, nothing differs.
    FakeRouting.INSTANCE.holds(versions("/api/v1/trunks"), versions("/api/v1/outbound-rules"));
    assertThat(report().get("differences")).isEmpty();
    assertThat(api().get("/api/v1/outbound-rules/" + kept).statusCode()).isEqualTo(200);
  }

  @Test
  void needsTheApiKey() {
    given().get("/api/v1/reconciliation").then().statusCode(401);
    given().post("/api/v1/reconciliation/repair").then().statusCode(401);
  }

  private static JsonNode report() throws Exception {
    return JSON.readTree(
        api().get("/api/v1/reconciliation").then().statusCode(200).extract().asString());
  }

  /** id -> "entity database/topic/routing [where]". */
  private static Map<String, String> differences(JsonNode report) {
    Map<String, String> out = new HashMap<>();
    report
        .get("differences")
        .forEach(
            d ->
                out.put(
                    d.get("id").asText(),
                    d.get("entity").asText()
                        + " "
                        + d.get("database").asText()
                        + "/"
                        + d.get("topic").asText()
                        + "/"
                        + d.get("routing").asText()
                        + " "
                        + d.get("where").toString().replace("\"", "").replace(",", ", ")));
    return out;
  }

  private static String rule(String name, String trunk) {
    return api()
        .body("{\"name\":\"%s\",\"routes\":[{\"trunkId\":\"%s\"}]}".formatted(name, trunk))
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Long> versions(String path) {
    List<Map<String, Object>> all = api().get(path).then().statusCode(200).extract().path("$");
    Map<String, Long> out = new HashMap<>();
    all.forEach(e -> out.put((String) e.get("id"), ((Number) e.get("version")).longValue()));
    return out;
  }
}
