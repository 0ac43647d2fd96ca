package io.trunkline.config.repository;

import jakarta.enterprise.context.ApplicationScoped;

/** Inbound rule queries. */
@ApplicationScoped
public class InboundRuleRepository extends RuleRows<InboundRuleEntity> {

  public InboundRuleRepository() {
    super(InboundRuleEntity.class);
  }
}
