package io.trunkline.routing.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Live usage per trunk: active calls and calls started per second. Capacity is taken with a
 * compare-and-set so concurrent calls never overshoot maxConcurrentCalls or maxCallsPerSecond.
 */
@ApplicationScoped
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

  private final Map<String, Counters> byTrunk = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;

  /** Usage on the system clock. */
  public TrunkUsage() {
    this(System::currentTimeMillis);
  }

  /** Usage on a test clock. */
  public TrunkUsage(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
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
    if (t.maxCallsPerSecond() > 0) {
      long now = clockMillis.getAsLong() / 1000;
      long w = c.window.get();
      if ((w >>> 20) == now && (w & 0xFFFFF) >= t.maxCallsPerSecond()) {
        return "over maxCallsPerSecond";
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
    while (true) {
      long w = c.window.get();
      long second = w >>> 20;
      long count = second == now ? w & 0xFFFFF : 0;
      if (t.maxCallsPerSecond() > 0 && count >= t.maxCallsPerSecond()) {
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
