package io.trunkline.platform.event;

/**
 * A topic value with a version, monotonic per key. The rule every consumer follows: a value older
 * than the one it holds for the key is ignored, so replays and duplicates change nothing.
 */
public interface Versioned {

  /** The version of this value (the entity's version, or the producer's counter per key). */
  long version();

  /** True when a consumer holding {@code held} (null: nothing yet) must ignore this value. */
  default boolean isOlderThan(Versioned held) {
    return held != null && version() < held.version();
  }

  /**
   * True when this value moves past {@code held} (null: nothing yet): for a consumer that also
   * skips a value of the same version, because re-applying it would redo work (a re-REGISTER).
   */
  default boolean isNewerThan(Versioned held) {
    return held == null || version() > held.version();
  }
}
