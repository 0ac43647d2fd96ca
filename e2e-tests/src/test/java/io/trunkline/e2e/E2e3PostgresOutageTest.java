package io.trunkline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PostgreSQL stopped: the config API answers 503 problem+json, and recovers by itself. */
class E2e3PostgresOutageTest {

  @BeforeAll
  static void up() {
    LocalCluster.ensureUp();
  }

  @AfterAll
  static void down() {
    LocalCluster.startPostgres();
  }

  @Test
  void databaseOutageIs503AndRecoversWithoutARestart() {
    Fixtures f = new Fixtures();
    String name = "pg-outage-" + f.run;
    LocalCluster.stopPostgres();
    Api.config()
        .body(Fixtures.idleIpTrunk(name))
        .post("/api/v1/trunks")
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"));

    LocalCluster.startPostgres();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> Api.config().get("/api/v1/trunks").then().statusCode(200));
    // nothing half-written: the refused trunk does not exist, and the name is free
    assertThat(
            Api.config()
                .get("/api/v1/trunks")
                .then()
                .extract()
                .jsonPath()
                .getList("findAll { it.name == '" + name + "' }"))
        .isEmpty();
    Api.config().body(Fixtures.idleIpTrunk(name)).post("/api/v1/trunks").then().statusCode(201);
  }
}
