package io.trunkline.sip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import org.jboss.logging.Logger;

/**
 * The stack's transports, all on its event loop: binds the UDP socket ({@link UdpSocket}) and the
 * TCP listener on one port, then the TLS listener, and sends each message by its destination's
 * transport, over UDP or a cached stream connection ({@link StreamConnections}). Host names are
 * resolved by Vert.x asynchronously.
 */
final class SipTransport {
  static final Logger LOG = Logger.getLogger(SipTransport.class);
  private static final int BIND_ATTEMPTS = 20;

  /**
   * Gets every received message: one datagram or one framed TCP message, data[off, off + len) valid
   * only during the call (the UDP socket reuses its buffer).
   */
  interface Receiver {
    void onMessage(byte[] data, int off, int len, Endpoint source);

    /** A connection refused or closed by the guard. */
    void onRejected(Endpoint source, Rejection reason);
  }

  private final Vertx vertx;
  private final SipStackOptions options;
  private final Receiver receiver;
  private final StreamConnections streams;
  private UdpSocket udp;
  private NetServer tcpServer;
  private int port;
  private int tlsPort;

  SipTransport(Vertx vertx, SipStackOptions options, TimerWheel wheel, Receiver receiver) {
    this.vertx = vertx;
    this.options = options;
    this.receiver = receiver;
    this.streams = new StreamConnections(vertx, options, wheel, receiver);
  }

  /** Binds UDP and TCP on the same port (port 0 tries random ports free for both), then TLS. */
  Future<Void> bind() {
    streams.openClient();
    Future<Void> plain = bind(options.port(), options.port() == 0 ? BIND_ATTEMPTS : 1);
    if (options.tls() == null) {
      return plain;
    }
    streams.enableTls();
    return plain.compose(
        v ->
            streams
                .listenTls(options.host())
                .map(
                    p -> {
                      tlsPort = p;
                      return null;
                    }));
  }

  private Future<Void> bind(int wanted, int attempts) {
    UdpSocket u =
        new UdpSocket(
            (ContextInternal) vertx.getOrCreateContext(),
            options.maxMessageSize(),
            options.udpReceiveBuffer(),
            (bytes, len, source) -> receiver.onMessage(bytes, 0, len, source));
    return u.listen(wanted, options.host())
        .compose(
            p -> {
              NetServer s =
                  vertx.createNetServer(
                      new NetServerOptions()
                          .setTcpNoDelay(true)
                          .setIdleTimeout(streams.idleSeconds()));
              s.connectHandler(c -> streams.accept(c, Transport.TCP));
              return s.listen(p, options.host())
                  .compose(
                      ok -> {
                        udp = u;
                        tcpServer = s;
                        port = p;
                        return Future.<Void>succeededFuture();
                      },
                      err -> {
                        u.close();
                        s.close();
                        return attempts > 1 ? bind(wanted, attempts - 1) : Future.failedFuture(err);
                      });
            });
  }

  int port() {
    return port;
  }

  /** The TLS listening port, 0 when there is no TLS listener. */
  int tlsPort() {
    return tlsPort;
  }

  /** Sends bytes; onError (may be null) hears about connect, resolve and write failures. */
  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError) {
    if (dest.transport() == Transport.UDP) {
      udp.send(bytes, dest, onError, this::resolve);
      return;
    }
    streams.send(bytes, dest, onError);
  }

  boolean hasConnection(Endpoint remote) {
    return streams.hasConnection(remote);
  }

  /** Whether both endpoints name one open connection (a response on its request's connection). */
  boolean sameConnection(Endpoint a, Endpoint b) {
    return streams.sameConnection(a, b);
  }

  /** Open TCP connections, counted once each (a connection may be cached under two keys). */
  int connectionCount() {
    return streams.connectionCount();
  }

  /** Inbound connections open now (what the connection caps count). */
  int inboundConnections() {
    return streams.inboundConnections();
  }

  /**
   * Resolves a host name to one IP literal (Vert.x's resolver: hosts file, then DNS, cached), on
   * the event loop; fail gets the error.
   */
  void resolve(String host, Handler<String> ok, Handler<Throwable> fail) {
    ((VertxInternal) vertx)
        .resolveAddress(
            host,
            ar -> {
              if (ar.succeeded()) {
                ok.handle(ar.result().getHostAddress());
              } else {
                fail.handle(ar.cause());
              }
            });
  }

  Future<Void> close() {
    streams.closeConnections();
    Future<Void> a = udp == null ? Future.succeededFuture() : udp.close();
    Future<Void> b = tcpServer == null ? Future.succeededFuture() : tcpServer.close();
    Future<Void> c = streams.closeClients();
    return Future.join(a, b, c).mapEmpty();
  }

  /** The IP literal of a socket address (its host when Vert.x has no resolved address). */
  static String ip(SocketAddress a) {
    String ip = a.hostAddress();
    return ip != null ? ip : a.host();
  }
}
