package io.trunkline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Creates a fresh database on the machine's real PostgreSQL server for one Quarkus test run and
 * drops it afterwards, so tests never see each other's rows.
 *
 * <p>The server and the role come from the environment: {@code TRUNKLINE_PG_HOST} (localhost),
 * {@code TRUNKLINE_PG_PORT} (5432), {@code TRUNKLINE_PG_USER} / {@code TRUNKLINE_PG_PASSWORD}
 * (trunkline / trunkline; the role needs CREATEDB). {@code deploy/local/test.sh} sets them up.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

  private final String host = env("TRUNKLINE_PG_HOST", "localhost");
  private final String port = env("TRUNKLINE_PG_PORT", "5432");
  private final String user = env("TRUNKLINE_PG_USER", "trunkline");
  private final String password = env("TRUNKLINE_PG_PASSWORD", "trunkline");
  private String database;

  @Override
  public Map<String, String> start() {
    database = "trunkline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + database);
    return Map.of(
        "quarkus.datasource.username",
        user,
        "quarkus.datasource.password",
        password,
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://" + host + ":" + port + "/" + database,
        "quarkus.datasource.reactive.url",
        "postgresql://" + host + ":" + port + "/" + database);
  }

  @Override
  public void stop() {
    if (database != null) {
      execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  /** The JDBC URL of this run's database, for tests that look at rows directly. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  private void execute(String sql) {
    String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + host
              + ":"
              + port
              + " is not usable as role "
              + user
              + " (run deploy/local/test.sh, which starts it): "
              + e.getMessage(),
          e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
