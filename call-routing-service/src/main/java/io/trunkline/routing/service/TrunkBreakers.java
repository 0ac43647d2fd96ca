package io.trunkline.routing.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One circuit breaker per trunk. A trunk whose attempts fail in a storm (at least {@code failures}
 * failed attempts, and at least {@code failureRatio} of its finished ones, within the sliding
 * window) is OPEN: routes skip it ({@code circuit_open}) for {@code openFor}. Then it is HALF_OPEN:
 * the next call may try it once; that attempt working closes it, failing opens it again. Failed
 * means the trunk is in trouble (5xx, 408 or no answer in time, 482/483, cannot send); a busy or
 * unknown number is the trunk working.
 */
public class TrunkBreakers {

  /** Breaker states as shown in trunk usage. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** The skip reason of an open trunk in resolve. */
  public static final String CIRCUIT_OPEN = "circuit_open";

  private final int failures;
  private final double failureRatio;
  private final int windowSeconds;
  private final long openMillis;
  private final LongSupplier clockMillis;
  private final Map<String, Breaker> byTrunk = new ConcurrentHashMap<>();

  /** Breakers with the given thresholds (failures 0 = never open) on a given clock. */
  public TrunkBreakers(
      int failures,
      double failureRatio,
      int windowSeconds,
      long openMillis,
      LongSupplier clockMillis) {
    this.failures = failures;
    this.failureRatio = failureRatio;
    this.windowSeconds = windowSeconds;
    this.openMillis = openMillis;
    this.clockMillis = clockMillis;
  }

  /** Breakers that never open (tests and benchmarks of other parts). */
  public static TrunkBreakers off() {
    return new TrunkBreakers(0, 1, 1, 0, System::currentTimeMillis);
  }

  /** Whether an attempt's final code says the trunk is in trouble. */
  public static boolean isFailure(int code) {
    return code >= 500 || code == 408 || code == 482 || code == 483;
  }

  /** The breaker's state now. */
  public State state(String trunkId) {
    Breaker b = byTrunk.get(trunkId);
    return b == null ? State.CLOSED : b.state(clockMillis.getAsLong());
  }

  /** {@link #CIRCUIT_OPEN} while routes must skip the trunk, else null; takes nothing. */
  public String skipReason(String trunkId) {
    Breaker b = byTrunk.get(trunkId);
    return b != null && !b.wouldPass(clockMillis.getAsLong()) ? CIRCUIT_OPEN : null;
  }

  /**
   * Takes the right to send one attempt to the trunk: always when CLOSED, once when HALF_OPEN.
   * Every attempt let through must end in {@link #record} or {@link #abandon}.
   */
  public boolean tryPass(String trunkId) {
    if (failures <= 0) {
      return true;
    }
    return breaker(trunkId).tryPass(clockMillis.getAsLong());
  }

  /** The outcome of an attempt that was let through. */
  public void record(String trunkId, boolean failed) {
    if (failures > 0) {
      breaker(trunkId).record(failed, clockMillis.getAsLong());
    }
  }

  /** An attempt let through that ended telling nothing about the trunk (cancelled). */
  public void abandon(String trunkId) {
    Breaker b = byTrunk.get(trunkId);
    if (b != null) {
      b.abandon();
    }
  }

  private Breaker breaker(String trunkId) {
    return byTrunk.computeIfAbsent(trunkId, k -> new Breaker());
  }

  /** One trunk's breaker: per-second buckets of the window, and the state. */
  private final class Breaker {
    private final long[] second = new long[windowSeconds];
    private final int[] failed = new int[windowSeconds];
    private final int[] finished = new int[windowSeconds];
    private State state = State.CLOSED;
    private long openUntil;
    private boolean probeOut;

    synchronized State state(long now) {
      if (state == State.OPEN && now >= openUntil) {
        state = State.HALF_OPEN;
        probeOut = false;
      }
      return state;
    }

    synchronized boolean wouldPass(long now) {
      State s = state(now);
      return s == State.CLOSED || (s == State.HALF_OPEN && !probeOut);
    }

    synchronized boolean tryPass(long now) {
      State s = state(now);
      if (s == State.HALF_OPEN && !probeOut) {
        probeOut = true;
        return true;
      }
      return s == State.CLOSED;
    }

    synchronized void record(boolean failedAttempt, long now) {
      State s = state(now);
      if (s == State.HALF_OPEN) {
        if (failedAttempt) {
          open(now);
        } else {
          state = State.CLOSED;
          clear();
        }
        return;
      }
      if (s == State.OPEN) {
        return; // an attempt from before it opened
      }
      long sec = now / 1000;
      int i = (int) (sec % windowSeconds);
      if (second[i] != sec) {
        second[i] = sec;
        failed[i] = 0;
        finished[i] = 0;
      }
      finished[i]++;
      if (failedAttempt) {
        failed[i]++;
        int f = 0;
        int n = 0;
        for (int j = 0; j < windowSeconds; j++) {
          if (sec - second[j] < windowSeconds) {
            f += failed[j];
            n += finished[j];
          }
        }
        if (f >= failures && f >= failureRatio * n) {
          open(now);
        }
      }
    }

    synchronized void abandon() {
      probeOut = false;
    }

    private void open(long now) {
      state = State.OPEN;
      openUntil = now + openMillis;
      probeOut = false;
      clear();
    }

    private void clear() {
      java.util.Arrays.fill(second, 0);
      java.util.Arrays.fill(failed, 0);
      java.util.Arrays.fill(finished, 0);
    }
  }
}
