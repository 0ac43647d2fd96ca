package io.trunkline.sip;

/**
 * RFC 3261 17.1.2 non-INVITE client transaction: Trying, Proceeding, Completed. Timer E retransmits
 * over UDP (T1 doubling to T2; T2 once a 1xx came), F gives up after 64*T1, K absorbs response
 * retransmissions for T4.
 */
final class NonInviteClientTransaction extends AbstractClientTransaction {
  private static final int TRYING = 0;
  private static final int PROCEEDING = 1;
  private static final int COMPLETED = 2;

  private int state = TRYING;

  NonInviteClientTransaction(
      StackCore core, String key, SipMessage request, Endpoint dest, ResponseListener listener) {
    super(core, key, request, dest, listener);
  }

  @Override
  public void cancel() {
    // only INVITE can be cancelled
  }

  @Override
  void onResponse(SipMessage response) {
    if (state == COMPLETED || terminated) {
      return; // retransmitted final
    }
    if (response.status() < 200) {
      state = PROCEEDING;
      if (listener != null) {
        StackCore.onResponse(listener, this, response);
      }
      return;
    }
    state = COMPLETED;
    finalSeen = true;
    core.wheel.cancel(retransmit);
    if (reliable) {
      terminate();
    } else {
      core.wheel.schedule(timeout, core.t4); // timer K
    }
    ResponseListener l = listener;
    dropTu(); // timer K only absorbs retransmissions: no call state kept for it
    if (l != null) {
      StackCore.onResponse(l, this, response);
    }
    slim(); // after the TU saw the final with its request
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    if (t == retransmit) {
      if (state != COMPLETED) {
        transmit(bytes);
        interval = state == PROCEEDING ? core.t2 : Math.min(interval * 2, core.t2);
        core.wheel.schedule(retransmit, interval);
      }
      return;
    }
    boolean timedOut = state != COMPLETED;
    terminate();
    if (timedOut && listener != null) {
      StackCore.onTimeout(listener, this); // timer F
    }
  }
}
