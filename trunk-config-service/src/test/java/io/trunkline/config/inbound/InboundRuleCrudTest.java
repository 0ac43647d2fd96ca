package io.trunkline.config.inbound;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
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
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Inbound rules over REST against the real database and broker: CRUD with ETags, 412 on a stale
 * If-Match, 409 for a trunk an inbound rule names, every bad field named in one 400 with nothing
 * stored, and the records on inbound.rules.v1 (full state in the envelope, then a tombstone).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class InboundRuleCrudTest {

  private static final String PATH = "/api/v1/inbound-rules";

  static String ruleJson(String name, String trunkId) {
    return """
        {"name":"%s","priority":100,
         "match":{"trunkIds":["%s"],"dids":"4420712345;4420712350-4420712399;44161*",
                  "callers":"44*"},
         "destinations":[{"host":"pbx1.example.com","stripDigits":8},
                         {"host":"192.0.2.20","transport":"TLS","prepend":"9"}],
         "schedule":{"timeZone":"Europe/London",
           "windows":[{"days":["MON","TUE","WED","THU","FRI"],"start":"09:00","end":"17:30"}],
           "holidays":["2026-12-25"]},
         "afterHours":{"host":"voicemail.example.com","port":5070,"transport":"TCP"}}
        """
        .formatted(name, trunkId);
  }

  @Test
  void crudWithEtagsInUseTrunkAndEventsOnTheTopic() throws Exception {
    String trunkA = createTrunk(name("in-a")).path("id");
    String trunkB = createTrunk(name("in-b")).path("id");
    String name = name("london-office");
    Response created =
        api().body(ruleJson(name, trunkA)).post(PATH).then().statusCode(201).extract().response();
    String id = created.path("id");
    created
        .then()
        .header("ETag", "\"1\"")
        .header("Location", containsString(PATH + "/" + id))
        .body("enabled", equalTo(true))
        .body("priority", equalTo(100))
        .body("match.trunkIds[0]", equalTo(trunkA))
        .body("match.dids", equalTo("4420712345;4420712350-4420712399;44161*"))
        .body("match.callers", equalTo("44*"))
        .body("destinations[0].port", equalTo(5060))
        .body("destinations[0].transport", equalTo("UDP"))
        .body("destinations[0].stripDigits", equalTo(8))
        .body("destinations[0].prepend", equalTo(""))
        .body("destinations[1].port", equalTo(5061))
        .body("schedule.timeZone", equalTo("Europe/London"))
        .body("afterHours.host", equalTo("voicemail.example.com"))
        .body("afterHours.port", equalTo(5070));

    api().get(PATH + "/" + id).then().statusCode(200).header("ETag", "\"1\"");
    api().get(PATH + "?enabled=true").then().body("id", hasItem(id));
    api().get(PATH + "?enabled=maybe").then().statusCode(400);

    // An inbound rule names trunkA: deleting the trunk would leave it pointing nowhere.
    api()
        .delete("/api/v1/trunks/" + trunkA)
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString(name));

    // Merge patch: schedule and afterHours removed together, the rest kept.
    api()
        .header("If-Match", "\"1\"")
        .body("{\"priority\":10,\"schedule\":null,\"afterHours\":null}")
        .patch(PATH + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("priority", equalTo(10))
        .body("schedule", nullValue())
        .body("afterHours", nullValue())
        .body("destinations.size()", equalTo(2));
    api()
        .header("If-Match", "\"1\"")
        .body("{\"priority\":5}")
        .patch(PATH + "/" + id)
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    api().header("If-Match", "\"1\"").delete(PATH + "/" + id).then().statusCode(412);
    // Full replace: left-out fields take their defaults.
    api()
        .header("If-Match", "\"2\"")
        .body(
            """
            {"name":"%s","match":{"trunkIds":["%s"]},"destinations":[{"host":"pbx2.example.com"}]}
            """
                .formatted(name, trunkB))
        .put(PATH + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("priority", equalTo(1000))
        .body("match.dids", nullValue())
        .body("match.trunkIds[0]", equalTo(trunkB));

    api().delete("/api/v1/trunks/" + trunkA).then().statusCode(204);
    api().body(ruleJson(name, trunkB)).post(PATH).then().statusCode(409);
    api().header("If-Match", "\"3\"").delete(PATH + "/" + id).then().statusCode(204);
    api().get(PATH + "/" + id).then().statusCode(404);
    api().delete(PATH + "/" + id).then().statusCode(404);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Topics.forKey("inbound.rules.v1", id).size() >= 4);
    var records = Topics.forKey("inbound.rules.v1", id);
    JsonNode first = new ObjectMapper().readTree(records.get(0).value());
    assertThat(first.get("schema").asText()).isEqualTo("inbound.rules.v1");
    assertThat(first.get("version").asLong()).isEqualTo(1);
    assertThat(first.get("at").asText()).isEqualTo(first.get("updatedAt").asText());
    assertThat(first.get("id").asText()).isEqualTo(id);
    assertThat(first.get("match").get("trunkIds").get(0).asText()).isEqualTo(trunkA);
    assertThat(first.get("destinations").get(1).get("transport").asText()).isEqualTo("TLS");
    assertThat(first.get("afterHours").get("port").asInt()).isEqualTo(5070);
    JsonNode third = new ObjectMapper().readTree(records.get(2).value());
    assertThat(third.get("version").asLong()).isEqualTo(3);
    assertThat(records.get(3).value()).isNull();
    // Nothing of it went to the outbound rules' topic.
    assertThat(Topics.forKey("routing.rules.v1", id)).isEmpty();
  }

  @Test
  void everyBadFieldIsNamedAndNothingIsStored() {
    String trunk = createTrunk(name("in-bad")).path("id");
    long rules = count("select count(*) from inbound_rule");
    long outbox = count("select count(*) from outbox");
    String unknownTrunk = UUID.randomUUID().toString();
    api()
        .body(
            """
            {"name":"has space","priority":-1,"colour":"red",
             "match":{"trunkIds":["%s","%s","nope"],"dids":"44207-4420;12a","callers":"1*2"},
             "destinations":[{"host":"bad_host!","port":70000,"transport":"SCTP",
                              "stripDigits":21,"prepend":"x"},
                             {"port":5060},{"host":"a.example.com"},{"host":"b.example.com"}],
             "schedule":{"timeZone":"Mars/Base","windows":[{"days":["XYZ"],"start":"9","end":"25:00"}],
                         "holidays":["2026-13-01"]}}
            """
                .formatted(trunk, unknownTrunk))
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body(
            "errors.field",
            containsInAnyOrder(
                "name",
                "priority",
                "colour",
                "match.trunkIds[2]",
                "match.dids",
                "match.callers",
                "destinations",
                "destinations[0].host",
                "destinations[0].port",
                "destinations[0].transport",
                "destinations[0].stripDigits",
                "destinations[0].prepend",
                "destinations[1].host",
                "schedule.timeZone",
                "schedule.windows[0].days",
                "schedule.windows[0].start",
                "schedule.windows[0].end",
                "schedule.holidays[0]"));
    // Syntactically fine, but one named trunk does not exist; no destination at all.
    api()
        .body(
            """
            {"name":"%s","match":{"trunkIds":["%s","%s"]},
             "destinations":[{"host":"pbx.example.com"}]}
            """
                .formatted(name("in-unknown"), trunk, unknownTrunk))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("match.trunkIds[1]"));
    api()
        .body("{\"name\":\"%s\",\"destinations\":[]}".formatted(name("in-none")))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("destinations"));
    api()
        .body(
            """
            {"name":"%s","destinations":[{"host":"pbx.example.com"}],
             "afterHours":{"host":"vm.example.com","port":0}}
            """
                .formatted(name("in-after")))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("afterHours", "afterHours.port"));
    // call-routing's own SIP address as the PBX: each call would loop.
    api()
        .body(
            "{\"name\":\"%s\",\"destinations\":[{\"host\":\"127.0.0.1\"}]}"
                .formatted(name("in-loop")))
        .post(PATH)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("destinations[0].host"));
    api().body("[1]").post(PATH).then().statusCode(400).body("errors.field", hasItem("body"));
    assertThat(count("select count(*) from inbound_rule")).isEqualTo(rules);
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);

    // A bad change of a stored rule keeps the stored one.
    String id =
        api()
            .body(ruleJson(name("in-keep"), trunk))
            .post(PATH)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    api()
        .body("{\"destinations\":[{\"host\":\"pbx.example.com\",\"port\":0}]}")
        .patch(PATH + "/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("destinations[0].port"));
    api()
        .get(PATH + "/" + id)
        .then()
        .header("ETag", "\"1\"")
        .body("destinations[0].host", equalTo("pbx1.example.com"));
  }

  @Test
  void aRuleWhoseRecordWouldBeTooLargeIsRefusedNamingTheField() {
    StringBuilder dids = new StringBuilder();
    for (long n = 4420700000L; dids.length() < 1_010_000; n++) {
      dids.append(n).append(';');
    }
    dids.append("44*");
    String name = name("in-big");
    long outbox = count("select count(*) from outbox");
    api()
        .body(
            "{\"name\":\"%s\",\"match\":{\"dids\":\"%s\"},\"destinations\":[{\"host\":\"pbx.example.com\"}]}"
                .formatted(name, dids))
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("match.dids"))
        .body("errors[0].message", containsString("too large"));
    assertThat(count("select count(*) from inbound_rule where name = '" + name + "'")).isZero();
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }
}
