package io.trunkline.platform.auth.config;

import io.trunkline.platform.auth.ApiKeys;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's {@link ApiKeys}, made once from {@code trunkline.api.keys}. */
@Singleton
public class ApiKeyBeans {

  @Produces
  @Singleton
  ApiKeys apiKeys(ApiKeyConfig config) {
    return new ApiKeys(config.keys());
  }
}
