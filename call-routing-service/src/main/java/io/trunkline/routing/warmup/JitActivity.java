package io.trunkline.routing.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether the JIT compilers have gone quiet: less than {@link #QUIET_MILLIS} of compilation in the
 * last whole second. Never quiet on a JVM that does not report its compilation time.
 */
final class JitActivity {

  /** Compilation per second below which the compilers count as done (2 % of one core). */
  static final long QUIET_MILLIS = 20;

  private static final long SECOND_NANOS = 1_000_000_000L;

  private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
  private final boolean reported = jit != null && jit.isCompilationTimeMonitoringSupported();
  private long lastCheck = System.nanoTime();
  private long lastTotal = total();
  private boolean quiet;

  /** Checks at most once a second; true once a whole second passed with little compilation. */
  boolean settled(long now) {
    if (reported && now - lastCheck >= SECOND_NANOS) {
      long t = total();
      quiet = t - lastTotal < QUIET_MILLIS;
      lastTotal = t;
      lastCheck = now;
    }
    return quiet;
  }

  private long total() {
    return reported ? jit.getTotalCompilationTime() : 0;
  }
}
