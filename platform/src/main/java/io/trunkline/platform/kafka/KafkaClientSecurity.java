package io.trunkline.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The security settings of every Kafka client the services build by hand (producers, consumers,
 * admin clients), read from {@code trunkline.kafka.security.*}: TLS to the brokers and SASL/SCRAM
 * authentication, so that the same code talks to a plain local broker and to a Strimzi listener
 * with {@code authentication: scram-sha-512}.
 *
 * <ul>
 *   <li>{@code protocol}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL
 *   <li>{@code sasl-mechanism}: SCRAM-SHA-512 (default with SASL), SCRAM-SHA-256 or PLAIN
 *   <li>{@code username} + {@code password}: the SCRAM credentials (a Strimzi KafkaUser's Secret
 *       holds the password); or {@code jaas-config}, taken as it is (the Secret's {@code
 *       sasl.jaas.config})
 *   <li>{@code truststore-location}, {@code truststore-type} (PEM, PKCS12 or JKS; PEM when the file
 *       ends in .crt or .pem), {@code truststore-password}: the cluster CA (Strimzi's {@code
 *       <cluster>-cluster-ca-cert} Secret); or {@code truststore-certificates}: the CA certificates
 *       as PEM text (that Secret's {@code ca.crt} through an env variable)
 * </ul>
 *
 * <p>{@link #toString()} and {@link #describe()} never show the password or the JAAS text.
 */
public final class KafkaClientSecurity {

  /** The configuration prefix of every setting. */
  public static final String PREFIX = "trunkline.kafka.security.";

  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

  private final Map<String, Object> properties;
  private final String description;

  private KafkaClientSecurity(Map<String, Object> properties, String description) {
    this.properties = Map.copyOf(properties);
    this.description = description;
  }

  /** Plain text, no authentication: what a client without settings gets. */
  public static KafkaClientSecurity plaintext() {
    return new KafkaClientSecurity(Map.of(), "PLAINTEXT");
  }

  /**
   * The settings found by {@code lookup} (given the name after {@link #PREFIX}, e.g. {@code
   * "protocol"}).
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong, never a secret
   */
  public static KafkaClientSecurity from(Function<String, Optional<String>> lookup) {
    Function<String, Optional<String>> get =
        name -> lookup.apply(name).map(String::trim).filter(v -> !v.isEmpty());
    String protocol = get.apply("protocol").orElse("PLAINTEXT").toUpperCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw new IllegalArgumentException(
          PREFIX + "protocol must be one of " + PROTOCOLS + ", not " + protocol);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder(protocol);
    if (!"PLAINTEXT".equals(protocol)) {
      p.put("security.protocol", protocol);
    }
    if (protocol.startsWith("SASL_")) {
      String mechanism =
          get.apply("sasl-mechanism").orElse("SCRAM-SHA-512").toUpperCase(Locale.ROOT);
      if (!MECHANISMS.contains(mechanism)) {
        throw new IllegalArgumentException(
            PREFIX + "sasl-mechanism must be one of " + MECHANISMS + ", not " + mechanism);
      }
      p.put("sasl.mechanism", mechanism);
      Optional<String> jaas = get.apply("jaas-config");
      if (jaas.isPresent()) {
        p.put("sasl.jaas.config", jaas.get());
        text.append(' ').append(mechanism).append(" (JAAS from configuration)");
      } else {
        String user =
            get.apply("username")
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            PREFIX + "username (or " + PREFIX + "jaas-config) is not set"));
        String password =
            get.apply("password")
                .orElseThrow(() -> new IllegalArgumentException(PREFIX + "password is not set"));
        p.put("sasl.jaas.config", jaas(mechanism, user, password));
        text.append(' ').append(mechanism).append(" as ").append(user);
      }
    }
    if (protocol.endsWith("SSL")) {
      Optional<String> location = get.apply("truststore-location");
      Optional<String> pem = get.apply("truststore-certificates");
      if (pem.isPresent()) {
        // The CA as PEM text, e.g. from the cluster CA Secret through an env variable.
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.certificates", pem.get());
        text.append(", trusting the configured CA certificates");
      } else if (location.isPresent()) {
        String type =
            get.apply("truststore-type")
                .orElse(
                    location.get().endsWith(".crt") || location.get().endsWith(".pem")
                        ? "PEM"
                        : "PKCS12")
                .toUpperCase(Locale.ROOT);
        p.put("ssl.truststore.location", location.get());
        p.put("ssl.truststore.type", type);
        get.apply("truststore-password").ifPresent(pw -> p.put("ssl.truststore.password", pw));
        text.append(", trusting ").append(location.get());
      } else {
        text.append(", trusting the JVM's CAs");
      }
    }
    return new KafkaClientSecurity(p, text.toString());
  }

  private static String jaas(String mechanism, String user, String password) {
    String module =
        mechanism.startsWith("SCRAM")
            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
            : "org.apache.kafka.common.security.plain.PlainLoginModule";
    return module
        + " required username=\""
        + escape(user)
        + "\" password=\""
        + escape(password)
        + "\";";
  }

  /** JAAS quoted strings: backslash and quote escaped. */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The client properties to add to a producer's, consumer's or admin client's own. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** Adds the client properties to {@code clientProperties} (a Properties or a Map). */
  public <M extends Map<? super String, ? super Object>> M applyTo(M clientProperties) {
    clientProperties.putAll(properties);
    return clientProperties;
  }

  /** Protocol, mechanism, user and trust store: what a start-up log line may show. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "KafkaClientSecurity[" + description + "]";
  }
}
