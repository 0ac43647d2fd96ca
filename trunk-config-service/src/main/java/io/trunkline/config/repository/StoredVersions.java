package io.trunkline.config.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL holds, as the reconciliation compares it: the version of every trunk and rule and
 * the keys whose outbox rows are still on their way, read in one snapshot (so a key is either
 * settled or visibly in flight). Plain JDBC on the small JDBC pool: the check runs on a worker
 * thread and must not take the API's reactive connections.
 */
@ApplicationScoped
public class StoredVersions {

  /**
   * One consistent view: id -> version per entity, the keys with an outbox row not yet sent (per
   * topic), and the outbox counts.
   */
  public record Snapshot(
      Map<String, Long> trunks,
      Map<String, Long> rules,
      Map<String, Long> inboundRules,
      Map<String, Set<String>> inFlight,
      long pending,
      long parked) {

    public boolean inFlight(String topic, String key) {
      return inFlight.getOrDefault(topic, Set.of()).contains(key);
    }
  }

  private final AgroalDataSource jdbc;

  public StoredVersions(AgroalDataSource jdbc) {
    this.jdbc = jdbc;
  }

  public Snapshot read() throws SQLException {
    try (Connection c = jdbc.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (Statement s = c.createStatement()) {
        Map<String, Long> trunks = versions(s, "select id::text, version from trunk");
        Map<String, Long> rules = versions(s, "select id::text, version from outbound_rule");
        Map<String, Long> inbound = versions(s, "select id::text, version from inbound_rule");
        Map<String, Set<String>> inFlight = new HashMap<>();
        try (ResultSet rs =
            s.executeQuery(
                "select distinct topic, message_key from outbox"
                    + " where sent_at is null and parked_at is null")) {
          while (rs.next()) {
            inFlight.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
          }
        }
        long pending;
        long parked;
        try (ResultSet rs =
            s.executeQuery(
                "select count(*) filter (where sent_at is null and parked_at is null),"
                    + " count(*) filter (where parked_at is not null) from outbox")) {
          rs.next();
          pending = rs.getLong(1);
          parked = rs.getLong(2);
        }
        return new Snapshot(trunks, rules, inbound, inFlight, pending, parked);
      } finally {
        c.rollback();
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static Map<String, Long> versions(Statement s, String sql) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
