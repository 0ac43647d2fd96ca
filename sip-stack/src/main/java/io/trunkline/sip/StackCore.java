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
  final SipLimits limits;
  final RateLimiter rates;
  final StatelessResponder stateless;
  final long t1;
  final long t2;
  final long t4;

  /** Timer C (RFC 3261 16.6): an INVITE client tx with 1xx but no final is given up after this. */
  long timerC = 180_000;

  final HashMap<String, AbstractServerTransaction> servers = new HashMap<>();
  final HashMap<String, AbstractClientTransaction> clients = new HashMap<>();

  /** INVITE server transactions that sent a 2xx, by Call-ID|CSeq|To-tag, for the 2xx ACK. */
  final HashMap<String, InviteServerTransaction> accepted = new HashMap<>();

  private volatile int live;

  StackCore(
      Vertx vertx,
      Context context,
      SipStackOptions options,
      SipHandler handler,
      SipTransport transport,
      TimerWheel wheel) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.handler = handler;
    this.transport = transport;
    this.t1 = options.timers().t1().toMillis();
    this.t2 = options.timers().t2().toMillis();
    this.t4 = options.timers().t4().toMillis();
    this.wheel = wheel;
    this.limits = options.limits();
    this.lingering = new LingerTable(wheel, 1024);
    this.rates = new RateLimiter(limits, this::trusted);
    this.stateless = new StatelessResponder(this);
  }

  /** The wheel's tick for these timers: a tenth of T1, at most 10 ms. */
  static long tickMillis(SipTimers timers) {
    return Math.max(1, Math.min(10, timers.t1().toMillis() / 10));
  }

  /**
   * Whether a new server transaction would go over the caps: an out-of-dialog INVITE (a new call)
   * at the transaction or lingering cap; any other request only at the transaction cap plus a
   * quarter, which is headroom for the BYEs and re-INVITEs of calls already in progress.
   */
  boolean overloaded(boolean newCall) {
    if (newCall) {
      return live >= limits.maxTransactions() || lingering.size() >= limits.maxLingering();
    }
    return live >= limits.maxTransactions() + limits.maxTransactions() / 4;
  }

  /**
   * Keeps an answered transaction's key to absorb retransmissions. Past the lingering cap plus the
   * transaction cap (new calls stop at the lingering cap, so only transactions already under way
   * get here) the key is not kept: memory stays bounded whatever happens.
   */
  void linger(String key, long lifeMillis, byte[] payload) {
    if (lingering.size() < limits.maxLingering() + limits.maxTransactions()) {
      lingering.put(key, lifeMillis, payload);
    }
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

  void register(AbstractServerTransaction tx) {
    servers.put(tx.key, tx);
    live++;
  }

  void register(AbstractClientTransaction tx) {
    clients.put(tx.key, tx);
    live++;
  }

  void unregister(AbstractServerTransaction tx) {
    if (servers.remove(tx.key, tx)) {
      live--;
    }
  }

  void unregister(AbstractClientTransaction tx) {
    if (clients.remove(tx.key, tx)) {
      live--;
    }
  }

  void send(byte[] bytes, Endpoint dest, Handler<Throwable> onError) {
    transport.send(bytes, dest, onError);
  }

  /**
   * RFC 3261 18.2.2 + RFC 3581: over TCP or TLS on the connection the request came on if it is
   * still open, else a new connection to received/rport; over UDP to received (or sent-by) and
   * rport (or the sent-by port, default 5060).
   */
  Endpoint responseTarget(Via via, Endpoint source) {
    if (source.transport().reliable() && transport.hasConnection(source)) {
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

  private boolean trusted(String ip) {
    try {
      return handler.isTrustedSource(ip);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.isTrustedSource threw", e);
      return false;
    }
  }

  void rejected(Endpoint source, Rejection reason) {
    try {
      handler.onRejected(source, reason);
    } catch (RuntimeException | AssertionError e) {
      LOG.debug("SipHandler.onRejected threw", e);
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
