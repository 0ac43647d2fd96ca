package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleEntity;
import io.trunkline.config.repository.RuleRepository;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Outbound rule use cases; same transaction and outbox rules as {@link TrunkService}. */
@ApplicationScoped
public class RuleService {

  private final RuleRepository rules;
  private final TrunkRepository trunks;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  public RuleService(
      RuleRepository rules,
      TrunkRepository trunks,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    this.rules = rules;
    this.trunks = trunks;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
  }

  public Uni<List<RuleView>> list(Boolean enabled) {
    return Panache.withSession(
        () -> rules.list(enabled).map(l -> l.stream().map(this::view).toList()));
  }

  public Uni<RuleView> get(String id) {
    return Panache.withSession(() -> load(id).map(this::view));
  }

  public Uni<RuleView> create(ObjectNode body) {
    RuleDraft draft = readOrThrow(body);
    RuleEntity rule = new RuleEntity();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    rule.createdAt = now;
    rule.updatedAt = now;
    rule.version = 1L;
    return Panache.withTransaction(
            () ->
                checkTrunks(draft)
                    .chain(() -> requireFreeName(draft.name(), null))
                    .invoke(() -> draft.applyTo(rule, mapper))
                    .chain(() -> rules.persist(rule))
                    .chain(rules::flush)
                    .map(v -> view(rule))
                    .call(outbox::ruleChanged))
        .onFailure()
        .transform(Failures::translate)
        .invoke(relay::wakeUp);
  }

  public Uni<RuleView> replace(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> body);
  }

  public Uni<RuleView> patch(String id, ObjectNode body, String ifMatch) {
    return update(
        id,
        ifMatch,
        current -> {
          ObjectNode merged = mapper.valueToTree(view(current));
          JsonMerge.apply(merged, body);
          return merged;
        });
  }

  private Uni<RuleView> update(String id, String ifMatch, Function<RuleEntity, ObjectNode> bodyOf) {
    return Panache.withTransaction(
            () ->
                load(id)
                    .invoke(current -> Versions.check(ifMatch, current.version))
                    .chain(
                        current -> {
                          RuleDraft draft = readOrThrow(bodyOf.apply(current));
                          return checkTrunks(draft)
                              .chain(() -> requireFreeName(draft.name(), current.id))
                              .invoke(
                                  () -> {
                                    draft.applyTo(current, mapper);
                                    current.updatedAt =
                                        Instant.now().truncatedTo(ChronoUnit.MICROS);
                                  })
                              .chain(rules::flush)
                              .map(v -> view(current))
                              .call(outbox::ruleChanged);
                        }))
        .onFailure()
        .transform(Failures::translate)
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    return Panache.withTransaction(
            () ->
                load(id)
                    .invoke(r -> Versions.check(ifMatch, r.version))
                    .call(rules::delete)
                    .call(rules::flush)
                    .chain(r -> outbox.ruleDeleted(r.id)))
        .onFailure()
        .transform(Failures::translate)
        .invoke(relay::wakeUp);
  }

  private RuleDraft readOrThrow(ObjectNode body) {
    FieldErrors errors = new FieldErrors();
    RuleDraft draft = RuleRules.read(body, errors);
    errors.throwIfAny();
    return draft;
  }

  /** Every route's trunk must exist; they stay locked until commit (see TrunkRepository). */
  private Uni<Void> checkTrunks(RuleDraft draft) {
    return trunks
        .lockForReference(draft.trunkIds())
        .invoke(
            found -> {
              Set<UUID> known = found.stream().map(t -> t.id).collect(Collectors.toSet());
              FieldErrors errors = new FieldErrors();
              for (int i = 0; i < draft.routes().size(); i++) {
                if (!known.contains(draft.routes().get(i).trunkId())) {
                  errors.add("routes[" + i + "].trunkId", "no trunk with this id");
                }
              }
              errors.throwIfAny();
            })
        .replaceWithVoid();
  }

  private Uni<RuleEntity> load(String id) {
    UUID uuid = Ids.parse(id, "outbound rule");
    return Lookups.found(rules.findById(uuid), "outbound rule", id);
  }

  private Uni<Void> requireFreeName(String name, UUID self) {
    return Lookups.nameFree(rules.nameTaken(name, self), "an outbound rule", name);
  }

  private RuleView view(RuleEntity e) {
    return RuleDraft.view(e, mapper);
  }
}
