package io.trunkline.platform.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The fields every value on a Trunkline topic carries besides its own: {@code schema} (the topic's
 * name), {@code version} and {@code at} (when the change happened, ISO-8601 UTC). Serialised with
 * Jackson it is exactly these three properties, in this order.
 */
public record EventEnvelope(String schema, long version, Instant at) implements Versioned {

  public EventEnvelope {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(at, "at");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
  }

  /**
   * The version a producer without a stored version gives its next value of a key: one more than
   * the last one it sent, at least the wall clock in milliseconds, so versions keep growing across
   * restarts (its memory of the last one is lost then).
   *
   * @param previous the last version sent for the key, or null
   */
  public static long nextVersion(Long previous, long nowMillis) {
    return previous == null ? nowMillis : Math.max(previous + 1, nowMillis);
  }
}
