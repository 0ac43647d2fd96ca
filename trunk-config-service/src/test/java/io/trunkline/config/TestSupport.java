package io.trunkline.config;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** Helpers shared by the service's tests: API calls with a key, unique names. */
public final class TestSupport {

  public static final String KEY = "test-key-1";

  /**
   * The fourteen providers the catalogue must seed, in its order: written down once, in a test
   * resource of their own, so that the catalogue is checked against a list it did not produce.
   */
  public static final List<String> SEEDED_PROVIDERS = resourceLines("/seeded-providers.txt");

  private TestSupport() {}

  public static RequestSpecification api() {
    return given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
  }

  /** A unique, valid trunk name. */
  public static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A minimal valid REGISTER trunk body. */
  public static String trunkJson(String name) {
    return """
        {"name":"%s","host":"sip.example.com","username":"1001","password":"s3cret-pw"}
        """
        .formatted(name);
  }

  public static Response createTrunk(String name) {
    return api()
        .body(trunkJson(name))
        .post("/api/v1/trunks")
        .then()
        .statusCode(201)
        .extract()
        .response();
  }

  /** Runs a query on the service's own database (the URL the test resource configured). */
  public static long count(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the relay has sent or parked every outbox row, a minute at the most. */
  public static void awaitOutboxDrained() {
    awaitOutboxDrained(Duration.ofSeconds(60));
  }

  public static void awaitOutboxDrained(Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                count("select count(*) from outbox where sent_at is null and parked_at is null")
                    == 0);
  }

  private static List<String> resourceLines(String path) {
    try (InputStream in = TestSupport.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String string(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }
}
