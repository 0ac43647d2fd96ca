package io.trunkline.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.registration.support.SipPortResource;
import io.trunkline.registration.support.TestRegistrar.Seen;
import io.trunkline.registration.support.TrunkFeed;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** OPTIONS keep-alive: DOWN after 3 misses, UP after 2 answers. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(SipPortResource.class)
@Order(3)
class OptionsKeepAliveTest extends RegistrarAndFeedTest {

  private static List<String> reachabilityEvents(String id) {
    return feed.statusesOf(id).stream().map(n -> n.get("reachability").asText()).toList();
  }

  private static Instant eventTime(String id, int index) {
    return Instant.parse(feed.statusesOf(id).get(index).get("at").asText());
  }

  @Test
  void trunkGoesDownAfterThreeMissesAndUpAfterTwoAnswers() {
    String user = "ping" + System.nanoTime() % 1_000_000;
    // This registrar serves only this trunk: OPTIONS carry no user, so all of them are counted.
    ObjectNode trunk = TrunkFeed.trunk(user, registrar.port(), null);
    trunk.put("authMode", "IP");
    trunk.put("optionsPing", true);
    trunk.put("optionsIntervalSeconds", 5);
    trunk.put("name", "ping-" + user);
    String id = trunk.get("id").asText();
    feed.publish(trunk);

    await().atMost(Duration.ofSeconds(20)).until(() -> reachabilityEvents(id).contains("UP"));
    assertThat(reachabilityEvents(id)).containsExactly("UNKNOWN", "UP");
    assertThat(registrar.all("OPTIONS")).hasSize(2);
    given()
        .auth()
        .oauth2("local-dev-key")
        .get("/api/v1/registrations/" + id)
        .then()
        .statusCode(200)
        .body("reachability", org.hamcrest.Matchers.equalTo("UP"))
        .body("rttMillis", notNullValue());
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("trunk_reachability{trunk=\"ping-" + user + "\"} 1.0"))
        .body(containsString("trunk_options_rtt_seconds{trunk=\"ping-" + user + "\"}"));

    registrar.answerAllOptions = false;
    Instant silentFrom = Instant.now();
    await().atMost(Duration.ofSeconds(30)).until(() -> reachabilityEvents(id).contains("DOWN"));
    Instant down = eventTime(id, 2);
    long unanswered =
        registrar.all("OPTIONS").stream()
            .map(Seen::at)
            .filter(t -> t.isAfter(silentFrom) && t.isBefore(down))
            .count();
    // A probe counts as missed at its transaction timeout or when the next one is due.
    assertThat(unanswered).isBetween(3L, 4L);

    registrar.answerAllOptions = true;
    Instant answeringFrom = Instant.now();
    await().atMost(Duration.ofSeconds(20)).until(() -> reachabilityEvents(id).size() == 4);
    Instant up = eventTime(id, 3);
    // Probes answered by the registrar since it came back (a retransmitted older probe counts too).
    long answered =
        registrar.answeredOptions.values().stream()
            .filter(t -> t.isAfter(answeringFrom) && t.isBefore(up))
            .count();
    assertThat(answered).isEqualTo(2);
    assertThat(reachabilityEvents(id)).containsExactly("UNKNOWN", "UP", "DOWN", "UP");
    JsonNode last = feed.lastStatus(id);
    assertThat(last.get("registration").asText()).isEqualTo("NOT_REQUIRED");
  }
}
