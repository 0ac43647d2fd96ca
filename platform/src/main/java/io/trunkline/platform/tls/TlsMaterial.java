package io.trunkline.platform.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** Reads the trust and key material a {@link TlsSettings} names: key stores and PEM files. */
final class TlsMaterial {

  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

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
          for (Certificate c : certificates("trustCertificates", s.trustCertificates().get())) {
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
      List<Certificate> chain = certificates("certificate", s.certificate().get());
      PrivateKey key = privateKey(s.privateKey().get());
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

  static List<Certificate> certificates(String setting, Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> certs =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new TlsConfigurationException(setting, pem + " holds no PEM certificate");
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsConfigurationException(
          setting, "cannot read certificates from " + pem + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TlsConfigurationException("privateKey", "cannot read " + pem, e);
    }
    Matcher m = PEM_KEY.matcher(text);
    if (!m.find()) {
      throw new TlsConfigurationException("privateKey", pem + " holds no PEM private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8 =
        switch (m.group(1)) {
          case "PRIVATE KEY" -> der;
          case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(der);
          default ->
              throw new TlsConfigurationException(
                  "privateKey",
                  m.group(1)
                      + " is not supported: use an unencrypted PKCS#8 or PKCS#1 RSA key, or a key"
                      + " store");
        };
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next one
      }
    }
    throw new TlsConfigurationException("privateKey", pem + ": unknown key algorithm");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208) with rsaEncryption. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] rsaEncryption = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] key = der(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(rsaEncryption);
    body.writeBytes(key);
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
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
