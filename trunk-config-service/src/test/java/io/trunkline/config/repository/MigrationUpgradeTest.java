package io.trunkline.config.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a deployment: the service starts on a database an earlier release migrated (V1 recorded
 * under that release's checksum; only V1's comments differ since), and that case alone is accepted:
 * a real change to an applied migration still stops the migration.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(EarlierReleaseDatabase.class)
class MigrationUpgradeTest {

  @Test
  void theServiceStartsOnADatabaseAnEarlierReleaseMigrated() throws Exception {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given()
        .header("Authorization", "Bearer test-key-1")
        .when()
        .get("/api/v1/trunks")
        .then()
        .statusCode(200);
    assertThat(servedV1Checksum())
        .as("V1's checksum in the served database, after the service's own migration at start")
        .isNotEqualTo(EarlierReleaseDatabase.EARLIER_V1_CHECKSUM);
  }

  @Test
  void anyOtherChecksumOfAnAppliedMigrationStillFailsValidation() {
    EarlierReleaseDatabase db = new EarlierReleaseDatabase();
    db.start();
    try {
      db.migrate();
      int current = db.v1Checksum();
      assertThat(current).isNotEqualTo(EarlierReleaseDatabase.EARLIER_V1_CHECKSUM);

      db.setV1Checksum(current + 1);
      assertThatThrownBy(db::migrate).isInstanceOf(FlywayValidateException.class);
      assertThat(db.v1Checksum()).isEqualTo(current + 1);
    } finally {
      db.stop();
    }
  }

  private static int servedV1Checksum() throws Exception {
    Config config = ConfigProvider.getConfig();
    try (Connection c =
            DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '1'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
