package io.trunkline.routing.service.call;

import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkBreakers;

/**
 * What one attempt holds on its trunk: a unit of its capacity (maxConcurrentCalls, call rate) and
 * its circuit breaker's pass. Both are taken together or not at all, and each is given back exactly
 * once: the capacity when the attempt or the call ends, the pass with the attempt's outcome (or
 * without one, when the call was cancelled before the trunk answered).
 */
final class TrunkHold {

  private final B2buaService svc;
  private Trunk trunk;
  private boolean capacity;
  private boolean pass;

  TrunkHold(B2buaService svc) {
    this.svc = svc;
  }

  /** Takes the trunk for a new attempt; false (nothing held) when it has no room or is open. */
  boolean take(Trunk t) {
    if (!svc.breakers.tryPass(t.id())) {
      return false;
    }
    if (!svc.usage.tryAcquire(t)) {
      svc.breakers.abandon(t.id());
      return false;
    }
    trunk = t;
    capacity = true;
    pass = true;
    return true;
  }

  /** The trunk's final answer to the attempt (a local timeout counts as 408). */
  void outcome(int code) {
    if (pass) {
      pass = false;
      svc.breakers.record(trunk.id(), TrunkBreakers.isFailure(code));
    }
  }

  /** The attempt is over: capacity back, counted under the outcome (answered, failover...). */
  void giveBack(String metricOutcome) {
    if (capacity) {
      capacity = false;
      svc.usage.release(trunk.id());
      svc.metrics.call(trunk, metricOutcome);
    }
  }

  /** The call is over: whatever is still held goes back, the pass without an outcome. */
  void release() {
    if (capacity) {
      capacity = false;
      svc.usage.release(trunk.id());
    }
    if (pass) {
      pass = false;
      svc.breakers.abandon(trunk.id());
    }
  }
}
