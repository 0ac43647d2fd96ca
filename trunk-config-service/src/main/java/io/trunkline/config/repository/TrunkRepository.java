package io.trunkline.config.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Trunk queries; every method works in the session its caller opened (see Transactions). */
@ApplicationScoped
public class TrunkRepository {

  public Uni<List<TrunkEntity>> list(Mutiny.Session s, String provider, Boolean enabled) {
    StringBuilder q = new StringBuilder("from TrunkEntity where 1 = 1");
    if (provider != null) {
      q.append(" and provider = :provider");
    }
    if (enabled != null) {
      q.append(" and enabled = :enabled");
    }
    var query = s.createSelectionQuery(q.append(" order by name").toString(), TrunkEntity.class);
    if (provider != null) {
      query.setParameter("provider", provider);
    }
    if (enabled != null) {
      query.setParameter("enabled", enabled);
    }
    return query.getResultList();
  }

  public Uni<TrunkEntity> find(Mutiny.Session s, UUID id) {
    return s.find(TrunkEntity.class, id);
  }

  public Uni<Boolean> nameTaken(Mutiny.Session s, String name, UUID except) {
    return s.createSelectionQuery(
            "select count(*) from TrunkEntity where name = :name and id <> :id", Long.class)
        .setParameter("name", name)
        .setParameter("id", except == null ? new UUID(0, 0) : except)
        .getSingleResult()
        .map(n -> n > 0);
  }

  /** Inserts a new trunk now (not at commit), so that its outbox row follows it. */
  public Uni<Void> insert(Mutiny.Session s, TrunkEntity trunk) {
    return s.persist(trunk).chain(s::flush);
  }

  /**
   * Loads the trunks a rule's routes name and locks them (FOR SHARE), so that a concurrent delete
   * of one of them waits for the rule's transaction and then sees the rule.
   */
  public Uni<List<TrunkEntity>> lockForReference(Mutiny.Session s, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return s.createSelectionQuery("from TrunkEntity where id in :ids", TrunkEntity.class)
        .setParameter("ids", ids)
        .setLockMode(LockModeType.PESSIMISTIC_READ)
        .getResultList();
  }

  /**
   * Loads one trunk and locks it (FOR UPDATE): before a delete checks the rules that use it, and
   * before its current state is published again (so no concurrent change can slip in between).
   */
  public Uni<TrunkEntity> lock(Mutiny.Session s, UUID id) {
    return s.find(TrunkEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Deletes the trunk if it still has this version; the number of rows deleted (0 or 1). A query,
   * not Session.remove(): Hibernate Reactive 3.2's entity delete keeps its pending result in a
   * field shared by every session, so concurrent deletes complete each other's requests (requests
   * hang, or continue on another request's thread and session).
   */
  public Uni<Integer> delete(Mutiny.Session s, UUID id, long version) {
    return s.createMutationQuery("delete from TrunkEntity where id = :id and version = :version")
        .setParameter("id", id)
        .setParameter("version", version)
        .executeUpdate();
  }
}
