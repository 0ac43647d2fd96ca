package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.RuleDraft;
import io.trunkline.config.domain.rule.RuleValidator;
import io.trunkline.config.domain.rule.RuleView;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.repository.RuleRepository;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Outbound rule use cases, published on {@code routing.rules.v1}. */
@Singleton
public class RuleService extends RuleUseCases<RuleEntity, RuleView, RuleDraft> {

  private final RuleValidator checks;
  private final OutboxWriter outbox;

  public RuleService(
      Transactions tx,
      RuleRepository rules,
      TrunkRepository trunks,
      RuleValidator checks,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    super("outbound rule", tx, rules, trunks, relay, mapper);
    this.checks = checks;
    this.outbox = outbox;
  }

  @Override
  protected RuleDraft read(ObjectNode body, FieldErrors errors) {
    return checks.read(body, errors);
  }

  @Override
  protected RuleEntity newEntity() {
    return new RuleEntity();
  }

  @Override
  protected void apply(RuleEntity e, RuleDraft draft) {
    e.apply(draft, mapper);
  }

  @Override
  protected RuleView view(RuleEntity e) {
    return e.toView(mapper);
  }

  @Override
  protected Uni<Void> published(Mutiny.Session s, RuleView view) {
    return outbox.ruleChanged(s, view);
  }

  @Override
  protected Uni<Void> tombstone(Mutiny.Session s, UUID id) {
    return outbox.ruleDeleted(s, id);
  }
}
