package io.trunkline.routing.service.call;

import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;

/**
 * What one call holds while it tries its callee side. Outbound, each attempt takes a unit of its
 * trunk's capacity (maxConcurrentCalls, call rate) and its circuit breaker's pass, together or not
 * at all. Inbound, the call already holds one unit of the trunk it came from (taken before the call
 * was accepted, given back when it ends), and each PBX destination only takes a breaker pass; its
 * outcomes are counted on that trunk with direction {@code inbound}. Each is given back exactly
 * once: capacity when the attempt or call ends, the pass with the attempt's outcome (or without
 * one, when the call was cancelled before the callee answered).
 */
final class TrunkHold {

  private final B2buaService svc;
  private final Trunk inboundFrom;
  private boolean sourceHeld;
  private Trunk trunk;
  private boolean capacity;
  private boolean open;
  private boolean pass;

  /** inboundFrom: the trunk an inbound call came from (its capacity already taken), else null. */
  TrunkHold(B2buaService svc, Trunk inboundFrom) {
    this.svc = svc;
    this.inboundFrom = inboundFrom;
    this.sourceHeld = inboundFrom != null;
  }

  /** Why the callee-side trunk (or PBX destination) cannot be tried now, or null. */
  String skipReason(Trunk t) {
    if (t == null) {
      return "unknown trunk";
    }
    return inboundFrom == null ? svc.resolver.unavailableReason(t) : svc.inbound.skipReason(t);
  }

  /** Takes the trunk for a new attempt; false (nothing held) when it has no room or is open. */
  boolean take(Trunk t) {
    if (!svc.breakers.tryPass(t.id())) {
      return false;
    }
    if (inboundFrom == null && !svc.usage.tryAcquire(t)) {
      svc.breakers.abandon(t.id());
      return false;
    }
    trunk = t;
    capacity = inboundFrom == null;
    open = true;
    pass = true;
    svc.metrics.ensureGauge(counted());
    return true;
  }

  /** The trunk's final answer to the attempt (a local timeout counts as 408). */
  void outcome(int code) {
    if (pass) {
      pass = false;
      svc.breakers.record(trunk.id(), TrunkBreakers.isFailure(code));
    }
  }

  /** Counts an outcome of the current attempt on the trunk the metrics are about. */
  void count(String metricOutcome) {
    svc.metrics.call(counted(), metricOutcome, direction());
  }

  /** The attempt is over: capacity back, counted under the outcome (answered, failover...). */
  void giveBack(String metricOutcome) {
    if (!open) {
      return;
    }
    open = false;
    if (capacity) {
      capacity = false;
      svc.usage.release(trunk.id());
    }
    count(metricOutcome);
  }

  /** The call is over: whatever is still held goes back, the pass without an outcome. */
  void release() {
    open = false;
    if (capacity) {
      capacity = false;
      svc.usage.release(trunk.id());
    }
    if (pass) {
      pass = false;
      svc.breakers.abandon(trunk.id());
    }
    if (sourceHeld) {
      sourceHeld = false;
      svc.usage.release(inboundFrom.id());
    }
  }

  private Trunk counted() {
    return inboundFrom != null ? inboundFrom : trunk;
  }

  private String direction() {
    return inboundFrom != null ? "inbound" : "outbound";
  }
}
