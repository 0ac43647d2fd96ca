package io.trunkline.config.inbound;

import static io.trunkline.config.TestSupport.api;
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
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An inbound rule the topic never saw (written around the outbox) shows up in the reconciliation as
 * a difference on the topic, and the repair publishes its state on inbound.rules.v1.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class InboundRuleReconciliationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRuleMissingFromTheTopicIsFoundAndRepublished() throws Exception {
    String id = UUID.randomUUID().toString();
    execute(
        """
        insert into inbound_rule (id, name, enabled, priority, match_json, destinations_json,
          trunk_ids, version, created_at, updated_at)
        values ('%s', '%s', true, 1000, '{"trunkIds":[],"dids":"44*","callers":null}',
          '[{"host":"pbx.example.com","port":5060,"transport":"UDP","stripDigits":0,"prepend":""}]',
          '', 4, now(), now())
        """
            .formatted(id, name("in-lost")));
    JsonNode report = JSON.readTree(api().get("/api/v1/reconciliation").asString());
    assertThat(report.at("/database/inboundRules").asInt()).isPositive();
    assertThat(difference(report, id)).isNotNull();
    assertThat(difference(report, id).get("entity").asText()).isEqualTo("inbound-rule");
    assertThat(difference(report, id).get("database").asLong()).isEqualTo(4);
    assertThat(difference(report, id).get("topic").isNull()).isTrue();

    api().post("/api/v1/reconciliation/repair").then().statusCode(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Topics.forKey("inbound.rules.v1", id).isEmpty());
    JsonNode record = JSON.readTree(Topics.forKey("inbound.rules.v1", id).get(0).value());
    assertThat(record.get("version").asLong()).isEqualTo(4);
    assertThat(record.at("/match/dids").asText()).isEqualTo("44*");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                difference(JSON.readTree(api().get("/api/v1/reconciliation").asString()), id)
                    == null);
  }

  private static JsonNode difference(JsonNode report, String id) {
    for (JsonNode d : report.get("differences")) {
      if (d.get("id").asText().equals(id)) {
        return d;
      }
    }
    return null;
  }
}
