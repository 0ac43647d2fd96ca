package io.trunkline.sip;

import java.time.Duration;
import java.util.Objects;

/** RFC 3261 17.1.1.1 timer base values: T1 (RTT estimate), T2 (max retransmit interval), T4. */
public record SipTimers(Duration t1, Duration t2, Duration t4) {
  public SipTimers {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    if (t1.toMillis() <= 0 || t2.compareTo(t1) < 0 || t4.toMillis() <= 0) {
      throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0");
    }
  }

  /** T1 500 ms, T2 4 s, T4 5 s. */
  public static SipTimers rfc3261() {
    return new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }
}
