package io.trunkline.sip;

/**
 * RFC 3261 17.2.2 non-INVITE server transaction: Trying, Proceeding, Completed (timer J), plus a
 * guard so a request the TU never answers does not linger (the client gives up after 64*T1).
 */
final class NonInviteServerTransaction extends AbstractServerTransaction {
  private final TimerWheel.Timer timer = new TimerWheel.Timer(this);

  NonInviteServerTransaction(StackCore core, String key, SipMessage request, Endpoint source) {
    super(core, key, request, source);
  }

  void start() {
    core.register(this);
    core.wheel.schedule(timer, 64 * core.t1 + core.t4); // unanswered guard, replaced by timer J
  }

  @Override
  void onRetransmission() {
    if (lastResponse != null) { // Proceeding or Completed: send the last response again
      transmit(lastResponse);
    }
  }

  @Override
  void onResponseSent(SipMessage response, int status) {
    if (status < 200) {
      return;
    }
    if (!reliable) {
      // timer J: retransmitted requests get the final again, from the linger table
      core.linger(key, 64 * core.t1, lastResponse);
    }
    terminate();
    lastResponse = null;
    slim();
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    if (!finalSent) {
      StackCore.LOG.debugf("%s never answered, dropping", SipText.forLog(key));
    }
    terminate();
  }

  @Override
  void cancelTimers() {
    core.wheel.cancel(timer);
  }
}
