package io.trunkline.routing.service.call;

import io.trunkline.routing.service.TrunkTargets;
import java.util.List;

/**
 * The addresses DNS gave for the trunk a call is trying, in order. A target that times out or
 * answers 503 gives way to the next address of the same trunk before the call moves on to the next
 * route. Empty for a trunk whose host is an IP literal: it is sent to as configured.
 */
final class TargetCursor {

  private List<TrunkTargets.Target> targets = List.of();
  private int next;

  /** A trunk without DNS: nothing to walk. */
  void clear() {
    targets = List.of();
    next = 0;
  }

  /** Starts on the trunk's targets; false (and cleared) when the lookup failed. */
  boolean use(TrunkTargets resolved) {
    if (resolved == null || resolved.failed() || resolved.targets().isEmpty()) {
      clear();
      return false;
    }
    targets = resolved.targets();
    next = 0;
    return true;
  }

  /** The next address to send to, or null for a trunk without DNS (or none left). */
  TrunkTargets.Target take() {
    return next < targets.size() ? targets.get(next++) : null;
  }

  /** Whether this answer moves the call to the trunk's next address rather than the next route. */
  boolean skipsTo(int code) {
    return (code == 408 || code == 503) && next < targets.size();
  }
}
