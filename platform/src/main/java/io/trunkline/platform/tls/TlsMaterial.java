package io.trunkline.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the trust and key managers a {@link TlsSettings} names, from key stores or (through {@link
 * PemFiles}) PEM files, and rejects settings that contradict each other.
 */
final class TlsMaterial {

  private TlsMaterial() {}

  /** The verifying trust manager: the configured CAs, or the JVM's default trust. */
  static X509ExtendedTrustManager trustManager(TlsSettings s) {
    KeyStore trusted = null;
    if (s.trustStore().isPresent() || s.trustCertificates().isPresent()) {
      trusted = emptyStore();
      try {
        if (s.trustStore().isPresent()) {
          KeyStore store =
              load("trustStore", s.trustStore().get(), s.trustStoreType(), s.trustStorePassword());
          for (String alias : Collections.list(store.aliases())) {
            if (store.isCertificateEntry(alias)) {
              trusted.setCertificateEntry("store-" + alias, store.getCertificate(alias));
            }
          }
        }
        if (s.trustCertificates().isPresent()) {
          int i = 0;
          for (Certificate c :
              PemFiles.certificates("trustCertificates", s.trustCertificates().get())) {
            trusted.setCertificateEntry("pem-" + i++, c);
          }
        }
        if (trusted.size() == 0) {
          throw new TlsConfigurationException(
              s.trustStore().isPresent() ? "trustStore" : "trustCertificates",
              "holds no trusted certificate");
        }
      } catch (java.security.KeyStoreException e) {
        throw new TlsConfigurationException("trustStore", e.getMessage(), e);
      }
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x509) {
          return x509;
        }
      }
      throw new TlsConfigurationException("trustStore", "the JVM offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new TlsConfigurationException("trustStore", e.getMessage(), e);
    }
  }

  /** The key manager for this service's own certificate, or empty when none is configured. */
  static Optional<X509ExtendedKeyManager> keyManager(TlsSettings s) {
    if (s.keyStore().isPresent() && (s.certificate().isPresent() || s.privateKey().isPresent())) {
      throw new TlsConfigurationException(
          "keyStore", "set either keyStore or certificate and privateKey, not both");
    }
    if (s.certificate().isPresent() != s.privateKey().isPresent()) {
      throw new TlsConfigurationException(
          s.certificate().isPresent() ? "privateKey" : "certificate",
          "certificate and privateKey go together");
    }
    KeyStore store;
    char[] password;
    if (s.keyStore().isPresent()) {
      password = s.keyStorePassword().orElse("").toCharArray();
      store =
          selectAlias(
              load("keyStore", s.keyStore().get(), s.keyStoreType(), s.keyStorePassword()),
              s,
              password);
    } else if (s.certificate().isPresent()) {
      // the in-memory store only lives until the key manager has read it
      password = "in-memory".toCharArray();
      List<Certificate> chain = PemFiles.certificates("certificate", s.certificate().get());
      PrivateKey key = PemFiles.privateKey(s.privateKey().get());
      requireMatch(key, chain.get(0));
      store = emptyStore();
      try {
        store.setKeyEntry("sip", key, password, chain.toArray(Certificate[]::new));
      } catch (GeneralSecurityException e) {
        throw new TlsConfigurationException(
            "privateKey", "does not match the certificate: " + e.getMessage(), e);
      }
    } else {
      return Optional.empty();
    }
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(store, password);
      for (KeyManager km : kmf.getKeyManagers()) {
        if (km instanceof X509ExtendedKeyManager x509) {
          return Optional.of(x509);
        }
      }
      throw new TlsConfigurationException("keyStore", "the JVM offers no X.509 key manager");
    } catch (GeneralSecurityException e) {
      throw new TlsConfigurationException(
          s.keyStore().isPresent() ? "keyStore" : "privateKey", e.getMessage(), e);
    }
  }

  /** A key from another certificate's secret would only fail at the first handshake. */
  private static void requireMatch(PrivateKey key, Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "RSASSA-PSS" -> null;
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    if (algorithm == null) {
      return;
    }
    try {
      byte[] probe = "trunkline key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: reported below
    }
    throw new TlsConfigurationException(
        "privateKey", "is not the key of the certificate's public key");
  }

  private static KeyStore selectAlias(KeyStore store, TlsSettings s, char[] password) {
    try {
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (s.keyAlias().isEmpty()) {
        if (keys.isEmpty()) {
          throw new TlsConfigurationException("keyStore", "holds no private key");
        }
        return store;
      }
      String alias = s.keyAlias().get();
      if (!keys.contains(alias)) {
        throw new TlsConfigurationException("keyAlias", "no key entry '" + alias + "' in keyStore");
      }
      KeyStore one = emptyStore();
      one.setKeyEntry(
          alias, store.getKey(alias, password), password, store.getCertificateChain(alias));
      return one;
    } catch (GeneralSecurityException e) {
      throw new TlsConfigurationException("keyStore", e.getMessage(), e);
    }
  }

  private static KeyStore load(String setting, Path path, String type, Optional<String> password) {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.map(String::toCharArray).orElse(null));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsConfigurationException(
          setting, "cannot read " + type + " key store " + path + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the JVM cannot make a PKCS12 key store", e);
    }
  }
}
