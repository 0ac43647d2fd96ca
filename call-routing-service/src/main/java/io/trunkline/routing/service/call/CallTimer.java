package io.trunkline.routing.service.call;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;

/**
 * The one timer a call has at a time: while routing, the current attempt's wait for an answer; once
 * answered, the maximum call duration. Setting it cancels the one before.
 */
final class CallTimer {

  private final BiFunction<Runnable, Duration, ScheduledFuture<?>> scheduler;
  private ScheduledFuture<?> pending;

  CallTimer(BiFunction<Runnable, Duration, ScheduledFuture<?>> scheduler) {
    this.scheduler = scheduler;
  }

  /** Runs task after d, unless set again or cancelled first. */
  void set(Runnable task, Duration d) {
    cancel();
    pending = scheduler.apply(task, d);
  }

  void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }
}
