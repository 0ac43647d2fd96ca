package io.trunkline.sip;

import io.vertx.core.Handler;

/** Common part of client transactions: identity, the encoded request, send-error reporting. */
abstract class ClientTx implements ClientTransaction, TimerWheel.Target {
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
  private Object attachment;

  ClientTx(
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
    core.send(bytes, destination, onSendError);
    interval = core.t1;
    if (!reliable) {
      core.wheel.schedule(retransmit, interval); // timer A or E
    }
    core.wheel.schedule(timeout, 64 * core.t1); // timer B or F
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
  public Object attachment() {
    return attachment;
  }

  @Override
  public void attach(Object o) {
    attachment = o;
  }

  void sendFailed(Throwable cause) {
    if (!terminated) {
      StackCore.LOG.debugf("sending %s to %s failed: %s", method, destination, cause);
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
    attachment = null;
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
