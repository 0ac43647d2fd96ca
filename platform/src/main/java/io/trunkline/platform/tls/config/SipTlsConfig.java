package io.trunkline.platform.tls.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trunkline.platform.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code trunkline.sip.tls.*} keys, written once for both SIP services: the TLS listener and
 * the trust used when sending to trunks with {@code transport: TLS}. Sending over TLS needs no
 * certificate of our own; accepting connections does. {@link #settings()} turns them into the
 * platform's {@link TlsSettings}, so both services read them the same way.
 */
@ConfigMapping(prefix = "trunkline.sip.tls")
public interface SipTlsConfig {

  /**
   * Whether to listen for SIP over TLS. call-routing: without a certificate ({@code certificate}
   * and {@code private-key}, or {@code key-store}) it does not listen and says so at start; sending
   * to TLS trunks works either way. registration-service: its JAIN-SIP stack sends over TLS only
   * from a TLS listening point, so {@code false} means TLS trunks are not registered.
   */
  @WithDefault("true")
  boolean listen();

  /**
   * The TLS listening port on trunkline.sip.host (call-routing: 0 for any free port, in tests;
   * registration-service needs a fixed one, it is written into its Via headers).
   */
  @WithDefault("5061")
  int port();

  /** This service's certificate chain as PEM (own certificate first), with {@code private-key}. */
  Optional<Path> certificate();

  /** The private key of {@code certificate}, unencrypted PEM (PKCS#8 or PKCS#1 RSA). */
  Optional<Path> privateKey();

  /** A PKCS#12 or JKS key store with this service's certificate and key, instead of PEM files. */
  Optional<Path> keyStore();

  /** The type of {@code key-store}: PKCS12 or JKS. */
  @WithDefault("PKCS12")
  String keyStoreType();

  /** The password of {@code key-store} (and of its key). */
  Optional<String> keyStorePassword();

  /**
   * PEM file of the CA certificates a trunk's certificate must chain to. With neither this nor
   * {@code trust-store}: the JVM's default trust (its cacerts), what public providers need.
   */
  Optional<Path> trustCertificates();

  /** A key store of trusted CA certificates (added to {@code trust-certificates} when both set). */
  Optional<Path> trustStore();

  /** The type of {@code trust-store}: PKCS12 or JKS. */
  @WithDefault("PKCS12")
  String trustStoreType();

  /** The password of {@code trust-store}, when it has one. */
  Optional<String> trustStorePassword();

  /** TLS versions spoken: TLSv1.3 and/or TLSv1.2; nothing older is accepted. */
  @WithDefault("TLSv1.3,TLSv1.2")
  List<String> protocols();

  /** How long a TLS handshake may take before the connection (and the call's try) fails. */
  @WithDefault("10s")
  Duration handshakeTimeout();

  /**
   * These settings as the platform's TLS setup reads them.
   *
   * @throws IllegalArgumentException when only one of {@code certificate} and {@code private-key}
   *     is set
   */
  default TlsSettings settings() {
    TlsSettings.Builder b =
        TlsSettings.builder().protocols(protocols()).handshakeTimeout(handshakeTimeout());
    trustCertificates().ifPresent(b::trustCertificates);
    trustStore()
        .ifPresent(p -> b.trustStore(p, trustStoreType(), trustStorePassword().orElse(null)));
    keyStore().ifPresent(p -> b.keyStore(p, keyStoreType(), keyStorePassword().orElse(null)));
    if (certificate().isPresent() != privateKey().isPresent()) {
      throw new IllegalArgumentException(
          "trunkline.sip.tls.certificate and trunkline.sip.tls.private-key go together");
    }
    certificate().ifPresent(cert -> b.certificate(cert, privateKey().get()));
    return b.build();
  }
}
