package io.trunkline.config.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.domain.error.ConflictException;
import io.trunkline.config.domain.json.JsonInput;
import io.trunkline.config.domain.json.JsonMerge;
import io.trunkline.config.domain.trunk.TrunkInput;
import io.trunkline.config.domain.trunk.TrunkSettings;
import io.trunkline.config.domain.trunk.TrunkValidator;
import io.trunkline.config.domain.trunk.TrunkView;
import io.trunkline.config.domain.validation.FieldErrors;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.InboundRuleRepository;
import io.trunkline.config.repository.RuleRepository;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.config.repository.TrunkRepository;
import io.trunkline.config.repository.VersionedRow;
import io.trunkline.platform.crypto.SecretCipher;
import io.trunkline.platform.crypto.TrunkSecrets;
import jakarta.enterprise.context.ApplicationScoped;
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
public class TrunkService implements VersionedCrud<TrunkView> {

  private final Transactions tx;
  private final TrunkRepository trunks;
  private final RuleRepository rules;
  private final InboundRuleRepository inboundRules;
  private final TrunkValidator trunkValidator;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;
  private final ObjectMapper mapper;

  /** The placeholder of a new trunk's password until its id exists (see {@link #write}). */
  private static final String UNSEALED = "unsealed:";

  private final SecretCipher cipher;

  public TrunkService(
      Transactions tx,
      TrunkRepository trunks,
      RuleRepository rules,
      InboundRuleRepository inboundRules,
      TrunkValidator trunkValidator,
      OutboxWriter outbox,
      OutboxRelay relay,
      ObjectMapper mapper,
      SecretCipher cipher) {
    this.tx = tx;
    this.trunks = trunks;
    this.rules = rules;
    this.inboundRules = inboundRules;
    this.trunkValidator = trunkValidator;
    this.outbox = outbox;
    this.relay = relay;
    this.mapper = mapper;
    this.cipher = cipher;
  }

  public Uni<List<TrunkView>> list(String provider, Boolean enabled) {
    return tx.read(
        s ->
            trunks
                .list(s, provider, enabled)
                .map(l -> l.stream().map(TrunkEntity::toView).toList()));
  }

  public Uni<TrunkView> get(String id) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.read(s -> load(s, uuid, id).map(TrunkEntity::toView));
  }

  public Uni<TrunkView> create(ObjectNode body) {
    FieldErrors errors = new FieldErrors();
    TrunkInput in = TrunkInput.read(new JsonInput(body, "", errors, TrunkInput.FIELDS));
    TrunkEntity trunk = new TrunkEntity();
    write(trunk, trunkValidator.validate(in, false, errors), in.password);
    trunk.stampNew(VersionedRow.now());
    return tx.write(
            s ->
                requireFreeName(s, trunk.name, null)
                    .chain(() -> trunks.insert(s, trunk))
                    .invoke(() -> sealPassword(in.password, trunk))
                    .chain(s::flush)
                    .chain(() -> outbox.trunkChanged(s, trunk))
                    .map(v -> trunk.toView()))
        .invoke(relay::wakeUp);
  }

  /** PUT: the body replaces the trunk; a left-out password keeps the stored one. */
  public Uni<TrunkView> replace(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> body);
  }

  /** PATCH: RFC 7396 merge of the body into the current trunk, then the same rules as PUT. */
  public Uni<TrunkView> patch(String id, ObjectNode body, String ifMatch) {
    return update(id, ifMatch, current -> JsonMerge.patched(mapper, current.toView(), body));
  }

  private Uni<TrunkView> update(
      String id, String ifMatch, Function<TrunkEntity, ObjectNode> bodyOf) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.write(
            s ->
                Lookups.current(trunks.find(s, uuid), "trunk", id, ifMatch)
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
                                    write(
                                        current,
                                        trunkValidator.validate(
                                            in, current.passwordEncrypted != null, errors),
                                        in.password);
                                    current.stampChanged();
                                  })
                              // The UPDATE ... WHERE version = ? runs here: a lost race fails
                              // now (409), before the outbox row is written.
                              .chain(s::flush)
                              .chain(() -> outbox.trunkChanged(s, current))
                              .map(v -> current.toView());
                        }))
        .invoke(relay::wakeUp);
  }

  public Uni<Void> delete(String id, String ifMatch) {
    UUID uuid = Ids.parse(id, "trunk");
    return tx.write(
            s ->
                Lookups.current(trunks.lock(s, uuid), "trunk", id, ifMatch)
                    .chain(
                        t ->
                            refuseInUse(rules.namesUsingTrunk(s, uuid), "outbound")
                                .chain(
                                    () ->
                                        refuseInUse(
                                            inboundRules.namesUsingTrunk(s, uuid), "inbound"))
                                // Locked above: the version cannot have moved since.
                                .chain(() -> trunks.delete(s, uuid, t.version))
                                .chain(() -> outbox.trunkDeleted(s, uuid))))
        .invoke(relay::wakeUp);
  }

  /** A 409 when rules of this kind still name the trunk. */
  private static Uni<Void> refuseInUse(Uni<List<String>> ruleNames, String kind) {
    return ruleNames
        .invoke(
            names -> {
              if (!names.isEmpty()) {
                throw new ConflictException("trunk is used by " + kind + " rule(s) " + names);
              }
            })
        .replaceWithVoid();
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

  /**
   * Copies a validated trunk into the entity; the password is stored only as ciphertext bound to
   * the trunk's id. A new trunk has no id before its insert: it holds {@link #UNSEALED} until
   * {@link #sealPassword} replaces it in the same transaction, so nothing outside ever sees it.
   *
   * @param password the request's plain password, null to keep the stored one
   */
  private void write(TrunkEntity target, TrunkSettings valid, String password) {
    target.apply(
        valid,
        password == null
            ? null
            : target.id == null
                ? UNSEALED
                : cipher.encrypt(password, TrunkSecrets.binding(target.id.toString())));
  }

  /** Encrypts the password of a trunk just inserted, bound to the id it now has. */
  private void sealPassword(String password, TrunkEntity inserted) {
    if (UNSEALED.equals(inserted.passwordEncrypted)) {
      inserted.passwordEncrypted =
          cipher.encrypt(password, TrunkSecrets.binding(inserted.id.toString()));
    }
  }
}
