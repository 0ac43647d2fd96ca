package io.trunkline.platform.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS setup of a SIP service, built once from {@link TlsSettings}: the contexts, and the
 * per-connection parameters that make a client send SNI and check the server's certificate against
 * the trunk's host name (or, for a trunk with {@code tlsVerify: false}, accept any certificate).
 * Plain JSSE, so both the Vert.x stack and JAIN-SIP can use it.
 */
public final class SipTls {

  private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private final TlsSettings settings;
  private final X509ExtendedTrustManager trustManager;
  private final Optional<X509ExtendedKeyManager> keyManager;
  private final SSLContext verifying;
  private final SSLContext trustingAll;
  private final String[] protocols;
  private final String[] cipherSuites;

  private SipTls(TlsSettings settings) {
    this.settings = settings;
    this.protocols = checkProtocols(settings.protocols());
    this.trustManager = TlsMaterial.trustManager(settings);
    this.keyManager = TlsMaterial.keyManager(settings);
    this.verifying = context(trustManager);
    this.trustingAll = context(TrustEverything.INSTANCE);
    this.cipherSuites = checkCipherSuites(settings.cipherSuites(), verifying);
  }

  /**
   * Reads the stores and files the settings name and checks the protocols and cipher suites.
   *
   * @throws TlsConfigurationException naming the setting that cannot be used
   */
  public static SipTls create(TlsSettings settings) {
    return new SipTls(settings);
  }

  /** Verifies peers against the trust store; presents this service's certificate, if any. */
  public SSLContext context() {
    return verifying;
  }

  /** {@link #context()} for {@code verify}, else one that accepts any server certificate. */
  public SSLContext clientContext(boolean verify) {
    return verify ? verifying : trustingAll;
  }

  /** The configured trust (the JVM's when none is configured). */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** This service's own certificate and key, when configured. */
  public Optional<X509ExtendedKeyManager> keyManager() {
    return keyManager;
  }

  public List<String> protocols() {
    return List.of(protocols);
  }

  /** The cipher suites in use: the configured ones, or the JVM's defaults. */
  public List<String> cipherSuites() {
    return List.of(cipherSuites);
  }

  public TlsSettings settings() {
    return settings;
  }

  /**
   * Parameters of a client connection to {@code serverName} (the trunk's host): SNI when it is a
   * name (RFC 6066 allows no IP literal), and, when {@code verify}, endpoint identification so the
   * handshake fails unless the certificate is for that name (or IP).
   */
  public SSLParameters clientParameters(String serverName, boolean verify) {
    serverName = normalize(serverName);
    SSLParameters p = new SSLParameters(cipherSuites.clone(), protocols.clone());
    if (HostNameCheck.ipLiteral(serverName) == null) {
      p.setServerNames(List.of(new SNIHostName(serverName)));
    }
    if (verify) {
      p.setEndpointIdentificationAlgorithm("HTTPS");
    }
    return p;
  }

  /** Parameters of a server connection: protocols, cipher suites, client certificate policy. */
  public SSLParameters serverParameters() {
    SSLParameters p = new SSLParameters(cipherSuites.clone(), protocols.clone());
    p.setNeedClientAuth(settings.clientAuth() == TlsSettings.ClientAuth.REQUIRE);
    if (settings.clientAuth() == TlsSettings.ClientAuth.REQUEST) {
      p.setWantClientAuth(true);
    }
    return p;
  }

  /** A client engine for one connection (Netty/Vert.x style callers). */
  public SSLEngine clientEngine(String serverName, int port, boolean verify) {
    serverName = normalize(serverName);
    SSLEngine engine = clientContext(verify).createSSLEngine(serverName, port);
    engine.setUseClientMode(true);
    engine.setSSLParameters(clientParameters(serverName, verify));
    return engine;
  }

  /** A server engine for one accepted connection; needs this service's certificate. */
  public SSLEngine serverEngine() {
    requireCertificate();
    SSLEngine engine = verifying.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setSSLParameters(serverParameters());
    return engine;
  }

  /**
   * Connects to {@code address}, completes the handshake for {@code serverName} and returns the
   * socket; a refused certificate throws {@link javax.net.ssl.SSLHandshakeException}.
   */
  public SSLSocket connect(InetSocketAddress address, String serverName, boolean verify)
      throws IOException {
    SSLSocket socket = clientSocket(address, null, serverName, verify);
    try {
      socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
      socket.startHandshake();
      socket.setSoTimeout(0);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * A TLS socket connected to {@code address} (from {@code localAddress} when given), set up for
   * {@code serverName} (SNI, and certificate checks when {@code verify}), handshake not started:
   * what JAIN-SIP's network layer hands to the stack, which starts the handshake itself.
   */
  public SSLSocket clientSocket(
      InetSocketAddress address, InetAddress localAddress, String serverName, boolean verify)
      throws IOException {
    String name = normalize(serverName);
    Socket plain = new Socket();
    try {
      if (localAddress != null) {
        plain.bind(new InetSocketAddress(localAddress, 0));
      }
      plain.connect(address, (int) settings.handshakeTimeout().toMillis());
      // layered on the connected socket so that the peer host is the server name, not the IP
      SSLSocket socket =
          (SSLSocket)
              clientContext(verify)
                  .getSocketFactory()
                  .createSocket(plain, name, address.getPort(), true);
      socket.setSSLParameters(clientParameters(name, verify));
      return socket;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** A listening server socket on {@code bind}; needs this service's certificate. */
  public SSLServerSocket listen(InetSocketAddress bind) throws IOException {
    requireCertificate();
    SSLServerSocket server =
        (SSLServerSocket) verifying.getServerSocketFactory().createServerSocket();
    server.setSSLParameters(serverParameters());
    server.bind(bind);
    return server;
  }

  /**
   * Checks, after a handshake that could not do it itself, that a server's chain is trusted and its
   * certificate is for {@code serverName}. JAIN-SIP's TLS security policy calls this with the
   * trunk's host; {@link #clientEngine} and {@link #connect} check during the handshake instead.
   *
   * @throws CertificateException when the chain is not trusted (unknown CA, expired...) or the
   *     certificate is for another name
   */
  public void verifyServer(X509Certificate[] chain, String serverName) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    // "UNKNOWN": the key exchange is over; check the chain for any TLS server use
    trustManager.checkServerTrusted(chain, "UNKNOWN");
    HostNameCheck.verify(chain[0], serverName);
  }

  /** Host names as SNI wants them: no trailing dot, no IPv6 brackets, lower case. */
  private static String normalize(String serverName) {
    String name = serverName.trim().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name;
  }

  private void requireCertificate() {
    if (keyManager.isEmpty()) {
      throw new TlsConfigurationException(
          "keyStore", "a TLS server needs a certificate: set keyStore or certificate/privateKey");
    }
  }

  private SSLContext context(TrustManager trust) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      KeyManager[] keys = keyManager.map(k -> new KeyManager[] {k}).orElse(null);
      context.init(keys, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new TlsConfigurationException("protocols", "cannot make a TLS context", e);
    }
  }

  private static String[] checkProtocols(List<String> protocols) {
    if (protocols.isEmpty()) {
      throw new TlsConfigurationException("protocols", "name at least one of TLSv1.3, TLSv1.2");
    }
    for (String p : protocols) {
      if (!ALLOWED_PROTOCOLS.contains(p)) {
        throw new TlsConfigurationException(
            "protocols", p + " is not allowed: only TLSv1.3 and TLSv1.2");
      }
    }
    return protocols.toArray(String[]::new);
  }

  private static String[] checkCipherSuites(List<String> suites, SSLContext context) {
    if (suites.isEmpty()) {
      return context.getDefaultSSLParameters().getCipherSuites();
    }
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
    for (String suite : suites) {
      if (!supported.contains(suite)) {
        throw new TlsConfigurationException(
            "cipherSuites", suite + " is not a cipher suite this JVM supports");
      }
    }
    return suites.toArray(String[]::new);
  }
}
