package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The topics this service reads and writes (the same prefix in every service). */
@ConfigMapping(prefix = "trunkline.topics")
public interface TopicsConfig {

  /** Compacted topic with the trunks (consumed). */
  @WithDefault("trunk.config.v1")
  String trunkConfig();

  /** Compacted topic with the trunks' status (produced). */
  @WithDefault("trunk.status.v1")
  String trunkStatus();
}
