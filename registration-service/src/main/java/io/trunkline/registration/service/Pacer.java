package io.trunkline.registration.service;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Storm control: a token bucket of size one. Requests wait in a FIFO queue and leave one at a time,
 * at least {@code 1/rate} after the previous one actually left, whatever the number of trunks that
 * become due at once and however late the engine thread runs: never a burst.
 */
public final class Pacer {

  private final Engine engine;
  private final long intervalNanos;
  private final ArrayDeque<BooleanSupplier> queue = new ArrayDeque<>();
  private boolean draining;
  private long lastSend;
  private boolean sentBefore;

  public Pacer(Engine engine, double maxPerSecond) {
    if (maxPerSecond <= 0) {
      throw new IllegalArgumentException("max REGISTER rate must be positive");
    }
    this.engine = engine;
    this.intervalNanos = (long) (1_000_000_000L / maxPerSecond);
  }

  /**
   * Runs the task on the engine thread in the next free slot. The task returns whether it sent a
   * request; one that did not (its registration was stopped meanwhile) does not use up the slot.
   */
  public synchronized void submit(BooleanSupplier task) {
    queue.add(task);
    if (!draining) {
      draining = true;
      scheduleDrain();
    }
  }

  /** Requests waiting for a slot. */
  public synchronized int backlog() {
    return queue.size();
  }

  private void scheduleDrain() {
    long wait = sentBefore ? lastSend + intervalNanos - System.nanoTime() : 0;
    engine.scheduleNanos(wait, this::drain);
  }

  private void drain() {
    while (true) {
      BooleanSupplier task;
      synchronized (this) {
        task = queue.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      long now = System.nanoTime();
      if (task.getAsBoolean()) {
        synchronized (this) {
          lastSend = now;
          sentBefore = true;
          if (queue.isEmpty()) {
            draining = false;
          } else {
            scheduleDrain();
          }
        }
        return;
      }
    }
  }
}
