package io.trunkline.platform.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files, the form operators usually hold them in, so
 * that a key store is optional. Unencrypted PKCS#8 keys of any JDK algorithm and PKCS#1 RSA keys
 * (what {@code openssl genrsa} writes) are accepted; an error names the setting that pointed here.
 */
final class PemFiles {

  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemFiles() {}

  /** Every certificate in {@code pem}, leaf first; {@code setting} names the source in errors. */
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

  /** The first private key in {@code pem}, for the {@code privateKey} setting. */
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
}
