package io.trunkline.config.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.trunkline.config.event.OutboxRelay;
import io.trunkline.config.event.OutboxWriter;
import io.trunkline.config.repository.Transactions;
import io.trunkline.config.repository.TrunkEntity;
import io.trunkline.platform.crypto.SecretCipherException;
import io.trunkline.platform.crypto.SecretKeyring;
import io.trunkline.platform.crypto.TrunkSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Re-encrypts stored trunk passwords whose token is not made with the current key (an older key, or
 * a token from before key ids), and publishes each changed trunk again through the outbox with its
 * version unchanged (the trunk did not change, only the key its password is sealed with).
 *
 * <p>Runs at every start, in batches of {@value #BATCH} trunks, one transaction each (rows locked
 * FOR UPDATE, so a concurrent change waits and then publishes the new token itself); the rotation
 * endpoint runs it on demand. Consumers must hold the new key before trunk-config makes it current,
 * and keep the old one until every record was published again.
 */
@ApplicationScoped
public class PasswordRotation {

  private static final Logger LOG = Logger.getLogger(PasswordRotation.class);
  static final int BATCH = 100;

  private final Transactions tx;
  private final SecretKeyring keyring;
  private final OutboxWriter outbox;
  private final OutboxRelay relay;

  public PasswordRotation(
      Transactions tx, SecretKeyring keyring, OutboxWriter outbox, OutboxRelay relay) {
    this.tx = tx;
    this.keyring = keyring;
    this.outbox = outbox;
    this.relay = relay;
  }

  void atStart(@Observes StartupEvent event) {
    reencryptAll()
        .subscribe()
        .with(
            r -> {
              if (r.reencrypted() > 0 || r.failed() > 0) {
                LOG.infof(
                    "passwords re-encrypted with key %s: %d, not decryptable: %d",
                    keyring.currentKeyId(), r.reencrypted(), r.failed());
              }
            },
            // the failure's type only: a database error's message may quote the stored tokens
            e -> LOG.warnf("credential re-encryption stopped (%s)", e.getClass().getName()));
  }

  /** What a rotation run did: trunks re-encrypted and trunks whose password did not decrypt. */
  public record Result(String currentKeyId, int reencrypted, int failed) {}

  /** Re-encrypts every password not made with the current key. */
  public Uni<Result> reencryptAll() {
    return next(null, new Result(keyring.currentKeyId(), 0, 0));
  }

  private Uni<Result> next(UUID after, Result sofar) {
    return tx.write(s -> batch(s, after))
        .invoke(relay::wakeUp)
        .chain(
            b -> {
              Result total =
                  new Result(
                      sofar.currentKeyId(),
                      sofar.reencrypted() + b.reencrypted,
                      sofar.failed() + b.failed);
              return b.last == null ? Uni.createFrom().item(total) : next(b.last, total);
            });
  }

  private static final class Batch {
    UUID last;
    int reencrypted;
    int failed;
  }

  private Uni<Batch> batch(org.hibernate.reactive.mutiny.Mutiny.Session s, UUID after) {
    String where =
        "from TrunkEntity where passwordEncrypted is not null"
            + " and substring(passwordEncrypted, 1, :length) <> :current"
            + (after == null ? "" : " and id > :after")
            + " order by id";
    var query =
        s.createSelectionQuery(where, TrunkEntity.class)
            .setParameter("current", keyring.currentKeyId() + ":")
            .setParameter("length", keyring.currentKeyId().length() + 1);
    if (after != null) {
      query.setParameter("after", after);
    }
    return query
        .setMaxResults(BATCH)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .chain(list -> reencrypt(s, list));
  }

  private Uni<Batch> reencrypt(
      org.hibernate.reactive.mutiny.Mutiny.Session s, List<TrunkEntity> list) {
    Batch b = new Batch();
    b.last = list.size() < BATCH ? null : list.get(list.size() - 1).id;
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (TrunkEntity t : list) {
      byte[] binding = TrunkSecrets.binding(t.id.toString());
      try {
        t.passwordEncrypted =
            keyring.encrypt(keyring.decrypt(t.passwordEncrypted, binding), binding);
      } catch (SecretCipherException e) {
        // Left as it is: a key missing from the ring, or a token stored for another trunk.
        LOG.warnf(
            "trunk %s: stored credential not re-encrypted (key id %s)",
            t.id, SecretKeyring.keyIdOf(t.passwordEncrypted));
        b.failed++;
        continue;
      }
      b.reencrypted++;
      chain = chain.chain(() -> outbox.trunkChanged(s, t));
    }
    return chain.chain(s::flush).replaceWith(b);
  }
}
