package io.trunkline.registration.domain;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The single thread the state machines run on, as they see it: tasks, timers and the storm-control
 * queue every REGISTER waits in. Callbacks of the ports arrive on this same thread, so the machines
 * need no locks.
 */
public interface Scheduler {

  /** Runs the task on the machines' thread. */
  void execute(Runnable task);

  /** Runs the task on the machines' thread after the delay. */
  Timer schedule(Duration delay, Runnable task);

  /**
   * Queues a REGISTER behind storm control; {@code send} returns whether it sent a request (one
   * that did not does not use up a slot).
   */
  void paced(BooleanSupplier send);

  /** A scheduled task that may still be cancelled. */
  interface Timer {
    void cancel();
  }
}
