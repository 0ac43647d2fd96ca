package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.TestSupport;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code tlsVerify} per trunk: checked by default, switched off on request, on trunk.config.v1. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class TrunkTlsVerifyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String tlsTrunk(String name, String extra) {
    return "{\"name\":\"%s\",\"host\":\"sip.example.com\",\"transport\":\"TLS\",\"authMode\":\"IP\"%s}"
        .formatted(name, extra);
  }

  @Test
  void certificatesAreCheckedUnlessTheTrunkSwitchesItOff() throws Exception {
    api()
        .body(tlsTrunk(name("tls-default"), ""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .body("port", equalTo(5061))
        .body("tlsVerify", equalTo(true));
    String id =
        api()
            .body(tlsTrunk(name("tls-unchecked"), ",\"tlsVerify\":false"))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .body("tlsVerify", equalTo(false))
            .extract()
            .path("id");
    assertThat(TestSupport.string("select tls_verify from trunk where id = '" + id + "'"))
        .isIn("f", "false");
    api()
        .body("{\"enabled\":false}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(200)
        .body("tlsVerify", equalTo(false));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Topics.forKey("trunk.config.v1", id).size() >= 2);
    List<ConsumerRecord<String, String>> events = Topics.forKey("trunk.config.v1", id);
    JsonNode latest = JSON.readTree(events.get(events.size() - 1).value());
    assertThat(latest.get("tlsVerify").isBoolean()).isTrue();
    assertThat(latest.get("tlsVerify").asBoolean()).isFalse();
  }

  @Test
  void aTlsVerifyThatIsNoBooleanIsNamedAndNothingIsStored() {
    long trunks = count("select count(*) from trunk");
    api()
        .body(tlsTrunk(name("tls-bad"), ",\"tlsVerify\":\"no\""))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("tlsVerify"));
    assertThat(count("select count(*) from trunk")).isEqualTo(trunks);
  }
}
