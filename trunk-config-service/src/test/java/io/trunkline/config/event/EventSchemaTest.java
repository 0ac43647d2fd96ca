package io.trunkline.config.event;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.io.InputStream;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The events on the topics and the published examples match the JSON Schemas we own. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class EventSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void examplesAndProducedEventsMatchTheSchemas() throws Exception {
    for (String topic : new String[] {"trunk.config.v1", "routing.rules.v1", "inbound.rules.v1"}) {
      assertThat(schema(topic).validate(resource(topic + ".example.json"))).isEmpty();
    }
    String trunkId =
        api()
            .body(
                """
                {"name":"%s","host":"203.0.113.10","port":5080,"transport":"TCP",
                 "outboundProxy":"proxy.example.com:5070","username":"u1","authUsername":"auth1",
                 "password":"pw","realm":"example.com","registerExpires":3600,
                 "fromDomain":"example.com","maxConcurrentCalls":30,"maxCallsPerSecond":5,
                 "optionsPing":true,"optionsIntervalSeconds":60,"numberFormat":"E164",
                 "countryCode":"44","techPrefix":"99#","failoverCodes":[503,486,408],
                 "callerId":"+442071234567","didNumbers":"442071234560-442071234569;101",
                 "associatedIps":["203.0.113.0/24","2001:db8::/32"]}
                """
                    .formatted(name("schema")))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String ruleId =
        api()
            .body(
                """
                {"name":"%s","priority":5,"match":{"prefixes":["00"],"lengths":[13]},
                 "strategy":"RANDOM","routes":[{"trunkId":"%s","stripDigits":2,"prepend":"+"}],
                 "schedule":{"timeZone":"UTC","windows":[{"days":["SAT"],"start":"00:00","end":"24:00"}]}}
                """
                    .formatted(name("schema-rule"), trunkId))
            .post("/api/v1/outbound-rules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String inboundId =
        api()
            .body(
                """
                {"name":"%s","match":{"trunkIds":["%s"],"dids":"442071234560-442071234569;101"},
                 "destinations":[{"host":"pbx.example.com","stripDigits":9},{"host":"192.0.2.7"}],
                 "schedule":{"timeZone":"Europe/London","holidays":["2026-12-25"]},
                 "afterHours":{"host":"vm.example.com","transport":"TLS"}}
                """
                    .formatted(name("schema-inbound"), trunkId))
            .post("/api/v1/inbound-rules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonNode inboundEvent = awaitEvent("inbound.rules.v1", inboundId);
    assertThat(schema("inbound.rules.v1").validate(inboundEvent)).isEmpty();
    assertThat(inboundEvent.get("match").get("callers").isNull()).isTrue();
    assertThat(inboundEvent.get("afterHours").get("port").asInt()).isEqualTo(5061);
    JsonNode trunkEvent = awaitEvent("trunk.config.v1", trunkId);
    JsonNode ruleEvent = awaitEvent("routing.rules.v1", ruleId);
    assertThat(schema("trunk.config.v1").validate(trunkEvent)).isEmpty();
    assertThat(schema("routing.rules.v1").validate(ruleEvent)).isEmpty();
    assertThat(trunkEvent.get("failoverCodes").toString()).isEqualTo("[408,486,503]");
    assertThat(ruleEvent.get("match").get("callers").isNull()).isTrue();
  }

  private static JsonNode awaitEvent(String topic, String key) throws Exception {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !Topics.forKey(topic, key).isEmpty());
    return JSON.readTree(Topics.forKey(topic, key).get(0).value());
  }

  private static JsonSchema schema(String topic) throws Exception {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(resource(topic + ".schema.json"));
  }

  private static JsonNode resource(String file) throws Exception {
    try (InputStream in =
        EventSchemaTest.class.getClassLoader().getResourceAsStream("schemas/" + file)) {
      return JSON.readTree(in);
    }
  }
}
