package io.trunkline.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trunkline.testsupport.TestCa;
import io.trunkline.testsupport.TestCa.Issued;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settings that cannot work are refused when the service starts, naming the setting. */
class SipTlsSettingsTest {

  private static TestCa ca;
  private static Issued good;

  @BeforeAll
  static void makeCertificates() {
    ca = TestCa.create("Trunkline Test CA");
    good = ca.issue("sip.example.test");
  }

  @AfterAll
  static void removeCertificates() {
    ca.close();
  }

  @Test
  void defaultsTrustTheJvmAndSpeakTls13And12Only() {
    SipTls tls = SipTls.create(TlsSettings.defaults());

    assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(tls.trustManager().getAcceptedIssuers()).isNotEmpty(); // the JVM's cacerts
    assertThat(tls.keyManager()).isEmpty();
    assertThat(tls.cipherSuites()).isNotEmpty().noneMatch(s -> s.contains("_NULL_"));
    assertThatThrownBy(() -> tls.listen(new InetSocketAddress("127.0.0.1", 0)))
        .isInstanceOf(TlsConfigurationException.class)
        .hasMessageContaining("needs a certificate");
  }

  @Test
  void protocolsOlderThanTls12AreRefused() {
    for (String old : List.of("TLSv1.1", "TLSv1", "SSLv3")) {
      assertThatThrownBy(
              () -> SipTls.create(TlsSettings.builder().protocols(List.of("TLSv1.2", old)).build()))
          .isInstanceOf(TlsConfigurationException.class)
          .hasMessageContaining(old)
          .extracting(e -> ((TlsConfigurationException) e).setting())
          .isEqualTo("protocols");
    }
  }

  @Test
  void unknownCipherSuiteIsRefused() {
    assertThatThrownBy(
            () ->
                SipTls.create(
                    TlsSettings.builder().cipherSuites(List.of("TLS_MADE_UP_SUITE")).build()))
        .isInstanceOf(TlsConfigurationException.class)
        .extracting(e -> ((TlsConfigurationException) e).setting())
        .isEqualTo("cipherSuites");
  }

  @Test
  void configuredCipherSuitesAreTheOnesNegotiated() throws Exception {
    String suite = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    SipTls server =
        SipTls.create(
            TlsSettings.builder()
                .certificate(good.chain(), good.privateKey())
                .protocols(List.of("TLSv1.2"))
                .cipherSuites(List.of(suite))
                .build());
    SipTls client =
        SipTls.create(TlsSettings.builder().trustCertificates(ca.caCertificate()).build());
    try (TlsPeers.Server s =
        new TlsPeers.Server(server.listen(new InetSocketAddress("127.0.0.1", 0)))) {
      var socket = client.connect(s.address(), "sip.example.test", true);
      assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      TlsPeers.exchange(socket);
    }
  }

  @Test
  void unreadableStoresAndFilesNameTheirSetting() {
    Path missing = Path.of("/nonexistent/trunkline.pem");
    assertSetting(TlsSettings.builder().trustCertificates(missing), "trustCertificates");
    assertSetting(TlsSettings.builder().trustStore(missing, "PKCS12", "x"), "trustStore");
    assertSetting(
        TlsSettings.builder().keyStore(good.pkcs12(), "PKCS12", "wrong-password"), "keyStore");
    assertSetting(
        TlsSettings.builder().keyStore(good.pkcs12(), "PKCS12", TestCa.PASSWORD).keyAlias("nope"),
        "keyAlias");
    assertSetting(
        TlsSettings.builder().certificate(good.chain(), good.certificate()), "privateKey");
    assertSetting(
        TlsSettings.builder()
            .keyStore(good.pkcs12(), "PKCS12", TestCa.PASSWORD)
            .certificate(good.chain(), good.privateKey()),
        "keyStore");
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsRefused() {
    Issued other = ca.issue("other.example.test");
    assertSetting(
        TlsSettings.builder().certificate(good.chain(), other.privateKey()), "privateKey");
  }

  private static void assertSetting(TlsSettings.Builder settings, String setting) {
    assertThatThrownBy(() -> SipTls.create(settings.build()))
        .isInstanceOf(TlsConfigurationException.class)
        .extracting(e -> ((TlsConfigurationException) e).setting())
        .isEqualTo(setting);
  }
}
