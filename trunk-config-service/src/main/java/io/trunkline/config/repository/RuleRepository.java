package io.trunkline.config.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Outbound rule queries. */
@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<RuleEntity, UUID> {

  public Uni<List<RuleEntity>> list(Boolean enabled) {
    if (enabled == null) {
      return findAll(Sort.by("priority").and("createdAt")).list();
    }
    return find("enabled", Sort.by("priority").and("createdAt"), enabled).list();
  }

  public Uni<Boolean> nameTaken(String name, UUID except) {
    return count("name = ?1 and id <> ?2", name, except == null ? new UUID(0, 0) : except)
        .map(n -> n > 0);
  }

  /** Names of the rules whose routes use the trunk. */
  public Uni<List<String>> namesUsingTrunk(UUID trunkId) {
    return find("trunkIds like ?1", "%" + trunkId + "%")
        .list()
        .map(l -> l.stream().map(r -> r.name).toList());
  }
}
