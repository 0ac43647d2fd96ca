package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.routing.media.RtpPeer;
import io.trunkline.routing.media.Rtpengine;
import io.trunkline.routing.media.RtpengineRelay;
import io.trunkline.routing.media.RtpengineResource;
import io.trunkline.routing.media.Srtp;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anchored calls through a real rtpengine with real audio: JAIN-SIP peers for the signalling and
 * test media endpoints ({@link RtpPeer}, with SRTP for SDES trunks) that count what reaches them.
 */
@QuarkusTest
@TestProfile(MediaAnchoringTest.Profile.class)
class MediaAnchoringTest extends SipAcceptanceSupport {

  /** The SIP acceptance profile with a real rtpengine as media relay. */
  public static class Profile extends SipTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new QuarkusTestProfile.TestResourceEntry(RtpengineResource.class));
    }
  }

  static final byte PBX_AUDIO = 0x11;
  static final byte TRUNK_AUDIO = 0x22;
  static final String AES80 = "AES_CM_128_HMAC_SHA1_80";

  @Inject RtpengineRelay relay;

  private final List<RtpPeer> media = new ArrayList<>();
  private final BlockingQueue<String> trunkInviteSdp = new LinkedBlockingQueue<>();

  @BeforeEach
  void needsRtpengine() {
    assumeTrue(
        Rtpengine.installed(), "rtpengine is not installed (apt-get install rtpengine-daemon)");
  }

  @AfterEach
  void nothingLeftInTheRelay() throws Exception {
    media.forEach(RtpPeer::close);
    await().atMost(Duration.ofSeconds(10)).until(() -> rtpengine().calls().isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.activeSessions() == 0);
  }

  static Rtpengine rtpengine() {
    return RtpengineResource.live;
  }

  private RtpPeer rtp(byte fill, byte expected) throws Exception {
    RtpPeer p = new RtpPeer("127.0.0.1", fill, expected);
    media.add(p);
    return p;
  }

  static String sdp(int port, String proto, String extra) {
    return "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio "
        + port
        + " "
        + proto
        + " 8\r\na=rtpmap:8 PCMA/8000\r\n"
        + extra
        + "a=sendrecv\r\n";
  }

  static String body(Message m) {
    return m.getRawContent() == null ? "" : new String(m.getRawContent(), StandardCharsets.UTF_8);
  }

  static int mediaPort(String sdp) {
    return RtpPeer.target(sdp).getPort();
  }

  private void assertRelayAddress(String sdp, int notPort) {
    assertThat(sdp).contains("c=IN IP4 " + rtpengine().address);
    assertThat(mediaPort(sdp)).isBetween(rtpengine().portMin, rtpengine().portMax);
    assertThat(mediaPort(sdp)).isNotEqualTo(notPort);
  }

  /** An INVITE from the PBX peer with this SDP (null: none, a late offer). */
  private ClientTransaction pbxInvite(String dialled, String sdp) throws Exception {
    SipURI target = pbx.af.createSipURI(dialled, "127.0.0.1");
    target.setPort(SipTestProfile.SIP_PORT);
    target.setTransportParam("udp");
    Request r =
        pbx.mf.createRequest(
            target,
            Request.INVITE,
            pbx.provider.getNewCallId(),
            pbx.hf.createCSeqHeader(1L, Request.INVITE),
            pbx.hf.createFromHeader(
                pbx.af.createAddress(pbx.af.createSipURI("101", pbx.host)), SipTestPeer.tag()),
            pbx.hf.createToHeader(pbx.af.createAddress(target), null),
            new ArrayList<>(List.of(pbx.hf.createViaHeader(pbx.host, pbx.port, "udp", null))),
            pbx.hf.createMaxForwardsHeader(70));
    SipURI c = pbx.af.createSipURI("peer", pbx.host);
    c.setPort(pbx.port);
    r.setHeader(pbx.hf.createContactHeader(pbx.af.createAddress(c)));
    if (sdp != null) {
      r.setContent(sdp, pbx.hf.createContentTypeHeader("application", "sdp"));
    }
    ClientTransaction ct = pbx.provider.getNewClientTransaction(r);
    ct.sendRequest();
    return ct;
  }

  /** A trunk's answer with an SDP (null: none); 1xx and 2xx of one INVITE share its To tag. */
  static void reply(SipTestPeer p, ServerTransaction st, int code, String sdp) {
    try {
      Response r = p.mf.createResponse(code, st.getRequest());
      ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
      to.setTag(Integer.toHexString(st.getRequest().getHeader("Call-ID").hashCode()));
      SipURI u = p.af.createSipURI("peer", p.host);
      u.setPort(p.port);
      r.setHeader(p.hf.createContactHeader(p.af.createAddress(u)));
      if (sdp != null) {
        r.setContent(sdp, p.hf.createContentTypeHeader("application", "sdp"));
      }
      st.sendResponse(r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> anchored(String name, int port, String encryption) {
    Map<String, Object> t = trunk(name, port);
    t.put("media", "ANCHOR");
    t.put("mediaEncryption", encryption);
    return t;
  }

  @Test
  void bothSidesSeeTheRelayAndAudioFlowsBothWaysUntilThePbxHangsUp() throws Exception {
    RtpPeer pbxRtp = rtp(PBX_AUDIO, TRUNK_AUDIO);
    RtpPeer trunkRtp = rtp(TRUNK_AUDIO, PBX_AUDIO);
    trunkA.onInvite(
        (p, st) -> {
          trunkInviteSdp.add(body(st.getRequest()));
          reply(p, st, 180, null);
          reply(p, st, 200, sdp(trunkRtp.port(), "RTP/AVP", ""));
        });
    String prefix = route(null, 0, anchored("anchor-plain", trunkA.port(), "NONE"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(pbxRtp.port(), "RTP/AVP", ""));

    String toTrunk = trunkInviteSdp.poll(5, TimeUnit.SECONDS);
    assertRelayAddress(toTrunk, pbxRtp.port());
    assertThat(toTrunk).contains("RTP/AVP 8").doesNotContain("a=crypto");
    Response ok = pbx.awaitResponse(200, 5);
    String toPbx = body(ok);
    assertRelayAddress(toPbx, trunkRtp.port());
    pbx.ack(ct, ok);
    assertThat(rtpengine().calls()).containsExactly(SipTestPeer.callId(ct.getRequest()) + "~1");
    assertThat(relay.activeSessions()).isEqualTo(1);

    pbxRtp.play(toPbx, 50);
    trunkRtp.play(toTrunk, 50);
    await().atMost(Duration.ofSeconds(10)).until(() -> trunkRtp.received() >= 45);
    await().atMost(Duration.ofSeconds(10)).until(() -> pbxRtp.received() >= 45);

    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> rtpengine().calls().isEmpty());
  }

  @Test
  void anSdesTrunkGetsSavpWithACryptoLineWhileThePbxKeepsPlainRtp() throws Exception {
    RtpPeer pbxRtp = rtp(PBX_AUDIO, TRUNK_AUDIO);
    RtpPeer trunkRtp = rtp(TRUNK_AUDIO, PBX_AUDIO);
    String trunkKey = Srtp.newInlineKey();
    trunkA.onInvite(
        (p, st) -> {
          String offer = body(st.getRequest());
          trunkInviteSdp.add(offer);
          reply(p, st, 200, sdesAnswer(offer, trunkRtp, trunkKey));
        });
    String prefix = route(null, 0, anchored("anchor-sdes", trunkA.port(), "SDES"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(pbxRtp.port(), "RTP/AVP", ""));

    String toTrunk = trunkInviteSdp.poll(5, TimeUnit.SECONDS);
    assertRelayAddress(toTrunk, pbxRtp.port());
    assertThat(toTrunk).contains("m=audio " + mediaPort(toTrunk) + " RTP/SAVP 8");
    assertThat(Srtp.inlineKey(toTrunk, AES80)).isNotNull();
    Response ok = pbx.awaitResponse(200, 5);
    String toPbx = body(ok);
    assertRelayAddress(toPbx, trunkRtp.port());
    assertThat(toPbx).contains("RTP/AVP 8").doesNotContain("a=crypto").doesNotContain("SAVP");
    pbx.ack(ct, ok);

    pbxRtp.play(toPbx, 50);
    trunkRtp.play(toTrunk, 50);
    // the trunk decrypts and authenticates what arrives with the key rtpengine offered it; the
    // PBX gets the trunk's audio as plain RTP, which rtpengine could only make by decrypting
    await().atMost(Duration.ofSeconds(10)).until(() -> trunkRtp.received() >= 45);
    await().atMost(Duration.ofSeconds(10)).until(() -> pbxRtp.received() >= 45);
    assertThat(trunkRtp.rejected()).isZero();

    // the trunk hangs up this time
    Dialog trunkDialog =
        trunkA.dialogs.get(SipTestPeer.callId(trunkA.awaitRequest(Request.ACK, 5)));
    trunkA.bye(trunkDialog);
    pbx.awaitRequest(Request.BYE, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> rtpengine().calls().isEmpty());
  }

  @Test
  void failoverDeletesTheFailedAttemptsMediaAndReOffersWithTheNextTrunksEncryption()
      throws Exception {
    RtpPeer pbxRtp = rtp(PBX_AUDIO, TRUNK_AUDIO);
    RtpPeer trunkRtp = rtp(TRUNK_AUDIO, PBX_AUDIO);
    BlockingQueue<String> toB = new LinkedBlockingQueue<>();
    String trunkKey = Srtp.newInlineKey();
    trunkA.onInvite(
        (p, st) -> {
          trunkInviteSdp.add(body(st.getRequest()));
          reply(p, st, 503, null);
        });
    trunkB.onInvite(
        (p, st) -> {
          String offer = body(st.getRequest());
          toB.add(offer);
          reply(p, st, 200, sdesAnswer(offer, trunkRtp, trunkKey));
        });
    String prefix =
        route(
            null,
            0,
            anchored("failover-plain", trunkA.port(), "NONE"),
            anchored("failover-sdes", trunkB.port(), "SDES"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(pbxRtp.port(), "RTP/AVP", ""));
    String callId = SipTestPeer.callId(ct.getRequest());

    String toA = trunkInviteSdp.poll(5, TimeUnit.SECONDS);
    assertRelayAddress(toA, pbxRtp.port());
    assertThat(toA).contains("RTP/AVP 8").doesNotContain("a=crypto");
    String toTrunkB = toB.poll(5, TimeUnit.SECONDS);
    assertRelayAddress(toTrunkB, pbxRtp.port());
    assertThat(toTrunkB).contains("RTP/SAVP 8").contains("a=crypto:");
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    // only the second attempt's media is left in the relay
    assertThat(rtpengine().calls()).containsExactly(callId + "~2");

    pbxRtp.play(body(ok), 30);
    trunkRtp.play(toTrunkB, 30);
    await().atMost(Duration.ofSeconds(10)).until(() -> trunkRtp.received() >= 25);
    await().atMost(Duration.ofSeconds(10)).until(() -> pbxRtp.received() >= 25);
    pbx.bye(ct.getDialog());
    trunkB.awaitRequest(Request.BYE, 5);
  }

  @Test
  void earlyMediaIsAnsweredAtTheOneEightyThreeAndRepeatedInTheTwoHundred() throws Exception {
    RtpPeer pbxRtp = rtp(PBX_AUDIO, TRUNK_AUDIO);
    RtpPeer trunkRtp = rtp(TRUNK_AUDIO, PBX_AUDIO);
    BlockingQueue<ServerTransaction> ringing = new LinkedBlockingQueue<>();
    trunkA.onInvite(
        (p, st) -> {
          trunkInviteSdp.add(body(st.getRequest()));
          reply(p, st, 183, sdp(trunkRtp.port(), "RTP/AVP", ""));
          ringing.add(st);
        });
    String prefix = route(null, 0, anchored("early-media", trunkA.port(), "NONE"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(pbxRtp.port(), "RTP/AVP", ""));
    String toTrunk = trunkInviteSdp.poll(5, TimeUnit.SECONDS);
    Response progress = pbx.awaitResponse(183, 5);
    String early = body(progress);
    assertRelayAddress(early, trunkRtp.port());

    // the announcement plays before the answer
    trunkRtp.play(toTrunk, 60);
    await().atMost(Duration.ofSeconds(10)).until(() -> pbxRtp.received() >= 10);
    reply(trunkA, ringing.poll(5, TimeUnit.SECONDS), 200, null);
    Response ok = pbx.awaitResponse(200, 5);
    assertThat(body(ok)).isEqualTo(early);
    pbx.ack(ct, ok);
    pbx.bye(ct.getDialog());
    trunkA.awaitRequest(Request.BYE, 5);
  }

  @Test
  void reInviteAndUpdateAreOffersFromTheSideThatSendsThem() throws Exception {
    RtpPeer trunkRtp = rtp(TRUNK_AUDIO, PBX_AUDIO);
    trunkA.onInvite((p, st) -> reply(p, st, 200, sdp(trunkRtp.port(), "RTP/AVP", "")));
    String prefix = route(null, 0, anchored("reinvite", trunkA.port(), "NONE"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(41000, "RTP/AVP", ""));
    Response ok = pbx.awaitResponse(200, 5);
    pbx.ack(ct, ok);
    Request trunkInvite = trunkA.awaitRequest(Request.INVITE, 5);
    trunkA.awaitRequest(Request.ACK, 5);

    // the trunk moves its media: its offer reaches the PBX with the relay's address, the PBX's
    // answer (SipTestPeer's SDP, port 40000) reaches the trunk with it too
    Dialog trunkDialog = trunkA.dialogs.get(SipTestPeer.callId(trunkInvite));
    Request reInvite = trunkDialog.createRequest(Request.INVITE);
    reInvite.setContent(
        sdp(42000, "RTP/AVP", ""), trunkA.hf.createContentTypeHeader("application", "sdp"));
    trunkDialog.sendRequest(trunkA.provider.getNewClientTransaction(reInvite));
    Request atPbx = pbx.awaitRequest(Request.INVITE, 5);
    assertRelayAddress(body(atPbx), 42000);
    Response reOk = trunkA.awaitResponse(200, Request.INVITE, 5);
    assertRelayAddress(body(reOk), 40000);
    trunkDialog.sendAck(
        trunkDialog.createAck(((CSeqHeader) reOk.getHeader(CSeqHeader.NAME)).getSeqNumber()));

    // an UPDATE from the PBX is its offer, towards the trunk
    Dialog pbxDialog = ct.getDialog();
    Request update = pbxDialog.createRequest(Request.UPDATE);
    update.setContent(
        sdp(43000, "RTP/AVP", ""), pbx.hf.createContentTypeHeader("application", "sdp"));
    pbxDialog.sendRequest(pbx.provider.getNewClientTransaction(update));
    assertRelayAddress(body(trunkA.awaitRequest(Request.UPDATE, 5)), 43000);
    pbx.awaitResponse(200, Request.UPDATE, 5);
    pbx.bye(pbxDialog);
    trunkA.awaitRequest(Request.BYE, 5);
  }

  @Test
  void aLateOfferComesInTheTwoHundredAndItsAnswerInTheAck() throws Exception {
    trunkA.onInvite((p, st) -> reply(p, st, 200, sdp(44000, "RTP/AVP", "")));
    String prefix = route(null, 0, anchored("late-offer", trunkA.port(), "NONE"));
    ClientTransaction ct = pbxInvite(prefix + "2345", null);
    assertThat(body(trunkA.awaitRequest(Request.INVITE, 5))).isEmpty();
    Response ok = pbx.awaitResponse(200, 5);
    assertRelayAddress(body(ok), 44000);
    Dialog d = ct.getDialog();
    Request ack = d.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber());
    ack.setContent(sdp(45000, "RTP/AVP", ""), pbx.hf.createContentTypeHeader("application", "sdp"));
    d.sendAck(ack);
    assertRelayAddress(body(trunkA.awaitRequest(Request.ACK, 5)), 45000);
    pbx.bye(d);
    trunkA.awaitRequest(Request.BYE, 5);
  }

  @Test
  void aCancelWhileRingingDeletesTheSession() throws Exception {
    trunkA.onInvite((p, st) -> reply(p, st, 180, null));
    String prefix = route(null, 0, anchored("cancelled", trunkA.port(), "NONE"));
    ClientTransaction ct = pbxInvite(prefix + "2345", sdp(46000, "RTP/AVP", ""));
    pbx.awaitResponse(180, 5);
    assertThat(rtpengine().calls()).hasSize(1);
    pbx.cancel(ct);
    pbx.awaitResponse(487, 5);
    await().atMost(Duration.ofSeconds(5)).until(() -> rtpengine().calls().isEmpty());
  }

  /**
   * A trunk's SDES answer to {@code offer}: the trunk takes rtpengine's AES_CM_128_HMAC_SHA1_80 key
   * and answers with its own, {@code trunkKey}.
   */
  private static String sdesAnswer(String offer, RtpPeer trunkRtp, String trunkKey) {
    trunkRtp.receiveKey(new Srtp(Srtp.inlineKey(offer, AES80)));
    trunkRtp.sendKey(new Srtp(trunkKey));
    String crypto =
        "a=crypto:" + Srtp.cryptoTag(offer, AES80) + " " + AES80 + " inline:" + trunkKey + "\r\n";
    return sdp(trunkRtp.port(), "RTP/SAVP", crypto);
  }
}
