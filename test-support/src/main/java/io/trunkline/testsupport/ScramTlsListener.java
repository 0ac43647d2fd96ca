package io.trunkline.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * The SASL_SSL listener a {@link KafkaBroker} can add to the repository's broker configuration: TLS
 * with a key store issued by a {@link TestCa} made at test time, SCRAM-SHA-512 with one user whose
 * credentials are written into the cluster metadata when the storage is formatted ({@code
 * kafka-storage format --add-scram}), as the Strimzi manifests set it up in production.
 */
public final class ScramTlsListener {

  /**
   * What the listener needs.
   *
   * @param keyStore PKCS#12 key store of the broker's certificate (for 127.0.0.1)
   * @param keyStorePassword its password
   * @param user the SCRAM user created at format time
   * @param password the user's password
   */
  public record Spec(Path keyStore, String keyStorePassword, String user, String password) {}

  private final Spec spec;
  private final int port;

  ScramTlsListener(Spec spec, int port) {
    this.spec = spec;
    this.port = port;
  }

  int port() {
    return port;
  }

  /** The rendered server.properties with the listener added. */
  String applyTo(String properties) {
    String listener = "SASL_SSL://127.0.0.1:" + port;
    StringBuilder out = new StringBuilder();
    for (String line : properties.split("\n", -1)) {
      if (line.startsWith("listeners=") || line.startsWith("advertised.listeners=")) {
        line = line + "," + listener;
      } else if (line.startsWith("listener.security.protocol.map=")) {
        line = line + ",SASL_SSL:SASL_SSL";
      }
      out.append(line).append('\n');
    }
    out.append("sasl.enabled.mechanisms=SCRAM-SHA-512\n")
        .append("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=")
        .append("org.apache.kafka.common.security.scram.ScramLoginModule required;\n")
        .append("listener.name.sasl_ssl.ssl.keystore.type=PKCS12\n")
        .append("listener.name.sasl_ssl.ssl.keystore.location=")
        .append(spec.keyStore().toAbsolutePath())
        .append('\n')
        .append("listener.name.sasl_ssl.ssl.keystore.password=")
        .append(spec.keyStorePassword())
        .append('\n');
    return out.toString();
  }

  /** The arguments of {@code kafka-storage format} that create the SCRAM user. */
  List<String> formatArguments() {
    return List.of(
        "--add-scram", "SCRAM-SHA-512=[name=" + spec.user() + ",password=" + spec.password() + "]");
  }
}
