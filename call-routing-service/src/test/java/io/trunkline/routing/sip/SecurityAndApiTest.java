package io.trunkline.routing.sip;

import static io.restassured.RestAssured.given;
import static io.trunkline.routing.StateFeeder.bump;
import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.grpc.v1.ResolveRequest;
import io.trunkline.routing.grpc.v1.ResolveResponse;
import io.trunkline.routing.grpc.v1.RoutingServiceGrpc;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.testsupport.KafkaBrokerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * Against a running service: strangers' INVITEs refused, a rule changed through the topic, resolve
 * over REST and gRPC, the held state, the API key rule and problem answers, trunk usage.
 */
@QuarkusTest
@TestProfile(SipTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class SecurityAndApiTest extends SipAcceptanceSupport {

  @Inject RouteResolver resolver;
  @Inject io.trunkline.routing.service.StateStore store;

  @Test
  void inviteFromOutsideThePbxCidrsIsForbiddenAndCounted() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk("guarded", trunkA.port()));
    assertRefusedAndCounted(
        "source",
        () -> {
          try (SipTestPeer outsider = SipTestPeer.start("127.0.0.2")) {
            outsider.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
            outsider.awaitResponse(403, 5);
          }
        });
  }

  @Test
  void aRuleChangedThroughTheTopicIsUsedByTheNextCall() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    trunkB.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> a = trunk("live-a", trunkA.port());
    Map<String, Object> b = trunk("live-b", trunkB.port());
    feeder.trunkConfig(a);
    feeder.trunkConfig(b);
    String prefix = "9" + PREFIX.incrementAndGet();
    Map<String, Object> rule = rule("live", prefix, 0, null, a);
    feeder.rule(rule);
    awaitRule((String) rule.get("id"), prefix + "2345");
    List<Long> delays = new ArrayList<>();
    // 10 untimed warm-up changes, then 100 timed ones (p99 = the 99th of 100).
    for (int i = 0; i < 110; i++) {
      Map<String, Object> target = i % 2 == 0 ? b : a;
      SipTestPeer expected = i % 2 == 0 ? trunkB : trunkA;
      Map<String, Object> route = new java.util.LinkedHashMap<>();
      route.put("trunkId", target.get("id"));
      route.put("stripDigits", 0);
      route.put("weight", 1);
      rule.put("routes", List.of(route));
      long t0 = System.nanoTime();
      feeder.rule(bump(rule));
      String want = (String) target.get("id");
      while (true) {
        Resolution r = resolver.resolve("101", prefix + "2345");
        if (want.equals(r.candidates().get(0).trunkId())) {
          break;
        }
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
        // Park briefly: a busy spin would starve the consumer thread on a 2-core machine.
        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
      }
      if (i >= 10) {
        // Until the snapshot holding the change was published (every lookup from then on uses
        // it), so the test thread's own wake-up latency is not counted.
        long usedFrom = store.snapshot().publishedNanos();
        delays.add(TimeUnit.NANOSECONDS.toMicros(usedFrom - t0));
      }
      if (i % 20 == 0) {
        ClientTransaction ct = callAnswered(prefix + "2345");
        expected.awaitRequest(Request.INVITE, 5);
        pbx.bye(ct.getDialog());
        expected.awaitRequest(Request.BYE, 5);
      }
    }
    Collections.sort(delays);
    long p99 = delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
    System.out.printf(
        "rule change event->use delay: median %d us, p99 %d us%n",
        delays.get(delays.size() / 2), p99);
    assertThat(p99).isLessThan(100_000);
  }

  @Test
  void resolveOverRestAndGrpcMatchesWhatARealCallUses() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 503));
    trunkB.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> a = trunk("resolve-a", trunkA.port());
    a.put("numberFormat", "E164");
    a.put("countryCode", "44");
    Map<String, Object> b = trunk("resolve-b", trunkB.port());
    b.put("techPrefix", "77#");
    b.put("callerId", "442071230000");
    String prefix = route(null, 1, a, b);
    String dialled = prefix + "02345";

    JsonNode rest =
        new ObjectMapper()
            .readTree(
                postJson("/api/v1/routing/resolve", Map.of("caller", "101", "dialled", dialled))
                    .statusCode(200)
                    .extract()
                    .asString());
    String restA = rest.at("/candidates/0/number").asText();
    String restB = rest.at("/candidates/1/number").asText();
    assertThat(rest.at("/candidates/0/trunkName").asText()).isEqualTo("resolve-a");
    assertThat(rest.at("/candidates/1/callerId").asText()).isEqualTo("442071230000");

    ManagedChannel ch = grpcChannel();
    try {
      ResolveRequest req = ResolveRequest.newBuilder().setCaller("101").setDialled(dialled).build();
      ResolveResponse grpc = keyedStub(ch).resolve(req);
      assertThat(grpc.getRuleId()).isEqualTo(rest.get("ruleId").asText());
      assertThat(grpc.getCandidates(0).getNumber()).isEqualTo(restA);
      assertThat(grpc.getCandidates(1).getNumber()).isEqualTo(restB);
      assertThatThrownBy(() -> RoutingServiceGrpc.newBlockingStub(ch).resolve(req))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode().name()).isEqualTo("UNAUTHENTICATED"));
    } finally {
      ch.shutdownNow();
    }

    ClientTransaction ct = callAnswered(dialled);
    Request invA = trunkA.awaitRequest(Request.INVITE, 5);
    Request invB = trunkB.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) invA.getRequestURI()).getUser())
        .isEqualTo(restA)
        .isEqualTo("+44" + prefix.substring(1) + "02345");
    assertThat(((SipURI) invB.getRequestURI()).getUser())
        .isEqualTo(restB)
        .isEqualTo("77#" + prefix.substring(1) + "02345");
    assertThat(invB.getHeader("From").toString()).contains("442071230000");
    pbx.bye(ct.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);

    List<String> types = events(SipTestPeer.callId(ct.getRequest()), 5);
    assertThat(types)
        .containsSubsequence("ROUTED", "ATTEMPT", "FAILED", "ATTEMPT", "ANSWERED", "ENDED");
  }

  /** The event types of one call on call.events.v1, in order (waits until ENDED or timeout). */
  static List<String> events(String callId, int seconds) throws Exception {
    return callEvents(callId, seconds).stream().map(e -> e.get("type").asText()).toList();
  }

  @Test
  void stateListsTheHeldTrunksAndRulesWithTheirVersions() {
    Map<String, Object> t = trunk("state-t", trunkA.port());
    Map<String, Object> kept = rule("state-kept", "*8801", 0, null, t);
    Map<String, Object> off = rule("state-off", "*8802", 0, null, t);
    off.put("enabled", false);
    Map<String, Object> gone = rule("state-gone", "*8803", 0, null, t);
    feeder.trunkConfig(t);
    feeder.rule(kept);
    feeder.rule(off);
    feeder.rule(gone);
    feeder.rule(bump(kept));
    feeder.tombstone("routing.rules.v1", (String) gone.get("id"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode state =
                  new ObjectMapper()
                      .readTree(
                          getWithKey("/api/v1/routing/state").statusCode(200).extract().asString());
              assertThat(state.get("loaded").asBoolean()).isTrue();
              assertThat(versions(state.get("trunks")))
                  .containsEntry((String) t.get("id"), ((Number) t.get("version")).longValue());
              // Disabled rules are held too (routing skips them); deleted ones are not.
              assertThat(versions(state.get("rules")))
                  .containsEntry(
                      (String) kept.get("id"), ((Number) kept.get("version")).longValue())
                  .containsEntry((String) off.get("id"), ((Number) off.get("version")).longValue())
                  .doesNotContainKey((String) gone.get("id"));
            });
    given().get("/api/v1/routing/state").then().statusCode(401);
  }

  private static Map<String, Long> versions(JsonNode list) {
    Map<String, Long> out = new java.util.HashMap<>();
    list.forEach(n -> out.put(n.get("id").asText(), n.get("version").asLong()));
    return out;
  }

  @Test
  void apiNeedsAKeyAndAnswersProblemsForBadInput() {
    given()
        .contentType("application/json")
        .body(Map.of("caller", "1", "dialled", "1"))
        .post("/api/v1/routing/resolve")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given().auth().oauth2("wrong").get("/api/v1/trunk-usage").then().statusCode(401);
    // Deny by default: paths outside /api are closed as well; only /q/* is open.
    given()
        .get("/not-an-api")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .contentType("application/problem+json");
    postJson("/api/v1/routing/resolve", "{\"caller\": \"1\", \"dialled\": ")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", startsWith("is not valid JSON"));
    postJson("/api/v1/routing/resolve", "{\"caller\": \"1\", \"dialled\": [\"2\"]}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("dialled"));
    postJson("/api/v1/routing/resolve", Map.of("caller", "1", "dialled", "12ab"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("dialled"));
    postJson("/api/v1/routing/resolve", Map.of("caller", "1", "dialled", "55555555"))
        .statusCode(404);
  }

  @Test
  void trunkUsageShowsActiveCallsWhileACallIsUp() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> t = trunk("usage", trunkA.port());
    String prefix = route(null, 0, t);
    ClientTransaction ct = callAnswered(prefix + "2345");
    trunkA.awaitRequest(Request.ACK, 5);
    getWithKey("/api/v1/trunk-usage")
        .statusCode(200)
        .body("find { it.trunkName == 'usage' }.activeCalls", equalTo(1));
    assertThat(given().get("/q/metrics").asString())
        .contains("trunk_active_calls{trunk=\"usage\"} 1.0")
        .contains("trunk_calls_total{direction=\"outbound\",outcome=\"answered\",trunk=\"usage\"}")
        .contains("routing_decision_seconds_bucket");
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                getWithKey("/api/v1/trunk-usage")
                    .extract()
                    .path("find { it.trunkName == 'usage' }.activeCalls")
                    .equals(0));
  }
}
