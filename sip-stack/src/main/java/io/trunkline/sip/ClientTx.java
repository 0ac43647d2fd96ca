package io.trunkline.sip;

import io.vertx.core.Handler;

/** Common part of client transactions: identity, the encoded request, send-error reporting. */
abstract class ClientTx implements ClientTransaction, TimerWheel.Target {
  final StackCore core;
  final String key;
  final SipMessage request;
  final Endpoint destination;
  final ResponseListener listener;
  final boolean reliable;
  final TimerWheel.Timer retransmit = new TimerWheel.Timer(this);
  final TimerWheel.Timer timeout = new TimerWheel.Timer(this);
  final Handler<Throwable> onSendError = this::sendFailed;
  byte[] bytes;
  long interval;
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
      StackCore.LOG.debugf("sending %s to %s failed: %s", request.method(), destination, cause);
      terminate();
      StackCore.onTransportError(listener, this, cause);
    }
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
