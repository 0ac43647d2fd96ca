package io.trunkline.config.service;

import io.trunkline.config.domain.rule.InboundRuleDraft;
import io.trunkline.config.domain.rule.InboundRuleValidator;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.InboundRuleEntity;
import io.trunkline.config.repository.InboundRuleRepository;
import jakarta.inject.Singleton;

/** Inbound rule use cases, published on {@code inbound.rules.v1}. */
@Singleton
public class InboundRuleService
    extends RuleUseCases<InboundRuleEntity, InboundRuleView, InboundRuleDraft> {

  public InboundRuleService(
      RuleWriteSupport support,
      InboundRuleRepository rules,
      InboundRuleValidator checks,
      OutboxWriter outbox) {
    super(
        new RuleKind<>(
            "inbound rule",
            InboundRuleEntity::new,
            checks,
            outbox::inboundRuleChanged,
            outbox::inboundRuleDeleted),
        support,
        rules);
  }
}
