package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The consumer group in which the replicas split the trunks among them. */
@ConfigMapping(prefix = "trunkline.kafka")
public interface ConsumerGroupConfig {

  /** Consumer group shared by all replicas; partitions of the trunks are split among them. */
  String consumerGroup();

  /** Kafka session timeout: how fast a dead replica's trunks move to the others. */
  @WithDefault("10s")
  Duration sessionTimeout();
}
