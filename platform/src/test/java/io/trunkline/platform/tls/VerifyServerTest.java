package io.trunkline.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TestCa.Issued;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check after a handshake (what JAIN-SIP's TLS policy will call) gives the same verdict as the
 * check during a handshake, for the same certificates and names.
 */
class VerifyServerTest {

  private static TestCa ca;
  private static TestCa otherCa;
  private static SipTls client;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCa.create("Trunkline Test CA");
    otherCa = TestCa.create("Someone Else's CA");
    client = SipTls.create(TlsSettings.builder().trustCertificates(ca.caCertificate()).build());
  }

  @AfterAll
  static void removeCertificates() {
    ca.close();
    otherCa.close();
  }

  @Test
  void afterTheHandshakeTheVerdictIsTheHandshakes() throws Exception {
    Map<Issued, List<String>> cases =
        Map.of(
            ca.issue("sip.example.test", "127.0.0.5"),
            List.of(
                "sip.example.test",
                "SIP.Example.Test.",
                "other.example.test",
                "example.test",
                "127.0.0.5",
                "127.0.0.6"),
            ca.issue("*.wild.example.test"),
            List.of(
                "a.wild.example.test",
                "wild.example.test",
                "a.b.wild.example.test",
                "a.wild.example.testx"),
            ca.expired("sip.example.test"),
            List.of("sip.example.test"),
            otherCa.issue("sip.example.test"),
            List.of("sip.example.test"));
    int accepted = 0;
    int refused = 0;
    for (var c : cases.entrySet()) {
      X509Certificate[] chain =
          PemFiles.certificates("test", c.getKey().chain()).toArray(X509Certificate[]::new);
      SipTls server =
          SipTls.create(
              TlsSettings.builder()
                  .certificate(c.getKey().chain(), c.getKey().privateKey())
                  .build());
      try (TlsPeers.Server s =
          new TlsPeers.Server(server.listen(new InetSocketAddress("127.0.0.1", 0)))) {
        for (String name : c.getValue()) {
          boolean handshake = handshakeAccepts(s, name);
          boolean after = verifyAccepts(chain, name);
          assertThat(after).as("%s for %s", c.getKey().certificate(), name).isEqualTo(handshake);
          if (after) {
            accepted++;
          } else {
            refused++;
          }
        }
      }
    }
    // both verdicts occur: the comparison is not between two checks that always agree trivially
    assertThat(accepted).isEqualTo(4);
    assertThat(refused).isEqualTo(8);
  }

  @Test
  void anEmptyChainIsRefused() {
    assertThat(verifyAccepts(new X509Certificate[0], "sip.example.test")).isFalse();
  }

  private static boolean handshakeAccepts(TlsPeers.Server server, String name) throws Exception {
    try {
      TlsPeers.exchange(client.connect(server.address(), name, true));
      server.next();
      return true;
    } catch (SSLHandshakeException e) {
      server.next();
      return false;
    }
  }

  private static boolean verifyAccepts(X509Certificate[] chain, String name) {
    try {
      client.verifyServer(chain, name);
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }
}
