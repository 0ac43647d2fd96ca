package io.trunkline.sip;

import io.vertx.core.Handler;

/** Common part of client transactions: identity, the encoded request, send-error reporting. */
abstract class AbstractClientTransaction extends TransactionAttachment
    implements ClientTransaction, TimerWheel.Target {
  final StackCore core;
  final String key;
  SipMessage request; // null once a final arrived (see slim)
  final String method;
  final Endpoint destination;
  ResponseListener listener;
  final boolean reliable;
  final TimerWheel.Timer retransmit = new TimerWheel.Timer(this);
  final TimerWheel.Timer timeout = new TimerWheel.Timer(this);
  final Handler<Throwable> onSendError = this::sendFailed;
  byte[] bytes;
  long interval;
  boolean finalSeen; // a final response arrived: the request is no longer sent
  boolean terminated;
  // Where the request really went (IP literal, port): responses from anywhere else are dropped.
  // Null while a host name is being resolved.
  private Endpoint sentTo;

  AbstractClientTransaction(
      StackCore core,
      String key,
      SipMessage request,
      Endpoint destination,
      ResponseListener listener) {
    this.core = core;
    this.key = key;
    this.request = request;
    this.method = request.method();
    this.destination = destination;
    this.listener = listener;
    this.reliable = destination.transport().reliable();
  }

  /** On the event loop: registers, sends, arms the first timers. */
  void start() {
    core.register(this);
    bytes = request.encode();
    String ip = SipText.canonicalIp(destination.host());
    if (ip != null || reliable) {
      sentTo = ip == null || ip.equals(destination.host()) ? destination : destination.withHost(ip);
      core.send(bytes, sentTo, onSendError);
    } else { // a name over UDP: resolved once, so that answers can be checked against the address
      core.transport.resolve(destination.host(), this::resolved, onSendError);
    }
    interval = core.t1;
    if (!reliable) {
      core.wheel.schedule(retransmit, interval); // timer A or E
    }
    core.wheel.schedule(timeout, 64 * core.t1); // timer B or F
  }

  private void resolved(String ip) {
    if (!terminated) {
      sentTo = destination.withHost(ip);
      if (bytes != null) {
        core.send(bytes, sentTo, onSendError);
      }
    }
  }

  /** Sends (again) to where the request went; the name itself while it is being resolved. */
  void transmit(byte[] b) {
    core.send(b, target(), onSendError);
  }

  Endpoint target() {
    Endpoint to = sentTo;
    return to != null ? to : destination;
  }

  /**
   * Whether a response may come from source: over UDP the address and port the request was sent to,
   * over TCP the connection it was sent on (RFC 3261 18.1.2 has the transport deliver only those;
   * anything else is a forgery aimed at the transaction's branch).
   */
  boolean answeredFrom(Endpoint source) {
    Endpoint to = sentTo;
    if (to == null || source.transport() != to.transport()) {
      return false;
    }
    if (reliable) {
      return core.transport.sameConnection(to, source);
    }
    return source.port() == to.port() && source.host().equals(to.host());
  }

  abstract void onResponse(SipMessage response);

  @Override
  public SipMessage request() {
    return request;
  }

  @Override
  public Endpoint destination() {
    return destination;
  }

  @Override
  public Endpoint sentTo() {
    return target();
  }

  void sendFailed(Throwable cause) {
    if (!terminated) {
      StackCore.LOG.debugf(
          "sending %s to %s failed: %s", method, SipText.forLog(destination.toString()), cause);
      terminate();
      StackCore.onTransportError(listener, this, cause);
    }
  }

  @Override
  public void detach() {
    core.exec(
        () -> {
          dropTu();
          if (finalSeen) {
            slim();
          }
          onDetached();
        });
  }

  /** The TU detached; a transaction that then has nothing left to do may end here. */
  void onDetached() {}

  /** Forgets the TU's listener and object. */
  void dropTu() {
    listener = null;
    dropAttachment();
  }

  /** After the final response (and the TU is done with it): the request is no longer needed. */
  void slim() {
    request = null;
    bytes = null;
  }

  void terminate() {
    if (!terminated) {
      terminated = true;
      core.wheel.cancel(retransmit);
      core.wheel.cancel(timeout);
      core.unregister(this);
    }
  }
}
