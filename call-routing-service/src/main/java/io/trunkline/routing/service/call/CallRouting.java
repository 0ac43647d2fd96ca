package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Trunk;
import java.time.Duration;

/**
 * The ROUTING phase of a {@link CallSession}: tries the candidates in order, sends each attempt's
 * INVITE (with the relay's offer when its media is anchored), answers a trunk's challenge once, and
 * fails over on the trunk's failover codes and on timeouts until one answers or none is left (503
 * to the PBX). Called under the session's lock; its own callbacks, from the timer and the media
 * relay, take that lock first.
 */
final class CallRouting {

  private final CallSession call;
  private final B2buaService svc;
  private final PbxLeg pbx;
  private final RouteAttempts attempts;
  private final CallLog log;
  private final CallMedia media;
  private final TrunkHold hold;
  private final CallTimer timer;
  private final Hops outHops;

  CallRouting(
      CallSession call,
      B2buaService svc,
      PbxLeg pbx,
      RouteAttempts attempts,
      CallLog log,
      CallMedia media,
      TrunkHold hold,
      CallTimer timer) {
    this.call = call;
    this.svc = svc;
    this.pbx = pbx;
    this.attempts = attempts;
    this.log = log;
    this.media = media;
    this.hold = hold;
    this.timer = timer;
    this.outHops = svc.loops.next(pbx.hops());
  }

  /** Tries the next candidate that can be tried; with none left the PBX gets 503. */
  void tryNext() {
    Candidate c;
    while ((c = attempts.takeNext(hold)) != null) {
      log.event(CallEvent.Type.ATTEMPT, c, null, null, null);
      if (media.attempt(c.trunk())) {
        int at = attempts.number();
        Candidate offered = c;
        media.pbxOffer(pbx.body()).whenComplete((sdp, err) -> onOffered(at, offered, sdp, err));
        return;
      }
      if (send(c, pbx.body())) {
        return;
      }
    }
    log.event(CallEvent.Type.FAILED, null, 503, attempts.lastReason(), null);
    pbx.reject(503, "Service Unavailable", attempts.exhaustedReasonHeader());
    call.end(null);
  }

  /** Sends the attempt's INVITE; false (capacity given back) when the SIP layer cannot. */
  private boolean send(Candidate c, SipBody body) {
    try {
      call.leg(svc.sip.get().invite(TrunkInvite.to(c, body, outHops), call));
    } catch (RuntimeException e) {
      hold.outcome(503);
      hold.giveBack("failed");
      attempts.failed(503, "cannot send to trunk");
      return false;
    }
    awaitAnswer(svc.noProvisionalTimeout);
    return true;
  }

  /**
   * The relay's offer for an anchored attempt came back: the INVITE goes out with it. A relay that
   * failed fails the attempt before anything reaches the trunk (the next route is tried; the PBX
   * gets 503 when none is left).
   */
  private void onOffered(int at, Candidate c, SipBody sdp, Throwable err) {
    synchronized (call) {
      if (!call.routing() || at != attempts.number()) {
        return; // the call ended (or moved on) meanwhile: its session is already deleted
      }
      if (err == null && send(c, sdp)) {
        return;
      }
      if (err != null) {
        attempts.failed(503, "media relay unavailable");
        log.event(CallEvent.Type.FAILED, c, 503, attempts.lastReason(), at);
        hold.outcome(503);
        hold.giveBack("failed");
      }
      media.end();
      tryNext();
    }
  }

  /** Gives the current attempt d to answer before the next candidate is tried. */
  private void awaitAnswer(Duration d) {
    TrunkLeg armedFor = call.leg();
    timer.set(() -> onAttemptTimeout(armedFor), d);
  }

  private void onAttemptTimeout(TrunkLeg armedFor) {
    synchronized (call) {
      if (!call.routing() || call.leg() != armedFor) {
        return;
      }
      armedFor.cancel();
      failover(408, "trunk did not answer in time");
    }
  }

  private void failover(int code, String reason) {
    attempts.failed(code, reason);
    log.event(CallEvent.Type.FAILED, attempts.current(), code, reason, attempts.number());
    hold.outcome(code);
    hold.giveBack("failover");
    call.leg(null);
    tryNext();
  }

  /** A 1xx from the current attempt's leg: relayed to the PBX (its SDP through the relay). */
  void provisional(TrunkLeg from, int code, String reason, SipBody body) {
    if (code <= 100) {
      return;
    }
    awaitAnswer(svc.finalAnswerTimeout);
    if (media.anchored() && CallMedia.isSdp(body)) {
      media
          .trunkResponse(body, false)
          .whenComplete(
              (sdp, err) -> relayProvisional(from, code, reason, err == null ? sdp : null));
    } else {
      pbx.provisional(code, reason, body);
    }
  }

  /** Early media's SDP, rewritten; without it (the relay failed) the PBX still sees progress. */
  private void relayProvisional(TrunkLeg from, int code, String reason, SipBody sdp) {
    synchronized (call) {
      if (from == call.leg() && call.routing()) {
        pbx.provisional(code, reason, sdp);
      }
    }
  }

  /**
   * A final error from the current attempt's leg: a challenge answered once, a failover code (or an
   * unanswerable challenge) tries the next candidate, anything else goes to the PBX.
   */
  void failed(int code, String reason, Challenge challenge) {
    Trunk t = attempts.current().trunk();
    if ((code == 401 || code == 407) && challenge != null && attempts.mayAnswerChallenge()) {
      String auth = DigestAuth.answer(challenge, t.authUsername(), t.password(), t.realm());
      if (auth != null) {
        call.leg().authenticate(challenge.answerHeader(), auth);
        awaitAnswer(svc.noProvisionalTimeout);
        return;
      }
    }
    if (code == 401 || code == 407 || t.isFailover(code)) {
      // An unanswerable challenge counts as a failed trunk: never pass it to the PBX.
      failover(code, reason == null ? "" : reason);
      return;
    }
    log.event(CallEvent.Type.FAILED, attempts.current(), code, reason, attempts.number());
    hold.outcome(code);
    hold.giveBack("failed");
    pbx.reject(code, reason, null);
    call.end(null);
  }
}
