package io.trunkline.config.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Trunk queries. */
@ApplicationScoped
public class TrunkRepository implements PanacheRepositoryBase<TrunkEntity, UUID> {

  public Uni<List<TrunkEntity>> list(String provider, Boolean enabled) {
    StringBuilder q = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (provider != null) {
      q.append(" and provider = :provider");
      p.and("provider", provider);
    }
    if (enabled != null) {
      q.append(" and enabled = :enabled");
      p.and("enabled", enabled);
    }
    return find(q.toString(), Sort.by("name"), p).list();
  }

  public Uni<Boolean> nameTaken(String name, UUID except) {
    return count("name = ?1 and id <> ?2", name, except == null ? new UUID(0, 0) : except)
        .map(n -> n > 0);
  }

  /**
   * Loads the trunks a rule's routes name and locks them (FOR SHARE), so that a concurrent delete
   * of one of them waits for the rule's transaction and then sees the rule.
   */
  public Uni<List<TrunkEntity>> lockForReference(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return find("id in ?1", ids).withLock(LockModeType.PESSIMISTIC_READ).list();
  }

  /** Loads one trunk and locks it (FOR UPDATE) before a delete checks the rules that use it. */
  public Uni<TrunkEntity> lockForDelete(UUID id) {
    return findById(id, LockModeType.PESSIMISTIC_WRITE);
  }
}
