package io.trunkline.sip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * UDP socket + TCP server + TCP client connections (and the same over TLS when configured), all on
 * the stack's event loop. Stream connections (inbound and outbound) are cached by {@link
 * Endpoint#key()} and reused in both directions. Host names are resolved by Vert.x asynchronously.
 */
final class SipTransport {
  static final Logger LOG = Logger.getLogger(SipTransport.class);
  private static final int BIND_ATTEMPTS = 20;
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  /** Gets every received message: one datagram or one framed TCP message. */
  interface Receiver {
    void onMessage(byte[] data, int off, int len, Endpoint source);

    /** A connection refused or closed by the guard. */
    void onRejected(Endpoint source, Rejection reason);
  }

  private final Vertx vertx;
  private final SipStackOptions options;
  private final Receiver receiver;
  private final ConnectionGuard guard;
  private final int idleSeconds;
  private final HashMap<String, TcpConnection> connections = new HashMap<>();
  private UdpSocket udp;
  private NetServer tcpServer;
  private NetClient tcpClient;
  private TlsSockets tls; // null without TLS
  private int port;
  private int tlsPort;

  SipTransport(Vertx vertx, SipStackOptions options, TimerWheel wheel, Receiver receiver) {
    this.vertx = vertx;
    this.options = options;
    this.receiver = receiver;
    this.guard = new ConnectionGuard(options.limits(), wheel);
    this.idleSeconds = (int) Math.max(1, options.limits().idleTimeout().toSeconds());
  }

  /** Binds UDP and TCP on the same port (port 0 tries random ports free for both), then TLS. */
  Future<Void> bind() {
    tcpClient =
        vertx.createNetClient(
            new NetClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setTcpNoDelay(true)
                .setIdleTimeout(idleSeconds));
    Future<Void> plain = bind(options.port(), options.port() == 0 ? BIND_ATTEMPTS : 1);
    if (options.tls() == null) {
      return plain;
    }
    tls = new TlsSockets(vertx, options.tls(), idleSeconds, CONNECT_TIMEOUT_MILLIS);
    return plain.compose(
        v ->
            tls.listen(options.host(), idleSeconds, s -> onConnection(s, Transport.TLS))
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
            (bytes, source) -> receiver.onMessage(bytes, 0, bytes.length, source));
    return u.listen(wanted, options.host())
        .compose(
            p -> {
              NetServer s =
                  vertx.createNetServer(
                      new NetServerOptions().setTcpNoDelay(true).setIdleTimeout(idleSeconds));
              s.connectHandler(c -> onConnection(c, Transport.TCP));
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
    String key = dest.key();
    TcpConnection c = connections.get(key);
    if (c == null) {
      if (dest.transport() == Transport.TLS && tls == null) {
        if (onError != null) {
          onError.handle(new IllegalStateException("TLS is not configured"));
        }
        return;
      }
      c = connect(dest, key);
    }
    c.send(bytes, onError);
  }

  boolean hasConnection(Endpoint remote) {
    return connections.containsKey(remote.key());
  }

  /** Whether both endpoints name one open connection (a response on its request's connection). */
  boolean sameConnection(Endpoint a, Endpoint b) {
    TcpConnection c = connections.get(a.key());
    return c != null && c == connections.get(b.key());
  }

  /** Open TCP connections, counted once each (a connection may be cached under two keys). */
  int connectionCount() {
    return (int) connections.values().stream().distinct().count();
  }

  /** Inbound connections open now (what the connection caps count). */
  int inboundConnections() {
    return guard.open();
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

  void rejected(Endpoint source, Rejection reason) {
    receiver.onRejected(source, reason);
  }

  Future<Void> close() {
    for (TcpConnection c : List.copyOf(connections.values())) {
      c.close();
    }
    Future<Void> a = udp == null ? Future.succeededFuture() : udp.close();
    Future<Void> b = tcpServer == null ? Future.succeededFuture() : tcpServer.close();
    Future<Void> c = tcpClient == null ? Future.succeededFuture() : tcpClient.close();
    Future<Void> d = tls == null ? Future.succeededFuture() : tls.close();
    return Future.join(a, b, c, d).mapEmpty();
  }

  void received(byte[] data, int off, int len, Endpoint source) {
    receiver.onMessage(data, off, len, source);
  }

  void forget(TcpConnection c) {
    for (String key : c.keys()) {
      connections.remove(key, c);
    }
  }

  private TcpConnection connect(Endpoint dest, String key) {
    TcpConnection c = new TcpConnection(this, options.maxMessageSize(), null);
    c.addKey(key);
    connections.put(key, c);
    Future<NetSocket> connecting =
        dest.transport() == Transport.TLS
            ? tls.connect(dest)
            : tcpClient.connect(dest.port(), dest.host());
    connecting.onComplete(
        ar -> {
          if (ar.failed()) {
            LOG.debugf(
                "%s connect to %s failed: %s", dest.transport(), key, ar.cause().getMessage());
            c.onClosed(ar.cause());
            return;
          }
          NetSocket s = ar.result();
          Endpoint remote = remoteOf(s, dest.transport());
          // Also under the address it reached (what the peer's own requests come from) and, for
          // TLS, that address with the peer name checked (in-dialog requests to its Contact).
          addKey(c, remote.key());
          if (dest.transport() == Transport.TLS) {
            addKey(
                c, Endpoint.tls(remote.host(), remote.port(), dest.tlsName(), dest.verify()).key());
          }
          c.attach(s, remote);
        });
    return c;
  }

  private void addKey(TcpConnection c, String key) {
    if (!connections.containsKey(key)) {
      c.addKey(key);
      connections.put(key, c);
    }
  }

  private void onConnection(NetSocket s, Transport transport) {
    Endpoint remote = remoteOf(s, transport);
    if (!guard.admit(remote.host())) {
      receiver.onRejected(remote, Rejection.CONNECTIONS);
      s.close(); // over the total or per-source cap: nothing read, nothing buffered
      return;
    }
    TcpConnection c = new TcpConnection(this, options.maxMessageSize(), guard);
    String key = remote.key();
    c.addKey(key);
    connections.put(key, c);
    c.attach(s, remote);
  }

  private static Endpoint remoteOf(NetSocket s, Transport transport) {
    SocketAddress a = s.remoteAddress();
    return new Endpoint(transport, ip(a), a.port());
  }

  private static String ip(SocketAddress a) {
    String ip = a.hostAddress();
    return ip != null ? ip : a.host();
  }
}
