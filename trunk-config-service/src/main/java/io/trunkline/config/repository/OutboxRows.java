package io.trunkline.config.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox table as the relay sees it, over plain JDBC on the small JDBC pool (the one Flyway
 * uses at start). The relay is a blocking thread of its own: it never takes one of the reactive
 * connections that API requests need, and never waits on the event loops that serve them.
 */
@ApplicationScoped
public class OutboxRows {

  /** One committed record waiting to be published. */
  public record Row(long id, String topic, String key, String payload) {}

  private final AgroalDataSource jdbc;

  public OutboxRows(AgroalDataSource jdbc) {
    this.jdbc = jdbc;
  }

  /** The oldest rows neither sent nor parked, in id order. */
  public List<Row> pending(int limit) throws SQLException {
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select id, topic, message_key, payload from outbox"
                    + " where sent_at is null and parked_at is null order by id limit ?")) {
      s.setInt(1, limit);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return rows;
    }
  }

  public void markSent(List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement("update outbox set sent_at = now() where id = any(?)")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      s.setArray(1, array);
      s.executeUpdate();
    }
  }

  /** Marks a row the broker refused for good; the reason is an exception name, never data. */
  public void park(long id, String reason) throws SQLException {
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement("update outbox set parked_at = now(), failure = ? where id = ?")) {
      s.setString(1, reason.length() > 200 ? reason.substring(0, 200) : reason);
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  /** Rows still to publish and rows parked: {pending, parked}. */
  public long[] counts() throws SQLException {
    try (Connection c = jdbc.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) filter (where sent_at is null and parked_at is null),"
                    + " count(*) filter (where parked_at is not null) from outbox")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /** Deletes sent and parked rows older than the retention. */
  public void deleteOlderThan(Duration retention) throws SQLException {
    try (Connection c = jdbc.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "delete from outbox where coalesce(sent_at, parked_at) < now() - make_interval(secs"
                    + " => ?)")) {
      s.setDouble(1, retention.toSeconds());
      s.executeUpdate();
    }
  }
}
