package io.trunkline.registration.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives the service under test a free SIP port (UDP and TCP) on 127.0.0.1. */
public class SipPortResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try {
      return Map.of("trunkline.sip.port", Integer.toString(TestRegistrar.freeSipPort()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {}
}
