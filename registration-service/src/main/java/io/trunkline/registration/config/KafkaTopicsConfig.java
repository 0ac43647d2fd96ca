package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Topics and consumer group of this service (DESIGN.md 2). */
@ConfigMapping(prefix = "trunkline.kafka")
public interface KafkaTopicsConfig {

  /** Compacted topic with the trunks (consumed). */
  String trunkConfigTopic();

  /** Compacted topic with the trunks' status (produced). */
  String trunkStatusTopic();

  /** Consumer group shared by all replicas; partitions of the trunks are split among them. */
  String consumerGroup();

  /** Kafka session timeout: how fast a dead replica's trunks move to the others. */
  @WithDefault("10s")
  Duration sessionTimeout();
}
