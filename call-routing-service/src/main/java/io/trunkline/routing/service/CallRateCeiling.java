package io.trunkline.routing.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The ceiling on new calls per second this service takes in total ({@code
 * trunkline.overload.max-calls-per-second}), counted in wall-clock seconds with one
 * compare-and-set: the check costs next to nothing, so it can shed a storm before any call state
 * exists.
 */
public class CallRateCeiling {

  private static final long COUNT_MASK = 0xFFFFF;

  private final int maxPerSecond;
  private final int retryAfterSeconds;
  private final LongSupplier clockMillis;
  private final AtomicLong window = new AtomicLong(); // (second << 20) | calls in that second

  /** A ceiling (0 = none) on a given clock. */
  public CallRateCeiling(int maxPerSecond, int retryAfterSeconds, LongSupplier clockMillis) {
    this.maxPerSecond = (int) Math.min(Math.max(0, maxPerSecond), COUNT_MASK);
    this.retryAfterSeconds = retryAfterSeconds;
    this.clockMillis = clockMillis;
  }

  /** Counts one new call; false (nothing counted) when this second's ceiling is reached. */
  public boolean tryAdmit() {
    if (maxPerSecond == 0) {
      return true;
    }
    long now = clockMillis.getAsLong() / 1000;
    while (true) {
      long w = window.get();
      long count = (w >>> 20) == now ? w & COUNT_MASK : 0;
      if (count >= maxPerSecond) {
        return false;
      }
      if (window.compareAndSet(w, (now << 20) | (count + 1))) {
        return true;
      }
    }
  }

  /** What a 503 above a ceiling tells the PBX to wait, in seconds. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
