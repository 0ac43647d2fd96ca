package io.trunkline.config.event;

import static io.restassured.RestAssured.given;
import static io.trunkline.config.TestSupport.api;
import static io.trunkline.config.TestSupport.awaitOutboxDrained;
import static io.trunkline.config.TestSupport.count;
import static io.trunkline.config.TestSupport.createTrunk;
import static io.trunkline.config.TestSupport.execute;
import static io.trunkline.config.TestSupport.name;
import static io.trunkline.config.TestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.config.Topics;
import io.trunkline.testsupport.KafkaBrokerResource;
import io.trunkline.testsupport.PostgresDatabaseResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record Kafka refuses for good does not block the outbox: it is parked (flagged in its row,
 * counted in config_outbox_parked, logged once) and the changes after it are published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class OutboxParkingTest {

  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureRelayLog() {
    Logger.getLogger(OutboxRelay.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopCapture() {
    Logger.getLogger(OutboxRelay.class.getName()).removeHandler(capture);
  }

  @Test
  void aRecordTooLargeForTheProducerIsParkedAndLaterChangesFlow() {
    // What an older version (or a raised limit) may have left: a 1.2 MB value the producer refuses.
    String key = UUID.randomUUID().toString();
    execute(
        "insert into outbox (topic, message_key, payload) values ('trunk.config.v1', '"
            + key
            + "', '{\"schema\":\"trunk.config.v1\",\"version\":1,\"pad\":\""
            + "x".repeat(1_200_000)
            + "\"}')");
    long parkedId = count("select max(id) from outbox");
    String after = createTrunk(name("after-parked")).path("id");

    awaitOutboxDrained();
    assertThat(string("select failure from outbox where id = " + parkedId))
        .isEqualTo("RecordTooLargeException");
    assertThat(count("select count(*) from outbox where id = " + parkedId + " and sent_at is null"))
        .isOne();
    assertThat(Topics.forKey("trunk.config.v1", after)).hasSize(1);
    assertThat(Topics.forKey("trunk.config.v1", key)).isEmpty();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gauge("config_outbox_parked") >= 1);
    assertLoggedOnce(parkedId);
  }

  @Test
  void aRecordTheBrokerRefusesIsParkedAndLaterChangesFlowInOrder() throws Exception {
    String trunk = createTrunk(name("parking-trunk")).path("id");
    setRulesTopicMaxMessageBytes("4096");
    try {
      // About 7 KB on the topic: fine for the service (limit 1 MB), too large for this topic.
      StringBuilder prefixes = new StringBuilder();
      for (int i = 0; i < 600; i++) {
        prefixes.append(i == 0 ? "" : ",").append("\"").append(1_000_000 + i).append("\"");
      }
      String big =
          api()
              .body(
                  "{\"name\":\"%s\",\"match\":{\"prefixes\":[%s]},\"routes\":[{\"trunkId\":\"%s\"}]}"
                      .formatted(name("big"), prefixes, trunk))
              .post("/api/v1/outbound-rules")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      String small =
          api()
              .body(
                  "{\"name\":\"%s\",\"routes\":[{\"trunkId\":\"%s\"}]}"
                      .formatted(name("small"), trunk))
              .post("/api/v1/outbound-rules")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      api()
          .body("{\"priority\":7}")
          .patch("/api/v1/outbound-rules/" + small)
          .then()
          .statusCode(200);

      awaitOutboxDrained();
      long parkedId =
          count(
              "select id from outbox where message_key = '" + big + "' and parked_at is not null");
      assertThat(string("select failure from outbox where id = " + parkedId))
          .isEqualTo("RecordTooLargeException");
      assertThat(
              Topics.forKey("routing.rules.v1", small).stream()
                  .map(r -> r.value().contains("\"version\":2"))
                  .toList())
          .containsExactly(false, true);
      assertThat(Topics.forKey("routing.rules.v1", big)).isEmpty();
      assertLoggedOnce(parkedId);
    } finally {
      setRulesTopicMaxMessageBytes(null);
    }
  }

  private void assertLoggedOnce(long rowId) {
    // A few more relay rounds: a parked row is never tried (nor logged) again.
    createTrunk(name("more"));
    awaitOutboxDrained();
    assertThat(warnings.stream().filter(r -> message(r).contains("record " + rowId + " ")).count())
        .isOne();
  }

  private static String message(LogRecord r) {
    return r instanceof ExtLogRecord e ? e.getFormattedMessage() : String.valueOf(r.getMessage());
  }

  private static void setRulesTopicMaxMessageBytes(String value) throws Exception {
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "routing.rules.v1");
    AlterConfigOp op =
        value == null
            ? new AlterConfigOp(
                new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
            : new AlterConfigOp(
                new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
    try (Admin admin = KafkaBrokerResource.broker().admin()) {
      admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static double gauge(String name) {
    return given()
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith(name))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(-1.0);
  }
}
