package io.trunkline.config.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The database, the compacted topics and call-routing's state compared key by key. Versions are
 * null where the source does not hold the key (deleted, tombstoned or never published).
 */
@Schema(name = "ReconciliationReport")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationReport(
    Instant checkedAt,
    @Schema(description = "Trunks and rules in PostgreSQL") Counts database,
    @Schema(description = "Live keys (last record not a tombstone) on the topics") Counts topics,
    @Schema(description = "What call-routing holds; absent when it was not compared")
        Counts routing,
    @Schema(description = "Why call-routing was not compared") String routingNotCompared,
    @Schema(description = "Outbox rows still to be published") long outboxPending,
    @Schema(description = "Outbox rows Kafka refused for good") long outboxParked,
    @Schema(description = "Keys where the sources disagree, confirmed by a second look")
        List<Difference> differences) {

  /** Trunks and rules held by one source (inbound rules: absent where not compared). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Counts(int trunks, int rules, Integer inboundRules) {}

  /** One key on which the sources disagree. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Difference(
      @Schema(description = "trunk, rule or inbound-rule") String entity,
      String id,
      @Schema(nullable = true) Long database,
      @Schema(nullable = true) Long topic,
      @Schema(nullable = true) Long routing,
      @Schema(description = "Which sources differ from the database: topic, routing")
          List<String> where) {}

  /** What a repair published again. */
  public record Repair(
      @Schema(description = "Differences found before the repair") int differences,
      List<Republished> republished) {}

  /** One key published again: its state, a tombstone, or why it could not be. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Republished(
      String entity,
      String id,
      @Schema(description = "state, tombstone or failed") String as,
      String reason) {}
}
