package io.trunkline.config.repository;

import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Queries every kind of rule needs, for one entity type; every method works in the session its
 * caller opened.
 */
public abstract class RuleRows<E extends RuleRow> {

  private final Class<E> type;
  private final String entity;

  protected RuleRows(Class<E> type) {
    this.type = type;
    this.entity = type.getSimpleName();
  }

  public Uni<List<E>> list(Mutiny.Session s, Boolean enabled) {
    if (enabled == null) {
      return s.createSelectionQuery("from " + entity + " order by priority, createdAt", type)
          .getResultList();
    }
    return s.createSelectionQuery(
            "from " + entity + " where enabled = :enabled order by priority, createdAt", type)
        .setParameter("enabled", enabled)
        .getResultList();
  }

  public Uni<E> find(Mutiny.Session s, UUID id) {
    return s.find(type, id);
  }

  /** Loads one rule and locks it (FOR UPDATE) before its current state is published again. */
  public Uni<E> lock(Mutiny.Session s, UUID id) {
    return s.find(type, id, LockModeType.PESSIMISTIC_WRITE);
  }

  public Uni<Boolean> exists(Mutiny.Session s, UUID id) {
    return s.createSelectionQuery("select count(*) from " + entity + " where id = :id", Long.class)
        .setParameter("id", id)
        .getSingleResult()
        .map(n -> n > 0);
  }

  public Uni<Boolean> nameTaken(Mutiny.Session s, String name, UUID except) {
    return s.createSelectionQuery(
            "select count(*) from " + entity + " where name = :name and id <> :id", Long.class)
        .setParameter("name", name)
        .setParameter("id", except == null ? new UUID(0, 0) : except)
        .getSingleResult()
        .map(n -> n > 0);
  }

  /** Inserts a new rule now (not at commit), so that its outbox row follows it. */
  public Uni<Void> insert(Mutiny.Session s, E rule) {
    return s.persist(rule).chain(s::flush);
  }

  /** Names of the rules that name the trunk. */
  public Uni<List<String>> namesUsingTrunk(Mutiny.Session s, UUID trunkId) {
    return s.createSelectionQuery(
            "select name from " + entity + " where trunkIds like :trunk order by name",
            String.class)
        .setParameter("trunk", "%" + trunkId + "%")
        .getResultList();
  }

  /** Deletes the rule if it still has this version (0 or 1 rows); see TrunkRepository#delete. */
  public Uni<Integer> delete(Mutiny.Session s, UUID id, long version) {
    return s.createMutationQuery("delete from " + entity + " where id = :id and version = :version")
        .setParameter("id", id)
        .setParameter("version", version)
        .executeUpdate();
  }
}
