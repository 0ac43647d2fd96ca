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
 * The security checks over a whole run (this class runs last): no test password anywhere in logs,
 * events or metrics; every API refuses a request without a key.
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
