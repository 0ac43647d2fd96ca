package io.trunkline.routing.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live usage per trunk: active calls and calls started per second. Capacity is taken with a
 * compare-and-set so concurrent calls never overshoot maxConcurrentCalls or maxCallsPerSecond.
 * Besides a trunk's own maxCallsPerSecond, every trunk has the service-wide ceiling {@code
 * trunkline.overload.max-calls-per-second-per-trunk} (skip reason {@value #RATE_LIMIT}).
 */
public class TrunkUsage {

  /** Counters of one trunk. */
  public static final class Counters {
    final AtomicInteger active = new AtomicInteger();
    final AtomicLong window = new AtomicLong(); // (second << 20) | count in that second
    final AtomicInteger previousSecond = new AtomicInteger();

    /** Calls in progress on the trunk. */
    public int active() {
      return active.get();
    }
  }

  /** Skip reason of a trunk at the service-wide per-trunk ceiling. */
  public static final String RATE_LIMIT = "rate_limit";

  /** Skip reason of a trunk at its own maxCallsPerSecond. */
  public static final String OVER_MAX_CPS = "over maxCallsPerSecond";

  private final Map<String, Counters> byTrunk = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;
  private final int ceiling;

  /** Usage on the system clock, no service-wide ceiling. */
  public TrunkUsage() {
    this(System::currentTimeMillis);
  }

  /** Usage on a test clock, no service-wide ceiling. */
  public TrunkUsage(LongSupplier clockMillis) {
    this(clockMillis, 0);
  }

  /** Usage on a clock with a per-trunk ceiling of new calls per second (0 = none). */
  public TrunkUsage(LongSupplier clockMillis, int ceiling) {
    this.clockMillis = clockMillis;
    this.ceiling = (int) Math.min(Math.max(0, ceiling), 0xFFFFF);
  }

  /** Whether a skip reason is a call-rate limit (the PBX may retry a moment later). */
  public static boolean isRateLimit(String reason) {
    return RATE_LIMIT.equals(reason) || OVER_MAX_CPS.equals(reason);
  }

  /** Calls per second the trunk may start: its own limit and the ceiling, 0 = unlimited. */
  private int rateLimit(Trunk t) {
    int own = t.maxCallsPerSecond();
    if (own > 0 && ceiling > 0) {
      return Math.min(own, ceiling);
    }
    return own > 0 ? own : ceiling;
  }

  /** Counters of a trunk (created on first use). */
  public Counters of(String trunkId) {
    return byTrunk.computeIfAbsent(trunkId, k -> new Counters());
  }

  /** Calls in progress on the trunk. */
  public int active(String trunkId) {
    Counters c = byTrunk.get(trunkId);
    return c == null ? 0 : c.active.get();
  }

  /** Calls started on the trunk during the last complete second. */
  public int callsPerSecond(String trunkId) {
    Counters c = byTrunk.get(trunkId);
    if (c == null) {
      return 0;
    }
    long now = clockMillis.getAsLong() / 1000;
    long w = c.window.get();
    long second = w >>> 20;
    if (second == now) {
      return c.previousSecond.get();
    }
    return second == now - 1 ? (int) (w & 0xFFFFF) : 0;
  }

  /** Why a trunk has no room now, or null when it has; does not take capacity. */
  public String checkRoom(Trunk t) {
    Counters c = of(t.id());
    if (t.maxConcurrentCalls() > 0 && c.active.get() >= t.maxConcurrentCalls()) {
      return "at maxConcurrentCalls";
    }
    int limit = rateLimit(t);
    if (limit > 0) {
      long now = clockMillis.getAsLong() / 1000;
      long w = c.window.get();
      if ((w >>> 20) == now && (w & 0xFFFFF) >= limit) {
        return limit == t.maxCallsPerSecond() ? OVER_MAX_CPS : RATE_LIMIT;
      }
    }
    return null;
  }

  /** Takes one call of capacity; false (nothing taken) when the trunk is full. */
  public boolean tryAcquire(Trunk t) {
    Counters c = of(t.id());
    int max = t.maxConcurrentCalls();
    while (true) {
      int a = c.active.get();
      if (max > 0 && a >= max) {
        return false;
      }
      if (c.active.compareAndSet(a, a + 1)) {
        break;
      }
    }
    long now = clockMillis.getAsLong() / 1000;
    int limit = rateLimit(t);
    while (true) {
      long w = c.window.get();
      long second = w >>> 20;
      long count = second == now ? w & 0xFFFFF : 0;
      if (limit > 0 && count >= limit) {
        c.active.decrementAndGet();
        return false;
      }
      if (c.window.compareAndSet(w, (now << 20) | Math.min(count + 1, 0xFFFFF))) {
        if (second != now) {
          c.previousSecond.set(second == now - 1 ? (int) (w & 0xFFFFF) : 0);
        }
        return true;
      }
    }
  }

  /** Gives back one call of capacity. */
  public void release(String trunkId) {
    Counters c = byTrunk.get(trunkId);
    if (c != null) {
      c.active.updateAndGet(a -> a > 0 ? a - 1 : 0);
    }
  }

  /** Trunk ids seen so far. */
  public java.util.Set<String> trunkIds() {
    return byTrunk.keySet();
  }
}
