package io.trunkline.sip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The TLS side of the transport: one listener and two clients (one that verifies the peer, one that
 * does not), made from the service's {@link SipTlsOptions}. The handshake runs inside Netty's
 * pipeline, so a connect or an accept never blocks the event loop: the socket is handed over only
 * once the handshake succeeded (a failed one fails the connect, and with it what was queued).
 */
final class TlsSockets {
  private final Vertx vertx;
  private final SipTlsOptions options;
  private final NetClient verifying;
  private final NetClient trusting;
  private NetServer server;

  TlsSockets(Vertx vertx, SipTlsOptions options, int idleSeconds, int connectTimeoutMillis) {
    this.vertx = vertx;
    this.options = options;
    this.verifying =
        vertx.createNetClient(client(options.verifyingClient(), idleSeconds, connectTimeoutMillis));
    this.trusting =
        vertx.createNetClient(client(options.trustingClient(), idleSeconds, connectTimeoutMillis));
  }

  /** Listens on the configured port at host (when there is a server); the bound port, or 0. */
  Future<Integer> listen(String host, int idleSeconds, Handler<NetSocket> onConnection) {
    if (options.server() == null) {
      return Future.succeededFuture(0);
    }
    NetServerOptions o =
        new NetServerOptions(options.server()).setTcpNoDelay(true).setIdleTimeout(idleSeconds);
    NetServer s = vertx.createNetServer(o);
    s.connectHandler(onConnection);
    return s.listen(options.port(), host)
        .map(
            bound -> {
              server = bound;
              return bound.actualPort();
            });
  }

  /** Connects and completes the handshake for dest's peer name, with or without checks. */
  Future<NetSocket> connect(Endpoint dest) {
    NetClient client = dest.verify() ? verifying : trusting;
    String ip = SipText.canonicalIp(dest.host());
    if (ip == null) {
      return client.connect(dest.port(), dest.host()); // a name: Vert.x checks and sends it
    }
    if (dest.serverName() == null) {
      return client.connect(SocketAddress.inetSocketAddress(dest.port(), ip));
    }
    try {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(ip), dest.port()); // a literal: no lookup
      return client.connect(options.peerAddress().apply(address, dest.serverName()));
    } catch (java.net.UnknownHostException e) {
      return Future.failedFuture(e);
    }
  }

  Future<Void> close() {
    Future<Void> s = server == null ? Future.succeededFuture() : server.close();
    return Future.join(s, verifying.close(), trusting.close()).mapEmpty();
  }

  private static NetClientOptions client(
      NetClientOptions given, int idleSeconds, int connectTimeoutMillis) {
    return new NetClientOptions(given)
        .setTcpNoDelay(true)
        .setIdleTimeout(idleSeconds)
        .setConnectTimeout(connectTimeoutMillis);
  }
}
