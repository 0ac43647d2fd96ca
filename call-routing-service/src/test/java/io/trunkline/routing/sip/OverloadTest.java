package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A storm cannot take the router: above the call-rate ceilings new INVITEs get 503 with Retry-After
 * before any call state exists, and a trunk whose attempts keep failing is opened by its circuit
 * breaker, skipped for a while, then tried once again.
 */
@QuarkusTest
@TestProfile(OverloadTest.LowCeilings.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class OverloadTest extends SipAcceptanceSupport {

  static final int TOTAL_PER_SECOND = 12;
  static final int PER_TRUNK_PER_SECOND = 4;

  /** Ceilings a test can reach with a burst, and a breaker that opens after three failures. */
  public static class LowCeilings extends SipTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("trunkline.overload.max-calls-per-second", Integer.toString(TOTAL_PER_SECOND));
      m.put(
          "trunkline.overload.max-calls-per-second-per-trunk",
          Integer.toString(PER_TRUNK_PER_SECOND));
      m.put("trunkline.overload.retry-after", "2s");
      m.put("trunkline.breaker.failures", "3");
      m.put("trunkline.breaker.failure-ratio", "0.5");
      m.put("trunkline.breaker.window", "10s");
      m.put("trunkline.breaker.open-for", "2s");
      return m;
    }
  }

  @Test
  void aBurstOnOneTrunkAboveItsCeilingGets503WithRetryAfter() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 486)); // busy: a quick final, no dialog to end
    Map<String, Object> t = trunk("ceiling", trunkA.port());
    String prefix = route(null, 0, t);
    double shed = rejected("rate_limit");

    int burst = 8;
    startOfASecond();
    for (int i = 0; i < burst; i++) {
      pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    }
    List<Response> finals = finals(burst);
    List<Response> refused = finals.stream().filter(r -> r.getStatusCode() == 503).toList();
    assertThat(finals.stream().filter(r -> r.getStatusCode() == 486)).hasSize(PER_TRUNK_PER_SECOND);
    assertThat(refused).hasSize(burst - PER_TRUNK_PER_SECOND);
    refused.forEach(
        r -> {
          assertThat(r.getHeader("Retry-After").toString()).contains("2");
          assertThat(r.getHeader("Reason").toString()).contains("trunk call rate ceiling");
        });
    assertThat(rejected("rate_limit")).isEqualTo(shed + refused.size());
    assertThat(countInvites(trunkA)).isEqualTo(PER_TRUNK_PER_SECOND);
    assertThat(usage.active((String) t.get("id"))).isZero();
  }

  @Test
  void aBurstAboveTheTotalCeilingGets503WithRetryAfterBeforeAnyRouting() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 486));
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // four trunks, so no trunk reaches its own ceiling of 4
      Map<String, Object> t = trunk("total-" + i, trunkA.port());
      numbers.add(route(null, 0, t) + "2345");
    }
    double shed = rejected("rate_limit");

    int burst = 16;
    startOfASecond();
    for (int i = 0; i < burst; i++) {
      pbx.invite("101", numbers.get(i % 4), SipTestProfile.SIP_PORT);
    }
    List<Response> finals = finals(burst);
    List<Response> refused = finals.stream().filter(r -> r.getStatusCode() == 503).toList();
    assertThat(refused).hasSize(burst - TOTAL_PER_SECOND);
    refused.forEach(
        r -> {
          assertThat(r.getHeader("Retry-After")).isNotNull();
          assertThat(r.getHeader("Reason").toString()).contains("\"call rate ceiling");
        });
    assertThat(rejected("rate_limit")).isEqualTo(shed + refused.size());
    assertThat(countInvites(trunkA)).isEqualTo(TOTAL_PER_SECOND);
  }

  @Test
  void aTrunkInAFailureStormIsOpenedSkippedThenTriedOnceAndClosed() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 503));
    trunkB.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> failing = trunk("storm", trunkA.port());
    Map<String, Object> backup = trunk("backup", trunkB.port());
    String prefix = route(null, 0, failing, backup);
    String dialled = prefix + "2345";

    for (int i = 0; i < 3; i++) { // three failed attempts (100 % of them) open the breaker
      callAndHangUp(dialled);
      assertThat(trunkA.receives(Request.INVITE, 1000)).isTrue();
      Thread.sleep(300); // stay under the per-trunk ceiling of the backup
    }
    assertThat(resolve(dialled).at("/candidates/0/skipReason").asText()).isEqualTo("circuit_open");
    assertThat(usageOf("storm").get("circuit").asText()).isEqualTo("OPEN");
    assertThat(metric("trunk_circuit_open{", "trunk=\"storm\"")).isEqualTo(1);
    callAndHangUp(dialled); // straight to the backup
    assertThat(trunkA.receives(Request.INVITE, 300)).isFalse();

    // After open-for (2 s): half-open, one call may try it; it fails again, so it opens again.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "HALF_OPEN".equals(usageOf("storm").get("circuit").asText()));
    assertThat(resolve(dialled).at("/candidates/0/available").asBoolean()).isTrue();
    callAndHangUp(dialled);
    assertThat(trunkA.receives(Request.INVITE, 1000)).isTrue();
    assertThat(usageOf("storm").get("circuit").asText()).isEqualTo("OPEN");

    // Next time the trunk has recovered: the one trial call is answered and closes it.
    trunkA.onInvite(SipAcceptanceSupport::answer);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "HALF_OPEN".equals(usageOf("storm").get("circuit").asText()));
    ClientTransaction ct = callAnswered(dialled);
    assertThat(trunkA.receives(Request.INVITE, 1000)).isTrue();
    assertThat(usageOf("storm").get("circuit").asText()).isEqualTo("CLOSED");
    assertThat(resolve(dialled).at("/candidates/0/skipReason").isNull()).isTrue();
    assertThat(metric("trunk_circuit_open{", "trunk=\"storm\"")).isZero();
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    pbx.awaitResponse(200, Request.BYE, 5);
  }

  /** A burst used up this second's ceilings: later tests start in a fresh second. */
  @AfterEach
  void ceilingsBackToFull() throws InterruptedException {
    long second = System.currentTimeMillis() / 1000;
    while (System.currentTimeMillis() / 1000 == second) {
      Thread.sleep(5);
    }
  }

  /** An answered call (through whichever trunk), hung up at once. */
  private void callAndHangUp(String dialled) throws Exception {
    ClientTransaction ct = callAnswered(dialled);
    pbx.bye(ct.getDialog());
    pbx.awaitResponse(200, Request.BYE, 5);
  }

  /** Waits for the first 100 ms of a wall-clock second: the ceilings count whole seconds. */
  private static void startOfASecond() throws InterruptedException {
    while (System.currentTimeMillis() % 1000 > 100) {
      Thread.sleep(5);
    }
  }

  /** The next n final answers the PBX gets to its INVITEs. */
  private static List<Response> finals(int n) throws InterruptedException {
    List<Response> out = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (out.size() < n && System.nanoTime() < end) {
      Response r = pbx.responses.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (r != null && r.getStatusCode() >= 300) {
        out.add(r);
      }
    }
    assertThat(out).hasSize(n);
    return out;
  }

  private static int countInvites(SipTestPeer peer) throws InterruptedException {
    Thread.sleep(300); // nothing more may arrive
    return (int) peer.requests.stream().filter(r -> r.getMethod().equals(Request.INVITE)).count();
  }
}
