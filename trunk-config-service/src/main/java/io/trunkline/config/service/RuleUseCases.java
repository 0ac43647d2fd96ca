package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.Versioned;
import io.trunkline.config.domain.error.ConcurrentChangeException;
import io.trunkline.config.domain.error.NotFoundException;
import io.trunkline.config.domain.json.JsonMerge;
import io.trunkline.config.domain.rule.RuleParts;
import io.trunkline.config.domain.rule.ValidRule;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.repository.RuleRow;
import io.trunkline.config.repository.RuleRows;
import io.trunkline.config.repository.StoredRule;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkRepository;
import io.trunkline.config.repository.VersionedRow;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The use cases every kind of rule has (outbound and inbound), with the transaction and outbox
 * rules of {@link TrunkService}: one transaction per request, the entity row written before its
 * outbox row, If-Match checked against the loaded version, a lost race answered 409, deletes as
 * version-checked queries with a tombstone.
 *
 * @param <E> the stored rule
 * @param <V> the rule as the API returns it and its topic carries
 * @param <D> a checked request body
 */
public abstract class RuleUseCases<
        E extends RuleRow & StoredRule<V, D>, V extends Versioned, D extends ValidRule>
    implements VersionedCrud<V> {

  private final RuleKind<E, V, D> kindOf;
  private final String kind;
  private final Transactions tx;
  private final RuleRows<E> rules;
  private final TrunkRepository trunks;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  protected RuleUseCases(RuleKind<E, V, D> kind, RuleWriteSupport support, RuleRows<E> rules) {
    this.kindOf = kind;
    this.kind = kind.name();
    this.tx = support.tx();
    this.rules = rules;
    this.trunks = support.trunks();
    this.relay = support.relay();
    this.mapper = support.mapper();
  }

  private E newEntity() {
    return kindOf.newEntity().get();
  }

  private void apply(E entity, D draft) {
    entity.apply(draft, mapper);
  }

  private V view(E entity) {
    return entity.toView(mapper);
  }

  private Uni<Void> published(Mutiny.Session s, V view) {
    return kindOf.changed().write(s, view);
  }

  private Uni<Void> tombstone(Mutiny.Session s, UUID id) {
    return kindOf.deleted().write(s, id);
  }

  public Uni<List<V>> list(Boolean enabled) {
    return tx.read(s -> rules.list(s, enabled).map(l -> l.stream().map(this::view).toList()));
  }

  public Uni<V> get(String id) {
    UUID uuid = Ids.parse(id, kind);
    return tx.read(s -> load(s, uuid, id).map(this::view));
  }

  public Uni<V> create(ObjectNode body) {
    D draft = readOrThrow(body);
    E rule = newEntity();
    rule.stampNew(VersionedRow.now());
    return tx.write(
            s ->
                checkTrunks(s, draft)
                    .chain(() -> requireFreeName(s, draft.name(), null))
                    .invoke(() -> apply(rule, draft))
                    .chain(() -> rules.insert(s, rule))
                    .map(v -> view(rule))
                    .call(view -> published(s, view)))
        .invoke(relay::wakeUp);
  }

  public Uni<V> replace(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> body);
  }

  public Uni<V> patch(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> JsonMerge.patched(mapper, view(current), body));
  }

  private Uni<V> update(String id, String ifMatch, Function<E, ObjectNode> bodyOf) {
    UUID uuid = Ids.parse(id, kind);
    return tx.write(
            s ->
                Lookups.current(rules.find(s, uuid), kind, id, ifMatch)
                    .chain(
                        current -> {
                          D draft = readOrThrow(bodyOf.apply(current));
                          return checkTrunks(s, draft)
                              .chain(() -> requireFreeName(s, draft.name(), current.id))
                              .invoke(
                                  () -> {
                                    apply(current, draft);
                                    current.stampChanged();
                                  })
                              // UPDATE ... WHERE version = ?: a lost race fails here (409).
                              .chain(s::flush)
                              .map(v -> view(current))
                              .call(view -> published(s, view));
                        }))
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    UUID uuid = Ids.parse(id, kind);
    return tx.write(
            s ->
                Lookups.current(rules.find(s, uuid), kind, id, ifMatch)
                    .chain(r -> rules.delete(s, uuid, r.version))
                    .call(deleted -> deleted == 1 ? Uni.createFrom().voidItem() : lostRace(s, id))
                    .chain(() -> tombstone(s, uuid)))
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
                                ? tombstone(s, id).replaceWith(false)
                                : published(s, view(r)).replaceWith(true)))
        .invoke(relay::wakeUp);
  }

  /** Nothing was deleted: another request deleted the rule (404) or changed it (409) first. */
  private Uni<Void> lostRace(Mutiny.Session s, String id) {
    return rules
        .exists(s, Ids.parse(id, kind))
        .invoke(
            exists -> {
              throw exists
                  ? new ConcurrentChangeException()
                  : new NotFoundException("no " + kind + " " + id);
            })
        .replaceWithVoid();
  }

  private D readOrThrow(ObjectNode body) {
    FieldErrors errors = new FieldErrors();
    D draft = kindOf.reader().read(body, errors);
    errors.throwIfAny();
    return draft;
  }

  /** Every trunk the rule names must exist; they stay locked until commit (see TrunkRepository). */
  private Uni<Void> checkTrunks(Mutiny.Session s, D draft) {
    Map<String, UUID> refs = draft.trunkReferences();
    return trunks
        .lockForReference(s, refs.values().stream().distinct().toList())
        .invoke(
            found ->
                RuleParts.checkTrunksExist(
                    refs, found.stream().map(t -> t.id).collect(Collectors.toSet())))
        .replaceWithVoid();
  }

  private Uni<E> load(Mutiny.Session s, UUID uuid, String id) {
    return Lookups.found(rules.find(s, uuid), kind, id);
  }

  private Uni<Void> requireFreeName(Mutiny.Session s, String name, UUID self) {
    String article = "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ";
    return Lookups.nameFree(rules.nameTaken(s, name, self), article + kind, name);
  }
}
