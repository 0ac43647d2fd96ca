package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.RuleRepository;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.repository.TrunkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Trunk use cases. Each change writes the entity and its outbox record in one transaction, then
 * wakes the relay. Validation happens before anything is written: nothing is stored on an error.
 */
@ApplicationScoped
public class TrunkService {

  private final TrunkRepository trunks;
  private final RuleRepository rules;
  private final TrunkRules trunkRules;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  public TrunkService(
      TrunkRepository trunks,
      RuleRepository rules,
      TrunkRules trunkRules,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper) {
    this.trunks = trunks;
    this.rules = rules;
    this.trunkRules = trunkRules;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
  }

  public Uni<List<TrunkView>> list(String provider, Boolean enabled) {
    return Panache.withSession(
        () -> trunks.list(provider, enabled).map(l -> l.stream().map(TrunkView::of).toList()));
  }

  public Uni<TrunkView> get(String id) {
    return Panache.withSession(() -> load(id).map(TrunkView::of));
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
    return Panache.withTransaction(
            () ->
                requireFreeName(trunk.name, null)
                    .chain(() -> trunks.persist(trunk))
                    .chain(trunks::flush)
                    .chain(() -> outbox.trunkChanged(trunk))
                    .map(v -> TrunkView.of(trunk)))
        .onFailure()
        .transform(Failures::translate)
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
      String id, String ifMatch, java.util.function.Function<TrunkEntity, ObjectNode> bodyOf) {
    return Panache.withTransaction(
            () ->
                load(id)
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
                                  : requireFreeName(in.name, current.id);
                          return nameCheck
                              .invoke(
                                  () -> {
                                    trunkRules.apply(in, current, errors);
                                    current.updatedAt =
                                        Instant.now().truncatedTo(ChronoUnit.MICROS);
                                  })
                              .chain(trunks::flush)
                              .chain(() -> outbox.trunkChanged(current))
                              .map(v -> TrunkView.of(current));
                        }))
        .onFailure()
        .transform(Failures::translate)
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    UUID uuid = Ids.parse(id, "trunk");
    return Panache.withTransaction(
            () ->
                trunks
                    .lockForDelete(uuid)
                    .onItem()
                    .ifNull()
                    .failWith(() -> new NotFoundException("no trunk " + id))
                    .invoke(t -> Versions.check(ifMatch, t.version))
                    .chain(
                        t ->
                            rules
                                .namesUsingTrunk(uuid)
                                .invoke(
                                    names -> {
                                      if (!names.isEmpty()) {
                                        throw new ConflictException(
                                            "trunk is used by outbound rule(s) " + names);
                                      }
                                    })
                                .chain(() -> trunks.delete(t))
                                .chain(trunks::flush)
                                .chain(() -> outbox.trunkDeleted(uuid))))
        .onFailure()
        .transform(Failures::translate)
        .invoke(relay::wakeUp);
  }

  private Uni<TrunkEntity> load(String id) {
    UUID uuid = Ids.parse(id, "trunk");
    return Lookups.found(trunks.findById(uuid), "trunk", id);
  }

  private Uni<Void> requireFreeName(String name, UUID self) {
    return Lookups.nameFree(trunks.nameTaken(name, self), "a trunk", name);
  }
}
