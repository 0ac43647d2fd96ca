package io.trunkline.sip;

import io.vertx.core.Vertx;
import java.util.ArrayList;

/**
 * A hashed timing wheel driven by one Vert.x periodic timer, used only on the stack's event loop.
 * Scheduling and cancelling are O(1) and allocation-free: each transaction owns its {@link Timer}
 * objects and re-arms them. (Measured against Vertx.setTimer/cancelTimer: see "Timers" in the
 * module's docs/internals.md.) The periodic tick runs only while timers are pending.
 */
final class TimerWheel {
  /** Receives the firing of its timers. */
  interface Target {
    void onTimer(Timer timer);
  }

  /** A re-armable timer; belongs to one target. */
  static final class Timer {
    final Target target;
    private long deadline;
    private int slot = IDLE;
    private Timer prev;
    private Timer next;

    Timer(Target target) {
      this.target = target;
    }

    boolean pending() {
      return slot != IDLE;
    }
  }

  private static final int IDLE = -1;
  private static final int DUE = -2;
  private static final int SLOTS = 512;

  private final Vertx vertx;
  private final long tickNanos;
  private final long tickMillis;
  private final long origin = System.nanoTime();
  private final Timer[] heads = new Timer[SLOTS];
  private final ArrayList<Timer> due = new ArrayList<>();
  private long processed; // last tick whose slot was processed
  private int scheduled;
  private long periodicId = -1;

  TimerWheel(Vertx vertx, long tickMillis) {
    this.vertx = vertx;
    this.tickMillis = Math.max(1, tickMillis);
    this.tickNanos = this.tickMillis * 1_000_000L;
    this.processed = now();
  }

  /** Arms (or re-arms) the timer to fire after delayMillis, rounded up to the tick. */
  void schedule(Timer t, long delayMillis) {
    cancel(t);
    long ticks = Math.max(1, (delayMillis + tickMillis - 1) / tickMillis);
    t.deadline = Math.max(now(), processed) + ticks;
    int slot = (int) (t.deadline & (SLOTS - 1));
    t.slot = slot;
    t.prev = null;
    t.next = heads[slot];
    if (t.next != null) {
      t.next.prev = t;
    }
    heads[slot] = t;
    if (++scheduled == 1 && periodicId < 0) {
      processed = Math.max(processed, now() - 1);
      periodicId = vertx.setPeriodic(tickMillis, id -> tick());
    }
  }

  void cancel(Timer t) {
    if (t.slot >= 0) {
      unlink(t);
      scheduled--;
    }
    t.slot = IDLE;
  }

  int size() {
    return scheduled;
  }

  void close() {
    if (periodicId >= 0) {
      vertx.cancelTimer(periodicId);
      periodicId = -1;
    }
  }

  private long now() {
    return (System.nanoTime() - origin) / tickNanos;
  }

  private void tick() {
    long target = now();
    long from = Math.max(processed + 1, target - SLOTS + 1);
    for (long t = from; t <= target; t++) {
      Timer x = heads[(int) (t & (SLOTS - 1))];
      while (x != null) {
        Timer next = x.next;
        if (x.deadline <= target) {
          unlink(x);
          scheduled--;
          x.slot = DUE;
          due.add(x);
        }
        x = next;
      }
    }
    processed = Math.max(processed, target);
    for (int i = 0; i < due.size(); i++) {
      Timer x = due.get(i);
      if (x.slot == DUE) { // not cancelled or re-armed by an earlier timer of this batch
        x.slot = IDLE;
        try {
          x.target.onTimer(x);
        } catch (RuntimeException | AssertionError e) {
          org.jboss.logging.Logger.getLogger(TimerWheel.class).debug("timer task failed", e);
        }
      }
    }
    due.clear();
    if (scheduled == 0 && periodicId >= 0) {
      vertx.cancelTimer(periodicId);
      periodicId = -1;
    }
  }

  private void unlink(Timer t) {
    if (t.prev != null) {
      t.prev.next = t.next;
    } else {
      heads[t.slot] = t.next;
    }
    if (t.next != null) {
      t.next.prev = t.prev;
    }
    t.prev = null;
    t.next = null;
  }
}
