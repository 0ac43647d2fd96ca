package io.trunkline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client properties made from trunkline.kafka.security.* and what may be shown of them. */
class KafkaClientSecurityTest {

  static KafkaClientSecurity of(Map<String, String> settings) {
    return KafkaClientSecurity.from(name -> Optional.ofNullable(settings.get(name)));
  }

  @Test
  void noSettingsIsPlainTextWithNothingAdded() {
    assertThat(of(Map.of()).properties()).isEmpty();
    assertThat(of(Map.of()).describe()).isEqualTo("PLAINTEXT");
  }

  @Test
  void scramOverTlsBuildsTheJaasLineAndTrustStoreWithoutShowingThePassword() {
    KafkaClientSecurity s =
        of(
            Map.of(
                "protocol", "sasl_ssl",
                "username", "call-routing",
                "password", "pa\"ss\\word",
                "truststore-location", "/etc/kafka-ca/ca.crt"));
    assertThat(s.properties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"call-routing\" password=\"pa\\\"ss\\\\word\";")
        .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
        .containsEntry("ssl.truststore.type", "PEM");
    assertThat(s.describe())
        .isEqualTo("SASL_SSL SCRAM-SHA-512 as call-routing, trusting /etc/kafka-ca/ca.crt");
    assertThat(s.toString()).doesNotContain("word");
  }

  @Test
  void theCaMayComeAsPemText() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    KafkaClientSecurity s = of(Map.of("protocol", "SSL", "truststore-certificates", pem));
    assertThat(s.properties())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.certificates", pem)
        .doesNotContainKey("sasl.jaas.config");
    assertThat(s.describe()).isEqualTo("SSL, trusting the configured CA certificates");
  }

  @Test
  void aJaasLineFromASecretIsTakenAsItIs() {
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\""
            + " password=\"p\";";
    KafkaClientSecurity s = of(Map.of("protocol", "SASL_SSL", "jaas-config", jaas));
    assertThat(s.properties()).containsEntry("sasl.jaas.config", jaas);
    assertThat(s.describe()).doesNotContain("password");
  }

  @Test
  void missingOrWrongSettingsAreNamed() {
    assertThatThrownBy(() -> of(Map.of("protocol", "TLS")))
        .hasMessageStartingWith("trunkline.kafka.security.protocol must be one of");
    assertThatThrownBy(() -> of(Map.of("protocol", "SASL_SSL")))
        .hasMessage(
            "trunkline.kafka.security.username (or trunkline.kafka.security.jaas-config) is not"
                + " set");
    assertThatThrownBy(() -> of(Map.of("protocol", "SASL_SSL", "username", "u")))
        .hasMessage("trunkline.kafka.security.password is not set");
    assertThatThrownBy(
            () ->
                of(Map.of("protocol", "SASL_SSL", "sasl-mechanism", "GSSAPI", "jaas-config", "x")))
        .hasMessageStartingWith("trunkline.kafka.security.sasl-mechanism must be one of");
  }
}
