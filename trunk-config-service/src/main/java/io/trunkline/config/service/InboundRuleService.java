package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.rule.InboundRuleDraft;
import io.trunkline.config.domain.rule.InboundRuleValidator;
import io.trunkline.config.domain.rule.InboundRuleView;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.InboundRuleEntity;
import io.trunkline.config.repository.InboundRuleRepository;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Inbound rule use cases, published on {@code inbound.rules.v1}. */
@Singleton
public class InboundRuleService
    extends RuleUseCases<InboundRuleEntity, InboundRuleView, InboundRuleDraft> {

  private final InboundRuleValidator checks;
  private final OutboxWriter outbox;

  public InboundRuleService(
      Transactions tx,
      InboundRuleRepository rules,
      TrunkRepository trunks,
      InboundRuleValidator checks,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    super("inbound rule", tx, rules, trunks, relay, mapper);
    this.checks = checks;
    this.outbox = outbox;
  }

  @Override
  protected InboundRuleDraft read(ObjectNode body, FieldErrors errors) {
    return checks.read(body, errors);
  }

  @Override
  protected InboundRuleEntity newEntity() {
    return new InboundRuleEntity();
  }

  @Override
  protected void apply(InboundRuleEntity e, InboundRuleDraft draft) {
    e.apply(draft, mapper);
  }

  @Override
  protected InboundRuleView view(InboundRuleEntity e) {
    return e.toView(mapper);
  }

  @Override
  protected Uni<Void> published(Mutiny.Session s, InboundRuleView view) {
    return outbox.inboundRuleChanged(s, view);
  }

  @Override
  protected Uni<Void> tombstone(Mutiny.Session s, UUID id) {
    return outbox.inboundRuleDeleted(s, id);
  }
}
