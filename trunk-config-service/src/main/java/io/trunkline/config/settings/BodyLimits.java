package io.trunkline.config.settings;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Request body limits per kind of request. quarkus.http.limits.max-body-size is the ceiling for any
 * body (it has to admit a rule import); ordinary requests are held to the smaller limit here.
 */
@ConfigMapping(prefix = "trunkline.body-limits")
public interface BodyLimits {

  /** Every API request but the rule import: a trunk or a rule is a few KB. */
  @WithDefault("1M")
  MemorySize ordinary();
}
