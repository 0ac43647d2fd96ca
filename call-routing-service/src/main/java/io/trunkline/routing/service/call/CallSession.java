package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.Trunk;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One call's state machine: ROUTING (trying candidates, failing over) → ANSWERED → ENDED. Every end
 * path goes through {@link #end} which gives back trunk capacity, deletes the media session and
 * forgets the call. Synchronized per call: events of one call come from the SIP layer's, the
 * timer's and (anchored media, see {@link CallMedia}) the media relay's threads. The ROUTING phase
 * (attempts, challenges, failover) is {@link CallRouting}'s; this class keeps the answered dialog,
 * the relaying of in-dialog requests between the legs and every way a call ends.
 */
final class CallSession implements PbxLeg.Listener, TrunkLeg.Listener {

  private enum State {
    ROUTING,
    ANSWERED,
    ENDED
  }

  // The call's parts; package-private because CallRouting, the call's ROUTING phase, works on them
  // under this call's lock rather than keeping copies of its own.
  final B2buaService svc;
  final PbxLeg pbx;
  final RouteAttempts attempts;
  final CallLog log;
  final CallMedia media;
  final TrunkHold hold;
  final CallTimer timer;
  private final CallRouting routing;
  private State state = State.ROUTING;
  private TrunkLeg leg;
  private boolean acked;

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
    this.attempts = new RouteAttempts(candidates);
    CallEvent.Direction direction =
        inboundFrom == null ? CallEvent.Direction.OUTBOUND : CallEvent.Direction.INBOUND;
    this.log = new CallLog(svc.events, pbx.callId(), direction, ruleId, did);
    this.hold = new TrunkHold(svc, inboundFrom);
    this.media = new CallMedia(svc.media, pbx.callId(), MediaSide.CALLER, pbx.sourceAddress());
    this.timer = new CallTimer(svc::schedule);
    this.routing = new CallRouting(this);
  }

  String callId() {
    return pbx.callId();
  }

  synchronized void start() {
    log.event(CallEvent.Type.ROUTED, null, null, null, null);
    routing.tryNext();
  }

  /** Whether the call is still trying its candidates. */
  boolean routing() {
    return state == State.ROUTING;
  }

  /** The current attempt's trunk leg (or, answered, the call's), null between attempts. */
  TrunkLeg leg() {
    return leg;
  }

  void leg(TrunkLeg current) {
    leg = current;
  }

  @Override
  public synchronized void onProvisional(TrunkLeg from, int code, String reason, SipBody body) {
    if (from == leg && state == State.ROUTING) {
      routing.provisional(from, code, reason, body);
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
    timer.cancel();
    if (code >= 200 && code < 300) {
      answered(code, reason, body);
      return;
    }
    routing.failed(code, reason, challenge);
  }

  private void answered(int code, String reason, SipBody body) {
    state = State.ANSWERED;
    hold.outcome(code);
    hold.count("answered");
    log.event(CallEvent.Type.ANSWERED, attempts.current(), code, null, attempts.number());
    if (media.anchored()) {
      media.trunkResponse(body, true).whenComplete((sdp, err) -> answerPbx(code, reason, sdp, err));
    } else {
      pbx.answer(code, reason, body);
    }
    Duration max = svc.maxCallDuration;
    if (!max.isZero() && !max.isNegative()) {
      timer.set(this::onMaxDuration, max); // a BYE that never comes must not hold a channel
    }
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
    boolean ours = from == leg && state != State.ENDED;
    relay(ours, false, request, responder, pbx::send);
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
    timer.cancel();
    if (leg != null) {
      leg.cancel();
    }
    hold.giveBack("cancelled");
    pbx.reject(487, "Request Terminated", null);
    end("cancelled");
  }

  @Override
  public synchronized void onBye() {
    abandon("pbx hung up");
  }

  @Override
  public void onRequest(InDialogRequest request, Responder responder) {
    TrunkLeg l;
    synchronized (this) {
      l = state == State.ENDED ? null : leg;
    }
    relay(l != null, true, request, responder, l == null ? null : l::send);
  }

  @Override
  public synchronized void onFailure(String reason) {
    abandon(reason);
  }

  /**
   * Relays an in-dialog request to the other leg (onward), through the media relay when it may
   * carry an offer or answer; 481 when the call has no such dialog (ours false), 483 when the
   * request may not be forwarded any more.
   */
  private void relay(
      boolean ours,
      boolean fromPbx,
      InDialogRequest request,
      Responder responder,
      BiConsumer<InDialogRequest, Responder> onward) {
    if (!ours) {
      responder.respond(481, "Call/Transaction Does Not Exist", null);
      return;
    }
    if (request.exhausted()) {
      responder.respond(483, "Too Many Hops", null);
      return;
    }
    if (media.rewrites(request)) {
      media.relay(fromPbx, request.forwarded(), responder, onward);
      return;
    }
    onward.accept(request.forwarded(), responder);
  }

  /** The PBX leg is gone: the trunk leg is hung up (or its INVITE cancelled) and the call ends. */
  private void abandon(String reason) {
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
  void end(String reason) {
    if (state == State.ENDED) {
      return;
    }
    boolean answered = state == State.ANSWERED;
    state = State.ENDED;
    timer.cancel();
    media.end();
    hold.release();
    if (reason != null || answered) {
      int at = attempts.number();
      log.event(CallEvent.Type.ENDED, attempts.current(), null, reason, at == 0 ? null : at);
    }
    if (leg != null) {
      leg.release();
    }
    pbx.release();
    svc.ended(this);
  }
}
