package io.trunkline.config.repository;

import io.trunkline.config.service.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

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
}
