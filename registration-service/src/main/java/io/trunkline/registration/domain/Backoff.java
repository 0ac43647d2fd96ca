package io.trunkline.registration.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Retry delays: exponential with jitter for transient failures, slow for bad credentials. */
public final class Backoff {

  private final Duration min;
  private final Duration max;
  private final Duration badCredentials;

  public Backoff(Duration min, Duration max, Duration badCredentials) {
    this.min = min;
    this.max = max;
    this.badCredentials = badCredentials;
  }

  /** Delay before retry number {@code failures} (1 = first failure): min·2^(n-1), +0..25 %. */
  public Duration afterFailure(int failures) {
    double base = min.toMillis() * Math.pow(2, Math.min(30, Math.max(0, failures - 1)));
    double jittered = base * (1 + ThreadLocalRandom.current().nextDouble(0.25));
    return Duration.ofMillis((long) Math.min(jittered, max.toMillis()));
  }

  /** Delay before retrying after bad credentials: the slow interval, +0..20 %. */
  public Duration afterBadCredentials() {
    return Duration.ofMillis(
        (long) (badCredentials.toMillis() * (1 + ThreadLocalRandom.current().nextDouble(0.2))));
  }

  /** Refresh point: a random point between 50 % and 85 % of the granted expiry. */
  public static Duration refreshAfter(int grantedSeconds) {
    double fraction = 0.5 + ThreadLocalRandom.current().nextDouble(0.35);
    return Duration.ofMillis((long) (grantedSeconds * 1000L * fraction));
  }
}
