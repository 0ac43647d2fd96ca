package io.trunkline.config.repository;

import jakarta.enterprise.context.ApplicationScoped;

/** Outbound rule queries. */
@ApplicationScoped
public class RuleRepository extends RuleRows<RuleEntity> {

  public RuleRepository() {
    super(RuleEntity.class);
  }
}
