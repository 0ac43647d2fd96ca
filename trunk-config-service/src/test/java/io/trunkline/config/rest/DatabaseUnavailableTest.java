package io.trunkline.config.rest;

import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.awaitOutboxDrained;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.TestSupport.trunkJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trunkline.config.GrpcClients;
import io.trunkline.config.grpc.v1.TrunkSpec;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service's database refuses connections (its connections are cut and new ones not allowed, on
 * the machine's real PostgreSQL, the rest of the server untouched): REST answers 503 with
 * Retry-After and problem+json, gRPC UNAVAILABLE, both promptly; once the database is back, writes
 * work again and their events are published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class DatabaseUnavailableTest {

  @Test
  void anUnreachableDatabaseIs503WithRetryAfterThenWritesResume() throws Exception {
    api().body(trunkJson(name("before-outage"))).post("/api/v1/trunks").then().statusCode(201);
    ManagedChannel channel = GrpcClients.channel();
    try {
      cutTheDatabase(true);
      long start = System.nanoTime();
      Response post = api().body(trunkJson(name("during"))).post("/api/v1/trunks");
      assertThat(post.statusCode()).isEqualTo(503);
      assertThat(post.header("Retry-After")).isNotBlank();
      assertThat(post.contentType()).startsWith("application/problem+json");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
      assertThat(api().get("/api/v1/outbound-rules").statusCode()).isEqualTo(503);
      assertThatThrownBy(
              () ->
                  GrpcClients.stub(channel, 15_000)
                      .createTrunk(
                          TrunkSpec.newBuilder()
                              .setName(name("grpc-during"))
                              .setHost("h.example.com")
                              .setAuthMode("IP")
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      cutTheDatabase(false);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    String after = name("after-outage");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api().body(trunkJson(after)).post("/api/v1/trunks").statusCode() == 201);
    awaitOutboxDrained(Duration.ofSeconds(30));
  }

  /** Closes every connection to this run's database and refuses new ones, or allows them again. */
  private static void cutTheDatabase(boolean cut) throws Exception {
    var config = ConfigProvider.getConfig();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    String db = url.substring(url.lastIndexOf('/') + 1);
    String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    try (Connection c =
            DriverManager.getConnection(
                admin,
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        Statement s = c.createStatement()) {
      s.execute("alter database " + db + " allow_connections " + !cut);
      if (cut) {
        s.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db + "'");
      }
    }
  }
}
