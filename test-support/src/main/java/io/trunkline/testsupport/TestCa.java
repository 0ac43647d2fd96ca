package io.trunkline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A certificate authority made at test time with the {@code openssl} command line, in a temporary
 * folder that {@link #close()} deletes: no private key is ever committed. It issues server and
 * client certificates (EC P-256 keys) for host names and IP addresses, and the bad ones TLS tests
 * need: expired, self-signed (no CA), or for another host (just issue one for another name). A
 * second {@code TestCa} is the "wrong CA".
 *
 * <p>Every certificate comes as PEM (certificate, chain, PKCS#8 key) and as a PKCS#12 key store
 * with the password {@link #PASSWORD}; the CA as PEM and as a PKCS#12 trust store.
 */
public final class TestCa implements AutoCloseable {

  /** The password of every PKCS#12 file this CA writes. */
  public static final String PASSWORD = "test-only";

  private static final DateTimeFormatter OPENSSL_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * One issued certificate.
   *
   * @param certificate the certificate alone (PEM)
   * @param chain the certificate then its CA (PEM), what a server presents
   * @param privateKey the key, unencrypted PEM: PKCS#8, or PKCS#1 from {@link #issueWithRsaKey}
   * @param pkcs12 key and chain as a PKCS#12 key store, password {@link #PASSWORD}, alias {@code
   *     alias}
   * @param alias the key entry's alias in {@code pkcs12}
   */
  public record Issued(Path certificate, Path chain, Path privateKey, Path pkcs12, String alias) {}

  private final Path dir;
  private final String name;
  private final Openssl openssl;
  private final AtomicInteger serial = new AtomicInteger();

  private TestCa(Path dir, String name) {
    this.dir = dir;
    this.name = name;
    this.openssl = new Openssl(dir);
  }

  /** A fresh CA with this common name. */
  public static TestCa create(String commonName) {
    try {
      TestCa ca = new TestCa(Files.createTempDirectory("trunkline-ca-"), commonName);
      ca.init();
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CA certificate (PEM): what a trust configuration names. */
  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  /** The CA certificate as a PKCS#12 trust store (password {@link #PASSWORD}). */
  public Path trustStore() {
    return dir.resolve("ca-truststore.p12");
  }

  /**
   * A server (and client) certificate valid from a day ago for two days. Each name is a SAN: IP
   * literals become IP entries, anything else a DNS entry; the first is also the CN.
   */
  public Issued issue(String... names) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return sign(names, now.minusDays(1), now.plusDays(2), false);
  }

  /**
   * As {@link #issue}, with an RSA 2048 key written as PKCS#1 ("BEGIN RSA PRIVATE KEY"), the form
   * Kubernetes TLS secrets often hold.
   */
  public Issued issueWithRsaKey(String... names) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return sign(names, now.minusDays(1), now.plusDays(2), true);
  }

  /** A certificate of this CA whose validity ended a year ago. */
  public Issued expired(String... names) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    return sign(names, now.minusYears(2), now.minusYears(1), false);
  }

  /** A self-signed certificate for these names: no CA vouches for it. */
  public Issued selfSigned(String... names) {
    String base = "self-" + serial.incrementAndGet();
    Path key = dir.resolve(base + ".key");
    Path cert = dir.resolve(base + ".pem");
    openssl.ecKey(key);
    openssl.selfSigned(
        key,
        names[0],
        2,
        cert,
        "subjectAltName=" + subjectAltNames(names),
        "basicConstraints=critical,CA:FALSE",
        "extendedKeyUsage=serverAuth,clientAuth");
    return export(base, cert, cert, key);
  }

  @Override
  public void close() {
    TempFolders.delete(dir);
  }

  private void init() throws IOException {
    Files.createDirectories(dir.resolve("newcerts"));
    Files.writeString(dir.resolve("index.txt"), "");
    Files.writeString(dir.resolve("serial"), "1000\n");
    Files.writeString(dir.resolve("ca.cnf"), caConfig().replace("@CA_DIR@", dir.toString()));
    Path key = dir.resolve("ca.key");
    openssl.ecKey(key);
    openssl.selfSigned(
        key,
        name,
        3,
        caCertificate(),
        "basicConstraints=critical,CA:TRUE",
        "keyUsage=critical,keyCertSign,cRLSign");
    writeTrustStore();
  }

  private static String caConfig() throws IOException {
    try (InputStream in = TestCa.class.getResourceAsStream("test-ca.cnf")) {
      if (in == null) {
        throw new IllegalStateException("test-ca.cnf is missing from test-support's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private Issued sign(
      String[] names, ZonedDateTime notBefore, ZonedDateTime notAfter, boolean rsa) {
    if (names.length == 0) {
      throw new IllegalArgumentException("name at least one host name or IP");
    }
    String base = "cert-" + serial.incrementAndGet();
    Path key = dir.resolve(base + ".key");
    Path csr = dir.resolve(base + ".csr");
    Path ext = dir.resolve(base + ".ext");
    Path cert = dir.resolve(base + ".pem");
    if (rsa) {
      openssl.rsaKey(key);
    } else {
      openssl.ecKey(key);
    }
    openssl.run(
        "openssl",
        "req",
        "-new",
        "-key",
        key.toString(),
        "-subj",
        "/CN=" + names[0],
        "-out",
        csr.toString());
    write(
        ext,
        "basicConstraints=critical,CA:FALSE\n"
            + "keyUsage=critical,digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage=serverAuth,clientAuth\n"
            + "subjectAltName="
            + subjectAltNames(names)
            + "\n");
    openssl.run(
        "openssl",
        "ca",
        "-batch",
        "-notext",
        "-config",
        dir.resolve("ca.cnf").toString(),
        "-cert",
        caCertificate().toString(),
        "-keyfile",
        dir.resolve("ca.key").toString(),
        "-in",
        csr.toString(),
        "-out",
        cert.toString(),
        "-extfile",
        ext.toString(),
        "-startdate",
        OPENSSL_TIME.format(notBefore),
        "-enddate",
        OPENSSL_TIME.format(notAfter));
    Path chain = dir.resolve(base + "-chain.pem");
    try {
      write(chain, Files.readString(cert) + Files.readString(caCertificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return export(base, cert, chain, key);
  }

  private Issued export(String base, Path cert, Path chain, Path key) {
    Path p12 = dir.resolve(base + ".p12");
    openssl.run(
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        chain.toString(),
        "-inkey",
        key.toString(),
        "-name",
        base,
        "-passout",
        "pass:" + PASSWORD,
        "-out",
        p12.toString());
    return new Issued(cert, chain, key, p12, base);
  }

  private void writeTrustStore() {
    // openssl 3.0 cannot mark a certificate as trusted for Java, so the JDK writes this one
    try (InputStream in = Files.newInputStream(caCertificate());
        OutputStream out = Files.newOutputStream(trustStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      store.store(out, PASSWORD.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subjectAltNames(String[] names) {
    List<String> entries = new ArrayList<>();
    for (String n : names) {
      entries.add((n.matches("[0-9.]+") || n.contains(":") ? "IP:" : "DNS:") + n);
    }
    return String.join(",", entries);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
