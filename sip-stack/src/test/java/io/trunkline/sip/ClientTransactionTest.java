package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Client transactions against a raw UDP peer (RFC 3261 17.1, 9.1, RFC 6026). */
class ClientTransactionTest extends UdpPeerTestBase {
  final Fixture.Listener listener = new Fixture.Listener();

  SipMessage newRequest(String method) {
    return SipMessage.request(method, "sip:bob@127.0.0.1:" + peer.port())
        .addHeader("From", "<sip:alice@127.0.0.1>;tag=" + SipStack.newTag())
        .addHeader("To", "<sip:bob@127.0.0.1>")
        .addHeader("Call-ID", f.stack.newCallId())
        .addHeader("CSeq", "1 " + method)
        .addHeader("Contact", "<sip:alice@127.0.0.1:" + f.port() + ">");
  }

  ClientTransaction send(SipMessage request) {
    return f.stack.sendRequest(
        request, new Endpoint(Transport.UDP, "127.0.0.1", peer.port()), listener);
  }

  /** The peer's response to a received request, with a To tag for non-100. */
  static SipMessage reply(SipMessage request, int status, String reason) {
    SipMessage r = request.createResponse(status, reason);
    if (status > 100) {
      r.setHeader("To", request.to().withTag("peer").toString());
    }
    return r;
  }

  @Test
  void inviteIsRetransmittedByTimerAUntilA1xx() throws Exception {
    send(newRequest("INVITE"));
    SipMessage first = peer.expect(2000); // "dropped"
    SipMessage again = peer.expect(1000);
    assertThat(again.topVia().branch()).isEqualTo(first.topVia().branch());
    assertThat(first.topVia().branch()).startsWith("z9hG4bK");
    assertThat(first.topVia().param("rport")).isEmpty();
    assertThat(first.header("Max-Forwards")).isEqualTo("70");
    peer.send(reply(again, 180, "Ringing"), f.port());
    assertThat(listener.responses.poll(2, TimeUnit.SECONDS).status()).isEqualTo(180);
    peer.collect(150); // one may have crossed the 180
    assertThat(peer.collect(600)).isEmpty();
  }

  @Test
  void timerBReportsTimeout() throws Exception {
    send(newRequest("INVITE"));
    List<SipMessage> copies = peer.collect(1000); // 0, 50, 150, 350, 750 ms
    assertThat(copies).hasSizeBetween(4, 6);
    assertThat(listener.timeouts.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(listener.responses).isEmpty();
    assertThat(f.stack.liveTransactions()).isZero();
  }

  @Test
  void ackIsSentForANon2xxFinal() throws Exception {
    send(newRequest("INVITE"));
    SipMessage invite = peer.expect(2000);
    SipMessage busy = reply(invite, 486, "Busy Here");
    peer.send(busy, f.port());
    SipMessage ack = peer.expect(1000);
    while (ack.method().equals("INVITE")) { // a retransmission that crossed the 486
      ack = peer.expect(1000);
    }
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(ack.headers("Via")).hasSize(1);
    assertThat(ack.to().tag()).isEqualTo("peer");
    assertThat(ack.cseq()).isEqualTo(1);
    assertThat(ack.cseqMethod()).isEqualTo("ACK");
    assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(486);
    peer.send(busy, f.port()); // retransmitted final: ACK again, not delivered again
    assertThat(peer.expect(1000).method()).isEqualTo("ACK");
    assertThat(listener.responses.poll(300, TimeUnit.MILLISECONDS)).isNull();
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.liveTransactions() == 0); // timer D
  }

  @Test
  void cancelWaitsForA1xxThenThe487IsAcked() throws Exception {
    ClientTransaction tx = send(newRequest("INVITE"));
    SipMessage invite = peer.expect(2000);
    tx.cancel(); // no 1xx yet: nothing may be sent
    for (SipMessage m : peer.collect(300)) {
      assertThat(m.method()).isEqualTo("INVITE");
    }
    peer.send(reply(invite, 180, "Ringing"), f.port());
    SipMessage cancel = peer.expect(1000);
    while (cancel.method().equals("INVITE")) {
      cancel = peer.expect(1000);
    }
    assertThat(cancel.method()).isEqualTo("CANCEL");
    assertThat(cancel.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(cancel.headers("Via")).hasSize(1);
    assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
    assertThat(cancel.callId()).isEqualTo(invite.callId());
    assertThat(cancel.header("From")).isEqualTo(invite.header("From"));
    assertThat(cancel.header("To")).isEqualTo(invite.header("To"));
    assertThat(cancel.cseq()).isEqualTo(invite.cseq());
    assertThat(cancel.cseqMethod()).isEqualTo("CANCEL");
    peer.send(reply(cancel, 200, "OK"), f.port());
    peer.send(reply(invite, 487, "Request Terminated"), f.port());
    SipMessage ack = peer.expect(1000);
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(180);
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(487);
    assertThat(listener.timeouts).isEmpty();
  }

  @Test
  void cancelAfterAFinalSendsNothing() throws Exception {
    ClientTransaction tx = send(newRequest("INVITE"));
    SipMessage invite = peer.expect(2000);
    tx.cancel();
    peer.send(reply(invite, 404, "Not Found"), f.port());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(404);
    for (SipMessage m : peer.collect(400)) {
      assertThat(m.method()).isIn("INVITE", "ACK");
    }
  }

  @Test
  void twoXxRetransmissionsReachTheListenerInAcceptedState() throws Exception {
    send(newRequest("INVITE"));
    SipMessage invite = peer.expect(2000);
    SipMessage ok = reply(invite, 200, "OK");
    peer.send(ok, f.port());
    peer.send(ok, f.port());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(200);
    for (SipMessage m : peer.collect(300)) {
      assertThat(m.method()).isEqualTo("INVITE"); // no ACK from the transaction for a 2xx
    }
    await().atMost(Duration.ofSeconds(6)).until(() -> f.stack.liveTransactions() == 0);
  }

  @Test
  void aDetachedAcceptedInviteEndsAtOnceAndLater2xxAreStray() throws Exception {
    ClientTransaction tx = send(newRequest("INVITE"));
    SipMessage invite = peer.expect(2000);
    SipMessage ok = reply(invite, 200, "OK");
    peer.send(ok, f.port());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(200);
    tx.detach();
    // well before timer M (64*T1 = 3.2 s here)
    await().atMost(Duration.ofMillis(500)).until(() -> f.stack.liveTransactions() == 0);
    peer.send(ok, f.port());
    SipMessage stray = f.handler.strays.poll(1, TimeUnit.SECONDS);
    assertThat(stray).isNotNull();
    assertThat(stray.status()).isEqualTo(200);
    assertThat(listener.responses).isEmpty();
  }

  @Test
  void nonInviteIsRetransmittedAndTimesOutWithTimerF() throws Exception {
    long start = System.nanoTime();
    send(newRequest("OPTIONS"));
    assertThat(listener.timeouts.poll(6, TimeUnit.SECONDS)).isNotNull();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isBetween(3000L, 4500L); // 64*T1 = 3.2 s
    List<SipMessage> copies = peer.collect(100);
    // 0, 50, 150, 350, then every T2 (200 ms) up to 3.2 s: about 18
    assertThat(copies).hasSizeBetween(12, 20).allMatch(m -> m.method().equals("OPTIONS"));
    assertThat(f.stack.liveTransactions()).isZero();
  }

  @Test
  void nonInviteFinalResponseIsDeliveredOnce() throws Exception {
    send(newRequest("OPTIONS"));
    SipMessage options = peer.expect(2000);
    peer.send(reply(options, 100, "Trying"), f.port());
    SipMessage ok = reply(options, 200, "OK");
    peer.send(ok, f.port());
    peer.send(ok, f.port());
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(100);
    assertThat(listener.responses.poll(1, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(listener.responses.poll(300, TimeUnit.MILLISECONDS)).isNull();
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.liveTransactions() == 0); // timer K
    peer.send(ok, f.port()); // now nobody's: a stray response
    assertThat(f.handler.strays.poll(1, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void connectionRefusedIsATransportError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    f.stack.sendRequest(
        newRequest("OPTIONS"), new Endpoint(Transport.TCP, "127.0.0.1", closedPort), listener);
    assertThat(listener.errors.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(listener.timeouts).isEmpty();
    await().atMost(Duration.ofSeconds(1)).until(() -> f.stack.liveTransactions() == 0);
  }

  @Test
  void unresolvableHostIsATransportError() throws Exception {
    f.stack.sendRequest(
        newRequest("OPTIONS"), new Endpoint(Transport.UDP, "no-such-host.invalid", 5060), listener);
    assertThat(listener.errors.poll(10, TimeUnit.SECONDS)).isNotNull();
    await().atMost(Duration.ofSeconds(1)).until(() -> f.stack.liveTransactions() == 0);
  }
}
