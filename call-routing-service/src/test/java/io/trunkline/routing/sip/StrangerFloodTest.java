package io.trunkline.routing.sip;

import static io.trunkline.routing.StateFeeder.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.routing.EdgeTestProfile;
import io.trunkline.routing.SipTestProfile;
import io.trunkline.sip.SipMessage;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Strangers flooding INVITEs get one stateless 403 per datagram (or, over their rate, nothing) and
 * leave no state; Via received= from a peer is never a destination; a response from another address
 * than the trunk's is ignored.
 */
@QuarkusTest
@TestProfile(EdgeTestProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StrangerFloodTest extends EdgeAbuseSupport {

  static final int SOURCES = 100;
  static final int PER_SOURCE = 40; // under the per-source rate of 100/s
  static final int FROM_ONE = 2000; // far over it

  @Test
  @Order(1)
  void aFloodOfStrangerInvitesIsAnsweredAtMostOnceEachAndLeavesNoState() throws Exception {
    await() // what earlier tests left lingers 64*T1 = 6.4 s
        .atMost(Duration.ofSeconds(30))
        .until(() -> sip.liveTransactions() == 0 && sip.lingeringTransactions() == 0);
    double sourceBefore = rejected("source");
    double rateBefore = rejected("rate");
    Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    List<String> notForbidden = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<DatagramSocket> sockets = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    try {
      for (int i = 0; i <= SOURCES; i++) {
        DatagramSocket s = udp("127.0.0." + (100 + i)); // 127.0.0.200 floods alone
        sockets.add(s);
        Thread t = new Thread(() -> read(s, reading, answers, notForbidden));
        t.start();
        readers.add(t);
      }
      for (int round = 0; round < PER_SOURCE; round++) {
        for (int i = 0; i < SOURCES; i++) {
          send(sockets.get(i), invite(sockets.get(i), "many-" + i + "-" + round));
        }
      }
      DatagramSocket one = sockets.get(SOURCES);
      for (int k = 0; k < FROM_ONE; k++) {
        send(one, invite(one, "one-" + k));
      }
      Thread.sleep(2500); // a stateful 403 would be resent at 0.1, 0.2, 0.4, 0.8, 1.6 s
    } finally {
      reading.set(false);
      for (Thread t : readers) {
        t.join(2000);
      }
      sockets.forEach(DatagramSocket::close);
    }
    assertThat(notForbidden).as("anything but one 403 per INVITE (100 Trying...)").isEmpty();
    assertThat(answers.values()).allMatch(n -> n.get() == 1);
    long many = answers.keySet().stream().filter(k -> k.startsWith("many-")).count();
    long fromOne = answers.keySet().stream().filter(k -> k.startsWith("one-")).count();
    System.out.printf(
        "stranger flood: %d/%d INVITEs from %d sources answered 403; %d/%d from one source"
            + " (then banned)%n",
        many, SOURCES * PER_SOURCE, SOURCES, fromOne, FROM_ONE);
    assertThat(many).isGreaterThanOrEqualTo(SOURCES * PER_SOURCE * 99L / 100);
    assertThat(fromOne).isBetween(1L, 200L); // 100 a second, then nothing for the ban time
    double counted = rejected("source") - sourceBefore + rejected("rate") - rateBefore;
    assertThat(counted)
        .isBetween(
            0.99 * (SOURCES * PER_SOURCE + FROM_ONE), 1.0 * (SOURCES * PER_SOURCE + FROM_ONE));
    assertThat(sip.liveTransactions()).isZero();
    assertThat(sip.lingeringTransactions()).isZero();
    assertThat(sip.dialogs()).isZero();
    assertThat(b2bua.activeCalls()).isZero();
  }

  private static String invite(DatagramSocket from, String callId) {
    String via = from.getLocalAddress().getHostAddress() + ":" + from.getLocalPort();
    return request(
        "INVITE", "sip:4420712345@127.0.0.1:" + SipTestProfile.SIP_PORT, via, callId, "");
  }

  private static void read(
      DatagramSocket s,
      AtomicBoolean reading,
      Map<String, AtomicInteger> answers,
      List<String> unexpected) {
    try {
      while (reading.get()) {
        String r = receive(s, 100);
        if (r == null) {
          continue;
        }
        SipMessage m = SipMessage.parse(r.getBytes(StandardCharsets.ISO_8859_1));
        answers.computeIfAbsent(m.callId(), k -> new AtomicInteger()).incrementAndGet();
        if (m.status() != 403) {
          unexpected.add(m.status() + " " + m.callId());
        }
      }
    } catch (Exception e) {
      if (reading.get()) {
        unexpected.add(e.toString());
      }
    }
  }

  @Test
  @Order(2)
  void aReceivedParameterFromThePeerIsNeverUsedAsDestination() throws Exception {
    try (DatagramSocket peer = udp("127.0.0.1");
        DatagramSocket target =
            new DatagramSocket(new java.net.InetSocketAddress("127.0.0.3", 0))) {
      String via = "127.0.0.1:" + peer.getLocalPort();
      String forged = ";received=127.0.0.3";
      String forgedRport = ";rport;received=127.0.0.3";
      // sent-by = the real source, no rport: the RFC 3261 case a forged received= once redirected
      String uri = "sip:127.0.0.1:" + SipTestProfile.SIP_PORT;
      send(peer, request("OPTIONS", uri, via, "recv-1", forged));
      send(peer, request("OPTIONS", uri, via, "recv-2", forgedRport));
      // and through a transaction: an INVITE from the PBX to a number no rule routes (100, 404)
      send(peer, request("INVITE", "sip:5550000@127.0.0.1", via, "recv-3", forged));
      List<String> got = new ArrayList<>();
      String r;
      while ((r = receive(peer, 1500)) != null && got.size() < 10) {
        got.add(r.substring(0, r.indexOf('\r')) + " " + callIdOf(r));
      }
      assertThat(got)
          .contains(
              "SIP/2.0 200 OK recv-1", "SIP/2.0 200 OK recv-2", "SIP/2.0 404 Not Found recv-3");
      assertThat(receive(target, 300)).as("answer sent where received= pointed").isNull();
      send(peer, request("ACK", "sip:5550000@127.0.0.1", via, "recv-3", forged));
    }
  }

  private static String callIdOf(String message) {
    int i = message.indexOf("Call-ID: ");
    return message.substring(i + 9, message.indexOf('\r', i));
  }

  @Test
  @Order(3)
  void aResponseFromAnotherAddressThanTheTrunksIsIgnored() throws Exception {
    try (DatagramSocket trunkSocket = udp("127.0.0.1");
        DatagramSocket forgerElsewhere = udp("127.0.0.9");
        DatagramSocket forgerSameHost = udp("127.0.0.1")) {
      String prefix = route(null, 0, trunk("raw-trunk", trunkSocket.getLocalPort()));
      double before = rejected("response_source");
      ClientTransaction ct = pbx.invite("101", prefix + "2345", SipTestProfile.SIP_PORT);
      String pbxCallId = SipTestPeer.callId(ct.getRequest());
      SipMessage invite = receiveMethod(trunkSocket, "INVITE");
      int trunkPort = trunkSocket.getLocalPort();
      // the real trunk rings (within the 1 s no-provisional timeout), then two forgers answer 200
      send(trunkSocket, answer(invite, 180, "real", trunkPort).encode());
      byte[] forged = answer(invite, 200, "forged", trunkPort).encode();
      send(forgerElsewhere, forged);
      send(forgerSameHost, forged);
      await().atMost(Duration.ofSeconds(2)).until(() -> rejected("response_source") >= before + 2);
      assertThat(pbx.responses.stream().anyMatch(x -> x.getStatusCode() == 200)).isFalse();
      // the real trunk answers: that call goes on as usual
      send(trunkSocket, answer(invite, 200, "real", trunkPort).encode());
      javax.sip.message.Response ok = awaitResponse(pbxCallId, 200, "INVITE");
      pbx.ack(ct, ok);
      SipMessage ack = receiveMethod(trunkSocket, "ACK");
      assertThat(ack.to().tag()).isEqualTo("real"); // the dialog is the real trunk's
      pbx.bye(ct.getDialog());
      SipMessage bye = receiveMethod(trunkSocket, "BYE");
      send(trunkSocket, bye.createResponse(200, "OK").encode());
      awaitResponse(pbxCallId, 200, "BYE");
      assertThat(rejected("response_source")).isEqualTo(before + 2);
    }
  }

  /** The trunk's answer; its Contact (where ACK and BYE go) is the real trunk in every case. */
  private static SipMessage answer(SipMessage invite, int status, String tag, int trunkPort) {
    SipMessage r = invite.createResponse(status, status == 200 ? "OK" : "Ringing");
    r.setHeader("To", invite.to().withTag(tag).toString());
    r.setHeader("Contact", "<sip:trunk@127.0.0.1:" + trunkPort + ">");
    if (status == 200) {
      r.setBody("application/sdp", SipTestPeer.SDP.getBytes(StandardCharsets.US_ASCII));
    }
    return r;
  }

  /** The next request with this method at a raw peer (retransmissions of others skipped). */
  private static SipMessage receiveMethod(DatagramSocket s, String method) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end) {
      String r = receive(s, 500);
      if (r != null) {
        SipMessage m = SipMessage.parse(r.getBytes(StandardCharsets.ISO_8859_1));
        if (method.equals(m.method())) {
          return m;
        }
      }
    }
    throw new AssertionError("no " + method + " at the raw trunk");
  }
}
