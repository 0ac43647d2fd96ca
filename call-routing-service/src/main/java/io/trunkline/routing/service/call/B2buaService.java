package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.CallEvents;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.CallRateCeiling;
import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;
import io.trunkline.routing.service.TrunkUsage;
import io.trunkline.routing.service.inbound.InboundResolver;
import io.trunkline.routing.service.inbound.InboundRouting;
import io.trunkline.routing.service.inbound.TrunkIdentifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The B2BUA logic for calls whose source was admitted: loop check, rule match, call-rate ceilings,
 * then one {@link CallSession} per accepted call that tries the candidates, fails over and relays
 * between the legs. Everything that refuses a call does so before a session exists. Knows SIP only
 * through {@link SipPort}, {@link PbxLeg} and {@link TrunkLeg}.
 */
@ApplicationScoped
public class B2buaService implements InviteHandler {

  final RouteResolver resolver;
  final TrunkUsage usage;
  final CallMetrics metrics;
  final CallEvents events;
  final Provider<SipPort> sip;
  final LoopGuard loops;
  final TrunkBreakers breakers;
  final Duration noProvisionalTimeout;
  final Duration finalAnswerTimeout;
  final Duration maxCallDuration;
  final MediaRelay media;
  final InboundRouting inbound;
  private final StateStore store;
  private final CallRateCeiling ceiling;
  private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timers = newTimers();

  public B2buaService(
      RouteResolver resolver,
      TrunkUsage usage,
      CallMetrics metrics,
      CallEvents events,
      Provider<SipPort> sip,
      StateStore store,
      CallTimers timeouts,
      LoopGuard loops,
      CallRateCeiling ceiling,
      TrunkBreakers breakers,
      MediaRelay media,
      InboundRouting inbound) {
    this.resolver = resolver;
    this.usage = usage;
    this.metrics = metrics;
    this.events = events;
    this.sip = sip;
    this.store = store;
    this.loops = loops;
    this.ceiling = ceiling;
    this.breakers = breakers;
    this.noProvisionalTimeout = timeouts.noProvisional();
    this.finalAnswerTimeout = timeouts.finalAnswer();
    this.maxCallDuration = timeouts.maxCallDuration();
    this.media = media;
    this.inbound = inbound;
  }

  /** Ends its timer thread (a hand-wired instance calls it itself; CDI on shutdown). */
  @PreDestroy
  public void stop() {
    timers.shutdownNow();
  }

  /** A new call whose source {@link CallAdmission} admitted (a PBX). */
  @Override
  public void onInvite(PbxLeg pbx) {
    LoopGuard.Verdict verdict = loops.check(pbx.hops());
    if (verdict != LoopGuard.Verdict.PASS) {
      refuseLoop(pbx, verdict);
      return;
    }
    if (!store.isLoaded()) {
      metrics.rejected("not_ready");
      pbx.reject(503, "Service Unavailable", "SIP;cause=503;text=\"routing state loading\"");
      return;
    }
    if (sessions.containsKey(pbx.callId())) {
      pbx.reject(482, "Loop Detected", null);
      return;
    }
    if (inbound.fromTrunk(pbx.sourceAddress())) {
      onInboundInvite(pbx);
      return;
    }
    long t0 = System.nanoTime();
    Resolution res = pbx.dialled() == null ? null : resolver.resolve(pbx.caller(), pbx.dialled());
    metrics.decision(System.nanoTime() - t0);
    if (res == null) {
      metrics.rejected("no_route");
      CallLog.rejected(
          events,
          pbx.callId(),
          CallEvent.Direction.OUTBOUND,
          null,
          pbx.dialled(),
          404,
          "no matching rule");
      pbx.reject(404, "Not Found", "SIP;cause=404;text=\"no matching rule\"");
      return;
    }
    if (!ceiling.tryAdmit()) {
      overloaded(pbx, "call rate ceiling");
      return;
    }
    if (onlyRateLimited(res)) {
      overloaded(pbx, "trunk call rate ceiling");
      return;
    }
    CallSession s = new CallSession(this, pbx, res);
    sessions.put(pbx.callId(), s);
    pbx.setListener(s);
    s.start();
  }

  /**
   * A call from a trunk to the PBX: trunk and DID identified (403 / 404), inbound rule found (404),
   * call-rate ceiling, then one unit of the trunk's capacity, shared with its outbound calls (503
   * when it is full), and the same call session tries the rule's PBX destinations in order.
   */
  private void onInboundInvite(PbxLeg from) {
    long t0 = System.nanoTime();
    TrunkIdentifier.Identified id =
        inbound.identify(from.sourceAddress(), from.dialled(), from.calledTo());
    if (!id.accepted()) {
      metrics.decision(System.nanoTime() - t0);
      boolean stranger = id.code() == TrunkIdentifier.FORBIDDEN;
      metrics.rejected(stranger ? CallAdmission.SOURCE : "no_route");
      refuseInbound(from, id.trunk(), id.rawDid(), id.code(), id.reason());
      return;
    }
    Trunk trunk = id.trunk();
    InboundResolver.Resolution res = inbound.resolve(trunk, id.did(), from.caller());
    metrics.decision(System.nanoTime() - t0);
    if (res.rule() == null) {
      metrics.rejected("no_route");
      refuseInbound(from, trunk, id.did(), 404, "no matching inbound rule");
      return;
    }
    if (!ceiling.tryAdmit()) {
      overloaded(from, "call rate ceiling");
      return;
    }
    if (!usage.tryAcquire(trunk)) {
      metrics.rejected("trunk_limit");
      metrics.call(trunk, "rejected", "inbound");
      refuseInbound(from, trunk, id.did(), 503, "trunk at its call limit");
      return;
    }
    CallSession s =
        new CallSession(this, from, res.rule().id(), res.destinations(), trunk, id.did());
    sessions.put(from.callId(), s);
    from.setListener(s);
    s.start();
  }

  private void refuseInbound(PbxLeg from, Trunk trunk, String did, int code, String why) {
    String trunkId = trunk == null ? null : trunk.id();
    CallLog.rejected(events, from.callId(), CallEvent.Direction.INBOUND, trunkId, did, code, why);
    String phrase =
        switch (code) {
          case 403 -> "Forbidden";
          case 404 -> "Not Found";
          default -> "Service Unavailable";
        };
    from.reject(code, phrase, "SIP;cause=" + code + ";text=\"" + why + "\"");
  }

  /** 483 or 482, before anything else is done for the INVITE. */
  private void refuseLoop(PbxLeg pbx, LoopGuard.Verdict verdict) {
    boolean hops = verdict == LoopGuard.Verdict.TOO_MANY_HOPS;
    metrics.rejected(hops ? "too_many_hops" : "loop_detected");
    String why = hops ? "too many hops" : "loop detected";
    CallLog.rejected(
        events, pbx.callId(), CallEvent.Direction.OUTBOUND, null, pbx.dialled(), verdict.code, why);
    pbx.reject(verdict.code, verdict.phrase, "SIP;cause=" + verdict.code + ";text=\"" + why + "\"");
  }

  /**
   * 503 with Retry-After above a call-rate ceiling, without a call event: shedding a storm must
   * cost as little as possible (the metric counts it).
   */
  private void overloaded(PbxLeg pbx, String what) {
    metrics.rejected("rate_limit");
    pbx.rejectRetryAfter(ceiling.retryAfterSeconds(), "SIP;cause=503;text=\"" + what + "\"");
  }

  /** Whether no route is usable and at least one is held back only by a call-rate limit. */
  private static boolean onlyRateLimited(Resolution res) {
    boolean limited = false;
    for (Candidate c : res.candidates()) {
      if (c.skipReason() == null) {
        return false;
      }
      limited |= TrunkUsage.isRateLimit(c.skipReason());
    }
    return limited;
  }

  /** Calls in progress (a finished call leaves nothing here). */
  public int activeCalls() {
    return sessions.size();
  }

  void ended(CallSession s) {
    sessions.remove(s.callId(), s);
  }

  /**
   * One daemon thread for the failover timers. Cancelled timers leave the queue at once: almost
   * every call cancels its 60 s answer timer within seconds, and 60 s of cancelled tasks (60,000 at
   * 1,000 calls/s) would otherwise be copied by every young GC.
   */
  private static ScheduledThreadPoolExecutor newTimers() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, "b2bua-timers");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  ScheduledFuture<?> schedule(Runnable r, Duration d) {
    return timers.schedule(r, d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
