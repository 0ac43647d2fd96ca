package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stack bound to loopback but reachable elsewhere (a pod behind a public address): peers are told
 * the advertised address in Via, the bound one never appears, and answers to the request still find
 * their transaction when they come back to the bound socket.
 */
class AdvertisedAddressTest {
  Vertx vertx;
  SipStack stack;
  UdpPeer peer;
  final Fixture.Listener listener = new Fixture.Listener();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    SipStackOptions options =
        SipStackOptions.of("127.0.0.1", 0)
            .withTimers(Fixture.FAST)
            .withAdvertised(Transport.UDP, "198.18.7.1", 5999)
            .withAdvertised(Transport.TCP, "sip.example.net", 0);
    stack = await(SipStack.start(vertx, options, new Fixture.Recorder()));
    peer = new UdpPeer();
  }

  @AfterEach
  void stop() throws Exception {
    peer.close();
    await(stack.close());
    await(vertx.close());
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private SipMessage request(String method) {
    return SipMessage.request(method, "sip:bob@127.0.0.1:" + peer.port())
        .addHeader("From", "<sip:alice@198.18.7.1>;tag=" + SipStack.newTag())
        .addHeader("To", "<sip:bob@127.0.0.1>")
        .addHeader("Call-ID", stack.newCallId())
        .addHeader("CSeq", "1 " + method);
  }

  @Test
  void viaCarriesTheAdvertisedAddressWithRportAndTheAnswerFindsItsTransaction() throws Exception {
    stack.sendRequest(
        request("OPTIONS"), new Endpoint(Transport.UDP, "127.0.0.1", peer.port()), listener);
    SipMessage sent = peer.expect(2000);
    Via via = sent.topVia();
    assertThat(via.host()).isEqualTo("198.18.7.1");
    assertThat(via.port()).isEqualTo(5999);
    assertThat(via.param("rport")).isEmpty();
    assertThat(sent.toString()).doesNotContain("127.0.0.1:" + stack.port());
    // the peer answers where the packet came from (rport), i.e. to the bound socket
    SipMessage ok = sent.createResponse(200, "OK");
    ok.setHeader("To", sent.to().withTag("peer").toString());
    peer.send(ok, stack.port());
    assertThat(listener.responses.poll(5, TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  @Test
  void theAckForA2xxCarriesTheAdvertisedAddressToo() throws Exception {
    SipMessage ack = request("ACK");
    ack.setHeader("CSeq", "1 ACK");
    stack.sendStateless(ack, new Endpoint(Transport.UDP, "127.0.0.1", peer.port()));
    Via via = peer.expect(2000).topVia();
    assertThat(via.sentBy()).isEqualTo("198.18.7.1:5999");
  }

  @Test
  void sentByPerTransportKeepsTheBoundPortWhenNoneIsAdvertised() {
    InetSocketAddress udp = stack.sentBy(Transport.UDP);
    assertThat(udp.getHostString()).isEqualTo("198.18.7.1");
    assertThat(udp.getPort()).isEqualTo(5999);
    InetSocketAddress tcp = stack.sentBy(Transport.TCP);
    assertThat(tcp.getHostString()).isEqualTo("sip.example.net");
    assertThat(tcp.getPort()).isEqualTo(stack.port());
  }

  @Test
  void withoutAnAdvertisedAddressTheBoundOneIsUsed() throws Exception {
    Vertx v = Vertx.vertx();
    SipStack plain =
        await(SipStack.start(v, SipStackOptions.of("127.0.0.1", 0), new Fixture.Recorder()));
    try {
      assertThat(plain.sentBy(Transport.UDP).getHostString()).isEqualTo("127.0.0.1");
      assertThat(plain.sentBy(Transport.UDP).getPort()).isEqualTo(plain.port());
    } finally {
      await(plain.close());
      await(v.close());
    }
  }

  @Test
  void aWildcardCannotBeAdvertised() {
    assertThatThrownBy(
            () -> SipStackOptions.of("127.0.0.1", 0).withAdvertised(Transport.UDP, "0.0.0.0", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advertised UDP");
  }
}
