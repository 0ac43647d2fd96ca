package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.platform.tls.SipTls;
import io.trunkline.platform.tls.TlsSettings;
import io.trunkline.platform.tls.vertx.VertxTls;
import io.trunkline.testsupport.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIP over TLS between two stacks on 127.0.0.1, with certificates from a CA made for the test: the
 * server's certificate names {@code trunk.test} and the client reaches it by IP with that name as
 * its peer name (what a trunk whose host was resolved looks like).
 */
class TlsTransportTest {
  static TestCa ca;
  static TestCa otherCa;
  Fixture client;
  Fixture server;

  @BeforeAll
  static void makeCas() {
    ca = TestCa.create("Trunkline test CA");
    otherCa = TestCa.create("Some other CA");
  }

  @AfterAll
  static void dropCas() {
    ca.close();
    otherCa.close();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A stack that trusts {@link #ca} and listens for TLS with a certificate from issuer. */
  static Fixture stack(TestCa issuer, String... names) throws Exception {
    TlsSettings.Builder b = TlsSettings.builder().trustCertificates(ca.caCertificate());
    if (names.length > 0) {
      TestCa.Issued cert = issuer.issue(names);
      b.certificate(cert.chain(), cert.privateKey());
    }
    SipTls tls = SipTls.create(b.build());
    SipTlsOptions options =
        new SipTlsOptions(
            0,
            names.length > 0 ? VertxTls.serverOptions(tls, new NetServerOptions()) : null,
            VertxTls.clientOptions(tls, true, new NetClientOptions()),
            VertxTls.clientOptions(tls, false, new NetClientOptions()),
            VertxTls::remoteAddress);
    return new Fixture(
        Vertx.vertx(),
        SipStackOptions.of("127.0.0.1", 0).withTimers(Fixture.FAST).withTls(options));
  }

  SipMessage options() {
    return SipMessage.request("OPTIONS", "sip:peer@trunk.test;transport=tls")
        .addHeader("From", "<sip:a@127.0.0.1>;tag=" + SipStack.newTag())
        .addHeader("To", "<sip:peer@trunk.test>")
        .addHeader("Call-ID", client.stack.newCallId())
        .addHeader("CSeq", "1 OPTIONS");
  }

  SipMessage send(Endpoint dest, Fixture.Listener listener) {
    SipMessage request = options();
    client.stack.sendRequest(request, dest, listener);
    return request;
  }

  @Test
  void requestsOverTlsAreAnsweredAndShareOneConnection() throws Exception {
    server = stack(ca, "trunk.test");
    server.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    client = stack(ca);
    Endpoint dest = Endpoint.tls("127.0.0.1", server.stack.tlsPort(), "trunk.test", true);
    for (int i = 0; i < 3; i++) {
      Fixture.Listener listener = new Fixture.Listener();
      SipMessage sent = send(dest, listener);
      SipMessage answer = listener.responses.poll(10, TimeUnit.SECONDS);
      assertThat(answer).as("answer %d (errors: %s)", i, listener.errors).isNotNull();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(sent.topVia().transport()).isEqualTo("TLS");
      ServerTransaction tx = server.handler.requests.poll(1, TimeUnit.SECONDS);
      assertThat(tx.source().transport()).isEqualTo(Transport.TLS);
    }
    assertThat(server.stack.inboundConnections()).isEqualTo(1);
    assertThat(server.stack.tlsPort()).isNotEqualTo(server.stack.port());
  }

  /** A client that verifies trunk.test against the test CA refuses the server's certificate. */
  private void assertRefusedByAVerifyingClient(TestCa serverCa, String serverName)
      throws Exception {
    server = stack(serverCa, serverName);
    client = stack(ca);
    Fixture.Listener listener = new Fixture.Listener();
    send(Endpoint.tls("127.0.0.1", server.stack.tlsPort(), "trunk.test", true), listener);
    Throwable error = listener.errors.poll(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(SSLHandshakeException.class);
    assertThat(server.handler.requests).isEmpty();
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    assertRefusedByAVerifyingClient(otherCa, "trunk.test");
  }

  @Test
  void aCertificateForAnotherNameIsRefused() throws Exception {
    assertRefusedByAVerifyingClient(ca, "other.test");
  }

  @Test
  void withoutVerificationAnyCertificateIsAccepted() throws Exception {
    server = stack(otherCa, "other.test");
    server.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    client = stack(ca);
    Fixture.Listener listener = new Fixture.Listener();
    send(Endpoint.tls("127.0.0.1", server.stack.tlsPort(), "trunk.test", false), listener);
    SipMessage answer = listener.responses.poll(10, TimeUnit.SECONDS);
    assertThat(answer).as("errors: %s", listener.errors).isNotNull();
    assertThat(answer.status()).isEqualTo(200);
  }

  @Test
  void aVerifiedDestinationNeverReusesAnUnverifiedConnection() throws Exception {
    server = stack(otherCa, "trunk.test");
    server.handler.onRequest = tx -> tx.respond(tx.request().createResponse(200, "OK"));
    client = stack(ca);
    int port = server.stack.tlsPort();
    Fixture.Listener unverified = new Fixture.Listener();
    send(Endpoint.tls("127.0.0.1", port, "trunk.test", false), unverified);
    assertThat(unverified.responses.poll(10, TimeUnit.SECONDS)).isNotNull();
    Fixture.Listener verified = new Fixture.Listener();
    send(Endpoint.tls("127.0.0.1", port, "trunk.test", true), verified);
    assertThat(verified.errors.poll(10, TimeUnit.SECONDS))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void withoutTlsSettingsATlsDestinationFailsAtOnce() throws Exception {
    client = new Fixture();
    Fixture.Listener listener = new Fixture.Listener();
    send(Endpoint.tls("127.0.0.1", 5061, "trunk.test", true), listener);
    assertThat(listener.errors.poll(10, TimeUnit.SECONDS)).hasMessageContaining("TLS");
  }
}
