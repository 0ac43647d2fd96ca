package io.trunkline.sip;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.HashMap;
import org.jboss.logging.Logger;

/**
 * What transactions share: timer values, the wheel, the transport, the transaction maps and the TU
 * callbacks (each guarded so that a throwing TU cannot break the event loop). Event-loop only,
 * except {@link #live}.
 */
final class StackCore {
  static final Logger LOG = Logger.getLogger(SipStack.class);

  final Vertx vertx;
  final Context context;
  final SipStackOptions options;
  final SipHandler handler;
  final SipTransport transport;
  final TimerWheel wheel;
  final LingerTable lingering;
  final long t1;
  final long t2;
  final long t4;

  /** Timer C (RFC 3261 16.6): an INVITE client tx with 1xx but no final is given up after this. */
  long timerC = 180_000;

  final HashMap<String, ServerTx> servers = new HashMap<>();
  final HashMap<String, ClientTx> clients = new HashMap<>();

  /** INVITE server transactions that sent a 2xx, by Call-ID|CSeq|To-tag, for the 2xx ACK. */
  final HashMap<String, InviteServerTx> accepted = new HashMap<>();

  private volatile int live;

  StackCore(
      Vertx vertx,
      Context context,
      SipStackOptions options,
      SipHandler handler,
      SipTransport transport) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.handler = handler;
    this.transport = transport;
    this.t1 = options.timers().t1().toMillis();
    this.t2 = options.timers().t2().toMillis();
    this.t4 = options.timers().t4().toMillis();
    this.wheel = new TimerWheel(vertx, Math.max(1, Math.min(10, t1 / 10)));
    this.lingering = new LingerTable(wheel, 1024);
  }

  /** Runs r on the stack's event loop: now when already there, else queued to it. */
  void exec(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  int live() {
    return live;
  }

  /** Lingering server transactions (event loop; read elsewhere it is a good-enough estimate). */
  int lingering() {
    return lingering.size();
  }

  void register(ServerTx tx) {
    servers.put(tx.key, tx);
    live++;
  }

  void register(ClientTx tx) {
    clients.put(tx.key, tx);
    live++;
  }

  void unregister(ServerTx tx) {
    if (servers.remove(tx.key, tx)) {
      live--;
    }
  }

  void unregister(ClientTx tx) {
    if (clients.remove(tx.key, tx)) {
      live--;
    }
  }

  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError) {
    transport.send(bytes, dest, onError);
  }

  /**
   * RFC 3261 18.2.2 + RFC 3581: over TCP on the connection the request came on if it is still open,
   * else a new connection to received/rport; over UDP to received (or sent-by) and rport (or the
   * sent-by port, default 5060).
   */
  Endpoint responseTarget(Via via, Endpoint source) {
    if (source.transport() == Transport.TCP && transport.hasConnection(source)) {
      return source;
    }
    String received = via.param("received");
    String rport = via.param("rport");
    long port =
        rport == null || rport.isEmpty() ? -1 : SipText.parseDigits(rport, 0, rport.length());
    if (port <= 0 || port > 65535) {
      port = via.port() > 0 ? via.port() : 5060;
    }
    String host = received != null && !received.isEmpty() ? received : via.host();
    if (port == source.port() && host.equals(source.host())) {
      return source; // the usual case (rport): one Endpoint less per transaction
    }
    return new Endpoint(source.transport(), host, (int) port);
  }

  // ---- TU callbacks: never let an exception escape into the event loop ----

  void onRequest(ServerTransaction tx) {
    try {
      handler.onRequest(tx);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onRequest threw", e);
    }
  }

  void onCancel(ServerTransaction tx) {
    try {
      handler.onCancel(tx);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onCancel threw", e);
    }
  }

  void onAck(SipMessage ack, Endpoint source) {
    try {
      handler.onAck(ack, source);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onAck threw", e);
    }
  }

  void onAckTimeout(ServerTransaction tx) {
    try {
      handler.onAckTimeout(tx);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onAckTimeout threw", e);
    }
  }

  void onStrayResponse(SipMessage response, Endpoint source) {
    try {
      handler.onStrayResponse(response, source);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onStrayResponse threw", e);
    }
  }

  static void onResponse(ResponseListener l, ClientTransaction tx, SipMessage response) {
    if (l == null) {
      return; // the TU detached
    }
    try {
      l.onResponse(tx, response);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("ResponseListener.onResponse threw", e);
    }
  }

  static void onTimeout(ResponseListener l, ClientTransaction tx) {
    if (l == null) {
      return; // the TU detached
    }
    try {
      l.onTimeout(tx);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("ResponseListener.onTimeout threw", e);
    }
  }

  static void onTransportError(ResponseListener l, ClientTransaction tx, Throwable cause) {
    if (l == null) {
      return; // the TU detached
    }
    try {
      l.onTransportError(tx, cause);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("ResponseListener.onTransportError threw", e);
    }
  }
}
