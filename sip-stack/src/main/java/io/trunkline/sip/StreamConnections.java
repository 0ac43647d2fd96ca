package io.trunkline.sip;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.List;

/**
 * The stack's TCP and TLS connections, inbound (accepted under the connection guard's caps) and
 * outbound (opened on first send), cached by {@link Endpoint#key()} and reused in both directions.
 * Event loop only.
 */
final class StreamConnections {
  private static final int CONNECT_TIMEOUT_MILLIS = 5000;

  private final Vertx vertx;
  private final SipStackOptions options;
  private final SipTransport.Receiver receiver;
  private final ConnectionGuard guard;
  private final int idleSeconds;
  private final HashMap<String, TcpConnection> connections = new HashMap<>();
  private NetClient tcpClient;
  private TlsSockets tls; // null without TLS

  StreamConnections(
      Vertx vertx, SipStackOptions options, TimerWheel wheel, SipTransport.Receiver receiver) {
    this.vertx = vertx;
    this.options = options;
    this.receiver = receiver;
    this.guard = new ConnectionGuard(options.limits(), wheel);
    this.idleSeconds = (int) Math.max(1, options.limits().idleTimeout().toSeconds());
  }

  /** Idle time after which a connection is closed, in seconds (servers use it too). */
  int idleSeconds() {
    return idleSeconds;
  }

  /** Creates the TCP client for outbound connections. */
  void openClient() {
    tcpClient =
        vertx.createNetClient(
            new NetClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setTcpNoDelay(true)
                .setIdleTimeout(idleSeconds));
  }

  /** Creates the TLS client and server side from the options' TLS settings. */
  void enableTls() {
    tls = new TlsSockets(vertx, options.tls(), idleSeconds, CONNECT_TIMEOUT_MILLIS);
  }

  /** Starts the TLS listener; the future has its port. */
  Future<Integer> listenTls(String host) {
    return tls.listen(host, idleSeconds, s -> accept(s, Transport.TLS));
  }

  /** Sends over the cached connection to {@code dest}, or a new one. */
  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError) {
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

  /** A connection accepted by a listener: admitted under the guard's caps, or closed at once. */
  void accept(NetSocket s, Transport transport) {
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

  void received(byte[] data, int off, int len, Endpoint source) {
    receiver.onMessage(data, off, len, source);
  }

  void rejected(Endpoint source, Rejection reason) {
    receiver.onRejected(source, reason);
  }

  void forget(TcpConnection c) {
    for (String key : c.keys()) {
      connections.remove(key, c);
    }
  }

  /** Closes every connection now. */
  void closeConnections() {
    for (TcpConnection c : List.copyOf(connections.values())) {
      c.close();
    }
  }

  /** Closes the TCP client and the TLS side. */
  Future<Void> closeClients() {
    Future<Void> c = tcpClient == null ? Future.succeededFuture() : tcpClient.close();
    Future<Void> d = tls == null ? Future.succeededFuture() : tls.close();
    return Future.join(c, d).mapEmpty();
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
            SipTransport.LOG.debugf(
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

  private static Endpoint remoteOf(NetSocket s, Transport transport) {
    SocketAddress a = s.remoteAddress();
    return new Endpoint(transport, SipTransport.ip(a), a.port());
  }
}
