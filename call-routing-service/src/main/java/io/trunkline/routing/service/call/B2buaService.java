package io.trunkline.routing.service.call;

import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.event.CallEvent;
import io.trunkline.routing.service.CallEvents;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.Resolution;
import io.trunkline.routing.service.RouteResolver;
import io.trunkline.routing.service.StateStore;
import io.trunkline.routing.service.TrunkUsage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The B2BUA logic: rule match, then one {@link CallSession} per accepted call that tries the
 * candidates, fails over and relays between the legs. Knows SIP only through {@link SipPort},
 * {@link PbxLeg} and {@link TrunkLeg}.
 */
@ApplicationScoped
public class B2buaService implements InviteHandler {

  final RouteResolver resolver;
  final TrunkUsage usage;
  final CallMetrics metrics;
  final CallEvents events;
  final Instance<SipPort> sip;
  final Duration noProvisionalTimeout;
  final Duration finalAnswerTimeout;
  final Duration maxCallDuration;
  private final StateStore store;
  private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timers = newTimers();

  public B2buaService(
      RouteResolver resolver,
      TrunkUsage usage,
      CallMetrics metrics,
      CallEvents events,
      Instance<SipPort> sip,
      StateStore store,
      RoutingConfig config) {
    this.resolver = resolver;
    this.usage = usage;
    this.metrics = metrics;
    this.events = events;
    this.sip = sip;
    this.store = store;
    this.noProvisionalTimeout = config.routing().noProvisionalTimeout();
    this.finalAnswerTimeout = config.routing().finalAnswerTimeout();
    this.maxCallDuration = config.routing().maxCallDuration();
  }

  @PreDestroy
  void stop() {
    timers.shutdownNow();
  }

  /** A new call whose source {@link CallAdmission} admitted (a PBX). */
  @Override
  public void onInvite(PbxLeg pbx) {
    if (!store.isLoaded()) {
      metrics.rejected("not_ready");
      pbx.reject(503, "Service Unavailable", "SIP;cause=503;text=\"routing state loading\"");
      return;
    }
    if (sessions.containsKey(pbx.callId())) {
      pbx.reject(482, "Loop Detected", null);
      return;
    }
    long t0 = System.nanoTime();
    Resolution res = pbx.dialled() == null ? null : resolver.resolve(pbx.caller(), pbx.dialled());
    metrics.decision(System.nanoTime() - t0);
    if (res == null) {
      metrics.rejected("no_route");
      event(
          pbx.callId(),
          1,
          CallEvent.Type.REJECTED,
          null,
          null,
          pbx.dialled(),
          null,
          404,
          "no matching rule",
          null);
      pbx.reject(404, "Not Found", "SIP;cause=404;text=\"no matching rule\"");
      return;
    }
    CallSession s = new CallSession(this, pbx, res);
    sessions.put(pbx.callId(), s);
    pbx.setListener(s);
    s.start();
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

  void event(
      String callId,
      long version,
      CallEvent.Type type,
      String ruleId,
      String trunkId,
      String dialled,
      String sent,
      Integer code,
      String reason,
      Integer attempt) {
    events.publish(
        new CallEvent(
            CallEvent.SCHEMA,
            callId,
            type.name(),
            ruleId,
            trunkId,
            dialled,
            sent,
            code,
            reason,
            attempt,
            version,
            Instant.now().toString()));
  }
}
