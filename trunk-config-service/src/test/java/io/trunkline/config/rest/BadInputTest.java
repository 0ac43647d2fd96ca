package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input: 400 application/problem+json naming the field, nothing stored, no
 * outbox row (so no event), and no event on the topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

  private static final String BAD = "bad-input-probe";

  static Stream<Arguments> badTrunks() {
    String base =
        "\"name\":\""
            + BAD
            + "\",\"host\":\"sip.example.com\",\"username\":\"u1\",\"password\":\"pw\"";
    return Stream.of(
        Arguments.of("{\"host\":\"sip.example.com\",\"authMode\":\"IP\"}", "name"),
        Arguments.of(
            "{\"name\":\"has space\",\"host\":\"h.example.com\",\"authMode\":\"IP\"}", "name"),
        Arguments.of(
            "{\"name\":\"" + "x".repeat(65) + "\",\"host\":\"h.example.com\",\"authMode\":\"IP\"}",
            "name"),
        Arguments.of("{\"name\":\"" + BAD + "\",\"authMode\":\"IP\"}", "host"),
        Arguments.of("{" + base.replace("sip.example.com", "bad_host!") + "}", "host"),
        Arguments.of("{" + base.replace("sip.example.com", "300.1.2.3") + "}", "host"),
        Arguments.of("{" + base + ",\"port\":0}", "port"),
        Arguments.of("{" + base + ",\"port\":70000}", "port"),
        Arguments.of("{" + base + ",\"port\":\"5060\"}", "port"),
        Arguments.of("{" + base + ",\"transport\":\"SCTP\"}", "transport"),
        Arguments.of("{" + base + ",\"authMode\":\"OAUTH\"}", "authMode"),
        Arguments.of("{" + base + ",\"numberFormat\":\"NATIONAL\"}", "numberFormat"),
        Arguments.of(
            "{\"name\":\"" + BAD + "\",\"host\":\"h.example.com\",\"password\":\"pw\"}",
            "username"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"host\":\"h.example.com\",\"username\":\"u\",\"authMode\":\"DIGEST\"}",
            "password"),
        Arguments.of("{" + base + ",\"registerExpires\":59}", "registerExpires"),
        Arguments.of("{" + base + ",\"registerExpires\":86401}", "registerExpires"),
        Arguments.of("{" + base + ",\"optionsIntervalSeconds\":4}", "optionsIntervalSeconds"),
        Arguments.of("{" + base + ",\"maxConcurrentCalls\":-1}", "maxConcurrentCalls"),
        Arguments.of("{" + base + ",\"maxCallsPerSecond\":-5}", "maxCallsPerSecond"),
        Arguments.of(
            "{" + base + ",\"outboundProxy\":\"proxy.example.com:99999\"}", "outboundProxy"),
        Arguments.of("{" + base + ",\"associatedIps\":[\"10.0.0.0/33\"]}", "associatedIps[0]"),
        Arguments.of(
            "{" + base + ",\"associatedIps\":[\"192.0.2.1\",\"not-an-ip\"]}", "associatedIps[1]"),
        Arguments.of("{" + base + ",\"didNumbers\":\"101;;203\"}", "didNumbers"),
        Arguments.of("{" + base + ",\"didNumbers\":\"450-300\"}", "didNumbers"),
        Arguments.of("{" + base + ",\"didNumbers\":\"10a\"}", "didNumbers"),
        Arguments.of("{" + base + ",\"didNumbers\":\"100-199\",\"callerId\":\"250\"}", "callerId"),
        Arguments.of("{" + base + ",\"techPrefix\":\"12ab\"}", "techPrefix"),
        Arguments.of("{" + base + ",\"countryCode\":\"+44\"}", "countryCode"),
        Arguments.of("{" + base + ",\"failoverCodes\":[503,200]}", "failoverCodes[1]"),
        Arguments.of("{" + base + ",\"failoverCodes\":\"5xx\"}", "failoverCodes"),
        Arguments.of("{" + base + ",\"enabled\":\"yes\"}", "enabled"),
        Arguments.of("{" + base + ",\"provider\":\"acme\"}", "provider"),
        Arguments.of("{" + base + ",\"colour\":\"blue\"}", "colour"),
        Arguments.of(
            "{\"name\":\"" + BAD + "\",\"provider\":\"flowroute\",\"host\":\"h.example.com\"}",
            "techPrefix"),
        Arguments.of("{" + base + ",\"fromDomain\":\"bad domain\"}", "fromDomain"),
        Arguments.of("{\"name\":", "body"),
        Arguments.of("[1,2,3]", "body"),
        Arguments.of("not json at all", "body"));
  }

  @ParameterizedTest
  @MethodSource("badTrunks")
  void badTrunkIsRejectedAndNothingIsStored(String body, String field) {
    long trunks = count("select count(*) from trunk");
    long outbox = count("select count(*) from outbox");
    api()
        .body(body)
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.field", hasItem(field));
    assertThat(count("select count(*) from trunk")).isEqualTo(trunks);
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  @Test
  void severalBadFieldsAreAllNamed() {
    api()
        .body(
            "{\"name\":\"a b\",\"host\":\"h.example.com\",\"port\":-1,\"transport\":\"X\",\"authMode\":\"IP\"}")
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .body(
            "errors.field", org.hamcrest.Matchers.containsInAnyOrder("name", "port", "transport"));
  }

  static Stream<Arguments> badRules() {
    return Stream.of(
        Arguments.of("{\"routes\":[{\"trunkId\":\"%s\"}]}", "name"),
        Arguments.of("{\"name\":\"" + BAD + "\"}", "routes"),
        Arguments.of("{\"name\":\"" + BAD + "\",\"routes\":[]}", "routes"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"routes\":["
                + "{\"trunkId\":\"%1$s\"},".repeat(6)
                + "{\"trunkId\":\"%1$s\"}]}",
            "routes"),
        Arguments.of(
            "{\"name\":\"" + BAD + "\",\"routes\":[{\"trunkId\":\"%s\",\"stripDigits\":10}]}",
            "routes[0].stripDigits"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"routes\":[{\"trunkId\":\"00000000-0000-0000-0000-00000000abcd\"}]}",
            "routes[0].trunkId"),
        Arguments.of(
            "{\"name\":\"" + BAD + "\",\"routes\":[{\"trunkId\":\"nope\"}]}", "routes[0].trunkId"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"strategy\":\"ROUND_ROBIN\",\"routes\":[{\"trunkId\":\"%s\"}]}",
            "strategy"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"match\":{\"prefixes\":[\"00a\"]},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "match.prefixes[0]"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"match\":{\"lengths\":[0]},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "match.lengths[0]"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"match\":{\"callers\":\"110-101\"},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "match.callers"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"match\":{\"callerz\":\"1\"},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "match.callerz"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"schedule\":{\"timeZone\":\"Mars/Base\"},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "schedule.timeZone"),
        Arguments.of(
            "{\"name\":\""
                + BAD
                + "\",\"schedule\":{\"timeZone\":\"UTC\",\"windows\":[{\"days\":[\"MON\"],\"start\":\"25:00\",\"end\":\"26:00\"}]},\"routes\":[{\"trunkId\":\"%s\"}]}",
            "schedule.windows[0].start"),
        Arguments.of(
            "{\"name\":\"" + BAD + "\",\"priority\":\"high\",\"routes\":[{\"trunkId\":\"%s\"}]}",
            "priority"));
  }

  @ParameterizedTest
  @MethodSource("badRules")
  void badRuleIsRejectedAndNothingIsStored(String template, String field) {
    String trunkId = createTrunk(name("rule-target")).path("id");
    long rules = count("select count(*) from outbound_rule");
    long outbox = count("select count(*) from outbox");
    api()
        .body(template.formatted(trunkId))
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
    assertThat(count("select count(*) from outbound_rule")).isEqualTo(rules);
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  @Test
  void everyBadRuleFieldIsNamedInOneAnswer() {
    String trunkId = createTrunk(name("rule-fields")).path("id");
    long rules = count("select count(*) from outbound_rule");
    api()
        .body(
            """
            {"name":"has space","priority":-1,
             "routes":[{"trunkId":"%s","stripDigits":10,"prepend":"x","callerId":"abc","weight":0},
                       {"weight":1001}]}
            """
                .formatted(trunkId))
        .post("/api/v1/outbound-rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            org.hamcrest.Matchers.containsInAnyOrder(
                "name",
                "priority",
                "routes[0].stripDigits",
                "routes[0].prepend",
                "routes[0].callerId",
                "routes[0].weight",
                "routes[1].trunkId",
                "routes[1].weight"))
        .body(
            "errors.find { it.field == 'routes[0].weight' }.message",
            equalTo("must be between 1 and 1000"));
    assertThat(count("select count(*) from outbound_rule")).isEqualTo(rules);
  }

  @Test
  void badUpdatesChangeNothing() {
    String id = createTrunk(name("upd")).path("id");
    long outbox = count("select count(*) from outbox");
    api()
        .body("{\"port\":0}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("port"));
    api()
        .body("{\"name\":\"x\"}")
        .put("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("host"));
    api()
        .body("nope")
        .put("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("body"));
    api()
        .get("/api/v1/trunks/" + id)
        .then()
        .body("version", equalTo(1))
        .body("port", equalTo(5060));
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  @Test
  void wrongContentTypeIsAClientError() {
    api()
        .contentType(ContentType.TEXT)
        .body("name=x")
        .post("/api/v1/trunks")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void noRejectedRequestReachedTheTopic() {
    // Runs last: no event names the probe of any rejected request.
    assertThat(Topics.readAll("trunk.config.v1"))
        .noneMatch(r -> r.value() != null && r.value().contains(BAD));
    assertThat(Topics.readAll("routing.rules.v1"))
        .noneMatch(r -> r.value() != null && r.value().contains(BAD));
  }
}
