package io.trunkline.config.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns every kind of routing rule has (outbound and inbound): identity, name, order,
 * conditions and schedule as JSON text, the trunks it names, and the optimistic version.
 */
@MappedSuperclass
public abstract class RuleRow extends VersionedRow {

  public String name;
  public boolean enabled;
  public int priority;

  @Column(name = "match_json")
  public String matchJson;

  @Column(name = "schedule_json")
  public String scheduleJson;

  /** Comma-separated ids of the trunks the rule names (for the in-use check on trunk delete). */
  @Column(name = "trunk_ids")
  public String trunkIds;

  /** The columns every rule kind has; match and schedule become JSON text. */
  protected void applyCommon(
      String name,
      boolean enabled,
      int priority,
      Object match,
      Schedule schedule,
      ObjectMapper mapper) {
    this.name = name;
    this.enabled = enabled;
    this.priority = priority;
    this.matchJson = StoredJson.write(mapper, match);
    this.scheduleJson = schedule == null ? null : StoredJson.write(mapper, schedule);
  }
}
