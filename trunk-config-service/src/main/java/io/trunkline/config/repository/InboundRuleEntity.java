package io.trunkline.config.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A stored inbound rule; its nested parts are JSON text (see V4 migration). */
@Entity
@Table(name = "inbound_rule")
public class InboundRuleEntity extends RuleRow {

  @Column(name = "destinations_json")
  public String destinationsJson;

  @Column(name = "after_hours_json")
  public String afterHoursJson;
}
