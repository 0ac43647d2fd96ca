package io.trunkline.sip;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A SIP stack: UDP + TCP (+ TLS) transport, RFC 3261 transactions, all on one Vert.x event-loop
 * context (a verticle of its own), so no locks are needed inside. Public methods may be called from
 * any thread; they hop onto that context.
 */
public final class SipStack {
  private final Vertx vertx;
  private final SipStackOptions options;
  private final SipHandler handler;
  private volatile StackCore core;
  private volatile String deploymentId;

  /** "SIP/2.0/UDP host:port;branch=" per transport: the advertised sent-by, else the bound one. */
  private final Map<Transport, String> viaPrefixes = new EnumMap<>(Transport.class);

  private final Map<Transport, InetSocketAddress> sentBy = new EnumMap<>(Transport.class);

  private SipStack(Vertx vertx, SipStackOptions options, SipHandler handler) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Binds UDP and TCP and starts the stack on a new event-loop context. */
  public static Future<SipStack> start(Vertx vertx, SipStackOptions options, SipHandler handler) {
    SipStack stack = new SipStack(vertx, options, handler);
    return vertx
        .deployVerticle(stack.new Loop())
        .map(
            id -> {
              stack.deploymentId = id;
              return stack;
            });
  }

  /** The verticle that owns the stack's context, sockets and timers. */
  private final class Loop extends AbstractVerticle {
    @Override
    public void start(Promise<Void> started) {
      Dispatcher[] dispatcher = new Dispatcher[1];
      TimerWheel wheel = new TimerWheel(vertx, StackCore.tickMillis(options.timers()));
      SipTransport transport =
          new SipTransport(
              vertx,
              options,
              wheel,
              new SipTransport.Receiver() {
                @Override
                public void onMessage(byte[] data, int off, int len, Endpoint source) {
                  dispatcher[0].onMessage(data, off, len, source);
                }

                @Override
                public void onRejected(Endpoint source, Rejection reason) {
                  dispatcher[0].core.rejected(source, reason);
                }
              });
      StackCore c = new StackCore(vertx, context, options, handler, transport, wheel);
      dispatcher[0] = new Dispatcher(c);
      transport
          .bind()
          .onSuccess(
              v -> {
                for (Transport t : Transport.values()) {
                  // without a TLS listener, answers can only come back on the connection itself
                  int bound =
                      t == Transport.TLS && transport.tlsPort() > 0
                          ? transport.tlsPort()
                          : transport.port();
                  InetSocketAddress a = sentByOf(t, bound);
                  sentBy.put(t, a);
                  String hostPort = SipText.hostForWire(a.getHostString()) + ':' + a.getPort();
                  viaPrefixes.put(t, "SIP/2.0/" + t.name() + ' ' + hostPort + ";branch=");
                }
                core = c;
              })
          .onComplete(started);
    }

    @Override
    public void stop(Promise<Void> stopped) {
      StackCore c = core;
      if (c == null) {
        stopped.complete();
        return;
      }
      c.wheel.close();
      c.transport.close().onComplete(ar -> stopped.complete());
    }
  }

  /** What peers are told to reach us at over t: the advertised address, else the bound one. */
  private InetSocketAddress sentByOf(Transport t, int boundPort) {
    InetSocketAddress a = options.advertised().get(t);
    if (a == null) {
      return InetSocketAddress.createUnresolved(options.host(), boundPort);
    }
    return a.getPort() > 0 ? a : InetSocketAddress.createUnresolved(a.getHostString(), boundPort);
  }

  /** The bound host. */
  public String host() {
    return options.host();
  }

  /**
   * Our address for a transport as peers must see it (Via sent-by, Contact): the configured
   * advertised address, else the bound host and port. Unresolved: read getHostString and getPort.
   */
  public InetSocketAddress sentBy(Transport t) {
    core();
    return sentBy.get(t);
  }

  /** The bound port (UDP and TCP). */
  public int port() {
    return core().transport.port();
  }

  /** The TLS listening port; 0 without a TLS listener. */
  public int tlsPort() {
    return core().transport.tlsPort();
  }

  /**
   * Sends a request in a new client transaction. Adds a top Via (our host:port, the destination's
   * transport, a new branch, rport), Max-Forwards 70 and User-Agent when missing. The request is
   * the stack's from now on: do not change it afterwards.
   */
  public ClientTransaction sendRequest(
      SipMessage request, Endpoint destination, ResponseListener listener) {
    StackCore c = core();
    String method = request.method();
    if (method == null || method.equals("ACK")) {
      throw new IllegalArgumentException("sendRequest needs a request other than ACK");
    }
    Objects.requireNonNull(listener, "listener");
    String branch = newBranch();
    String prefix = viaPrefixes.get(destination.transport());
    request.addHeaderFirst(HeaderNames.VIA, prefix + branch + ";rport");
    addDefaults(request);
    String key = branch + '|' + method;
    AbstractClientTransaction tx =
        method.equals("INVITE")
            ? new InviteClientTransaction(c, key, request, destination, listener)
            : new NonInviteClientTransaction(c, key, request, destination, listener);
    c.exec(tx::start);
    return tx;
  }

  /**
   * Sends without a transaction: the ACK for a 2xx (a Via with a new branch is added to a request
   * that has none), or any message. Errors are only logged.
   */
  public void sendStateless(SipMessage message, Endpoint destination) {
    StackCore c = core();
    if (message.isRequest()) {
      if (message.header(HeaderNames.VIA) == null) {
        String prefix = viaPrefixes.get(destination.transport());
        message.addHeaderFirst(HeaderNames.VIA, prefix + newBranch() + ";rport");
      }
      addDefaults(message);
    }
    byte[] bytes = message.encode();
    c.exec(
        () ->
            c.send(
                bytes,
                destination,
                e ->
                    StackCore.LOG.debugf(
                        "stateless send to %s failed: %s",
                        SipText.forLog(destination.toString()), e)));
  }

  /**
   * Answers a request without a transaction, routed per its Via like any response; a response
   * without To tag gets one derived from the request (the same for a retransmission).
   */
  public void respondStateless(SipMessage request, Endpoint source, int status, String reason) {
    StackCore c = core();
    c.exec(() -> c.stateless.respond(request, request.topVia(), source, status, reason, 0));
  }

  /** A branch: the RFC 3261 magic cookie and 64 bits from a cryptographic generator. */
  public static String newBranch() {
    return RandomIds.hex(Via.MAGIC_COOKIE, 8);
  }

  /** A tag: 64 bits from a cryptographic generator, as 16 hex digits. */
  public static String newTag() {
    return RandomIds.hex("", 8);
  }

  /** A Call-ID: 128 bits from a cryptographic generator, as 32 hex digits. */
  public String newCallId() {
    return RandomIds.hex("", 16);
  }

  /** Live server + client transactions (for metrics and soak tests). */
  public int liveTransactions() {
    StackCore c = core;
    return c == null ? 0 : c.live();
  }

  /**
   * Answered server transactions that still absorb retransmissions (timers J and L after the ACK),
   * held as key hashes rather than transactions; not part of {@link #liveTransactions()}.
   */
  public int lingeringTransactions() {
    StackCore c = core;
    return c == null ? 0 : c.lingering();
  }

  /** Open TCP connections (inbound and outbound). Read on the event loop for an exact value. */
  public int tcpConnections() {
    StackCore c = core;
    return c == null ? 0 : c.transport.connectionCount();
  }

  /** Open inbound TCP connections, what the connection caps count. */
  public int inboundConnections() {
    StackCore c = core;
    return c == null ? 0 : c.transport.inboundConnections();
  }

  /** Stops the stack: closes sockets and connections, drops all transactions. */
  public Future<Void> close() {
    String id = deploymentId;
    if (id == null) {
      return Future.succeededFuture();
    }
    deploymentId = null;
    return vertx.undeploy(id);
  }

  StackCore core() {
    StackCore c = core;
    if (c == null) {
      throw new IllegalStateException("stack not started");
    }
    return c;
  }

  private void addDefaults(SipMessage request) {
    if (request.headers.first(HeaderNames.MAX_FORWARDS) == null) {
      request.headers.append(HeaderNames.MAX_FORWARDS, "70");
    }
    String ua = options.userAgent();
    if (ua != null && !ua.isBlank() && request.headers.first(HeaderNames.USER_AGENT) == null) {
      request.headers.append(HeaderNames.USER_AGENT, ua);
    }
  }
}
