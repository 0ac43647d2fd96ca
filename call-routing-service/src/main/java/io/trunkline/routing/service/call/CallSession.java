package io.trunkline.routing.service.call;

import io.trunkline.routing.event.CallEvent;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.Trunk;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * One call's state machine: ROUTING (trying candidates, failing over) → ANSWERED → ENDED. Every end
 * path goes through {@link #end} which gives back trunk capacity and forgets the call. Synchronized
 * per call: events of one call come from the SIP layer's and the timer's threads.
 */
final class CallSession implements PbxLeg.Listener, TrunkLeg.Listener {

  private enum State {
    ROUTING,
    ANSWERED,
    ENDED
  }

  private final B2buaService svc;
  private final PbxLeg pbx;
  private final Resolution res;
  private State state = State.ROUTING;
  private int next;
  private int attempt;
  private long eventVersion;
  private Candidate current;
  private TrunkLeg leg;
  private final TrunkHold hold;
  private final Hops outHops;
  private boolean authTried;
  private boolean acked;
  private int lastCode = 503;
  private String lastReason = "no trunk available";
  private ScheduledFuture<?> timer;

  CallSession(B2buaService svc, PbxLeg pbx, Resolution res) {
    this.svc = svc;
    this.pbx = pbx;
    this.res = res;
    this.hold = new TrunkHold(svc);
    this.outHops = svc.loops.next(pbx.hops());
  }

  String callId() {
    return pbx.callId();
  }

  synchronized void start() {
    event(CallEvent.Type.ROUTED, null, null, null, null);
    tryNext();
  }

  private void tryNext() {
    while (next < res.candidates().size()) {
      Candidate c = res.candidates().get(next++);
      Trunk t = c.trunk();
      String skipped = t == null ? "unknown trunk" : svc.resolver.unavailableReason(t);
      if (skipped != null || !hold.take(t)) {
        if (skipped != null && attempt == 0) {
          lastReason = skipped; // nothing tried yet: the 503 says why (loop, circuit_open...)
        }
        continue;
      }
      current = c;
      attempt++;
      authTried = false;
      svc.metrics.ensureGauge(t);
      event(CallEvent.Type.ATTEMPT, c, null, null, null);
      try {
        leg = svc.sip.get().invite(invite(c), this);
      } catch (RuntimeException e) {
        hold.outcome(503);
        hold.giveBack("failed");
        lastCode = 503;
        lastReason = "cannot send to trunk";
        continue;
      }
      arm(svc.noProvisionalTimeout);
      return;
    }
    String reason = "SIP;cause=" + lastCode + ";text=\"" + lastReason.replace('"', '\'') + "\"";
    event(CallEvent.Type.FAILED, null, 503, lastReason, null);
    pbx.reject(503, "Service Unavailable", reason);
    end(null);
  }

  private TrunkInvite invite(Candidate c) {
    return TrunkInvite.to(c, pbx.body(), outHops);
  }

  private void arm(Duration d) {
    disarm();
    TrunkLeg armedFor = leg;
    timer = svc.schedule(() -> onAttemptTimeout(armedFor), d);
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private synchronized void onAttemptTimeout(TrunkLeg armedFor) {
    if (state != State.ROUTING || leg != armedFor) {
      return;
    }
    armedFor.cancel();
    failover(408, "trunk did not answer in time");
  }

  private void failover(int code, String reason) {
    lastCode = code;
    lastReason = reason;
    event(CallEvent.Type.FAILED, current, code, reason, attempt);
    hold.outcome(code);
    hold.giveBack("failover");
    leg = null;
    tryNext();
  }

  @Override
  public synchronized void onProvisional(TrunkLeg from, int code, String reason, SipBody body) {
    if (from != leg || state != State.ROUTING) {
      return;
    }
    if (code > 100) {
      arm(svc.finalAnswerTimeout);
      pbx.provisional(code, reason, body);
    }
  }

  @Override
  public synchronized void onFinal(
      TrunkLeg from, int code, String reason, SipBody body, Challenge challenge) {
    if (from != leg || state != State.ROUTING) {
      if (code >= 200 && code < 300) {
        // A late answer from a leg we gave up on: confirm and hang it up at once.
        from.ack(null);
        from.bye();
      }
      return;
    }
    disarm();
    Trunk t = current.trunk();
    if (code >= 200 && code < 300) {
      state = State.ANSWERED;
      hold.outcome(code);
      svc.metrics.call(t, "answered");
      event(CallEvent.Type.ANSWERED, current, code, null, attempt);
      pbx.answer(code, reason, body);
      limitDuration();
      return;
    }
    if ((code == 401 || code == 407) && challenge != null && !authTried) {
      authTried = true;
      String auth = DigestAuth.answer(challenge, t.authUsername(), t.password(), t.realm());
      if (auth != null) {
        leg.authenticate(challenge.answerHeader(), auth);
        arm(svc.noProvisionalTimeout);
        return;
      }
    }
    if (code == 401 || code == 407 || t.isFailover(code)) {
      // An unanswerable challenge counts as a failed trunk: never pass it to the PBX.
      failover(code, reason == null ? "" : reason);
      return;
    }
    event(CallEvent.Type.FAILED, current, code, reason, attempt);
    hold.outcome(code);
    hold.giveBack("failed");
    pbx.reject(code, reason, null);
    end(null);
  }

  /** An answered call's one timer: ends it if no BYE came within the maximum duration. */
  private void limitDuration() {
    Duration max = svc.maxCallDuration;
    if (!max.isZero() && !max.isNegative()) {
      timer = svc.schedule(this::onMaxDuration, max);
    }
  }

  private synchronized void onMaxDuration() {
    if (state != State.ANSWERED) {
      return;
    }
    leg.bye();
    pbx.bye();
    end("max call duration");
  }

  @Override
  public synchronized void onBye(TrunkLeg from) {
    if (from == leg && state == State.ANSWERED) {
      pbx.bye();
      end("trunk hung up");
    }
  }

  @Override
  public void onRequest(TrunkLeg from, InDialogRequest request, Responder responder) {
    if (from != leg || state == State.ENDED) {
      responder.respond(481, "Call/Transaction Does Not Exist", null);
      return;
    }
    if (request.exhausted()) {
      responder.respond(483, "Too Many Hops", null);
      return;
    }
    pbx.send(request.forwarded(), responder);
  }

  @Override
  public synchronized void onAck(SipBody body) {
    if (state == State.ANSWERED && !acked) {
      acked = true;
      leg.ack(body);
    }
  }

  @Override
  public synchronized void onCancel() {
    if (state != State.ROUTING) {
      return;
    }
    disarm();
    if (leg != null) {
      leg.cancel();
    }
    hold.giveBack("cancelled");
    pbx.reject(487, "Request Terminated", null);
    end("cancelled");
  }

  @Override
  public synchronized void onBye() {
    if (state == State.ENDED) {
      return;
    }
    if (leg != null) {
      if (state == State.ANSWERED) {
        leg.bye();
      } else {
        leg.cancel();
      }
    }
    end("pbx hung up");
  }

  @Override
  public void onRequest(InDialogRequest request, Responder responder) {
    TrunkLeg l;
    synchronized (this) {
      l = state == State.ENDED ? null : leg;
    }
    if (l == null) {
      responder.respond(481, "Call/Transaction Does Not Exist", null);
      return;
    }
    if (request.exhausted()) {
      responder.respond(483, "Too Many Hops", null);
      return;
    }
    l.send(request.forwarded(), responder);
  }

  @Override
  public synchronized void onFailure(String reason) {
    if (state == State.ENDED) {
      return;
    }
    if (leg != null) {
      if (state == State.ANSWERED) {
        leg.bye();
      } else {
        leg.cancel();
      }
    }
    end(reason);
  }

  /** The one exit: frees capacity, timers and both legs' state; reason null = already reported. */
  private void end(String reason) {
    if (state == State.ENDED) {
      return;
    }
    boolean answered = state == State.ANSWERED;
    state = State.ENDED;
    disarm();
    hold.release();
    if (reason != null || answered) {
      event(CallEvent.Type.ENDED, current, null, reason, attempt == 0 ? null : attempt);
    }
    if (leg != null) {
      leg.release();
    }
    pbx.release();
    svc.ended(this);
  }

  private void event(CallEvent.Type type, Candidate c, Integer code, String reason, Integer att) {
    svc.event(
        pbx.callId(),
        ++eventVersion,
        type,
        res.rule().id(),
        c == null ? null : c.trunkId(),
        pbx.dialled(),
        c == null ? null : c.number(),
        code,
        reason,
        att);
  }
}
