package io.trunkline.config.service;

import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleValidator;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.repository.RuleRepository;
import jakarta.inject.Singleton;

/** Outbound rule use cases, published on {@code routing.rules.v1}. */
@Singleton
public class RuleService extends RuleUseCases<RuleEntity, RuleView, RuleDraft> {

  public RuleService(
      RuleWriteSupport support, RuleRepository rules, RuleValidator checks, OutboxWriter outbox) {
    super(
        new RuleKind<>(
            "outbound rule", RuleEntity::new, checks, outbox::ruleChanged, outbox::ruleDeleted),
        support,
        rules);
  }
}
