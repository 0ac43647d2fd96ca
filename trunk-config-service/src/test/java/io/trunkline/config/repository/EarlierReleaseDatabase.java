package io.trunkline.config.repository;

import io.trunkline.testsupport.PostgresDatabaseResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A fresh database as a release from before V1's comment change left it: every migration applied,
 * but V1 recorded under the checksum that release computed. The service then starts on it as an
 * upgraded deployment would.
 */
public class EarlierReleaseDatabase extends PostgresDatabaseResource {

  /** V1's checksum as the releases before the comment change recorded it. */
  static final int EARLIER_V1_CHECKSUM = -1043820156;

  private static final String USER = "quarkus.datasource.username";
  private static final String PASSWORD = "quarkus.datasource.password";

  private Map<String, String> settings;

  @Override
  public Map<String, String> start() {
    settings = super.start();
    migrate();
    setV1Checksum(EARLIER_V1_CHECKSUM);
    return settings;
  }

  /** Runs this repository's migrations on the database, as the service does at start. */
  void migrate() {
    Flyway.configure()
        .dataSource(jdbcUrl(), settings.get(USER), settings.get(PASSWORD))
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  int v1Checksum() {
    return query("SELECT checksum FROM flyway_schema_history WHERE version = '1'");
  }

  void setV1Checksum(int checksum) {
    query("UPDATE flyway_schema_history SET checksum = " + checksum + " WHERE version = '1'");
  }

  private int query(String sql) {
    try (Connection c =
            DriverManager.getConnection(jdbcUrl(), settings.get(USER), settings.get(PASSWORD));
        Statement s = c.createStatement()) {
      if (s.execute(sql)) {
        try (ResultSet r = s.getResultSet()) {
          r.next();
          return r.getInt(1);
        }
      }
      return s.getUpdateCount();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
