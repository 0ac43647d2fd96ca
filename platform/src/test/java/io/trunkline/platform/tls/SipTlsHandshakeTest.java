package io.trunkline.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.platform.tls.TlsPeers.Handshake;
import io.trunkline.platform.tls.TlsPeers.Server;
import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TestCa.Issued;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client and a server built from the shared settings shake hands over real sockets, with
 * certificates from a CA made for the test: what a trunk with {@code tlsVerify} accepts and
 * refuses, and that nothing older than TLS 1.2 gets through either way.
 */
class SipTlsHandshakeTest {

  private static final String HOST = "sip.example.test";

  private static TestCa ca;
  private static TestCa otherCa;
  private static Issued good;
  private static SipTls client;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCa.create("Trunkline Test CA");
    otherCa = TestCa.create("Someone Else's CA");
    good = ca.issue(HOST, "127.0.0.1");
    client = SipTls.create(TlsSettings.builder().trustCertificates(ca.caCertificate()).build());
  }

  @AfterAll
  static void removeCertificates() {
    ca.close();
    otherCa.close();
  }

  private static Server serverWith(Issued certificate) throws Exception {
    SipTls tls =
        SipTls.create(
            TlsSettings.builder()
                .certificate(certificate.chain(), certificate.privateKey())
                .build());
    return new Server(tls.listen(new InetSocketAddress("127.0.0.1", 0)));
  }

  @Test
  void goodCertificateIsAcceptedAndTheHostNameGoesInSni() throws Exception {
    try (Server server = serverWith(good)) {
      SSLSocket socket = client.connect(server.address(), HOST, true);
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      TlsPeers.exchange(socket);

      Handshake seen = server.next();
      assertThat(seen.ok()).as("%s", seen).isTrue();
      assertThat(seen.sni()).containsExactly(HOST);
    }
  }

  @Test
  void anIpTrunkIsCheckedAgainstTheCertificatesIpAndSendsNoSni() throws Exception {
    try (Server server = serverWith(good)) {
      TlsPeers.exchange(client.connect(server.address(), "127.0.0.1", true));
      assertThat(server.next().sni()).isEmpty();

      assertThatThrownBy(() -> client.connect(server.address(), "127.0.0.2", true))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void certificateOfAnotherCaIsRefused() throws Exception {
    try (Server server = serverWith(otherCa.issue(HOST))) {
      assertThatThrownBy(() -> client.connect(server.address(), HOST, true))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("PKIX path building failed");
      assertThat(server.next().ok()).isFalse();
    }
  }

  @Test
  void certificateForAnotherHostIsRefused() throws Exception {
    try (Server server = serverWith(ca.issue("other.example.test"))) {
      assertThatThrownBy(() -> client.connect(server.address(), HOST, true))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative DNS name matching " + HOST);
    }
  }

  @Test
  void expiredAndSelfSignedCertificatesAreRefused() throws Exception {
    try (Server expired = serverWith(ca.expired(HOST));
        Server selfSigned = serverWith(ca.selfSigned(HOST))) {
      assertThatThrownBy(() -> client.connect(expired.address(), HOST, true))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("validity check failed");
      assertThatThrownBy(() -> client.connect(selfSigned.address(), HOST, true))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void withoutVerificationAnyCertificateIsAcceptedStillWithSni() throws Exception {
    List<Issued> bad =
        List.of(
            ca.issue("other.example.test"),
            ca.expired(HOST),
            ca.selfSigned("other.example.test"),
            otherCa.issue(HOST));
    for (Issued certificate : bad) {
      try (Server server = serverWith(certificate)) {
        TlsPeers.exchange(client.connect(server.address(), HOST, false));
        Handshake seen = server.next();
        assertThat(seen.ok()).as("%s with %s", seen, certificate).isTrue();
        assertThat(seen.sni()).containsExactly(HOST);
      }
    }
  }

  @Test
  void aClientSocketLeavesTheHandshakeToItsCaller() throws Exception {
    // what JAIN-SIP's network layer gets: bound where asked, the stack starts the handshake
    InetAddress local = InetAddress.getByName("127.0.0.3");
    try (Server server = serverWith(good);
        Server wrongHost = serverWith(ca.issue("other.example.test"))) {
      SSLSocket socket = client.clientSocket(server.address(), local, HOST, true);
      assertThat(socket.getLocalAddress()).isEqualTo(local);
      socket.startHandshake();
      TlsPeers.exchange(socket);
      assertThat(server.next().sni()).containsExactly(HOST);

      SSLSocket refused = client.clientSocket(wrongHost.address(), null, HOST, true);
      assertThatThrownBy(refused::startHandshake).isInstanceOf(SSLHandshakeException.class);
      refused.close();
    }
  }

  @Test
  void aTls11ClientIsRefusedByTheServer() throws Exception {
    // control: the same TLS 1.1 client gets through to a server that allows TLS 1.1, so the
    // refusal below is the library's protocol list (the test JVM does not ban TLS 1.1)
    try (Server legacy = TlsPeers.rawServer(good.pkcs12(), TestCa.PASSWORD, "TLSv1.1", "TLSv1.2")) {
      SSLSocket socket = TlsPeers.rawClient(legacy.address(), "TLSv1.1");
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.1");
      TlsPeers.exchange(socket);
    }
    try (Server server = serverWith(good)) {
      assertThatThrownBy(() -> TlsPeers.rawClient(server.address(), "TLSv1.1"))
          .isInstanceOf(SSLException.class);
      assertThat(server.next().ok()).isFalse();
    }
  }

  @Test
  void theClientRefusesAServerThatOnlySpeaksTls11() throws Exception {
    try (Server legacy = TlsPeers.rawServer(good.pkcs12(), TestCa.PASSWORD, "TLSv1.1")) {
      TlsPeers.exchange(TlsPeers.rawClient(legacy.address(), "TLSv1.1")); // control
      legacy.next();

      assertThatThrownBy(() -> client.connect(legacy.address(), HOST, true))
          .isInstanceOf(SSLException.class);
      assertThatThrownBy(() -> client.connect(legacy.address(), HOST, false))
          .isInstanceOf(SSLException.class);
    }
  }

  @Test
  void keyAndTrustFromPkcs12Stores() throws Exception {
    SipTls server =
        SipTls.create(
            TlsSettings.builder().keyStore(good.pkcs12(), "PKCS12", TestCa.PASSWORD).build());
    SipTls storeClient =
        SipTls.create(
            TlsSettings.builder().trustStore(ca.trustStore(), "PKCS12", TestCa.PASSWORD).build());
    try (Server s = new Server(server.listen(new InetSocketAddress("127.0.0.1", 0)))) {
      TlsPeers.exchange(storeClient.connect(s.address(), HOST, true));
      assertThat(s.next().ok()).isTrue();
    }
  }

  @Test
  void anRsaKeyInPkcs1PemServes() throws Exception {
    try (Server server = serverWith(ca.issueWithRsaKey(HOST))) {
      TlsPeers.exchange(client.connect(server.address(), HOST, true));
      assertThat(server.next().ok()).isTrue();
    }
  }

  @Test
  void aServerRequiringClientCertificatesTakesOnlyOnesItsCaIssued() throws Exception {
    SipTls server =
        SipTls.create(
            TlsSettings.builder()
                .certificate(good.chain(), good.privateKey())
                .trustCertificates(ca.caCertificate())
                .clientAuth(TlsSettings.ClientAuth.REQUIRE)
                .build());
    Issued pbx = ca.issue("pbx.example.test");
    Issued stranger = otherCa.issue("pbx.example.test");
    try (Server s = new Server(server.listen(new InetSocketAddress("127.0.0.1", 0)))) {
      SipTls withCertificate =
          SipTls.create(
              TlsSettings.builder()
                  .trustCertificates(ca.caCertificate())
                  .certificate(pbx.chain(), pbx.privateKey())
                  .build());
      TlsPeers.exchange(withCertificate.connect(s.address(), HOST, true));
      Handshake accepted = s.next();
      assertThat(accepted.ok()).as("%s", accepted).isTrue();
      assertThat(accepted.peer()).isEqualTo("CN=pbx.example.test");

      SipTls withStrangerCertificate =
          SipTls.create(
              TlsSettings.builder()
                  .trustCertificates(ca.caCertificate())
                  .certificate(stranger.chain(), stranger.privateKey())
                  .build());
      assertThatThrownBy(
              () -> TlsPeers.exchange(withStrangerCertificate.connect(s.address(), HOST, true)))
          .isInstanceOf(java.io.IOException.class);
      assertThat(s.next().ok()).isFalse();

      assertThatThrownBy(() -> TlsPeers.exchange(client.connect(s.address(), HOST, true)))
          .isInstanceOf(java.io.IOException.class);
      assertThat(s.next().ok()).isFalse();
    }
  }
}
