package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.grpc.v1.CandidateRoute;
import io.trunkline.routing.grpc.v1.ResolveRequest;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * One misrouted call must not become a storm: a trunk pointing at call-routing itself is skipped as
 * a loop, a call a provider bounces back is refused once (482 with our marker, 483 when the
 * provider drops it), and afterwards the service is idle with no call left.
 */
@QuarkusTest
@TestProfile(LoopTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class LoopProtectionTest extends SipAcceptanceSupport {

  /** A quiet service uses a few ms of CPU a second; the storm this prevents used over 1,000 ms. */
  static final Duration IDLE_CPU_PER_SECOND = Duration.ofMillis(300);

  @Test
  void aTrunkPointingAtCallRoutingItselfIsSkippedAsALoopAndNothingIsSent() throws Exception {
    Map<String, Object> self = trunk("self", SipTestProfile.SIP_PORT); // 127.0.0.1, our port
    Map<String, Object> byName = trunk("self-localhost", SipTestProfile.SIP_PORT);
    byName.put("host", "localhost");
    Map<String, Object> byProxy = trunk("self-proxy", trunkA.port());
    byProxy.put("outboundProxy", "127.0.0.1:" + SipTestProfile.SIP_PORT);
    String prefix = route(null, 0, self, byName, byProxy);

    JsonNode res = resolve(prefix + "2345");
    assertThat(res.get("candidates")).hasSize(3);
    res.get("candidates")
        .forEach(
            c -> {
              assertThat(c.get("available").asBoolean()).isFalse();
              assertThat(c.get("skipReason").asText()).isEqualTo("loop");
            });
    assertThat(grpcResolve(prefix + "2345"))
        .extracting(CandidateRoute::getSkipReason)
        .containsExactly("loop", "loop", "loop");

    double loops = rejected("loop_detected");
    pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    Response refused = pbx.awaitResponse(503, 5);
    assertThat(refused.getHeader("Reason").toString()).contains("text=\"loop\"");
    assertThat(trunkA.receives(Request.INVITE, 300)).isFalse(); // not even to the proxy's trunk
    assertThat(rejected("loop_detected")).isEqualTo(loops); // no INVITE came back to us
    assertThat(metric("trunk_calls_total{", "trunk=\"self")).isZero(); // no attempt at all
    quietAndEmpty(self, byName, byProxy);
  }

  @Test
  void aCallAProviderBouncesBackIsRefusedOnceWith482() throws Exception {
    try (BouncingProvider provider = new BouncingProvider(SipTestProfile.SIP_PORT, false)) {
      Map<String, Object> t = trunk("bounces-back", provider.port());
      String prefix = route(null, 0, t);
      // Routing cannot know: the trunk's address is the provider's.
      assertThat(resolve(prefix + "2345").at("/candidates/0/available").asBoolean()).isTrue();
      double loops = rejected("loop_detected");

      pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
      pbx.awaitResponse(482, 10); // our own 482 to the looped INVITE, relayed back
      assertThat(provider.invites.get()).isEqualTo(1);
      assertThat(rejected("loop_detected")).isEqualTo(loops + 1);
      assertThat(noFurtherFinalAnswer()).isTrue();
      quietAndEmpty(t);
    }
  }

  @Test
  void aProviderThatDropsTheMarkerIsStoppedByMaxForwardsWithOne483() throws Exception {
    try (BouncingProvider provider = new BouncingProvider(SipTestProfile.SIP_PORT, true)) {
      Map<String, Object> t = trunk("bounces-stripped", provider.port());
      String prefix = route(null, 0, t);
      double hops = rejected("too_many_hops");

      pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT); // Max-Forwards 70
      pbx.awaitResponse(483, 15);
      // Each pass costs two hops (call-routing, then the provider): 69, 67, ... 1, then 0 = 483.
      assertThat(provider.maxForwards)
          .containsExactlyElementsOf(
              IntStream.iterate(69, mf -> mf >= 1, mf -> mf - 2).boxed().toList());
      assertThat(rejected("too_many_hops")).isEqualTo(hops + 1);
      assertThat(noFurtherFinalAnswer()).isTrue();
      quietAndEmpty(t);
    }
  }

  @Test
  void maxForwardsIsCarriedAcrossTheB2buaAndZeroIsRefusedBeforeRouting() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    Map<String, Object> t = trunk("mf-carried", trunkA.port());
    String prefix = route(null, 0, t);

    ClientTransaction ct =
        pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT, r -> setMaxForwards(r, 10));
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    assertThat(maxForwards(inv)).isEqualTo(9);
    assertThat(inv.getHeader(SipConstants.LOOP_MARKER).toString())
        .contains(LoopTestProfile.CLUSTER_ID);
    pbx.ack(ct, pbx.awaitResponse(200, 5));
    trunkA.awaitRequest(Request.ACK, 5);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    pbx.awaitResponse(200, Request.BYE, 5);

    assertRefusedAndCounted(
        "too_many_hops",
        () -> {
          pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT, r -> setMaxForwards(r, 0));
          pbx.awaitResponse(483, 5);
        });
  }

  @Test
  void anInviteCarryingThisClustersMarkerIsRefusedWith482BeforeRouting() throws Exception {
    trunkA.onInvite(SipAcceptanceSupport::answer);
    String prefix = route(null, 0, trunk("marked", trunkA.port()));
    pbx.invite(
        "101",
        prefix + "2345",
        SipTestProfile.SIP_PORT,
        r -> addHeader(r, SipConstants.LOOP_MARKER, "cluster-z, " + LoopTestProfile.CLUSTER_ID));
    pbx.awaitResponse(482, 5);
    assertThat(trunkA.receives(Request.INVITE, 300)).isFalse();

    // Another cluster's marker is carried on, ours appended.
    ClientTransaction ct =
        pbx.invite(
            "101",
            prefix + "2345",
            SipTestProfile.SIP_PORT,
            r -> addHeader(r, SipConstants.LOOP_MARKER, "cluster-z"));
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    assertThat(inv.getHeader(SipConstants.LOOP_MARKER).toString())
        .contains("cluster-z, " + LoopTestProfile.CLUSTER_ID);
    pbx.ack(ct, pbx.awaitResponse(200, 5));
    trunkA.awaitRequest(Request.ACK, 5);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
  }

  @Test
  void inDialogRequestsRelayedBetweenTheLegsCarryMaxForwardsToo() throws Exception {
    Answered call = answeredThroughTrunkA("mf-in-dialog");
    Request inv = call.atTrunk();
    Dialog pbxDialog = call.pbxInvite().getDialog();

    Request info = pbxDialog.createRequest(Request.INFO);
    setMaxForwards(info, 0);
    pbxDialog.sendRequest(pbx.provider.getNewClientTransaction(info));
    pbx.awaitResponse(483, Request.INFO, 5);
    assertThat(trunkA.receives(Request.INFO, 300)).isFalse();

    info = pbxDialog.createRequest(Request.INFO);
    setMaxForwards(info, 5);
    pbxDialog.sendRequest(pbx.provider.getNewClientTransaction(info));
    assertThat(maxForwards(trunkA.awaitRequest(Request.INFO, 5))).isEqualTo(4);
    pbx.awaitResponse(200, Request.INFO, 5);

    // The other way: the trunk's re-INVITE reaches the PBX one hop down.
    Dialog trunkDialog = trunkA.dialogs.get(SipTestPeer.callId(inv));
    Request reInvite = trunkDialog.createRequest(Request.INVITE);
    setMaxForwards(reInvite, 8);
    reInvite.setContent(SipTestPeer.SDP, trunkA.hf.createContentTypeHeader("application", "sdp"));
    trunkDialog.sendRequest(trunkA.provider.getNewClientTransaction(reInvite));
    assertThat(maxForwards(pbx.awaitRequest(Request.INVITE, 5))).isEqualTo(7);
    Response reOk = trunkA.awaitResponse(200, Request.INVITE, 5);
    trunkDialog.sendAck(
        trunkDialog.createAck(
            ((javax.sip.header.CSeqHeader) reOk.getHeader("CSeq")).getSeqNumber()));
    pbx.bye(pbxDialog);
    trunkA.awaitRequest(Request.BYE, 5);
  }

  /** No call or trunk capacity left, and the process idle in the second that follows. */
  void quietAndEmpty(Map<String, Object>... trunks) throws Exception {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                b2bua.activeCalls() == 0
                    && sip.pbxLegs() == 0
                    && List.of(trunks).stream()
                        .allMatch(t -> usage.active((String) t.get("id")) == 0));
    Duration cpu = ProcessCpu.usedDuring(Duration.ofSeconds(1));
    System.out.printf("CPU in the second after the call: %d ms%n", cpu.toMillis());
    assertThat(cpu).isLessThan(IDLE_CPU_PER_SECOND);
    for (Map<String, Object> t : trunks) {
      assertThat(usageOf((String) t.get("name")).get("activeCalls").asInt()).isZero();
    }
    assertThat(b2bua.activeCalls()).isZero();
  }

  /** Whether the PBX got no second final answer (a loop would keep answering). */
  boolean noFurtherFinalAnswer() throws InterruptedException {
    Thread.sleep(500);
    List<Response> later = new ArrayList<>(pbx.responses);
    return later.stream().noneMatch(r -> r.getStatusCode() >= 300);
  }

  static List<CandidateRoute> grpcResolve(String dialled) {
    ManagedChannel ch = grpcChannel();
    try {
      return keyedStub(ch)
          .resolve(ResolveRequest.newBuilder().setCaller("101").setDialled(dialled).build())
          .getCandidatesList();
    } finally {
      ch.shutdownNow();
    }
  }

  static void setMaxForwards(Request r, int value) {
    try {
      ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).setMaxForwards(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int maxForwards(Request r) {
    return ((MaxForwardsHeader) r.getHeader(MaxForwardsHeader.NAME)).getMaxForwards();
  }

  static void addHeader(Request r, String name, String value) {
    try {
      r.addHeader(pbx.hf.createHeader(name, value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
