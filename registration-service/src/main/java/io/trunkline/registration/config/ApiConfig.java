package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** REST access (DESIGN.md 6). */
@ConfigMapping(prefix = "trunkline.api")
public interface ApiConfig {

  /** Static API keys accepted as {@code Authorization: Bearer <key>}. */
  List<String> keys();
}
