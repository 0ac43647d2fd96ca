package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound TCP connections: total and per-source caps, slow and silent connections closed. */
class ConnectionCapsTest {
  Fixture f;
  final List<TcpPeer> peers = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (TcpPeer p : peers) {
      p.close();
    }
    if (f != null) {
      f.close();
    }
  }

  TcpPeer connect(String from) throws Exception {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress("127.0.0.1", f.port()), 2000);
    TcpPeer p = new TcpPeer(s);
    peers.add(p);
    return p;
  }

  static String options(String branch, String callId) {
    return TcpTransportTest.tcpRequest("OPTIONS", branch, 5999, callId);
  }

  @Test
  void connectionsOverThePerSourceAndTotalCapsAreClosedAtOnce() throws Exception {
    f =
        new Fixture(
            SipLimits.builder()
                .maxConnections(5)
                .maxConnectionsPerSource(3)
                .messageTimeout(Duration.ofSeconds(30))
                .build());
    for (int i = 0; i < 3; i++) {
      connect("127.0.0.5");
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.inboundConnections() == 3);
    TcpPeer fourth = connect("127.0.0.5");
    assertThat(fourth.closedWithin(2000)).isTrue();
    connect("127.0.0.6");
    connect("127.0.0.6");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.inboundConnections() == 5);
    TcpPeer sixth = connect("127.0.0.7");
    assertThat(sixth.closedWithin(2000)).isTrue();
    await().atMost(Duration.ofSeconds(2)).until(() -> f.handler.rejections.size() == 2);
    assertThat(f.handler.rejections).containsOnly(Rejection.CONNECTIONS);
    // the admitted ones still work
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    peers.get(0).send(options("z9hG4bK-cc1", "c-cc1"));
    assertThat(peers.get(0).expect(2000).status()).isEqualTo(200);
    // a closed one frees its slot
    peers.get(4).close();
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.inboundConnections() == 4);
    TcpPeer again = connect("127.0.0.7");
    assertThat(again.closedWithin(500)).isFalse();
  }

  @Test
  void silentAndTricklingConnectionsAreClosedAfterTheMessageTimeout() throws Exception {
    f = new Fixture(SipLimits.builder().messageTimeout(Duration.ofMillis(800)).build());
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    TcpPeer silent = connect("127.0.0.1");
    TcpPeer pingOnly = connect("127.0.0.1");
    TcpPeer trickle = connect("127.0.0.1");
    TcpPeer good = connect("127.0.0.1");
    good.send(options("z9hG4bK-g1", "c-g1"));
    assertThat(good.expect(2000).status()).isEqualTo(200);
    String msg = options("z9hG4bK-tr", "c-tr");
    long end = System.nanoTime() + Duration.ofMillis(1600).toNanos();
    int sent = 0;
    boolean trickleClosed = false;
    while (System.nanoTime() < end && !trickleClosed) {
      try {
        trickle.send(msg.substring(sent, sent + 1)); // one byte every 50 ms
        sent++;
        pingOnly.send("\r\n\r\n");
        good.send("\r\n\r\n"); // a keep-alive after a message keeps a connection
      } catch (java.io.IOException e) {
        trickleClosed = true;
      }
      Thread.sleep(50);
    }
    assertThat(silent.closedWithin(500)).isTrue();
    assertThat(trickle.closedWithin(500)).isTrue();
    assertThat(pingOnly.closedWithin(500)).isTrue(); // keep-alives are not a message
    assertThat(good.closedWithin(300)).isFalse();
    good.send(options("z9hG4bK-g2", "c-g2"));
    SipMessage r = good.expect(2000);
    assertThat(r.callId()).isEqualTo("c-g2");
    await().atMost(Duration.ofSeconds(2)).until(() -> f.handler.rejections.size() == 3);
    assertThat(f.handler.rejections).containsOnly(Rejection.SLOW_CONNECTION);
    await().atMost(Duration.ofSeconds(2)).until(() -> f.stack.inboundConnections() == 1);
  }
}
