package io.trunkline.routing.warmup;

import io.trunkline.sip.Endpoint;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipHandler;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipStack;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's side of the warm-up calls, and the PBX's side of their in-dialog requests: answers
 * INVITE with 100, 180 and 200 (SDP), or with 503 when it plays a failing primary trunk and the
 * number ends in 0, so that the router's failover path runs too; answers BYE and anything else with
 * 200.
 */
final class FakeTrunk implements SipHandler {

  private static final byte[] SDP =
      ("v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
              + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final boolean refusesNumbersEndingInZero;
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  volatile String contact;

  FakeTrunk(boolean refusesNumbersEndingInZero) {
    this.refusesNumbersEndingInZero = refusesNumbersEndingInZero;
  }

  static byte[] sdp() {
    return SDP.clone();
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipMessage req = tx.request();
    if (!req.method().equals("INVITE")) {
      tx.respond(req.createResponse(200, "OK"));
      return;
    }
    tx.respond(req.createResponse(100, "Trying"));
    String uri = req.requestUri();
    int at = uri.indexOf('@');
    if (refusesNumbersEndingInZero && at > 0 && uri.charAt(at - 1) == '0') {
      refused.incrementAndGet();
      tx.respond(req.createResponse(503, "Service Unavailable"));
      return;
    }
    // 180 then 200, as providers answer: the router relays the provisional to the PBX too
    String to = req.to().withTag(SipStack.newTag()).toString();
    SipMessage ringing = req.createResponse(180, "Ringing");
    ringing.setHeader("To", to).addHeader("Contact", contact);
    tx.respond(ringing);
    SipMessage ok = req.createResponse(200, "OK");
    ok.setHeader("To", to).addHeader("Contact", contact);
    ok.setBody("application/sdp", sdp());
    answered.incrementAndGet();
    tx.respond(ok);
  }

  /** Only the warm-up's own router, on loopback, sends here. */
  @Override
  public boolean isTrustedSource(String ip) {
    return true;
  }

  // A warm-up call needs nothing of these: the router ACKs and never cancels.
  @Override
  public void onAck(SipMessage ack, Endpoint source) {}

  @Override
  public void onCancel(ServerTransaction invite) {}

  @Override
  public void onAckTimeout(ServerTransaction invite) {}
}
