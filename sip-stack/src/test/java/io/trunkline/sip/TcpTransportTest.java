package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP transport against raw sockets: framing, same-connection answers, connection reuse. */
class TcpTransportTest {
  Fixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
  }

  static String tcpRequest(String method, String branch, int port, String callId) {
    return Fixture.request(method, branch, port, callId, 1).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
  }

  @Test
  void requestOverTcpIsAnsweredOnTheSameConnection() throws Exception {
    f.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    try (TcpPeer peer = new TcpPeer(new Socket("127.0.0.1", f.port()))) {
      int localPort = peer.socket.getLocalPort();
      // sent-by names a port nobody listens on: the answer must use this connection
      String a = tcpRequest("OPTIONS", "z9hG4bK-t1", 5999, "c-t1");
      String b = tcpRequest("OPTIONS", "z9hG4bK-t2", 5999, "c-t2");
      String c = tcpRequest("OPTIONS", "z9hG4bK-t3", 5999, "c-t3");
      peer.send("\r\n\r\n" + a + b + c.substring(0, 40)); // ping, two coalesced, one split
      Thread.sleep(50);
      peer.send(c.substring(40));
      for (String callId : new String[] {"c-t1", "c-t2", "c-t3"}) {
        SipMessage r = peer.expect(3000);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.callId()).isEqualTo(callId);
        assertThat(r.topVia().param("received")).isNull();
      }
      assertThat(peer.pongBytes).isPositive();
      ServerTransaction tx = f.handler.requests.poll(1, TimeUnit.SECONDS);
      assertThat(tx.source()).isEqualTo(new Endpoint(Transport.TCP, "127.0.0.1", localPort));
      // timer J is 0 over TCP
      await().atMost(Duration.ofSeconds(1)).until(() -> f.stack.liveTransactions() == 0);
    }
  }

  @Test
  void oversizedMessageClosesTheConnection() throws Exception {
    try (TcpPeer peer = new TcpPeer(new Socket("127.0.0.1", f.port()))) {
      peer.send(
          tcpRequest("MESSAGE", "z9hG4bK-big", 5999, "c-big")
              .replace("Content-Length: 0", "Content-Length: 100000"));
      assertThat(peer.closedWithin(3000)).isTrue();
      assertThat(f.handler.requests).isEmpty();
    }
  }

  @Test
  void requestsToATcpPeerReuseOneConnectionAndGetItsAnswers() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      server.setSoTimeout(5000);
      Fixture.Listener listener = new Fixture.Listener();
      Endpoint dest = new Endpoint(Transport.TCP, "127.0.0.1", server.getLocalPort());
      f.stack.sendRequest(newOptions(), dest, listener);
      try (TcpPeer peer = new TcpPeer(server.accept())) {
        SipMessage options = peer.expect(3000);
        assertThat(options.topVia().transport()).isEqualTo("TCP");
        peer.send(ClientTransactionTest.reply(options, 200, "OK"));
        assertThat(listener.responses.poll(2, TimeUnit.SECONDS).status()).isEqualTo(200);

        f.stack.sendRequest(newOptions(), dest, listener);
        SipMessage second = peer.expect(3000); // same connection, no new accept
        peer.send(ClientTransactionTest.reply(second, 200, "OK"));
        assertThat(listener.responses.poll(2, TimeUnit.SECONDS).status()).isEqualTo(200);
        // no retransmissions over TCP
        assertThat(peer.receive(300)).isNull();
        await().atMost(Duration.ofSeconds(1)).until(() -> f.stack.liveTransactions() == 0);
        assertThat(f.stack.tcpConnections()).isEqualTo(1);
      }
    }
  }

  SipMessage newOptions() {
    return SipMessage.request("OPTIONS", "sip:peer@127.0.0.1")
        .addHeader("From", "<sip:a@127.0.0.1>;tag=" + SipStack.newTag())
        .addHeader("To", "<sip:peer@127.0.0.1>")
        .addHeader("Call-ID", f.stack.newCallId())
        .addHeader("CSeq", "1 OPTIONS");
  }
}
