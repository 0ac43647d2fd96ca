package io.trunkline.platform.dns;

import static io.trunkline.platform.dns.DnsTestSupport.resolve;
import static io.trunkline.platform.dns.DnsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trunkline.testsupport.Dnsmasq;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 2782 order of SRV targets from a real DNS server: priorities strictly in order, and within a
 * priority each target first as often as its share of the weights (many draws, a fixed seed, loose
 * bounds).
 */
class SrvSelectionTest {

  private static final int DRAWS = 4000;
  private static Dnsmasq dns;

  @BeforeAll
  static void startDns() {
    dns =
        Dnsmasq.start(
            new Dnsmasq.Records()
                .domain("weights.test")
                .ttl(3600)
                .srv("_sip._udp.weights.test", "a.weights.test", 5060, 10, 60)
                .srv("_sip._udp.weights.test", "b.weights.test", 5060, 10, 30)
                .srv("_sip._udp.weights.test", "c.weights.test", 5060, 10, 10)
                .srv("_sip._udp.weights.test", "backup.weights.test", 5060, 20, 100)
                .host("a.weights.test", "127.0.0.61")
                .host("b.weights.test", "127.0.0.62")
                .host("c.weights.test", "127.0.0.63")
                .host("backup.weights.test", "127.0.0.69")
                // two priorities of equal-weight targets
                .srv("_sip._tcp.weights.test", "p1.weights.test", 5070, 1, 0)
                .srv("_sip._tcp.weights.test", "p3.weights.test", 5072, 3, 0)
                .srv("_sip._tcp.weights.test", "p2.weights.test", 5071, 2, 0)
                .host("p1.weights.test", "127.0.0.71")
                .host("p2.weights.test", "127.0.0.72")
                .host("p3.weights.test", "127.0.0.73"));
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @Test
  void lowerPriorityAlwaysFirst() {
    try (SipResolver resolver = new SipResolver(settings(dns.server()))) {
      for (int i = 0; i < 50; i++) {
        SipResolution r = resolve(resolver, SipLookup.of("weights.test", 0, SipTransport.TCP));
        assertThat(r.targets()).extracting(SipTarget::port).containsExactly(5070, 5071, 5072);
      }
    }
  }

  @Test
  void firstTargetFollowsTheWeightsWithinAPriority() {
    Random seeded = new Random(20240601L);
    try (SipResolver resolver =
        new SipResolver(settings(dns.server()), () -> seeded, System::nanoTime)) {
      SipLookup lookup = SipLookup.of("weights.test", 0, SipTransport.UDP);
      resolve(resolver, lookup); // fills the cache; the draws below come from cached()
      long queriesAfterFill = resolver.queriesSent();
      Map<String, Integer> first = new HashMap<>();
      for (int i = 0; i < DRAWS; i++) {
        List<SipTarget> targets = resolver.cached(lookup).orElseThrow().targets();
        assertThat(targets).hasSize(4);
        // the priority-20 backup only after all three priority-10 targets
        assertThat(targets.get(3).targetName()).isEqualTo("backup.weights.test");
        first.merge(targets.get(0).targetName(), 1, Integer::sum);
      }

      assertThat(share(first, "a.weights.test")).isCloseTo(0.60, within(0.05));
      assertThat(share(first, "b.weights.test")).isCloseTo(0.30, within(0.05));
      assertThat(share(first, "c.weights.test")).isCloseTo(0.10, within(0.04));
      assertThat(resolver.queriesSent()).isEqualTo(queriesAfterFill);
    }
  }

  private static double share(Map<String, Integer> counts, String name) {
    return counts.getOrDefault(name, 0) / (double) DRAWS;
  }
}
