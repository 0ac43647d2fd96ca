package io.trunkline.registration.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.trunkline.testsupport.Dnsmasq;
import java.util.Map;

/**
 * A real dnsmasq on loopback for the service under test (no upstream: only the records a test gives
 * it exist), with short negative and failure TTLs so that a test sees a change quickly.
 */
public class DnsmasqResource implements QuarkusTestResourceLifecycleManager {

  private static Dnsmasq dns;

  /** The running server; a test replaces its records. */
  public static Dnsmasq dns() {
    return dns;
  }

  @Override
  public Map<String, String> start() {
    dns = Dnsmasq.start(new Dnsmasq.Records().domain("trunks.test"));
    return Map.of(
        "trunkline.dns.servers", dns.server(),
        "trunkline.dns.timeout", "500ms",
        "trunkline.dns.attempts", "1",
        "trunkline.dns.negative-ttl", "1s",
        "trunkline.dns.failure-ttl", "1s");
  }

  @Override
  public void stop() {
    if (dns != null) {
      dns.close();
    }
  }
}
