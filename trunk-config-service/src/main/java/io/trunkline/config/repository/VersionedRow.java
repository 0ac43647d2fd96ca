package io.trunkline.config.repository;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The columns every stored trunk and rule has: its id, the optimistic version that is also its ETag
 * and event version, and when it was created and last changed.
 */
@MappedSuperclass
public abstract class VersionedRow {

  @Id @GeneratedValue public UUID id;

  /** Optimistic lock and the event version; starts at 1. */
  @Version public Long version;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /**
   * The time the rows store: PostgreSQL keeps microseconds, so a view matches what is read back.
   */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** A row about to be inserted: version 1, created and changed at {@code now}. */
  public void stampNew(Instant now) {
    version = 1L;
    createdAt = now;
    updatedAt = now;
  }

  /** A loaded row about to be changed. */
  public void stampChanged() {
    updatedAt = now();
  }
}
