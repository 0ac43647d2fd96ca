package io.trunkline.platform.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one TLS configuration of a SIP service, as its configuration states it. Services map their
 * {@code @ConfigMapping} onto it; {@link #defaults()} trusts the JVM's CAs, has no certificate of
 * its own and speaks TLS 1.3 and 1.2.
 *
 * @param trustStore a key store of trusted CA certificates; with {@code trustCertificates}, or
 *     neither: the JVM's default trust (its cacerts, or {@code javax.net.ssl.trustStore})
 * @param trustStoreType its type, PKCS12 or JKS
 * @param trustStorePassword its password, when it has one
 * @param trustCertificates a PEM file of trusted CA certificates (one or more); added to {@code
 *     trustStore} when both are set. Either replaces the JVM's default trust
 * @param keyStore a key store holding this service's certificate and private key
 * @param keyStoreType its type, PKCS12 or JKS
 * @param keyStorePassword its password, also the key's
 * @param keyAlias which key entry to use, when the key store holds several
 * @param certificate this service's certificate as PEM (the chain: own certificate first), with
 *     {@code privateKey}; an alternative to {@code keyStore} (e.g. a Kubernetes TLS secret)
 * @param privateKey the private key as unencrypted PEM: PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 RSA
 *     ("BEGIN RSA PRIVATE KEY")
 * @param protocols TLSv1.3 and/or TLSv1.2; nothing older is accepted
 * @param cipherSuites the cipher suites; empty: the JVM's defaults, which follow its security
 *     updates
 * @param clientAuth whether a server asks clients for a certificate
 * @param handshakeTimeout how long a handshake may take
 */
public record TlsSettings(
    Optional<Path> trustStore,
    String trustStoreType,
    Optional<String> trustStorePassword,
    Optional<Path> trustCertificates,
    Optional<Path> keyStore,
    String keyStoreType,
    Optional<String> keyStorePassword,
    Optional<String> keyAlias,
    Optional<Path> certificate,
    Optional<Path> privateKey,
    List<String> protocols,
    List<String> cipherSuites,
    ClientAuth clientAuth,
    Duration handshakeTimeout) {

  /** Whether a TLS server asks for and checks client certificates. */
  public enum ClientAuth {
    NONE,
    REQUEST,
    REQUIRE
  }

  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public TlsSettings {
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
  }

  public static TlsSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.trustStore = trustStore;
    b.trustStoreType = trustStoreType;
    b.trustStorePassword = trustStorePassword;
    b.trustCertificates = trustCertificates;
    b.keyStore = keyStore;
    b.keyStoreType = keyStoreType;
    b.keyStorePassword = keyStorePassword;
    b.keyAlias = keyAlias;
    b.certificate = certificate;
    b.privateKey = privateKey;
    b.protocols = protocols;
    b.cipherSuites = cipherSuites;
    b.clientAuth = clientAuth;
    b.handshakeTimeout = handshakeTimeout;
    return b;
  }

  /** Fills a {@link TlsSettings}; unset values take the defaults. */
  public static final class Builder {
    private Optional<Path> trustStore = Optional.empty();
    private String trustStoreType = "PKCS12";
    private Optional<String> trustStorePassword = Optional.empty();
    private Optional<Path> trustCertificates = Optional.empty();
    private Optional<Path> keyStore = Optional.empty();
    private String keyStoreType = "PKCS12";
    private Optional<String> keyStorePassword = Optional.empty();
    private Optional<String> keyAlias = Optional.empty();
    private Optional<Path> certificate = Optional.empty();
    private Optional<Path> privateKey = Optional.empty();
    private List<String> protocols = DEFAULT_PROTOCOLS;
    private List<String> cipherSuites = List.of();
    private ClientAuth clientAuth = ClientAuth.NONE;
    private Duration handshakeTimeout = Duration.ofSeconds(10);

    private Builder() {}

    public Builder trustStore(Path path, String type, String password) {
      trustStore = Optional.of(path);
      trustStoreType = type;
      trustStorePassword = Optional.ofNullable(password);
      return this;
    }

    public Builder trustCertificates(Path pem) {
      trustCertificates = Optional.of(pem);
      return this;
    }

    public Builder keyStore(Path path, String type, String password) {
      keyStore = Optional.of(path);
      keyStoreType = type;
      keyStorePassword = Optional.ofNullable(password);
      return this;
    }

    public Builder keyAlias(String alias) {
      keyAlias = Optional.of(alias);
      return this;
    }

    public Builder certificate(Path certificatePem, Path privateKeyPem) {
      certificate = Optional.of(certificatePem);
      privateKey = Optional.of(privateKeyPem);
      return this;
    }

    public Builder protocols(List<String> protocols) {
      this.protocols = protocols;
      return this;
    }

    public Builder cipherSuites(List<String> cipherSuites) {
      this.cipherSuites = cipherSuites;
      return this;
    }

    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = clientAuth;
      return this;
    }

    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = handshakeTimeout;
      return this;
    }

    public TlsSettings build() {
      return new TlsSettings(
          trustStore,
          trustStoreType,
          trustStorePassword,
          trustCertificates,
          keyStore,
          keyStoreType,
          keyStorePassword,
          keyAlias,
          certificate,
          privateKey,
          protocols,
          cipherSuites,
          clientAuth,
          handshakeTimeout);
    }
  }
}
