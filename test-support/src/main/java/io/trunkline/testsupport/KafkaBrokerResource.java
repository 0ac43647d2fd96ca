package io.trunkline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a fresh real Kafka broker for a Quarkus test, creates the four Trunkline topics with the
 * cleanup policies of DESIGN.md and points {@code kafka.bootstrap.servers} at it.
 *
 * <p>Init arg {@code partitions} (default 3) sets the partitions per topic.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

  private static volatile KafkaBroker current;
  private int partitions = 3;
  private KafkaBroker broker;

  /** The broker of the running test, for tests that stop and start it. */
  public static KafkaBroker broker() {
    if (current == null) {
      throw new IllegalStateException("no KafkaBrokerResource is active");
    }
    return current;
  }

  /** The topics of DESIGN.md section 2 with their cleanup policies. */
  public static Map<String, Map<String, String>> trunklineTopics() {
    Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    Map<String, String> compact =
        Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1");
    topics.put("trunk.config.v1", compact);
    topics.put("routing.rules.v1", compact);
    topics.put("inbound.rules.v1", compact);
    topics.put("trunk.status.v1", compact);
    topics.put("call.events.v1", Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
    return topics;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "3"));
  }

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.startFresh();
    broker.createTopics(partitions, trunklineTopics());
    current = broker;
    return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
    }
    current = null;
  }
}
