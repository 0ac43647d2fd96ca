package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trunk that points at call-routing itself is refused: every call routed to it would come back
 * into call-routing and be routed again. The test profile lists call-routing's addresses as {@code
 * 127.0.0.1:5060, sip.trunkline.test, [::1]:5070, 0.0.0.0:5080}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class LoopAddressTest {

  static Stream<Arguments> loopingTrunks() {
    return Stream.of(
        Arguments.of("\"host\":\"127.0.0.1\"", "host"), // default port 5060
        Arguments.of("\"host\":\"127.0.0.1\",\"port\":5060,\"transport\":\"TCP\"", "host"),
        Arguments.of("\"host\":\"localhost\"", "host"),
        Arguments.of("\"host\":\"LocalHost.\"", "host"),
        Arguments.of("\"host\":\"sip.trunkline.test\"", "host"),
        Arguments.of("\"host\":\"SIP.Trunkline.Test\",\"port\":5060", "host"),
        Arguments.of("\"host\":\"[::1]\",\"port\":5070", "host"),
        Arguments.of("\"host\":\"0:0:0:0:0:0:0:1\",\"port\":5070", "host"),
        Arguments.of("\"host\":\"0.0.0.0\"", "host"), // this host: reaches 127.0.0.1:5060
        Arguments.of("\"host\":\"127.0.0.1\",\"port\":5080", "host"), // call-routing on 0.0.0.0
        Arguments.of("\"host\":\"localhost\",\"port\":5080", "host"),
        Arguments.of(
            "\"host\":\"sip.example.com\",\"outboundProxy\":\"127.0.0.1:5060\"", "outboundProxy"),
        Arguments.of(
            "\"host\":\"sip.example.com\",\"outboundProxy\":\"sip.trunkline.test\"",
            "outboundProxy"),
        Arguments.of(
            "\"host\":\"sip.example.com\",\"outboundProxy\":\"[::1]:5070\"", "outboundProxy"));
  }

  @ParameterizedTest
  @MethodSource("loopingTrunks")
  void aTrunkPointingAtCallRoutingIsRefusedAndNothingIsStored(String address, String field) {
    long trunks = count("select count(*) from trunk");
    long outbox = count("select count(*) from outbox");
    api()
        .body(trunk(name("loop"), address))
        .post("/api/v1/trunks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", contains(field))
        .body("errors[0].message", containsString("call-routing's own SIP address"));
    assertThat(count("select count(*) from trunk")).isEqualTo(trunks);
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  static Stream<String> nearMisses() {
    return Stream.of(
        "\"host\":\"127.0.0.1\",\"port\":5090", // another port of this host
        "\"host\":\"127.0.0.2\"", // another loopback address: call-routing is bound to 127.0.0.1
        "\"host\":\"sip.trunkline.test\",\"port\":5061",
        "\"host\":\"[::1]\",\"port\":5060",
        "\"host\":\"203.0.113.7\",\"port\":5080", // a remote host on the wildcard's port
        "\"host\":\"sip.example.com\",\"outboundProxy\":\"127.0.0.1:5062\"");
  }

  @ParameterizedTest
  @MethodSource("nearMisses")
  void anAddressThatIsNotCallRoutingIsAccepted(String address) {
    api().body(trunk(name("near"), address)).post("/api/v1/trunks").then().statusCode(201);
  }

  @Test
  void movingAnExistingTrunkOntoCallRoutingIsRefusedAndChangesNothing() {
    String id =
        api()
            .body(trunk(name("move"), "\"host\":\"127.0.0.1\",\"port\":5090"))
            .post("/api/v1/trunks")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    long outbox = count("select count(*) from outbox");
    api()
        .contentType("application/merge-patch+json")
        .body("{\"port\":5060}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", contains("host"));
    api()
        .contentType("application/merge-patch+json")
        .body("{\"outboundProxy\":\"localhost\"}")
        .patch("/api/v1/trunks/" + id)
        .then()
        .statusCode(400)
        .body("errors.field", contains("outboundProxy"));
    api()
        .get("/api/v1/trunks/" + id)
        .then()
        .body("port", equalTo(5090))
        .body("version", equalTo(1));
    assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
  }

  private static String trunk(String name, String address) {
    return "{\"name\":\"" + name + "\",\"authMode\":\"IP\"," + address + "}";
  }
}
