package io.trunkline.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The security checks over a whole run (this class runs after the story, outage and kill tests): no
 * test password anywhere in logs, events or metrics; every API refuses a request without a key; SIP
 * from outside the PBX CIDRs is refused.
 */
class E2e6SecurityTest {

  static final List<String> PASSWORD_MARKERS = List.of("-Secret-");

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @Test
  void everyApiWithoutAKeyIs401() {
    for (String[] api :
        new String[][] {
          {LocalCluster.CONFIG_URL, "/api/v1/trunks"},
          {LocalCluster.CONFIG_URL, "/api/v1/outbound-rules"},
          {LocalCluster.CONFIG_URL, "/api/v1/providers"},
          {LocalCluster.REGISTRATION_URL, "/api/v1/registrations"},
          {LocalCluster.ROUTING_URL, "/api/v1/trunk-usage"}
        }) {
      given().baseUri(api[0]).get(api[1]).then().statusCode(401);
      given()
          .baseUri(api[0])
          .header("Authorization", "Bearer wrong-key")
          .get(api[1])
          .then()
          .statusCode(401);
    }
  }

  @Test
  void sipFromOutsideThePbxCidrsIs403() {
    Fixtures f = new Fixtures();
    try (Sipp provider = Sipp.provider(Sipp.freeUdpPort())) {
      f.rule("+1", f.ipTrunk("cidr", provider));
      // routing restarted to accept PBXs from 127.0.0.1 only; 127.0.0.2 is then outside
      LocalCluster.restartRoutingWithPbxCidrs("127.0.0.1/32");
      try {
        String outside = Sipp.callFrom("127.0.0.2", "101", f.dialled("555"));
        assertThat(outside).contains("SIP/2.0 403 Forbidden");
        assertThat(provider.receivedRequestLines("INVITE")).isEmpty();
        // the same call from inside the CIDR goes through: the 403 is about the source only
        assertThat(Sipp.call("101", f.dialled("555"))).isZero();
        assertThat(provider.receivedRequestLines("INVITE")).hasSize(1);
      } finally {
        LocalCluster.restartRoutingWithPbxCidrs(null);
      }
    }
  }

  @Test
  void noPasswordInLogsEventsOrMetrics() throws IOException {
    try (Stream<Path> logs = Files.list(LocalCluster.STATE.resolve("logs"))) {
      for (Path log : logs.toList()) {
        String text = Files.readString(log);
        PASSWORD_MARKERS.forEach(p -> assertThat(text).as(log.toString()).doesNotContain(p));
      }
    }
    for (String topic :
        List.of("trunk.config.v1", "routing.rules.v1", "trunk.status.v1", "call.events.v1")) {
      Topics.readAll(topic)
          .forEach(
              r ->
                  PASSWORD_MARKERS.forEach(
                      p -> assertThat(String.valueOf(r.value())).as(topic).doesNotContain(p)));
    }
    for (String url :
        List.of(LocalCluster.CONFIG_URL, LocalCluster.REGISTRATION_URL, LocalCluster.ROUTING_URL)) {
      String metrics = Api.metrics(url);
      PASSWORD_MARKERS.forEach(p -> assertThat(metrics).doesNotContain(p));
    }
    // the config API never answers a password either
    String trunks = Api.config().get("/api/v1/trunks").then().statusCode(200).extract().asString();
    PASSWORD_MARKERS.forEach(p -> assertThat(trunks).doesNotContain(p));
  }
}
