package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkDestinations;
import io.trunkline.routing.service.TrunkTargets;
import java.time.Duration;

/**
 * The ROUTING phase of a {@link CallSession}: tries the candidates in order, sends each attempt's
 * INVITE (with the relay's offer when its media is anchored), answers a trunk's challenge once, and
 * fails over on the trunk's failover codes and on timeouts until one answers or none is left (503
 * to the PBX). A trunk named by a domain is tried at each of its DNS targets in turn (a timeout or
 * 503 moves to the next target of the same trunk) before the next candidate. Called under the
 * session's lock; its own callbacks, from the timer and the media relay, take that lock first.
 */
final class CallRouting {

  private final CallSession call;
  private final Hops outHops;
  private final TargetCursor targets = new TargetCursor();
  private SipBody sentBody;

  CallRouting(CallSession call) {
    this.call = call;
    this.outHops = call.svc.loops.next(call.pbx.hops());
  }

  /** Tries the next candidate that can be tried; with none left the PBX gets 503. */
  void tryNext() {
    Candidate c;
    while ((c = call.attempts.takeNext(call.hold)) != null) {
      call.log.event(CallEvent.Type.ATTEMPT, c, null, null, null);
      targets.clear();
      TrunkDestinations dns = call.svc.resolver.destinations();
      if (dns.needsLookup(c.trunk())) {
        TrunkTargets known = dns.known(c.trunk());
        if (known == null) {
          // a cold or expired name: the lookup runs off this thread, the call carries on after it
          int at = call.attempts.number();
          Candidate looked = c;
          dns.lookUp(c.trunk())
              .whenComplete((r, err) -> onLookedUp(at, looked, err == null ? r : null));
          return;
        }
        if (!targets.use(known)) {
          dnsFailed(c);
          continue;
        }
      }
      if (begin(c)) {
        return;
      }
    }
    call.log.event(CallEvent.Type.FAILED, null, 503, call.attempts.lastReason(), null);
    call.pbx.reject(503, "Service Unavailable", call.attempts.exhaustedReasonHeader());
    call.end(null);
  }

  /** Starts the attempt on its trunk: the relay's offer first when media is anchored. */
  private boolean begin(Candidate c) {
    if (call.media.attempt(c.trunk())) {
      int at = call.attempts.number();
      call.media.pbxOffer(call.pbx.body()).whenComplete((sdp, err) -> onOffered(at, c, sdp, err));
      return true;
    }
    return send(c, call.pbx.body());
  }

  /** The trunk's name was looked up: on to its first address, or to the next candidate. */
  private void onLookedUp(int at, Candidate c, TrunkTargets resolved) {
    synchronized (call) {
      if (!call.routing() || at != call.attempts.number()) {
        return; // the call ended meanwhile (its capacity is already given back)
      }
      if (!targets.use(resolved)) {
        dnsFailed(c);
      } else if (begin(c)) {
        return;
      }
      tryNext();
    }
  }

  /** The trunk's host does not resolve: the attempt fails with reason dns. */
  private void dnsFailed(Candidate c) {
    call.attempts.failed(503, TrunkTargets.DNS);
    call.log.event(CallEvent.Type.FAILED, c, 503, TrunkTargets.DNS, call.attempts.number());
    call.hold.outcome(503);
    call.hold.giveBack("failed");
  }

  /** Sends the attempt's INVITE; false (capacity given back) when the SIP layer cannot. */
  private boolean send(Candidate c, SipBody body) {
    sentBody = body;
    try {
      call.leg(call.svc.sip.get().invite(TrunkInvite.to(c, body, outHops, targets.take()), call));
    } catch (RuntimeException e) {
      call.hold.outcome(503);
      call.hold.giveBack("failed");
      call.attempts.failed(503, "cannot send to trunk");
      return false;
    }
    awaitAnswer(call.svc.noProvisionalTimeout);
    return true;
  }

  /**
   * The relay's offer for an anchored attempt came back: the INVITE goes out with it. A relay that
   * failed fails the attempt before anything reaches the trunk (the next route is tried; the PBX
   * gets 503 when none is left).
   */
  private void onOffered(int at, Candidate c, SipBody sdp, Throwable err) {
    synchronized (call) {
      if (!call.routing() || at != call.attempts.number()) {
        return; // the call ended (or moved on) meanwhile: its session is already deleted
      }
      if (err == null && send(c, sdp)) {
        return;
      }
      if (err != null) {
        call.attempts.failed(503, "media relay unavailable");
        call.log.event(CallEvent.Type.FAILED, c, 503, call.attempts.lastReason(), at);
        call.hold.outcome(503);
        call.hold.giveBack("failed");
      }
      call.media.end();
      tryNext();
    }
  }

  /** Gives the current attempt d to answer before the next candidate is tried. */
  private void awaitAnswer(Duration d) {
    TrunkLeg armedFor = call.leg();
    call.timer.set(() -> onAttemptTimeout(armedFor), d);
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
    call.attempts.failed(code, reason);
    call.log.event(
        CallEvent.Type.FAILED, call.attempts.current(), code, reason, call.attempts.number());
    call.leg(null);
    if (targets.skipsTo(code)) {
      // the same trunk's next DNS address before the next candidate; the trunk stays held
      call.attempts.again();
      call.log.event(CallEvent.Type.ATTEMPT, call.attempts.current(), null, null, null);
      if (!send(call.attempts.current(), sentBody)) {
        tryNext();
      }
      return;
    }
    call.hold.outcome(code);
    call.hold.giveBack("failover");
    tryNext();
  }

  /** A 1xx from the current attempt's leg: relayed to the PBX (its SDP through the relay). */
  void provisional(TrunkLeg from, int code, String reason, SipBody body) {
    if (code <= 100) {
      return;
    }
    awaitAnswer(call.svc.finalAnswerTimeout);
    if (call.media.anchored() && CallMedia.isSdp(body)) {
      call.media
          .trunkResponse(body, false)
          .whenComplete(
              (sdp, err) -> relayProvisional(from, code, reason, err == null ? sdp : null));
    } else {
      call.pbx.provisional(code, reason, body);
    }
  }

  /** Early media's SDP, rewritten; without it (the relay failed) the PBX still sees progress. */
  private void relayProvisional(TrunkLeg from, int code, String reason, SipBody sdp) {
    synchronized (call) {
      if (from == call.leg() && call.routing()) {
        call.pbx.provisional(code, reason, sdp);
      }
    }
  }

  /**
   * A final error from the current attempt's leg: a challenge answered once, a failover code (or an
   * unanswerable challenge) tries the next candidate, anything else goes to the PBX.
   */
  void failed(int code, String reason, Challenge challenge) {
    Trunk t = call.attempts.current().trunk();
    if ((code == 401 || code == 407) && challenge != null && call.attempts.mayAnswerChallenge()) {
      String auth = DigestAuth.answer(challenge, t.authUsername(), t.password(), t.realm());
      if (auth != null) {
        call.leg().authenticate(challenge.answerHeader(), auth);
        awaitAnswer(call.svc.noProvisionalTimeout);
        return;
      }
    }
    if (code == 401 || code == 407 || t.isFailover(code) || targets.skipsTo(code)) {
      // An unanswerable challenge counts as a failed trunk: never pass it to the PBX.
      failover(code, reason == null ? "" : reason);
      return;
    }
    call.log.event(
        CallEvent.Type.FAILED, call.attempts.current(), code, reason, call.attempts.number());
    call.hold.outcome(code);
    call.hold.giveBack("failed");
    call.pbx.reject(code, reason, null);
    call.end(null);
  }
}
