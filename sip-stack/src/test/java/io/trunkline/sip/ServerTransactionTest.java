package io.trunkline.sip;

import static io.trunkline.sip.Fixture.ack;
import static io.trunkline.sip.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Server transactions against a raw UDP peer (RFC 3261 17.2, RFC 6026, RFC 3581). */
class ServerTransactionTest extends UdpPeerTestBase {

  String invite(String branch, String callId) {
    return request("INVITE", branch, peer.port(), callId, 1);
  }

  @Test
  void inviteGets100TryingAndRetransmissionsAreAbsorbed() throws Exception {
    peer.send(invite("z9hG4bK-r1", "c-r1"), f.port());
    SipMessage trying = peer.expect(2000);
    assertThat(trying.status()).isEqualTo(100);
    assertThat(trying.to().tag()).isNull();
    assertThat(trying.callId()).isEqualTo("c-r1");
    peer.send(invite("z9hG4bK-r1", "c-r1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100); // last response resent
    assertThat(f.handler.requests.poll(2, TimeUnit.SECONDS)).isNotNull();
    assertThat(f.handler.requests.poll(200, TimeUnit.MILLISECONDS)).isNull(); // only once
    assertThat(f.stack.liveTransactions()).isEqualTo(1);
  }

  @Test
  void non2xxFinalIsRetransmittedUntilAck() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(486, "Busy Here"));
    peer.send(invite("z9hG4bK-b1", "c-b1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    SipMessage busy = peer.expect(2000);
    assertThat(busy.status()).isEqualTo(486);
    assertThat(busy.to().tag()).isNotNull(); // the stack adds a To tag
    List<SipMessage> again = peer.collect(300); // timer G: 50, 100, 200 ms
    assertThat(again).hasSizeGreaterThanOrEqualTo(2).allMatch(m -> m.status() == 486);
    assertThat(again.get(0).to().tag()).isEqualTo(busy.to().tag());
    peer.send(ack(busy, "z9hG4bK-b1", peer.port(), "c-b1", 1), f.port());
    peer.collect(100); // one may have been in flight
    assertThat(peer.collect(500)).isEmpty();
    assertThat(f.handler.acks).isEmpty(); // an ACK for a non-2xx is the transaction's
    await().atMost(Duration.ofSeconds(3)).until(() -> f.stack.liveTransactions() == 0);
  }

  @Test
  void twoXxIsRetransmittedUntilAckThenAckDeliveredOnce() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    peer.send(invite("z9hG4bK-o1", "c-o1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    SipMessage ok = peer.expect(2000);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(peer.collect(300)).hasSizeGreaterThanOrEqualTo(2).allMatch(m -> m.status() == 200);
    peer.send(invite("z9hG4bK-o1", "c-o1"), f.port()); // INVITE retransmission: the 2xx again
    assertThat(peer.expect(1000).status()).isEqualTo(200);
    String ack = ack(ok, "z9hG4bK-ack1", peer.port(), "c-o1", 1);
    peer.send(ack, f.port());
    peer.send(ack, f.port()); // a retransmitted ACK is absorbed
    SipMessage got = f.handler.acks.poll(2, TimeUnit.SECONDS);
    assertThat(got).isNotNull();
    assertThat(got.method()).isEqualTo("ACK");
    peer.collect(100);
    assertThat(peer.collect(500)).isEmpty(); // retransmissions stopped
    assertThat(f.handler.acks.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(f.handler.ackTimeouts).isEmpty();
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.liveTransactions() == 0);
    assertThat(f.handler.ackTimeouts).isEmpty();
  }

  @Test
  void anAnsweredAndAckedInviteLingersAsAKeyUntilTimerL() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    peer.send(invite("z9hG4bK-l1", "c-l1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    SipMessage ok = peer.expect(2000);
    peer.send(ack(ok, "z9hG4bK-lack", peer.port(), "c-l1", 1), f.port());
    assertThat(f.handler.acks.poll(2, TimeUnit.SECONDS)).isNotNull();
    peer.collect(100);
    // the transaction object is gone at once; its key absorbs what still comes
    await().atMost(Duration.ofSeconds(1)).until(() -> f.stack.liveTransactions() == 0);
    assertThat(f.stack.lingeringTransactions()).isEqualTo(1);
    peer.send(invite("z9hG4bK-l1", "c-l1"), f.port());
    peer.send(ack(ok, "z9hG4bK-lack", peer.port(), "c-l1", 1), f.port());
    assertThat(peer.collect(300)).isEmpty();
    assertThat(f.handler.acks).isEmpty();
    peer.send(request("CANCEL", "z9hG4bK-l1", peer.port(), "c-l1", 1), f.port());
    assertThat(peer.expect(1000).status()).isEqualTo(200); // RFC 3261 9.2: too late, but known
    assertThat(f.handler.cancels).isEmpty();
    assertThat(f.handler.requests).hasSize(1);
    // timer L (64*T1 = 3.2 s here), then the key is forgotten: the same INVITE is a new one
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.lingeringTransactions() == 0);
    peer.send(invite("z9hG4bK-l1", "c-l1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.handler.requests.size() == 2);
  }

  @Test
  void missingAckFiresOnAckTimeout() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    peer.send(invite("z9hG4bK-t1", "c-t1"), f.port());
    ServerTransaction tx = f.handler.ackTimeouts.poll(6, TimeUnit.SECONDS);
    assertThat(tx).isNotNull();
    assertThat(tx.request().callId()).isEqualTo("c-t1");
    // 100, the 2xx, then resent at 50, 100, 200, 200... ms (T1 doubling capped at T2) for 3.2 s
    List<SipMessage> received = peer.collect(200);
    assertThat(received.stream().filter(m -> m.status() == 200).count()).isBetween(12L, 20L);
    assertThat(peer.collect(500)).isEmpty();
    assertThat(f.stack.liveTransactions()).isZero();
  }

  @Test
  void cancelWithoutMatchingTransactionGets481() throws Exception {
    peer.send(request("CANCEL", "z9hG4bK-none", peer.port(), "c-none", 1), f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.status()).isEqualTo(481);
    assertThat(r.cseqMethod()).isEqualTo("CANCEL");
    assertThat(f.handler.cancels).isEmpty();
    assertThat(f.handler.requests).isEmpty();
  }

  @Test
  void cancelOfPendingInviteIsAnsweredAndReported() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(180, "Ringing"));
    f.handler.onCancel = tx -> tx.respond(tx.request().createResponse(487, "Request Terminated"));
    peer.send(invite("z9hG4bK-c1", "c-c1"), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    assertThat(peer.expect(2000).status()).isEqualTo(180);
    peer.send(request("CANCEL", "z9hG4bK-c1", peer.port(), "c-c1", 1), f.port());
    SipMessage first = peer.expect(2000);
    SipMessage second = peer.expect(2000);
    SipMessage cancelOk = first.cseqMethod().equals("CANCEL") ? first : second;
    SipMessage terminated = first == cancelOk ? second : first;
    assertThat(cancelOk.status()).isEqualTo(200);
    assertThat(terminated.status()).isEqualTo(487);
    assertThat(terminated.cseqMethod()).isEqualTo("INVITE");
    assertThat(f.handler.cancels).hasSize(1);
    peer.send(ack(terminated, "z9hG4bK-c1", peer.port(), "c-c1", 1), f.port());
    // a CANCEL after the final answer: 200 only, no onCancel
    peer.send(request("CANCEL", "z9hG4bK-c1", peer.port(), "c-c1", 1), f.port());
    peer.collect(300);
    assertThat(f.handler.cancels).hasSize(1);
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.liveTransactions() == 0);
  }

  @Test
  void rportAndReceivedAreAppliedAndUsedForTheResponse() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    // sent-by is a wrong address: the response must still reach the real source
    String options =
        request("OPTIONS", "z9hG4bK-rp1", peer.port(), "c-rp1", 1)
            .replace(
                "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=z9hG4bK-rp1",
                "Via: SIP/2.0/UDP 192.0.2.7:5999;branch=z9hG4bK-rp1;rport");
    peer.send(options, f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.topVia().param("received")).isEqualTo("127.0.0.1");
    assertThat(r.topVia().param("rport")).isEqualTo(String.valueOf(peer.port()));
    ServerTransaction tx = f.handler.requests.poll(1, TimeUnit.SECONDS);
    assertThat(tx.source()).isEqualTo(new Endpoint(Transport.UDP, "127.0.0.1", peer.port()));

    // no rport, sent-by host matches: no received, answer goes to the sent-by port
    peer.send(request("OPTIONS", "z9hG4bK-rp2", peer.port(), "c-rp2", 1), f.port());
    SipMessage plain = peer.expect(2000);
    assertThat(plain.topVia().param("received")).isNull();
    assertThat(plain.topVia().param("rport")).isNull();
  }

  @Test
  void badRequestGets400AndGarbageIsDropped() throws Exception {
    String noCallId =
        request("OPTIONS", "z9hG4bK-bad", peer.port(), "c-bad", 1)
            .replace("Call-ID: c-bad\r\n", "");
    peer.send(noCallId, f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Warning")).contains("missing Call-ID");
    String badFrom =
        request("OPTIONS", "z9hG4bK-bad2", peer.port(), "c-bad2", 1)
            .replace("From: <sip:alice@127.0.0.1>;tag=a1", "From: \"unterminated <sip:a@h>");
    peer.send(badFrom, f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(400);
    peer.send("this is not SIP\r\n\r\n", f.port());
    assertThat(peer.receive(300)).isNull();
    assertThat(f.handler.requests).isEmpty();
  }

  @Test
  void nonInviteRetransmissionGetsTheLastResponse() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    String bye = request("BYE", "z9hG4bK-n1", peer.port(), "c-n1", 2);
    peer.send(bye, f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(200);
    peer.send(bye, f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(200);
    assertThat(f.handler.requests).hasSize(1);
    // timer J = 64*T1 over UDP, kept by the linger table, not by a transaction
    assertThat(f.stack.liveTransactions()).isZero();
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.lingeringTransactions() == 0);
    peer.send(bye, f.port()); // forgotten: a new request now
    assertThat(peer.expect(2000).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.handler.requests.size() == 2);
  }

  @Test
  void rfc2543RequestsWithoutMagicCookieAreMatchedToo() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(486, "Busy Here"));
    String old = invite("old-style-1", "c-2543");
    peer.send(old, f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    SipMessage busy = peer.expect(2000);
    assertThat(busy.status()).isEqualTo(486);
    peer.send(old, f.port()); // retransmission: the 486 again, no new request
    peer.send(ack(busy, "old-style-1", peer.port(), "c-2543", 1), f.port());
    assertThat(peer.collect(300)).allMatch(m -> m.status() == 486);
    assertThat(peer.collect(400)).isEmpty(); // the ACK stopped timer G
    assertThat(f.handler.requests).hasSize(1);
  }

  @Test
  void aThrowingHandlerDoesNotBreakTheStack() throws Exception {
    f.handler.onRequest =
        tx -> {
          if (tx.request().callId().equals("c-boom")) {
            throw new IllegalStateException("boom");
          }
          tx.respond(tx.request().createResponse(200, "OK"));
        };
    peer.send(request("OPTIONS", "z9hG4bK-x1", peer.port(), "c-boom", 1), f.port());
    peer.send(request("OPTIONS", "z9hG4bK-x2", peer.port(), "c-fine", 1), f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.callId()).isEqualTo("c-fine");
    assertThat(r.status()).isEqualTo(200);
  }
}
