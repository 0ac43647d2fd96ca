package io.trunkline.sip;

/**
 * RFC 3261 17.2.1 INVITE server transaction with the RFC 6026 Accepted state. The stack also does
 * the UAS core's 2xx duty (RFC 3261 13.3.1.4): it retransmits the 2xx (T1 doubling, capped at T2,
 * regardless of transport as 13.3.1.4 says) until the ACK, then hands the ACK to the TU once; no
 * ACK within 64*T1 means onAckTimeout. States: Proceeding, Completed (non-2xx, timers G/H),
 * Confirmed (timer I), Accepted (2xx, timer L).
 */
final class InviteServerTransaction extends AbstractServerTransaction {
  private static final int PROCEEDING = 0;
  private static final int COMPLETED = 1;
  private static final int CONFIRMED = 2;
  private static final int ACCEPTED = 3;

  private final TimerWheel.Timer retransmit = new TimerWheel.Timer(this); // G, 2xx resend
  private final TimerWheel.Timer timeout = new TimerWheel.Timer(this); // H, I, L
  private int state = PROCEEDING;
  private long interval;
  private String ackKey;
  private boolean acked;

  InviteServerTransaction(StackCore core, String key, SipMessage request, Endpoint source) {
    super(core, key, request, source);
  }

  /**
   * Registers and answers 100 Trying at once, so that the client stops retransmitting. Arms the
   * guard against a TU that never answers (timer C's 3 minutes, renewed by each provisional): then
   * the stack answers 500 itself, and the transaction ends as any other.
   */
  void start() {
    core.register(this);
    lastResponse = request.createResponse(100, "Trying").encode();
    transmit(lastResponse);
    core.wheel.schedule(timeout, core.timerC);
  }

  static String ackKey(String callId, long cseq, String toTag) {
    return callId + '|' + cseq + '|' + toTag;
  }

  @Override
  void onRetransmission() {
    if (state != CONFIRMED && !acked && lastResponse != null) {
      transmit(lastResponse); // last 1xx, the non-2xx final, or the 2xx not yet ACKed
    }
  }

  @Override
  void onResponseSent(SipMessage response, int status) {
    if (status < 200) {
      core.wheel.schedule(timeout, core.timerC); // the call is progressing: the guard starts over
      return;
    }
    interval = core.t1;
    if (status < 300) {
      state = ACCEPTED;
      ackKey = ackKey(request.callId(), request.cseq(), response.to().tag());
      core.accepted.put(ackKey, this);
      core.wheel.schedule(retransmit, interval);
    } else {
      state = COMPLETED;
      slim(); // only the final's bytes are needed from now on
      if (!reliable) {
        core.wheel.schedule(retransmit, interval); // timer G
      }
    }
    core.wheel.schedule(timeout, 64 * core.t1); // timer H or L
  }

  /** An ACK that matched this transaction by branch (the ACK for a non-2xx final). */
  void onAck(SipMessage ack, Endpoint from) {
    if (state == COMPLETED) {
      state = CONFIRMED;
      lastResponse = null;
      core.wheel.cancel(retransmit);
      if (reliable) {
        terminate();
      } else {
        core.wheel.schedule(timeout, core.t4); // timer I absorbs ACK retransmissions
      }
    } else if (state == ACCEPTED) {
      onAck2xx(ack, from); // a UAC that reused the INVITE branch for its 2xx ACK
    }
  }

  /**
   * The ACK for our 2xx: delivered to the TU once. Until timer L the transaction only absorbs
   * retransmitted INVITEs, which the linger table does without this object; a repeated ACK then
   * matches nothing and is dropped (Dispatcher#onAck).
   */
  void onAck2xx(SipMessage ack, Endpoint from) {
    if (state == ACCEPTED && !acked) {
      acked = true;
      core.linger(key, 64 * core.t1, LingerTable.ABSORB);
      terminate();
      lastResponse = null;
      slim();
      core.onAck(ack, from);
    }
  }

  @Override
  public void onTimer(TimerWheel.Timer t) {
    if (t == retransmit) {
      if (state == COMPLETED || (state == ACCEPTED && !acked)) {
        transmit(lastResponse);
        interval = Math.min(interval * 2, core.t2);
        core.wheel.schedule(retransmit, interval);
      }
      return;
    }
    if (state == PROCEEDING) {
      StackCore.LOG.debugf("%s never answered: 500", SipText.forLog(key));
      respond(request.createResponse(500, "Server Internal Error"));
      return;
    }
    if (state == COMPLETED) {
      StackCore.LOG.debugf("no ACK for the final response of %s (timer H)", SipText.forLog(key));
    } else if (state == ACCEPTED && !acked) {
      terminate();
      core.onAckTimeout(this);
      return;
    }
    terminate();
  }

  @Override
  void cancelTimers() {
    core.wheel.cancel(retransmit);
    core.wheel.cancel(timeout);
    if (ackKey != null) {
      core.accepted.remove(ackKey, this);
    }
  }
}
