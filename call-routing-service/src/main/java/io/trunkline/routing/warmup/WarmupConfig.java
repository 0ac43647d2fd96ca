package io.trunkline.routing.warmup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The start-up warm-up: synthetic calls through a private copy of the router before the service
 * reports ready, so that the JIT has compiled the call path before real traffic arrives.
 */
@ConfigMapping(prefix = "trunkline.routing.warmup")
public interface WarmupConfig {

  /**
   * The longest time synthetic calls are driven after start; readiness stays DOWN until then (plus
   * up to a few seconds for the last calls to end). The warm-up ends earlier once 15,000 calls ran
   * and the JIT compiled nothing more for a second. 0 disables the warm-up: the service is ready as
   * soon as its state is loaded, and its first calls run in the interpreter (the default: the
   * warm-up delays readiness by its duration, and a fresh JVM under full load reaches its warm cost
   * about 25 s after launch without it).
   */
  @WithDefault("0s")
  Duration duration();

  /**
   * Synthetic calls started per second. Below what one core sustains, so that the JIT's compiler
   * threads get CPU time beside the calls: compiled code is the point, not throughput.
   */
  @WithDefault("2000")
  int callsPerSecond();

  /** Upper bound of synthetic calls in progress at once (a slow start never piles up calls). */
  @WithDefault("500")
  int maxCallsInProgress();

  /**
   * Synthetic prefix rules in the private routing table, so that the rule lookup walks a trie of a
   * realistic depth and breadth rather than a single entry.
   */
  @WithDefault("2000")
  int rules();
}
