package io.trunkline.config;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

  /** The providers the catalogue file seeds, in its order. */
  public static final List<String> SEEDED_PROVIDERS =
      List.of(
          "generic",
          "vonage",
          "questblue",
          "voipms",
          "voxtelesys",
          "flowroute",
          "skyetel",
          "wavix",
          "bandwidth",
          "twilio",
          "telnyx",
          "callcentric",
          "telstra",
          "keen-systems");

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
