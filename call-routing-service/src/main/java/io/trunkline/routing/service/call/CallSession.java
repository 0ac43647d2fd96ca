package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkDestinations;
import io.trunkline.routing.service.TrunkTargets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One call's state machine: ROUTING (trying candidates, failing over) → ANSWERED → ENDED. Every end
 * path goes through {@link #end} which gives back trunk capacity, deletes the media session and
 * forgets the call. Synchronized per call: events of one call come from the SIP layer's, the
 * timer's and (anchored media, see {@link CallMedia}) the media relay's threads.
 */
final class CallSession implements PbxLeg.Listener, TrunkLeg.Listener {

  private enum State {
    ROUTING,
    ANSWERED,
    ENDED
  }

  private final B2buaService svc;
  private final PbxLeg pbx;
  private final String ruleId;
  private final List<Candidate> candidates;
  private final CallEvent.Direction direction;
  private final String dialled;
  private final CallMedia media;
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
  private final TargetCursor targets = new TargetCursor();
  private SipBody sentBody;

  /** An outbound call: the PBX calls, the rule's trunks are tried. */
  CallSession(B2buaService svc, PbxLeg pbx, Resolution res) {
    this(svc, pbx, res.rule().id(), res.candidates(), null, pbx.dialled());
  }

  /**
   * A call whose caller leg is pbx (the PBX outbound, the trunk inbound) and whose callee side is
   * tried over candidates (trunks outbound, PBX destinations inbound). inboundFrom: the trunk an
   * inbound call came from (its capacity already taken), null outbound; did: the number events
   * carry as dialled.
   */
  CallSession(
      B2buaService svc,
      PbxLeg pbx,
      String ruleId,
      List<Candidate> candidates,
      Trunk inboundFrom,
      String did) {
    this.svc = svc;
    this.pbx = pbx;
    this.ruleId = ruleId;
    this.candidates = candidates;
    this.direction =
        inboundFrom == null ? CallEvent.Direction.OUTBOUND : CallEvent.Direction.INBOUND;
    this.dialled = did;
    this.hold = new TrunkHold(svc, inboundFrom);
    this.outHops = svc.loops.next(pbx.hops());
    this.media = new CallMedia(svc.media, pbx.callId(), MediaSide.CALLER, pbx.sourceAddress());
  }

  String callId() {
    return pbx.callId();
  }

  synchronized void start() {
    event(CallEvent.Type.ROUTED, null, null, null, null);
    tryNext();
  }

  private void tryNext() {
    while (next < candidates.size()) {
      Candidate c = candidates.get(next++);
      Trunk t = c.trunk();
      String skipped = hold.skipReason(t);
      if (skipped != null || !hold.take(t)) {
        if (skipped != null && attempt == 0) {
          lastReason = skipped; // nothing tried yet: the 503 says why (loop, circuit_open...)
        }
        continue;
      }
      current = c;
      attempt++;
      authTried = false;
      event(CallEvent.Type.ATTEMPT, c, null, null, null);
      targets.clear();
      TrunkDestinations dns = svc.resolver.destinations();
      if (dns.needsLookup(t)) {
        TrunkTargets known = dns.known(t);
        if (known == null) {
          // a cold or expired name: the lookup runs off this thread, the call carries on after it
          int at = attempt;
          dns.lookUp(t).whenComplete((r, err) -> onLookedUp(at, c, err == null ? r : null));
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
    String reason = "SIP;cause=" + lastCode + ";text=\"" + lastReason.replace('"', '\'') + "\"";
    event(CallEvent.Type.FAILED, null, 503, lastReason, null);
    pbx.reject(503, "Service Unavailable", reason);
    end(null);
  }

  /** Starts the attempt on its trunk: the relay's offer first when media is anchored. */
  private boolean begin(Candidate c) {
    if (media.attempt(c.trunk())) {
      int at = attempt;
      media.pbxOffer(pbx.body()).whenComplete((sdp, err) -> onOffered(at, c, sdp, err));
      return true;
    }
    return send(c, pbx.body());
  }

  /** The trunk's name was looked up: on to its first address, or to the next route. */
  private synchronized void onLookedUp(int at, Candidate c, TrunkTargets resolved) {
    if (state != State.ROUTING || at != attempt) {
      return; // the call ended meanwhile (its capacity is already given back)
    }
    if (!targets.use(resolved)) {
      dnsFailed(c);
    } else if (begin(c)) {
      return;
    }
    tryNext();
  }

  /** The trunk's host does not resolve: the attempt fails with reason dns, the next route goes. */
  private void dnsFailed(Candidate c) {
    lastCode = 503;
    lastReason = TrunkTargets.DNS;
    event(CallEvent.Type.FAILED, c, 503, lastReason, attempt);
    hold.outcome(503);
    hold.giveBack("failed");
  }

  /** Sends the attempt's INVITE; false (capacity given back) when the SIP layer cannot. */
  private boolean send(Candidate c, SipBody body) {
    sentBody = body;
    try {
      leg = svc.sip.get().invite(TrunkInvite.to(c, body, outHops, targets.take()), this);
    } catch (RuntimeException e) {
      hold.outcome(503);
      hold.giveBack("failed");
      lastCode = 503;
      lastReason = "cannot send to trunk";
      return false;
    }
    arm(svc.noProvisionalTimeout);
    return true;
  }

  /**
   * The relay's offer for an anchored attempt came back: the INVITE goes out with it. A relay that
   * failed fails the attempt before anything reaches the trunk (the next route is tried; the PBX
   * gets 503 when none is left).
   */
  private synchronized void onOffered(int at, Candidate c, SipBody sdp, Throwable err) {
    if (state != State.ROUTING || at != attempt) {
      return; // the call ended (or moved on) meanwhile: its session is already deleted
    }
    if (err == null && send(c, sdp)) {
      return;
    }
    if (err != null) {
      lastCode = 503;
      lastReason = "media relay unavailable";
      event(CallEvent.Type.FAILED, c, 503, lastReason, attempt);
      hold.outcome(503);
      hold.giveBack("failed");
    }
    media.end();
    tryNext();
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
    leg = null;
    if (targets.skipsTo(code)) {
      // the same trunk's next DNS address before the next route; the trunk stays held
      attempt++;
      authTried = false;
      event(CallEvent.Type.ATTEMPT, current, null, null, null);
      if (send(current, sentBody)) {
        return;
      }
      tryNext();
      return;
    }
    hold.outcome(code);
    hold.giveBack("failover");
    tryNext();
  }

  @Override
  public synchronized void onProvisional(TrunkLeg from, int code, String reason, SipBody body) {
    if (from != leg || state != State.ROUTING) {
      return;
    }
    if (code > 100) {
      arm(svc.finalAnswerTimeout);
      if (media.anchored() && CallMedia.isSdp(body)) {
        media
            .trunkResponse(body, false)
            .whenComplete(
                (sdp, err) -> relayProvisional(from, code, reason, err == null ? sdp : null));
      } else {
        pbx.provisional(code, reason, body);
      }
    }
  }

  /** Early media's SDP, rewritten; without it (the relay failed) the PBX still sees progress. */
  private synchronized void relayProvisional(TrunkLeg from, int code, String reason, SipBody sdp) {
    if (from == leg && state == State.ROUTING) {
      pbx.provisional(code, reason, sdp);
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
      hold.count("answered");
      event(CallEvent.Type.ANSWERED, current, code, null, attempt);
      if (media.anchored()) {
        media
            .trunkResponse(body, true)
            .whenComplete((sdp, err) -> answerPbx(code, reason, sdp, err));
      } else {
        pbx.answer(code, reason, body);
      }
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
    if (code == 401 || code == 407 || t.isFailover(code) || targets.skipsTo(code)) {
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

  /**
   * The trunk's answer, rewritten by the relay, goes to the PBX. When the relay failed, the call
   * cannot have media: both legs are ended. A call that ended meanwhile still owes the PBX a final.
   */
  private synchronized void answerPbx(int code, String reason, SipBody sdp, Throwable err) {
    if (state != State.ANSWERED) {
      pbx.reject(503, "Service Unavailable", null); // does nothing when it was answered
      return;
    }
    if (err == null) {
      pbx.answer(code, reason, sdp);
      return;
    }
    leg.ack(null);
    leg.bye();
    pbx.reject(503, "Service Unavailable", "SIP;cause=503;text=\"media relay unavailable\"");
    end("media relay unavailable");
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
    if (media.rewrites(request)) {
      media.relay(false, request.forwarded(), responder, pbx::send);
      return;
    }
    pbx.send(request.forwarded(), responder);
  }

  @Override
  public synchronized void onAck(SipBody body) {
    if (state == State.ANSWERED && !acked) {
      acked = true;
      if (media.pbxAckAnswers(body)) {
        media.pbxAck(body).whenComplete((sdp, err) -> ackTrunk(sdp, err));
      } else {
        leg.ack(body);
      }
    }
  }

  /** The PBX's late answer (its ACK), rewritten; without media the call ends. */
  private synchronized void ackTrunk(SipBody sdp, Throwable err) {
    if (state != State.ANSWERED) {
      return;
    }
    leg.ack(err == null ? sdp : null);
    if (err != null) {
      leg.bye();
      pbx.bye();
      end("media relay unavailable");
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
    if (media.rewrites(request)) {
      media.relay(true, request.forwarded(), responder, l::send);
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
    media.end();
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
        direction,
        type,
        ruleId,
        c == null ? null : c.trunkId(),
        dialled,
        c == null ? null : c.number(),
        code,
        reason,
        att);
  }
}
