package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.Map;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * Two Trunkline clusters on loopback whose rules send the same number to each other: cluster A is
 * the service under test, cluster B a {@link SecondRouter}. The PBX's call ends with a final answer
 * well within 70 hops, and neither side keeps a call.
 */
@QuarkusTest
@TestProfile(LoopTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class TwoClusterLoopTest extends SipAcceptanceSupport {

  @Test
  void clustersRoutingToEachOtherStopAtTheSecondVisitWith482() throws Exception {
    // B runs with a random cluster id of its own (the default), A with "cluster-a".
    try (SecondRouter b = new SecondRouter(Map.of())) {
      Loop loop = connect(b, "marked");
      double loops = rejected("loop_detected");

      pbx.invite("101", loop.dialled, SipTestProfile.SIP_PORT);
      Response r = pbx.awaitResponse(482, 10);
      assertThat(r).isNotNull();
      // PBX -> A -> B -> A: A recognises its own marker on the call's second visit.
      assertThat(metric("trunk_calls_total{", "trunk=\"" + loop.toB + "\"")).isEqualTo(1);
      assertThat(b.attempts(loop.toA)).isEqualTo(1);
      assertThat(rejected("loop_detected")).isEqualTo(loops + 1);
      assertThat(b.rejected("loop_detected")).isZero();
      nothingLeft(b, loop);
    }
  }

  @Test
  void withoutMarkersMaxForwardsEndsTheLoopWithin70Hops() throws Exception {
    // B drops loop markers (as a B2BUA that knows none): only Max-Forwards is left to end it.
    try (SecondRouter b = new SecondRouter(Map.of("trunkline.loop.marker", "false"))) {
      Loop loop = connect(b, "unmarked");
      double hops = rejected("too_many_hops");

      long start = System.nanoTime();
      pbx.invite("101", loop.dialled, SipTestProfile.SIP_PORT); // Max-Forwards 70
      pbx.awaitResponse(483, 15);
      System.out.printf(
          "two-cluster loop ended after %d ms%n", (System.nanoTime() - start) / 1_000_000);
      // A forwards with 69, 67, ..., 1; B with 68, ..., 0; the INVITE with 0 gets 483 at A.
      double forwards = metric("trunk_calls_total{", "trunk=\"" + loop.toB + "\"");
      assertThat(forwards).isEqualTo(35);
      assertThat(b.attempts(loop.toA)).isEqualTo(35);
      assertThat(forwards + b.attempts(loop.toA)).isLessThanOrEqualTo(70);
      assertThat(rejected("too_many_hops")).isEqualTo(hops + 1);
      nothingLeft(b, loop);
    }
  }

  /** Trunks and rules that send one number from A to B and from B back to A. */
  private Loop connect(SecondRouter b, String name) throws Exception {
    Map<String, Object> toB = trunk("to-b-" + name, b.port());
    Map<String, Object> toA = trunk("to-a-" + name, SipTestProfile.SIP_PORT);
    String prefix = route(null, 0, toB);
    b.apply(toA, rule("back-" + name, prefix, 0, null, toA));
    return new Loop(
        prefix + "2345",
        (String) toB.get("name"),
        (String) toA.get("name"),
        (String) toB.get("id"),
        (String) toA.get("id"));
  }

  private void nothingLeft(SecondRouter b, Loop loop) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                b2bua.activeCalls() == 0
                    && b.router.activeCalls() == 0
                    && usage.active(loop.toBId) == 0
                    && b.usage.active(loop.toAId) == 0);
  }

  private record Loop(String dialled, String toB, String toA, String toBId, String toAId) {}
}
