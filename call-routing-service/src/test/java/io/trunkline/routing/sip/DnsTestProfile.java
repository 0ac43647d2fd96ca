package io.trunkline.routing.sip;

import io.trunkline.routing.SipTestProfile;
import io.trunkline.testsupport.Dnsmasq;
import java.util.HashMap;
import java.util.Map;

/**
 * The SIP acceptance profile resolving trunk names at a real dnsmasq of the tests' own (loopback,
 * no upstream: only the records a test gives it exist), with short negative and failure TTLs and a
 * one-second background refresh so that a changed record shows within a test.
 */
public class DnsTestProfile extends SipTestProfile {

  /** Started once per JVM; a test replaces its records (same address and port). */
  static final Dnsmasq DNS = Dnsmasq.start(new Dnsmasq.Records().domain("trunks.test"));

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> m = new HashMap<>(super.getConfigOverrides());
    m.put("trunkline.dns.servers", DNS.server());
    m.put("trunkline.dns.timeout", "500ms");
    m.put("trunkline.dns.attempts", "1");
    m.put("trunkline.dns.negative-ttl", "1s");
    m.put("trunkline.dns.failure-ttl", "1s");
    m.put("trunkline.dns.refresh-interval", "1s");
    return m;
  }
}
