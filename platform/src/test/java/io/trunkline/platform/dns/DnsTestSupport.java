package io.trunkline.platform.dns;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Builds resolvers pointed at a test DNS server, with a clock tests can move forward. */
final class DnsTestSupport {

  private DnsTestSupport() {}

  /** A monotonic clock that follows real time plus whatever a test adds. */
  static final class TestClock implements LongSupplier {
    private final AtomicLong offset = new AtomicLong();

    @Override
    public long getAsLong() {
      return System.nanoTime() + offset.get();
    }

    void advance(Duration d) {
      offset.addAndGet(d.toNanos());
    }
  }

  static DnsSettings settings(String server) {
    return DnsSettings.defaults()
        .withServers(List.of(server))
        .withTimeout(Duration.ofMillis(1500), 2);
  }

  static SipResolver resolver(DnsSettings settings) {
    return new SipResolver(settings, () -> new Random(), System::nanoTime);
  }

  static SipResolver resolver(DnsSettings settings, LongSupplier clock) {
    return new SipResolver(settings, () -> new Random(), clock);
  }

  static SipResolution resolve(SipResolver resolver, SipLookup lookup) {
    try {
      return resolver.resolve(lookup).toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("resolution of " + lookup + " did not complete", e);
    }
  }
}
