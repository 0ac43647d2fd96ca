package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The story of the README's walk-through, over the real local cluster: a REGISTER trunk and an IP
 * trunk behind one rule; calls from the PBX (SIPp) routed with the rewritten number; the registrar
 * going away and the call failing over; a rule change used a second later; the trunk deleted and
 * unregistered; the events and metrics of it all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class E2e1StoryTest {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String PASSWORD = "e2e-Secret-" + RUN;
  static Sipp registrar;
  static Sipp ipProvider;
  static String regTrunkId;
  static String ipTrunkId;
  static String ruleId;
  static String prefix;

  @BeforeAll
  static void cluster() {
    LocalCluster.ensureUp();
    registrar = Sipp.provider(Sipp.freeUdpPort());
    ipProvider = Sipp.provider(Sipp.freeUdpPort());
    // a prefix of this run's own, so that rules of earlier runs never match these calls
    prefix = Fixtures.uniquePrefix();
  }

  @AfterAll
  static void peers() {
    if (registrar != null) {
      registrar.close();
    }
    if (ipProvider != null) {
      ipProvider.close();
    }
  }

  @Test
  @Order(1)
  void registerTrunkBecomesRegisteredEverywhere() {
    regTrunkId =
        Api.createTrunk(
            Map.of(
                "name",
                "e2e-reg-" + RUN,
                "host",
                "127.0.0.1",
                "port",
                registrar.port,
                "transport",
                "UDP",
                "authMode",
                "REGISTER",
                "username",
                "1001",
                "password",
                PASSWORD,
                "registerExpires",
                60));
    ipTrunkId =
        Api.createTrunk(
            Map.of(
                "name", "e2e-ip-" + RUN,
                "host", "127.0.0.1",
                "port", ipProvider.port,
                "transport", "UDP",
                "authMode", "IP"));
    ruleId =
        Api.createRule(
            Map.of(
                "name",
                "e2e-rule-" + RUN,
                "priority",
                10,
                "match",
                Map.of("prefixes", List.of(prefix)),
                "routes",
                List.of(
                    Map.of("trunkId", regTrunkId, "stripDigits", prefix.length(), "prepend", "+44"),
                    Map.of(
                        "trunkId", ipTrunkId, "stripDigits", prefix.length(), "prepend", "+44"))));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(Api.registrationState(regTrunkId)).isEqualTo("REGISTERED"));
    assertThat(registrar.receivedRequests("REGISTER"))
        .anySatisfy(r -> assertThat(r).contains("sip:1001@"));
    assertThat(Api.registrationState(ipTrunkId)).isEqualTo("NOT_REQUIRED");
    String metrics = Api.metrics(LocalCluster.REGISTRATION_URL);
    assertThat(metrics).contains("trunk_registration_state{trunk=\"e2e-reg-" + RUN + "\"} 1.0");
    assertThat(metrics)
        .containsPattern("trunk_registrations_total\\{[^}]*trunk=\"e2e-reg-" + RUN + "\"");

    // routing's view: the dry run offers the registered trunk first, then the IP trunk
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(candidateTrunks(prefix + "2345"))
                    .containsExactly(regTrunkId, ipTrunkId));
  }

  @Test
  @Order(2)
  void callIsRoutedToTheRegisteredTrunkWithTheRewrittenNumber() {
    assertThat(Sipp.call("101", prefix + "2345")).isZero();
    assertThat(registrar.receivedRequestLines("INVITE"))
        .anySatisfy(line -> assertThat(line).startsWith("INVITE sip:+442345@"));
    assertThat(ipProvider.receivedRequestLines("INVITE")).isEmpty();
  }

  @Test
  @Order(3)
  void registrarGoneMakesTheTrunkFailedAndCallsFailOver() {
    registrar.close();
    Api.registration().post("/api/v1/registrations/" + regTrunkId + "/refresh");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(Api.registrationState(regTrunkId)).isEqualTo("FAILED"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(candidateTrunks(prefix + "2345")).containsExactly(ipTrunkId));

    assertThat(Sipp.call("101", prefix + "2345")).isZero();
    assertThat(ipProvider.receivedRequestLines("INVITE"))
        .anySatisfy(line -> assertThat(line).startsWith("INVITE sip:+442345@"));
  }

  @Test
  @Order(4)
  void ruleChangeIsUsedByACallOneSecondLater() throws Exception {
    String etag =
        Api.config()
            .get("/api/v1/outbound-rules/" + ruleId)
            .then()
            .statusCode(200)
            .extract()
            .header("ETag");
    Api.config()
        .header("If-Match", etag)
        .contentType("application/merge-patch+json")
        .body(
            Map.of(
                "routes",
                List.of(
                    Map.of(
                        "trunkId", ipTrunkId, "stripDigits", prefix.length(), "prepend", "+33"))))
        .patch("/api/v1/outbound-rules/" + ruleId)
        .then()
        .statusCode(200);
    Thread.sleep(1000);
    assertThat(Sipp.call("101", prefix + "2345")).isZero();
    assertThat(ipProvider.receivedRequestLines("INVITE"))
        .anySatisfy(line -> assertThat(line).startsWith("INVITE sip:+332345@"));
  }

  @Test
  @Order(5)
  void deletingTheTrunkUnregistersIt() {
    registrar = Sipp.provider(registrar.port);
    Api.registration().post("/api/v1/registrations/" + regTrunkId + "/refresh");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(Api.registrationState(regTrunkId)).isEqualTo("REGISTERED"));
    // the rule no longer uses the trunk (step 4), so it may be deleted
    Api.config().delete("/api/v1/trunks/" + regTrunkId).then().statusCode(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(registrar.receivedRequests("REGISTER"))
                    .anySatisfy(
                        r -> assertThat(r).containsPattern("(?i)expires: *0\\b|expires=0\\b")));
  }

  @Test
  @Order(6)
  void eventsAndMetricsTellTheStory() {
    List<Map<String, Object>> status = Topics.valuesOf("trunk.status.v1", regTrunkId);
    assertThat(status)
        .extracting(v -> v == null ? "TOMBSTONE" : (String) v.get("registration"))
        .containsSubsequence("REGISTERED", "FAILED", "REGISTERED", "TOMBSTONE");

    List<Map<String, Object>> calls =
        Topics.valuesWhere("call.events.v1", "dialled", prefix + "2345");
    assertThat(calls)
        .extracting(v -> (String) v.get("type"))
        .contains("ROUTED", "ANSWERED", "ENDED");
    assertThat(calls)
        .filteredOn(v -> "ANSWERED".equals(v.get("type")))
        .extracting(v -> (String) v.get("trunkId"))
        .contains(regTrunkId, ipTrunkId);

    assertThat(Api.metrics(LocalCluster.ROUTING_URL))
        .containsPattern("trunk_calls_total\\{[^}]*trunk=\"e2e-ip-" + RUN + "\"");
  }

  /** The trunk ids that routing's dry run would try for a dialled number, in order. */
  static List<String> candidateTrunks(String dialled) {
    return Api.routing()
        .body(Map.of("caller", "101", "dialled", dialled))
        .post("/api/v1/routing/resolve")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("candidates.findAll { it.available }.trunkId");
  }
}
