package io.trunkline.platform.tls.vertx;

import io.trunkline.platform.tls.SipTls;
import io.trunkline.platform.tls.TlsSettings;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TCPSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.concurrent.TimeUnit;

/**
 * Applies a {@link SipTls} to Vert.x 4 net options, so that the Vert.x SIP stack listens and
 * connects with the same key, trust, protocols and cipher suites as JAIN-SIP does.
 *
 * <p>Vert.x 4 fixes trust per client, not per connection: a service keeps one client from {@code
 * clientOptions(tls, true, ...)} and one from {@code clientOptions(tls, false, ...)} for trunks
 * with {@code tlsVerify: false}, and never shares a pooled connection between the two. The server
 * name for SNI and host-name verification goes with each connection's address: {@code
 * client.connect(VertxTls.remoteAddress(target.socketAddress(), target.serverName()))}.
 */
public final class VertxTls {

  private VertxTls() {}

  /** TLS server options: this service's certificate (required), protocols, client auth. */
  public static NetServerOptions serverOptions(SipTls tls, NetServerOptions options) {
    common(tls, options);
    options.setKeyCertOptions(
        KeyCertOptions.wrap(
            tls.keyManager()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "a TLS listener needs a certificate: set keyStore or certificate"))));
    options.setClientAuth(
        switch (tls.settings().clientAuth()) {
          case NONE -> ClientAuth.NONE;
          case REQUEST -> ClientAuth.REQUEST;
          case REQUIRE -> ClientAuth.REQUIRED;
        });
    if (tls.settings().clientAuth() != TlsSettings.ClientAuth.NONE) {
      options.setTrustOptions(TrustOptions.wrap(tls.trustManager()));
    }
    return options;
  }

  /**
   * TLS client options. With {@code verify} the server certificate must chain to the configured
   * trust and match the server name passed to {@link
   * NetClient#connect(io.vertx.core.net.SocketAddress, String)}; without, any certificate is
   * accepted (the connection is still encrypted).
   */
  public static NetClientOptions clientOptions(
      SipTls tls, boolean verify, NetClientOptions options) {
    common(tls, options);
    tls.keyManager().ifPresent(k -> options.setKeyCertOptions(KeyCertOptions.wrap(k)));
    if (verify) {
      options.setTrustAll(false);
      options.setTrustOptions(TrustOptions.wrap(tls.trustManager()));
      options.setHostnameVerificationAlgorithm("HTTPS");
    } else {
      options.setTrustAll(true);
      options.setHostnameVerificationAlgorithm("");
    }
    return options;
  }

  /**
   * The address to connect to for a TLS peer: Vert.x 4 takes the host of the address it connects to
   * as the TLS peer host (SNI, certificate name check), and ignores {@code connect}'s server name
   * for both. This address carries the server name as its host and the resolved IP, so Vert.x
   * connects to the IP without a DNS lookup and checks the certificate against the name.
   */
  public static SocketAddress remoteAddress(InetSocketAddress address, String serverName) {
    try {
      InetAddress named = InetAddress.getByAddress(serverName, address.getAddress().getAddress());
      return SocketAddress.inetSocketAddress(new InetSocketAddress(named, address.getPort()));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address, e);
    }
  }

  private static void common(SipTls tls, TCPSSLOptions options) {
    options.setSsl(true);
    // the JDK engine: the same JSSE implementation and policy as the rest of the service
    options.setSslEngineOptions(new JdkSSLEngineOptions());
    options.setEnabledSecureTransportProtocols(new LinkedHashSet<>(tls.protocols()));
    new java.util.ArrayList<>(options.getEnabledCipherSuites())
        .forEach(options::removeEnabledCipherSuite);
    tls.cipherSuites().forEach(options::addEnabledCipherSuite);
    options.setSslHandshakeTimeout(tls.settings().handshakeTimeout().toMillis());
    options.setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
