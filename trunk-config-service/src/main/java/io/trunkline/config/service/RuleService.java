package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.error.ConcurrentChangeException;
import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.domain.json.JsonMerge;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Outbound rule use cases; same transaction and outbox rules as {@link TrunkService}. */
@ApplicationScoped
public class RuleService {

  private final Transactions tx;
  private final RuleRepository rules;
  private final TrunkRepository trunks;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  public RuleService(
      Transactions tx,
      RuleRepository rules,
      TrunkRepository trunks,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    this.tx = tx;
    this.rules = rules;
    this.trunks = trunks;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
  }

  public Uni<List<RuleView>> list(Boolean enabled) {
    return tx.read(s -> rules.list(s, enabled).map(l -> l.stream().map(this::view).toList()));
  }

  public Uni<RuleView> get(String id) {
    UUID uuid = Ids.parse(id, "outbound rule");
    return tx.read(s -> load(s, uuid, id).map(this::view));
  }

  public Uni<RuleView> create(ObjectNode body) {
    RuleDraft draft = readOrThrow(body);
    RuleEntity rule = new RuleEntity();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    rule.createdAt = now;
    rule.updatedAt = now;
    rule.version = 1L;
    return tx.write(
            s ->
                checkTrunks(s, draft)
                    .chain(() -> requireFreeName(s, draft.name(), null))
                    .invoke(() -> rule.apply(draft, mapper))
                    .chain(() -> rules.insert(s, rule))
                    .map(v -> view(rule))
                    .call(view -> outbox.ruleChanged(s, view)))
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
    UUID uuid = Ids.parse(id, "outbound rule");
    return tx.write(
            s ->
                load(s, uuid, id)
                    .invoke(current -> Versions.check(ifMatch, current.version))
                    .chain(
                        current -> {
                          RuleDraft draft = readOrThrow(bodyOf.apply(current));
                          return checkTrunks(s, draft)
                              .chain(() -> requireFreeName(s, draft.name(), current.id))
                              .invoke(
                                  () -> {
                                    current.apply(draft, mapper);
                                    current.updatedAt =
                                        Instant.now().truncatedTo(ChronoUnit.MICROS);
                                  })
                              // UPDATE ... WHERE version = ?: a lost race fails here (409).
                              .chain(s::flush)
                              .map(v -> view(current))
                              .call(view -> outbox.ruleChanged(s, view));
                        }))
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    UUID uuid = Ids.parse(id, "outbound rule");
    return tx.write(
            s ->
                load(s, uuid, id)
                    .invoke(r -> Versions.check(ifMatch, r.version))
                    .chain(r -> rules.delete(s, uuid, r.version))
                    .call(deleted -> deleted == 1 ? Uni.createFrom().voidItem() : lostRace(s, id))
                    .chain(() -> outbox.ruleDeleted(s, uuid)))
        .invoke(relay::wakeUp);
  }

  /**
   * The rule's current state (or a tombstone) into the outbox again, the row locked first: see
   * {@link TrunkService#republish}.
   */
  public Uni<Boolean> republish(UUID id) {
    return tx.write(
            s ->
                rules
                    .lock(s, id)
                    .chain(
                        r ->
                            r == null
                                ? outbox.ruleDeleted(s, id).replaceWith(false)
                                : outbox.ruleChanged(s, view(r)).replaceWith(true)))
        .invoke(relay::wakeUp);
  }

  /** Nothing was deleted: another request deleted the rule (404) or changed it (409) first. */
  private Uni<Void> lostRace(Mutiny.Session s, String id) {
    return rules
        .exists(s, Ids.parse(id, "outbound rule"))
        .invoke(
            exists -> {
              throw exists
                  ? new ConcurrentChangeException()
                  : new NotFoundException("no outbound rule " + id);
            })
        .replaceWithVoid();
  }

  private RuleDraft readOrThrow(ObjectNode body) {
    FieldErrors errors = new FieldErrors();
    RuleDraft draft = RuleValidator.read(body, errors);
    errors.throwIfAny();
    return draft;
  }

  /** Every route's trunk must exist; they stay locked until commit (see TrunkRepository). */
  private Uni<Void> checkTrunks(Mutiny.Session s, RuleDraft draft) {
    return trunks
        .lockForReference(s, draft.trunkIds())
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

  private Uni<RuleEntity> load(Mutiny.Session s, UUID uuid, String id) {
    return Lookups.found(rules.find(s, uuid), "outbound rule", id);
  }

  private Uni<Void> requireFreeName(Mutiny.Session s, String name, UUID self) {
    return Lookups.nameFree(rules.nameTaken(s, name, self), "an outbound rule", name);
  }

  private RuleView view(RuleEntity e) {
    return e.toView(mapper);
  }
}
