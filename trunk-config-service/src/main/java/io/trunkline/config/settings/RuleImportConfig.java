package io.trunkline.config.settings;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the bulk import of outbound rules (rate decks of a carrier). */
@ConfigMapping(prefix = "trunkline.rule-import")
public interface RuleImportConfig {

  /**
   * The largest import body; larger ones get 413 before they are read. Every other API request
   * keeps the ordinary body limit. Must not exceed quarkus.http.limits.max-body-size.
   */
  @WithDefault("32M")
  MemorySize maxBodySize();

  /** The most rules one import may carry; more is a 400 that names the limit. */
  @WithDefault("200000")
  int maxRules();

  /** At most this many bad lines are listed in a 400; the rest are counted. */
  @WithDefault("1000")
  int maxListedErrors();
}
