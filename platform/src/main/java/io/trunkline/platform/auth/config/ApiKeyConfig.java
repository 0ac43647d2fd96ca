package io.trunkline.platform.auth.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;

/** Access to a service's REST and gRPC APIs (the same keys in every service). */
@ConfigMapping(prefix = "trunkline.api")
public interface ApiKeyConfig {

  /**
   * Static API keys accepted as {@code Authorization: Bearer <key>} (comma-separated; env {@code
   * TRUNKLINE_API_KEYS}). Every REST path but {@code /q/*} and every gRPC call needs one.
   */
  List<String> keys();
}
