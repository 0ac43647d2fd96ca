package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleRepository;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Trunk use cases. Each change writes the entity and then its outbox record in one transaction of
 * its own (the session is passed explicitly, never looked up), then wakes the relay. Validation
 * happens before anything is written: nothing is stored on an error.
 */
@ApplicationScoped
public class TrunkService {

  private final Transactions tx;
  private final TrunkRepository trunks;
  private final RuleRepository rules;
  private final TrunkRules trunkRules;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  public TrunkService(
      Transactions tx,
      TrunkRepository trunks,
      RuleRepository rules,
      TrunkRules trunkRules,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    this.tx = tx;
    this.trunks = trunks;
    this.rules = rules;
    this.trunkRules = trunkRules;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
  }

  public Uni<List<TrunkView>> list(String provider, Boolean enabled) {
    return tx.read(
        s -> trunks.list(s, provider, enabled).map(l -> l.stream().map(TrunkView::of).toList()));
  }

  public Uni<TrunkView> get(String id) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.read(s -> load(s, uuid, id).map(TrunkView::of));
  }

  public Uni<TrunkView> create(ObjectNode body) {
    FieldErrors errors = new FieldErrors();
    TrunkInput in = TrunkInput.read(new JsonInput(body, "", errors, TrunkInput.FIELDS));
    TrunkEntity trunk = new TrunkEntity();
    trunkRules.apply(in, trunk, errors);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    trunk.createdAt = now;
    trunk.updatedAt = now;
    trunk.version = 1L;
    return tx.write(
            s ->
                requireFreeName(s, trunk.name, null)
                    .chain(() -> trunks.insert(s, trunk))
                    .invoke(() -> trunkRules.sealPassword(in, trunk))
                    .chain(s::flush)
                    .chain(() -> outbox.trunkChanged(s, trunk))
                    .map(v -> TrunkView.of(trunk)))
        .invoke(relay::wakeUp);
  }

  /** PUT: the body replaces the trunk; a left-out password keeps the stored one. */
  public Uni<TrunkView> replace(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> body);
  }

  /** PATCH: RFC 7396 merge of the body into the current trunk, then the same rules as PUT. */
  public Uni<TrunkView> patch(String id, ObjectNode body, String ifMatch) {
    return update(
        id,
        ifMatch,
        current -> {
          ObjectNode merged = mapper.valueToTree(TrunkView.of(current));
          JsonMerge.apply(merged, body);
          return merged;
        });
  }

  private Uni<TrunkView> update(
      String id, String ifMatch, Function<TrunkEntity, ObjectNode> bodyOf) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.write(
            s ->
                load(s, uuid, id)
                    .invoke(current -> Versions.check(ifMatch, current.version))
                    .chain(
                        current -> {
                          FieldErrors errors = new FieldErrors();
                          ObjectNode body = bodyOf.apply(current);
                          TrunkInput in =
                              TrunkInput.read(new JsonInput(body, "", errors, TrunkInput.FIELDS));
                          // Name check before the entity changes: the query would flush it.
                          Uni<Void> nameCheck =
                              in.name == null
                                  ? Uni.createFrom().voidItem()
                                  : requireFreeName(s, in.name, current.id);
                          return nameCheck
                              .invoke(
                                  () -> {
                                    trunkRules.apply(in, current, errors);
                                    current.updatedAt =
                                        Instant.now().truncatedTo(ChronoUnit.MICROS);
                                  })
                              // The UPDATE ... WHERE version = ? runs here: a lost race fails
                              // now (409), before the outbox row is written.
                              .chain(s::flush)
                              .chain(() -> outbox.trunkChanged(s, current))
                              .map(v -> TrunkView.of(current));
                        }))
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.write(
            s ->
                trunks
                    .lock(s, uuid)
                    .onItem()
                    .ifNull()
                    .failWith(() -> new NotFoundException("no trunk " + id))
                    .invoke(t -> Versions.check(ifMatch, t.version))
                    .chain(
                        t ->
                            rules
                                .namesUsingTrunk(s, uuid)
                                .invoke(
                                    names -> {
                                      if (!names.isEmpty()) {
                                        throw new ConflictException(
                                            "trunk is used by outbound rule(s) " + names);
                                      }
                                    })
                                // Locked above: the version cannot have moved since.
                                .chain(() -> trunks.delete(s, uuid, t.version))
                                .chain(() -> outbox.trunkDeleted(s, uuid))))
        .invoke(relay::wakeUp);
  }

  /**
   * Writes the trunk's current state (or a tombstone when it no longer exists) to the outbox again:
   * the reconciliation's repair. The row is locked first, so a concurrent change either commits
   * before (and is what gets published) or waits until this is committed.
   */
  public Uni<Boolean> republish(UUID id) {
    return tx.write(
            s ->
                trunks
                    .lock(s, id)
                    .chain(
                        t ->
                            t == null
                                ? outbox.trunkDeleted(s, id).replaceWith(false)
                                : outbox.trunkChanged(s, t).replaceWith(true)))
        .invoke(relay::wakeUp);
  }

  private Uni<TrunkEntity> load(Mutiny.Session s, UUID uuid, String id) {
    return Lookups.found(trunks.find(s, uuid), "trunk", id);
  }

  private Uni<Void> requireFreeName(Mutiny.Session s, String name, UUID self) {
    return Lookups.nameFree(trunks.nameTaken(s, name, self), "a trunk", name);
  }
}
