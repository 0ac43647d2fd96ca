package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.rule;
import static io.trunkline.routing.StateFeeder.status;
import static io.trunkline.routing.StateFeeder.trunk;
import static io.trunkline.routing.StateFeeder.withCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.StateFeeder;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** Real UDP calls PBX peer → B2BUA → trunk peers, state through the broker. */
@QuarkusTest
@TestProfile(SipTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class B2buaCallTest extends SipAcceptanceSupport {

  @Test
  void basicCallIsRewrittenAndCompletesOnBothLegs() throws Exception {
    Map<String, Object> t = trunk("basic", trunkA.port());
    trunkA.onInvite(B2buaCallTest::answer);
    String prefix = route("+44", 3, t); // strip the 3-digit test prefix, prepend +44
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);

    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) inv.getRequestURI()).getUser()).isEqualTo("+442345");
    assertThat(((SipURI) inv.getRequestURI()).getTransportParam()).isEqualToIgnoringCase("udp");
    assertThat(SipTestPeer.callId(inv)).isNotEqualTo(SipTestPeer.callId(ct.getRequest()));
    FromHeader from = (FromHeader) inv.getHeader(FromHeader.NAME);
    assertThat(((SipURI) from.getAddress().getURI()).getUser()).isEqualTo("101");
    assertThat(((SipURI) from.getAddress().getURI()).getHost()).isEqualTo("trunk.example.com");
    assertThat(from.getTag())
        .isNotEqualTo(((FromHeader) ct.getRequest().getHeader("From")).getTag());
    assertThat(inv.getHeader("P-Asserted-Identity").toString())
        .contains("sip:101@trunk.example.com");
    assertThat(inv.getHeader("X-Trunk-Name").toString()).contains("basic");
    assertThat(new String(inv.getRawContent(), StandardCharsets.UTF_8)).isEqualTo(SipTestPeer.SDP);

    answerAndHangUp(pbx, ct, trunkA, (String) t.get("id"));
  }

  @Test
  void tcpOnBothLegs() throws Exception {
    Map<String, Object> t = trunk("tcp-trunk", trunkA.port());
    t.put("transport", "TCP");
    trunkA.onInvite(B2buaCallTest::answer);
    String prefix = route(null, 0, t);
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT, "tcp");
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    assertThat(SipTestPeer.transport(inv)).isEqualToIgnoringCase("tcp");
    assertThat(((SipURI) inv.getRequestURI()).getTransportParam()).isEqualToIgnoringCase("tcp");
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    trunkA.awaitRequest(Request.ACK, 5);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    pbx.awaitResponse(200, Request.BYE, 5);
  }

  @Test
  void inDialogRequestsAreRelayedBothWays() throws Exception {
    Answered call = answeredThroughTrunkA("relay");
    ClientTransaction ct = call.pbxInvite();
    Request inv = call.atTrunk();
    // INFO from the PBX reaches the trunk; the trunk's 200 comes back.
    javax.sip.Dialog pbxDialog = ct.getDialog();
    pbxDialog.sendRequest(
        pbx.provider.getNewClientTransaction(pbxDialog.createRequest(Request.INFO)));
    trunkA.awaitRequest(Request.INFO, 5);
    pbx.awaitResponse(200, Request.INFO, 5);
    // A re-INVITE from the trunk reaches the PBX (which answers it) and is confirmed.
    javax.sip.Dialog trunkDialog = trunkA.dialogs.get(SipTestPeer.callId(inv));
    Request reInvite = trunkDialog.createRequest(Request.INVITE);
    reInvite.setContent(SipTestPeer.SDP, trunkA.hf.createContentTypeHeader("application", "sdp"));
    trunkDialog.sendRequest(trunkA.provider.getNewClientTransaction(reInvite));
    Request relayed = pbx.awaitRequest(Request.INVITE, 5);
    assertThat(new String(relayed.getRawContent(), StandardCharsets.UTF_8))
        .isEqualTo(SipTestPeer.SDP);
    Response reOk = trunkA.awaitResponse(200, Request.INVITE, 5);
    trunkDialog.sendAck(
        trunkDialog.createAck(
            ((javax.sip.header.CSeqHeader) reOk.getHeader("CSeq")).getSeqNumber()));
    pbx.bye(pbxDialog);
    trunkA.awaitRequest(Request.BYE, 5);
  }

  @Test
  void designExampleStripTwoPrependPlus44() throws Exception {
    Map<String, Object> t = trunk("design-example", trunkA.port());
    trunkA.onInvite(B2buaCallTest::answer);
    feeder.trunkConfig(t);
    Map<String, Object> r = rule("uk", "00", 2, "+44", t);
    feeder.rule(r);
    awaitRule((String) r.get("id"), "002345");
    ClientTransaction ct = callAnswered("002345");
    Request inv = trunkA.awaitRequest(Request.INVITE, 5);
    assertThat(((SipURI) inv.getRequestURI()).getUser()).isEqualTo("+442345");
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    // Remove the rule so later tests' numbers never match it.
    feeder.rule(StateFeeder.bump(disabled(r)));
  }

  static Map<String, Object> disabled(Map<String, Object> r) {
    r.put("enabled", false);
    return r;
  }

  @Test
  void failoverOn503ToTheSecondTrunk() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 503));
    trunkB.onInvite(B2buaCallTest::answer);
    String prefix = route(null, 0, trunk("a503", trunkA.port()), trunk("b-ok", trunkB.port()));
    ClientTransaction ct = callAnswered(prefix + "2345");
    trunkA.awaitRequest(Request.INVITE, 5);
    trunkB.awaitRequest(Request.INVITE, 5);
    pbx.bye(ct.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);
  }

  @Test
  void allTrunksFailingGives503WithReason() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 503));
    trunkB.onInvite((p, st) -> p.respond(st, 500));
    String prefix = route(null, 0, trunk("a-fail", trunkA.port()), trunk("b-fail", trunkB.port()));
    pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    Response r = pbx.awaitResponse(503, 10);
    assertThat(r.getHeader("Reason")).isNotNull();
    assertThat(r.getHeader("Reason").toString()).contains("cause=500");
  }

  @Test
  void silentTrunkFailsOverAfterTheTimeout() throws Exception {
    trunkA.onInvite((p, st) -> {}); // never answers (the stack retransmits, nothing else)
    trunkB.onInvite(B2buaCallTest::answer);
    String prefix =
        route(null, 0, trunk("a-silent", trunkA.port()), trunk("b-after", trunkB.port()));
    long t0 = System.nanoTime();
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    trunkB.awaitRequest(Request.INVITE, 5);
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    pbx.bye(ct.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);
  }

  @Test
  void busyIsRelayedWithoutFailover() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 486));
    trunkB.onInvite(B2buaCallTest::answer);
    String prefix =
        route(null, 0, trunk("a-busy", trunkA.port()), trunk("b-unused", trunkB.port()));
    pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    pbx.awaitResponse(486, 5);
    assertThat(trunkB.receives(Request.INVITE, 500)).isFalse();
  }

  @Test
  void proxyChallengeIsAnsweredWithTheTrunksDigestUser() throws Exception {
    String nonce = "n" + System.nanoTime();
    AtomicInteger invites = new AtomicInteger();
    Map<String, Object> t =
        withCredentials(trunk("digest", trunkA.port()), "DIGEST", "acct", "auth-user", "s3cret");
    trunkA.onInvite(
        (p, st) -> {
          String auth =
              st.getRequest().getHeader("Proxy-Authorization") == null
                  ? null
                  : st.getRequest().getHeader("Proxy-Authorization").toString();
          if (invites.incrementAndGet() == 1 || auth == null) {
            p.respond(
                st, 407, "Proxy-Authenticate", "Digest realm=\"trunk\", nonce=\"" + nonce + "\"");
          } else if (auth.contains("username=\"auth-user\"")
              && auth.contains(expected(st, nonce))) {
            answer(p, st);
          } else {
            p.respond(st, 403);
          }
        });
    String prefix = route(null, 0, t);
    ClientTransaction ct = callAnswered(prefix + "2345");
    assertThat(invites.get()).isEqualTo(2);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
  }

  static String expected(ServerTransaction st, String nonce) {
    String uri = st.getRequest().getRequestURI().toString();
    String ha1 = md5("auth-user:trunk:s3cret");
    String ha2 = md5("INVITE:" + uri);
    return "response=\"" + md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void failedRegistrationTrunkIsSkipped() throws Exception {
    trunkA.onInvite(B2buaCallTest::answer);
    trunkB.onInvite(B2buaCallTest::answer);
    Map<String, Object> reg =
        withCredentials(trunk("reg-failed", trunkA.port()), "REGISTER", "u", "u", "pw");
    feeder.trunkConfig(reg);
    feeder.status(status(reg, "FAILED"));
    String prefix = route(null, 0, reg, trunk("b-registered-alt", trunkB.port()));
    ClientTransaction ct = callAnswered(prefix + "2345");
    trunkB.awaitRequest(Request.INVITE, 5);
    assertThat(trunkA.receives(Request.INVITE, 300)).isFalse();
    pbx.bye(ct.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);
  }

  @Test
  void thirdConcurrentCallGoesToTheNextRoute() throws Exception {
    trunkA.onInvite(B2buaCallTest::answer);
    trunkB.onInvite(B2buaCallTest::answer);
    Map<String, Object> limited = trunk("limited", trunkA.port());
    limited.put("maxConcurrentCalls", 2);
    String prefix = route(null, 0, limited, trunk("overflow", trunkB.port()));
    ClientTransaction c1 = callAnswered(prefix + "2345");
    ClientTransaction c2 = callAnswered(prefix + "2345");
    trunkA.awaitRequest(Request.INVITE, 5);
    trunkA.awaitRequest(Request.INVITE, 5);
    ClientTransaction c3 = callAnswered(prefix + "2345");
    trunkB.awaitRequest(Request.INVITE, 5);
    assertThat(trunkA.receives(Request.INVITE, 200)).isFalse();
    for (ClientTransaction c : new ClientTransaction[] {c1, c2, c3}) {
      pbx.bye(c.getDialog());
    }
    trunkB.awaitRequest(Request.BYE, 5);
  }

  @Test
  void cancelFromThePbxCancelsTheTrunkLeg() throws Exception {
    trunkA.onInvite((p, st) -> p.respond(st, 180));
    String prefix = route(null, 0, trunk("ringing", trunkA.port()));
    ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
    pbx.awaitResponse(180, 5);
    pbx.cancel(ct);
    trunkA.awaitRequest(Request.CANCEL, 5);
    pbx.awaitResponse(487, 5);
  }

  @Test
  void byeFromTheTrunkReachesThePbx() throws Exception {
    Answered call = answeredThroughTrunkA("hangs-up");
    ClientTransaction pbxInvite = call.pbxInvite();
    Request inv = call.atTrunk();
    javax.sip.Dialog d = trunkA.dialogs.get(SipTestPeer.callId(inv));
    trunkA.bye(d);
    Request bye = pbx.awaitRequest(Request.BYE, 5);
    // the BYE belongs to the PBX's own dialog, not to the trunk leg's
    assertThat(SipTestPeer.callId(bye)).isEqualTo(SipTestPeer.callId(pbxInvite.getRequest()));
    assertThat(SipTestPeer.callId(bye)).isNotEqualTo(SipTestPeer.callId(inv));
    // and the trunk's BYE is answered
    trunkA.awaitResponse(200, Request.BYE, 5);
  }
}
