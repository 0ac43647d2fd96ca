package io.trunkline.config.repository;

import io.trunkline.config.service.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A stored outbound rule; its nested parts are JSON text (see V1 migration). */
@Entity
@Table(name = "outbound_rule")
public class RuleEntity extends RuleRow {

  @Enumerated(EnumType.STRING)
  public Strategy strategy;

  @Column(name = "routes_json")
  public String routesJson;
}
