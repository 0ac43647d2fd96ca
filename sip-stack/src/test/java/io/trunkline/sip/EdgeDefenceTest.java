package io.trunkline.sip;

import static io.trunkline.sip.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile UDP peer can make the stack do: stateless answers decided before any state, rate
 * limiting with a ban, 503 above the caps, answers only where the stack says, responses only from
 * where the request went, 400 for requests over a parsing cap.
 */
class EdgeDefenceTest {
  Fixture f;
  UdpPeer peer;

  void start(SipLimits limits) throws Exception {
    f = new Fixture(limits);
    peer = new UdpPeer();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (peer != null) {
      peer.close();
    }
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aRefusedInviteIsAnsweredOnceStatelesslyAndLeavesNothing() throws Exception {
    start(SipLimits.defaults());
    f.handler.admit = (m, s) -> Admission.respond(403, "Forbidden");
    String invite = request("INVITE", "z9hG4bK-s1", peer.port(), "c-s1", 1);
    peer.send(invite, f.port());
    SipMessage first = peer.expect(2000);
    assertThat(first.status()).isEqualTo(403); // no 100 Trying before it
    assertThat(first.to().tag()).isNotNull();
    peer.send(invite, f.port()); // the same INVITE again: the same answer, once
    SipMessage again = peer.expect(2000);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.to().tag()).isEqualTo(first.to().tag());
    assertThat(peer.collect(700)).isEmpty(); // never retransmitted (timer G would be at 50 ms)
    assertThat(f.handler.requests).isEmpty();
    assertThat(f.stack.liveTransactions()).isZero();
    assertThat(f.stack.lingeringTransactions()).isZero();
  }

  @Test
  void aDroppedRequestGetsNoAnswerAtAll() throws Exception {
    start(SipLimits.defaults());
    f.handler.admit = (m, s) -> Admission.DROP;
    for (int i = 0; i < 20; i++) {
      peer.send(request("INVITE", "z9hG4bK-d" + i, peer.port(), "c-d" + i, 1), f.port());
    }
    peer.send(request("OPTIONS", "z9hG4bK-d-o", peer.port(), "c-d-o", 1), f.port());
    assertThat(peer.collect(500)).isEmpty();
    assertThat(f.stack.liveTransactions()).isZero();
    assertThat(f.stack.lingeringTransactions()).isZero();
  }

  @Test
  void aSourceOverItsRateIsBannedThenHeardAgain() throws Exception {
    start(SipLimits.builder().ratePerSource(5).banTime(Duration.ofMillis(1500)).build());
    f.handler.trusted = ip -> false;
    f.handler.admit = (m, s) -> Admission.respond(200, "OK");
    for (int i = 0; i < 30; i++) {
      peer.send(request("OPTIONS", "z9hG4bK-r" + i, peer.port(), "c-r" + i, 1), f.port());
    }
    List<SipMessage> answers = peer.collect(500);
    assertThat(answers).hasSizeBetween(5, 10); // 5 per second; the burst straddled one window
    assertThat(f.handler.rejections).contains(Rejection.RATE);
    long rate = f.handler.rejections.stream().filter(r -> r == Rejection.RATE).count();
    assertThat(rate + answers.size()).isEqualTo(30);
    // banned: even a single request a second later is dropped
    Thread.sleep(600);
    peer.send(request("OPTIONS", "z9hG4bK-r-late", peer.port(), "c-r-late", 1), f.port());
    assertThat(peer.collect(300)).isEmpty();
    // after the ban, heard again
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              peer.send(request("OPTIONS", "z9hG4bK-r-after", peer.port(), "c-ra", 1), f.port());
              return peer.receive(250) != null;
            });
  }

  @Test
  void aTrustedSourceIsNeverRateLimited() throws Exception {
    start(SipLimits.builder().ratePerSource(5).build());
    f.handler.admit = (m, s) -> Admission.respond(200, "OK");
    for (int i = 0; i < 40; i++) {
      peer.send(request("OPTIONS", "z9hG4bK-t" + i, peer.port(), "c-t" + i, 1), f.port());
    }
    assertThat(peer.collect(800)).hasSize(40);
    assertThat(f.handler.rejections).isEmpty();
  }

  @Test
  void newInvitesGet503AboveTheTransactionCapWhileDialogsGoOn() throws Exception {
    start(SipLimits.builder().maxTransactions(4).retryAfter(Duration.ofSeconds(7)).build());
    // INVITEs the TU keeps unanswered: each holds a transaction
    for (int i = 0; i < 4; i++) {
      peer.send(request("INVITE", "z9hG4bK-c" + i, peer.port(), "c-c" + i, 1), f.port());
      assertThat(peer.expect(2000).status()).isEqualTo(100);
    }
    assertThat(f.stack.liveTransactions()).isEqualTo(4);
    peer.send(request("INVITE", "z9hG4bK-c9", peer.port(), "c-c9", 1), f.port());
    SipMessage busy = peer.expect(2000);
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.header("Retry-After")).isEqualTo("7");
    assertThat(f.handler.rejections).containsExactly(Rejection.OVERLOAD);
    assertThat(f.stack.liveTransactions()).isEqualTo(4); // no state for the refused one
    // a request inside a dialog (To tag) still gets its transaction, up to the headroom
    f.handler.onRequest =
        tx -> {
          if (tx.request().method().equals("BYE")) {
            tx.respond(tx.request().createResponse(200, "OK"));
          }
        };
    String bye =
        request("BYE", "z9hG4bK-c-bye", peer.port(), "c-c0", 2)
            .replace("To: <sip:bob@127.0.0.1>", "To: <sip:bob@127.0.0.1>;tag=b1");
    peer.send(bye, f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(200);
  }

  @Test
  void newInvitesGet503AboveTheLingeringCap() throws Exception {
    start(SipLimits.builder().maxLingering(3).build());
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    for (int i = 0; i < 3; i++) { // answered OPTIONS linger (timer J) as keys
      peer.send(request("OPTIONS", "z9hG4bK-l" + i, peer.port(), "c-l" + i, 1), f.port());
      assertThat(peer.expect(2000).status()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.lingeringTransactions() == 3);
    peer.send(request("INVITE", "z9hG4bK-l9", peer.port(), "c-l9", 1), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(503);
    assertThat(f.handler.requests).hasSize(3);
  }

  @Test
  void anInviteTheTuNeverAnswersGets500AndEnds() throws Exception {
    start(SipLimits.defaults());
    f.stack.core().timerC = 400; // 3 minutes in service
    peer.send(request("INVITE", "z9hG4bK-g1", peer.port(), "c-g1", 1), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(100);
    SipMessage r = peer.expect(3000);
    assertThat(r.status()).isEqualTo(500);
    peer.send(Fixture.ack(r, "z9hG4bK-g1", peer.port(), "c-g1", 1), f.port());
    await().atMost(Duration.ofSeconds(5)).until(() -> f.stack.liveTransactions() == 0);
  }

  @Test
  void aRequestWithAControlCharacterInAHeaderIsAnswered400() throws Exception {
    start(SipLimits.defaults());
    String nul =
        request("INVITE", "z9hG4bK-n1", peer.port(), "c-n1", 1)
            .replace("To: <sip:bob@127.0.0.1>", "To: \u0000sip:bob@127.0.0.1>");
    peer.send(nul, f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Warning")).contains("control character").doesNotContain("\u0000");
    assertThat(f.handler.requests).isEmpty();
    assertThat(f.stack.liveTransactions()).isZero();
  }

  @Test
  void anUnmatchedCancelIsAnswered481WithoutState() throws Exception {
    start(SipLimits.defaults());
    peer.send(request("CANCEL", "z9hG4bK-x1", peer.port(), "c-x1", 1), f.port());
    assertThat(peer.expect(2000).status()).isEqualTo(481);
    assertThat(f.stack.liveTransactions()).isZero();
    assertThat(f.stack.lingeringTransactions()).isZero();
  }

  @Test
  void aForgedReceivedIsIgnored() throws Exception {
    start(SipLimits.defaults());
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    try (DatagramSocket elsewhere =
        new DatagramSocket(new InetSocketAddress("127.0.0.3", peer.port()))) {
      elsewhere.setSoTimeout(500);
      String options =
          request("OPTIONS", "z9hG4bK-f1", peer.port(), "c-f1", 1)
              .replace(";branch=z9hG4bK-f1", ";branch=z9hG4bK-f1;received=127.0.0.3");
      peer.send(options, f.port());
      SipMessage ok = peer.expect(2000); // at the real source ...
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.topVia().param("received")).isNull(); // sent-by = source: none added
      byte[] buf = new byte[4096];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      boolean reflected;
      try {
        elsewhere.receive(p); // ... and nothing where received= pointed
        reflected = true;
      } catch (SocketTimeoutException e) {
        reflected = false;
      }
      assertThat(reflected).as("answer sent to the forged received=").isFalse();
    }
  }

  @Test
  void aResponseFromAnotherAddressIsDropped() throws Exception {
    start(SipLimits.defaults());
    Fixture.Listener listener = new Fixture.Listener();
    SipMessage options = SipMessage.request("OPTIONS", "sip:trunk@127.0.0.1:" + peer.port());
    options.addHeader("From", "<sip:us@127.0.0.1>;tag=u1").addHeader("To", "<sip:t@127.0.0.1>");
    options.addHeader("Call-ID", "c-w1").addHeader("CSeq", "1 OPTIONS");
    f.stack.sendRequest(options, new Endpoint(Transport.UDP, "127.0.0.1", peer.port()), listener);
    SipMessage req = peer.expect(2000);
    SipMessage forged = req.createResponse(200, "OK");
    forged.setHeader("To", "<sip:t@127.0.0.1>;tag=forged");
    try (DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.4", 0));
        DatagramSocket samePortOtherSocket =
            new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      byte[] b = forged.encode();
      other.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), f.port()));
      samePortOtherSocket.send(
          new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), f.port()));
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> f.handler.rejections.size() == 2);
    assertThat(f.handler.rejections).containsOnly(Rejection.RESPONSE_SOURCE);
    assertThat(listener.responses.poll(200, TimeUnit.MILLISECONDS)).isNull();
    SipMessage real = req.createResponse(200, "OK");
    real.setHeader("To", "<sip:t@127.0.0.1>;tag=real");
    peer.send(real, f.port());
    SipMessage got = listener.responses.poll(2, TimeUnit.SECONDS);
    assertThat(got.to().tag()).isEqualTo("real");
  }

  @Test
  void aRequestOverAParsingCapIsAnswered400OrDropped() throws Exception {
    start(SipLimits.builder().maxHeaders(12).build());
    String many =
        request("OPTIONS", "z9hG4bK-h1", peer.port(), "c-h1", 1)
            .replace("Content-Length: 0\r\n", "X-Pad: 1\r\n".repeat(20) + "Content-Length: 0\r\n");
    peer.send(many, f.port());
    SipMessage r = peer.expect(2000);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Warning")).contains("more than 12 header lines");
    // without a Via before the cap there is nobody to answer
    String noVia =
        "OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n"
            + "X-Pad: 1\r\n".repeat(20)
            + "Via: SIP/2.0/UDP "
            + "127.0.0.1:"
            + peer.port()
            + ";branch=z9hG4bK-h2\r\n\r\n";
    peer.send(noVia, f.port());
    assertThat(peer.collect(500)).isEmpty();
    assertThat(f.handler.malformed).hasSize(2);
    assertThat(f.handler.requests).isEmpty();
  }

  @Test
  void idsAreLongHexAndNeverRepeat() throws Exception {
    start(SipLimits.defaults());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      assertThat(seen.add(SipStack.newTag())).isTrue();
      assertThat(seen.add(SipStack.newBranch())).isTrue();
    }
    assertThat(SipStack.newTag()).matches("[0-9a-f]{16}");
    assertThat(SipStack.newBranch()).matches("z9hG4bK[0-9a-f]{16}");
    assertThat(f.stack.newCallId()).matches("[0-9a-f]{32}");
  }
}
