package io.trunkline.routing.warmup;

import static io.restassured.RestAssured.given;
import static org.apache.kafka.clients.admin.OffsetSpec.latest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.trunkline.testsupport.KafkaBrokerResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The warm-up inside the running service: readiness names it and turns UP once it ran its calls,
 * and none of those calls reached the service's own routing state, metrics or call.events.v1.
 */
@TestProfile(WarmupStartTest.WithWarmup.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTest
class WarmupStartTest {

  @Test
  void readyOnceTheWarmUpRanAndNothingOfItIsInTheServiceState() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
    JsonPath ready = given().get("/q/health/ready").jsonPath();
    assertThat(ready.getString("checks.find { it.name == 'routing-warmup' }.status"))
        .isEqualTo("UP");
    int calls = ready.getInt("checks.find { it.name == 'routing-warmup' }.data.calls");
    assertThat(calls).isGreaterThan(100);

    // the warm-up's trunks, rules and decisions stayed in its own router
    String usage = given().auth().oauth2("local-dev-key").get("/api/v1/trunk-usage").asString();
    assertThat(usage).doesNotContain("warmup-");
    String metrics = given().get("/q/metrics").asString();
    assertThat(metrics).doesNotContain("warmup-");
    assertThat(sample(metrics, "routing_decision_seconds_count")).isZero();
    assertThat(sample(metrics, "trunk_calls_total")).isZero();
    assertThat(sample(metrics, "sip_transactions_live")).isZero();
    assertThat(callEventRecords()).isZero(); // no call at all reached the real publisher
  }

  /** The sum of a metric's samples (0 while it was never registered: nothing counted). */
  private static double sample(String metrics, String name) {
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Records call.events.v1 holds: the sum of its partitions' end offsets on this fresh broker. */
  private static long callEventRecords() throws Exception {
    try (Admin admin = KafkaBrokerResource.broker().admin()) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      admin
          .describeTopics(List.of("call.events.v1"))
          .allTopicNames()
          .get()
          .get("call.events.v1")
          .partitions()
          .forEach(i -> ends.put(new TopicPartition("call.events.v1", i.partition()), latest()));
      return admin.listOffsets(ends).all().get().values().stream()
          .mapToLong(ListOffsetsResultInfo::offset)
          .sum();
    }
  }

  /** A short warm-up (the other tests run without one). */
  public static class WithWarmup implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "trunkline.routing.warmup.duration", "3s",
          "trunkline.routing.warmup.calls-per-second", "300",
          "trunkline.routing.warmup.rules", "200");
    }
  }
}
