package io.trunkline.config.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.domain.rule.RuleView.Match;
import io.trunkline.config.domain.rule.RuleView.Route;
import io.trunkline.config.domain.rule.RuleView.Schedule;
import io.trunkline.config.domain.rule.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A stored outbound rule; its nested parts are JSON text (see V1 migration). */
@Entity
@Table(name = "outbound_rule")
public class RuleEntity {

  @Id @GeneratedValue public UUID id;

  public String name;
  public boolean enabled;
  public int priority;

  @Column(name = "match_json")
  public String matchJson;

  @Enumerated(EnumType.STRING)
  public Strategy strategy;

  @Column(name = "routes_json")
  public String routesJson;

  @Column(name = "schedule_json")
  public String scheduleJson;

  /** Comma-separated ids of the trunks the routes use (for the in-use check on delete). */
  @Column(name = "trunk_ids")
  public String trunkIds;

  @Version public Long version;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** Copies a validated rule in; the nested parts become JSON text. */
  public void apply(RuleDraft draft, ObjectMapper mapper) {
    name = draft.name();
    enabled = draft.enabled();
    priority = draft.priority();
    strategy = draft.strategy();
    try {
      matchJson = mapper.writeValueAsString(draft.match());
      routesJson = mapper.writeValueAsString(draft.routes());
      scheduleJson = draft.schedule() == null ? null : mapper.writeValueAsString(draft.schedule());
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialise rule", ex);
    }
    trunkIds = draft.trunkIds().stream().map(UUID::toString).collect(Collectors.joining(","));
  }

  /** The rule as the API and the events show it. */
  public RuleView toView(ObjectMapper mapper) {
    try {
      return new RuleView(
          id,
          name,
          enabled,
          priority,
          mapper.readValue(matchJson, Match.class),
          strategy,
          List.of(mapper.readValue(routesJson, Route[].class)),
          scheduleJson == null ? null : mapper.readValue(scheduleJson, Schedule.class),
          version,
          createdAt,
          updatedAt);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("stored rule " + id + " is unreadable", ex);
    }
  }
}
