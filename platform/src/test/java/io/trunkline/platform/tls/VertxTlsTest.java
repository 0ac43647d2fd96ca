package io.trunkline.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.platform.tls.TlsPeers.Handshake;
import io.trunkline.platform.tls.vertx.VertxTls;
import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TestCa.Issued;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared TLS setup applied to a Vert.x NetServer and NetClient, as the Vert.x SIP stack will
 * use them; a JSSE server shows what the Vert.x client sends (SNI).
 */
class VertxTlsTest {

  private static final String HOST = "sip.example.test";

  private static TestCa ca;
  private static SipTls clientTls;

  private Vertx vertx;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCa.create("Trunkline Test CA");
    clientTls = SipTls.create(TlsSettings.builder().trustCertificates(ca.caCertificate()).build());
  }

  @AfterAll
  static void removeCertificates() {
    ca.close();
  }

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static SipTls serverTls(Issued certificate) {
    return SipTls.create(
        TlsSettings.builder().certificate(certificate.chain(), certificate.privateKey()).build());
  }

  private InetSocketAddress vertxServer(Issued certificate) throws Exception {
    NetServer server =
        vertx.createNetServer(
            VertxTls.serverOptions(
                serverTls(certificate), new NetServerOptions().setHost("127.0.0.1").setPort(0)));
    server.connectHandler(socket -> socket.write("!"));
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new InetSocketAddress("127.0.0.1", server.actualPort());
  }

  /** Connects with a Vert.x client, reads the server's first byte and answers one. */
  private String exchange(InetSocketAddress server, boolean verify) throws Exception {
    NetClient client =
        vertx.createNetClient(VertxTls.clientOptions(clientTls, verify, new NetClientOptions()));
    try {
      BlockingQueue<Buffer> received = new LinkedBlockingQueue<>();
      // the handler is set on the event loop as the connection completes: no byte goes unseen
      NetSocket socket =
          client
              .connect(VertxTls.remoteAddress(server, HOST))
              .map(s -> s.handler(received::add))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      Buffer first = received.poll(10, TimeUnit.SECONDS);
      socket.write("?");
      return first == null ? null : first.toString();
    } finally {
      client.close();
    }
  }

  @Test
  void vertxServerAndClientShakeHands() throws Exception {
    assertThat(exchange(vertxServer(ca.issue(HOST)), true)).isEqualTo("!");
  }

  @Test
  void theVertxClientSendsTheServerNameAsSni() throws Exception {
    try (TlsPeers.Server server =
        new TlsPeers.Server(
            serverTls(ca.issue(HOST)).listen(new InetSocketAddress("127.0.0.1", 0)))) {
      assertThat(exchange(server.address(), true)).isEqualTo("!");
      Handshake seen = server.next();
      assertThat(seen.ok()).as("%s", seen).isTrue();
      assertThat(seen.sni()).containsExactly(HOST);
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    InetSocketAddress server = vertxServer(ca.issue("other.example.test", "127.0.0.1"));

    assertThatThrownBy(() -> exchange(server, true))
        .isInstanceOf(ExecutionException.class)
        .rootCause()
        .hasMessageContaining("No subject alternative DNS name matching " + HOST);
  }

  @Test
  void aSelfSignedCertificateIsRefused() throws Exception {
    InetSocketAddress server = vertxServer(ca.selfSigned(HOST));

    assertThatThrownBy(() -> exchange(server, true))
        .isInstanceOf(ExecutionException.class)
        .rootCause()
        .hasMessageContaining("unable to find valid certification path");
  }

  @Test
  void withoutVerificationAnyCertificateIsAcceptedStillWithSni() throws Exception {
    assertThat(exchange(vertxServer(ca.selfSigned("other.example.test")), false)).isEqualTo("!");
    try (TlsPeers.Server server =
        new TlsPeers.Server(
            serverTls(ca.expired("other.example.test"))
                .listen(new InetSocketAddress("127.0.0.1", 0)))) {
      assertThat(exchange(server.address(), false)).isEqualTo("!");
      assertThat(server.next().sni()).containsExactly(HOST);
    }
  }
}
