package io.trunkline.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-source limiter on a clock the test turns. */
class RateLimiterTest {
  final AtomicLong now = new AtomicLong(1_000_000);
  final AtomicInteger trustChecks = new AtomicInteger();

  RateLimiter limiter(int rate, int tableSize) {
    SipLimits limits =
        SipLimits.builder()
            .ratePerSource(rate)
            .banTime(Duration.ofSeconds(10))
            .rateTableSize(tableSize)
            .build();
    return new RateLimiter(
        limits,
        ip -> {
          trustChecks.incrementAndGet();
          return ip.startsWith("10.");
        },
        now::get);
  }

  @Test
  void aSourceOverItsRateIsBannedForTheBanTime() {
    RateLimiter r = limiter(3, 64);
    for (int i = 0; i < 3; i++) {
      assertThat(r.allow("192.0.2.1")).isTrue();
    }
    assertThat(r.allow("192.0.2.1")).isFalse();
    assertThat(r.allow("192.0.2.2")).isTrue(); // others are not affected
    now.addAndGet(5_000);
    assertThat(r.allow("192.0.2.1")).isFalse(); // still banned in a new window
    now.addAndGet(5_001);
    assertThat(r.allow("192.0.2.1")).isTrue();
  }

  @Test
  void underTheRateEachSecondNothingIsDropped() {
    RateLimiter r = limiter(3, 64);
    for (int s = 0; s < 10; s++) {
      for (int i = 0; i < 3; i++) {
        assertThat(r.allow("192.0.2.9")).isTrue();
      }
      now.addAndGet(1000);
    }
  }

  @Test
  void trustedSourcesAreNeverLimitedAndAskedAboutOncePerSecond() {
    RateLimiter r = limiter(3, 64);
    for (int i = 0; i < 10_000; i++) {
      assertThat(r.allow("10.1.2.3")).isTrue();
    }
    assertThat(trustChecks.get()).isEqualTo(1);
    now.addAndGet(1000);
    r.allow("10.1.2.3");
    assertThat(trustChecks.get()).isEqualTo(2);
  }

  @Test
  void spoofedSourcesNeverGrowTheTable() {
    RateLimiter r = limiter(3, 1024);
    for (int i = 0; i < 200_000; i++) {
      r.allow("198.51." + (i >> 8 & 0xFF) + "." + (i & 0xFF) + (i >> 16));
    }
    assertThat(r.tracked()).isLessThanOrEqualTo(r.capacity()).isEqualTo(1024);
    // a source that floods in the middle of it is still caught
    for (int i = 0; i < 10; i++) {
      r.allow("203.0.113.7");
    }
    assertThat(r.allow("203.0.113.7")).isFalse();
  }

  @Test
  void ipv6SourcesShareTheirSlash64() {
    RateLimiter r = limiter(3, 64);
    assertThat(r.allow("2001:db8:1:2:0:0:0:1")).isTrue();
    assertThat(r.allow("2001:db8:1:2:0:0:0:2")).isTrue();
    assertThat(r.allow("2001:db8:1:2:aa:bb:cc:dd")).isTrue();
    assertThat(r.allow("2001:db8:1:2:ffff:0:0:9")).isFalse();
    assertThat(r.allow("2001:db8:1:3:0:0:0:1")).isTrue();
  }
}
