package io.trunkline.config.repository;

import io.agroal.api.AgroalDataSource;
import io.trunkline.config.domain.error.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Many outbound rules and their outbox rows in one JDBC transaction, written as array inserts of a
 * few thousand rows per statement: one statement per rule, as the reactive single-rule path does,
 * would take minutes for a rate deck. Runs on a worker thread (it blocks).
 */
@ApplicationScoped
public class RuleBulkRows {

  /** Rows per insert statement: large enough to amortise the round trip, small for the driver. */
  private static final int CHUNK = 5_000;

  /** One rule row with the outbox record that publishes it. */
  public record NewRule(RuleEntity rule, String topic, String payload) {}

  /** The work of one import inside its transaction. */
  public interface Work {
    /** Checks against the locked state; throws to roll back. Returns the rows to insert. */
    List<NewRule> rows(Set<UUID> knownTrunks, Set<String> takenNames);
  }

  private final AgroalDataSource jdbc;

  public RuleBulkRows(AgroalDataSource jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the named trunks (FOR SHARE, as a single rule creation does, so none is deleted before
   * commit), reads which names are taken, lets {@code work} decide, then inserts everything.
   */
  public int importAll(Collection<UUID> trunkIds, Collection<String> names, Work work) {
    try (Connection c = jdbc.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Set<UUID> known = lockTrunks(c, trunkIds);
        Set<String> taken = takenNames(c, names);
        List<NewRule> rows = work.rows(known, taken);
        for (int from = 0; from < rows.size(); from += CHUNK) {
          List<NewRule> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
          insertRules(c, chunk);
          insertOutbox(c, chunk);
        }
        c.commit();
        return rows.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        // A single rule with one of the names was created meanwhile.
        throw new ConflictException("another outbound rule took one of the names meanwhile");
      }
      throw new IllegalStateException("rule import failed: " + e.getSQLState(), e);
    }
  }

  private static Set<UUID> lockTrunks(Connection c, Collection<UUID> ids) throws SQLException {
    Set<UUID> found = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("select id from trunk where id = any(?) for share")) {
      s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return found;
  }

  private static Set<String> takenNames(Connection c, Collection<String> names)
      throws SQLException {
    Set<String> taken = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("select name from outbound_rule where name = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", names.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          taken.add(rs.getString(1));
        }
      }
    }
    return taken;
  }

  private static void insertRules(Connection c, List<NewRule> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into outbound_rule (id, name, enabled, priority, match_json, strategy,"
                + " routes_json, schedule_json, trunk_ids, version, created_at, updated_at)"
                + " select * from unnest(?::uuid[], ?::varchar[], ?::boolean[], ?::int[],"
                + " ?::text[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
                + " ?::timestamptz[], ?::timestamptz[])")) {
      s.setArray(1, array(c, "uuid", rows, r -> r.rule().id));
      s.setArray(2, array(c, "varchar", rows, r -> r.rule().name));
      s.setArray(3, array(c, "boolean", rows, r -> r.rule().enabled));
      s.setArray(4, array(c, "int4", rows, r -> r.rule().priority));
      s.setArray(5, array(c, "text", rows, r -> r.rule().matchJson));
      s.setArray(6, array(c, "varchar", rows, r -> r.rule().strategy.name()));
      s.setArray(7, array(c, "text", rows, r -> r.rule().routesJson));
      s.setArray(8, array(c, "text", rows, r -> r.rule().scheduleJson));
      s.setArray(9, array(c, "text", rows, r -> r.rule().trunkIds));
      s.setArray(10, array(c, "int8", rows, r -> r.rule().version));
      s.setArray(11, array(c, "text", rows, r -> r.rule().createdAt.toString()));
      s.setArray(12, array(c, "text", rows, r -> r.rule().updatedAt.toString()));
      s.executeUpdate();
    }
  }

  /** Outbox rows in the order of the rules, so the relay publishes them in that order. */
  private static void insertOutbox(Connection c, List<NewRule> rows) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into outbox (topic, message_key, payload, created_at)"
                + " select t, k, p, now() from unnest(?::varchar[], ?::varchar[], ?::text[])"
                + " with ordinality as u(t, k, p, n) order by n")) {
      s.setArray(1, array(c, "varchar", rows, NewRule::topic));
      s.setArray(2, array(c, "varchar", rows, r -> r.rule().id.toString()));
      s.setArray(3, array(c, "text", rows, NewRule::payload));
      s.executeUpdate();
    }
  }

  private static Array array(
      Connection c, String type, List<NewRule> rows, Function<NewRule, Object> column)
      throws SQLException {
    List<Object> values = new ArrayList<>(rows.size());
    for (NewRule r : rows) {
      values.add(column.apply(r));
    }
    return c.createArrayOf(type, values.toArray());
  }
}
