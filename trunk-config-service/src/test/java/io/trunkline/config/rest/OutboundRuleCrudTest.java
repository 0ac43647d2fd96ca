package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Outbound rule CRUD, ETag/412, 409 on a trunk in use, 404, and its events. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class OutboundRuleCrudTest {

  @Test
  void ruleRoundTripWithEventsAndTombstone() throws Exception {
    String trunkA = createTrunk(name("rule-a")).path("id");
    String trunkB = createTrunk(name("rule-b")).path("id");
    String name = name("uk-international");
    String body =
        """
        {"name":"%s","match":{"prefixes":["00"],"lengths":[6,13],"callers":"101-110;199"},
         "routes":[{"trunkId":"%s","stripDigits":2,"prepend":"+44"},{"trunkId":"%s"}],
         "schedule":{"timeZone":"Europe/London",
           "windows":[{"days":["MON","TUE","WED","THU","FRI"],"start":"09:00","end":"17:30"}],
           "holidays":["2026-12-25"]}}
        """
            .formatted(name, trunkA, trunkB);
    Response created =
        api().body(body).post("/api/v1/outbound-rules").then().statusCode(201).extract().response();
    String id = created.path("id");
    created
        .then()
        .header("ETag", "\"1\"")
        .header("Location", containsString("/api/v1/outbound-rules/" + id))
        .body("enabled", equalTo(true))
        .body("priority", equalTo(1000))
        .body("strategy", equalTo("PRIORITIZED"))
        .body("match.callers", equalTo("101-110;199"))
        .body("routes[0].stripDigits", equalTo(2))
        .body("routes[0].prepend", equalTo("+44"))
        .body("routes[1].weight", equalTo(1))
        .body("schedule.timeZone", equalTo("Europe/London"));

    api().get("/api/v1/outbound-rules/" + id).then().statusCode(200).header("ETag", "\"1\"");
    api().get("/api/v1/outbound-rules").then().body("id", hasItem(id));

    // The trunk is in use: it cannot be deleted.
    api()
        .delete("/api/v1/trunks/" + trunkA)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    api()
        .header("If-Match", "\"1\"")
        .body("{\"priority\":10,\"schedule\":null,\"routes\":[{\"trunkId\":\"" + trunkB + "\"}]}")
        .patch("/api/v1/outbound-rules/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("priority", equalTo(10))
        .body("schedule", nullValue())
        .body("match.prefixes[0]", equalTo("00"));
    api()
        .header("If-Match", "\"1\"")
        .body("{\"priority\":5}")
        .patch("/api/v1/outbound-rules/" + id)
        .then()
        .statusCode(412);
    api()
        .header("If-Match", "\"2\"")
        .body(
            "{\"name\":\"%s\",\"strategy\":\"WEIGHTED\",\"routes\":[{\"trunkId\":\"%s\",\"weight\":3}]}"
                .formatted(name, trunkB))
        .put("/api/v1/outbound-rules/" + id)
        .then()
        .statusCode(200)
        .body("strategy", equalTo("WEIGHTED"))
        .body("priority", equalTo(1000))
        .body("match.prefixes.size()", equalTo(0));

    // trunkA is no longer used.
    api().delete("/api/v1/trunks/" + trunkA).then().statusCode(204);
    api().body(body.replace(trunkA, trunkB)).post("/api/v1/outbound-rules").then().statusCode(409);
    api().delete("/api/v1/outbound-rules/" + id).then().statusCode(204);
    api().get("/api/v1/outbound-rules/" + id).then().statusCode(404);
    api().delete("/api/v1/outbound-rules/" + id).then().statusCode(404);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Topics.forKey("routing.rules.v1", id).size() >= 4);
    var records = Topics.forKey("routing.rules.v1", id);
    JsonNode first = new ObjectMapper().readTree(records.get(0).value());
    assertThat(first.get("schema").asText()).isEqualTo("routing.rules.v1");
    assertThat(first.get("version").asLong()).isEqualTo(1);
    assertThat(first.get("routes").get(0).get("trunkId").asText()).isEqualTo(trunkA);
    assertThat(first.get("match").get("lengths").get(1).asInt()).isEqualTo(13);
    assertThat(records.get(records.size() - 1).value()).isNull();
  }
}
