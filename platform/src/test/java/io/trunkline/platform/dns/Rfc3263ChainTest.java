package io.trunkline.platform.dns;

import static io.trunkline.platform.dns.DnsTestSupport.resolve;
import static io.trunkline.platform.dns.DnsTestSupport.resolver;
import static io.trunkline.platform.dns.DnsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trunkline.testsupport.Dnsmasq;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3263 section 4 against a real DNS server: which records decide transport, port, address. */
class Rfc3263ChainTest {

  private static Dnsmasq dns;

  @BeforeAll
  static void startDns() {
    dns =
        Dnsmasq.start(
            new Dnsmasq.Records()
                .domain("example.test")
                .domain("plain.test")
                .domain("gone.test")
                .domain("dual.test")
                .ttl(60)
                // NAPTR: TLS preferred over TCP (same order, lower preference), UDP last (order)
                .naptr("example.test", 20, 10, "SIP+D2U", "_sip._udp.example.test")
                .naptr("example.test", 10, 20, "SIP+D2T", "_sip._tcp.example.test")
                .naptr("example.test", 10, 10, "SIPS+D2T", "_sips._tcp.example.test")
                // records SIP does not use: other flags, a regexp, an unknown service
                .naptr("example.test", 1, 1, "u", "E2U+sip", "!^.*$!sip:x@example.test!", ".")
                .naptr("example.test", 1, 2, "s", "SIP+D2S", "", "_sip._sctp.example.test")
                .srv("_sips._tcp.example.test", "tls1.example.test", 5061, 10, 10)
                .srv("_sip._tcp.example.test", "tcp1.example.test", 5070, 10, 10)
                .srv("_sip._udp.example.test", "udp1.example.test", 5080, 10, 10)
                .srv("_sip._sctp.example.test", "sctp.example.test", 5090, 10, 10)
                .host("tls1.example.test", "127.0.0.21")
                .host("tcp1.example.test", "127.0.0.22")
                .host("udp1.example.test", "127.0.0.23")
                .host("sctp.example.test", "127.0.0.24")
                .host("example.test", "127.0.0.20")
                // no NAPTR, SRV for UDP and TLS only; the first UDP target has no address
                .srv("_sip._udp.srvonly.example.test", "noaddr.example.test", 5082, 5, 10)
                .srv("_sip._udp.srvonly.example.test", "udp2.example.test", 5081, 10, 10)
                .srv("_sips._tcp.srvonly.example.test", "tls2.example.test", 5063, 10, 10)
                .host("udp2.example.test", "127.0.0.25")
                .host("tls2.example.test", "127.0.0.26")
                .host("srvonly.example.test", "127.0.0.27")
                // no NAPTR, no SRV: the host's own address
                .host("plain.test", "127.0.0.40")
                // the domain says SIP is not offered
                .srvNotOffered("_sip._udp.gone.test")
                .host("gone.test", "127.0.0.41")
                .host("dual.test", "127.0.0.50", "::1"));
  }

  @AfterAll
  static void stopDns() {
    dns.close();
  }

  @Test
  void naptrThenSrvThenAddressInNaptrOrder() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("example.test"));

      assertThat(r.isResolved()).as("%s", r).isTrue();
      assertThat(r.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("TLS 127.0.0.21:5061", "TCP 127.0.0.22:5070", "UDP 127.0.0.23:5080");
      assertThat(r.targets()).extracting(SipTarget::serverName).containsOnly("example.test");
      assertThat(r.targets())
          .extracting(SipTarget::targetName)
          .containsExactly("tls1.example.test", "tcp1.example.test", "udp1.example.test");
    }
  }

  @Test
  void naptrRecordsOfTransportsTheServiceLacksAreSkipped() {
    DnsSettings udpTcpOnly =
        settings(dns.server()).withTransports(EnumSet.of(SipTransport.UDP, SipTransport.TCP));
    try (SipResolver resolver = resolver(udpTcpOnly)) {
      SipResolution r = resolve(resolver, SipLookup.of("example.test"));

      assertThat(r.targets())
          .extracting(t -> t.transport() + ":" + t.port())
          .containsExactly("TCP:5070", "UDP:5080");
    }
  }

  @Test
  void sipsTargetUsesOnlyTheTlsNaptr() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, new SipLookup("example.test", 0, null, true));

      assertThat(r.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("TLS 127.0.0.21:5061");
    }
  }

  @Test
  void explicitPortSkipsNaptrAndSrv() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      long naptrBefore = dns.queries("NAPTR", "example.test");
      long srvBefore = dns.queries("SRV", "_sip._udp.example.test");

      SipResolution r = resolve(resolver, SipLookup.of("example.test", 5099, null));

      assertThat(r.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("UDP 127.0.0.20:5099");
      await().atMost(Duration.ofSeconds(5)).until(() -> dns.queries("A", "example.test") >= 1);
      assertThat(dns.queries("NAPTR", "example.test")).isEqualTo(naptrBefore);
      assertThat(dns.queries("SRV", "_sip._udp.example.test")).isEqualTo(srvBefore);
    }
  }

  @Test
  void explicitPortWithTlsKeepsTheTransport() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("example.test", 5071, SipTransport.TLS));

      assertThat(r.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("TLS 127.0.0.20:5071");
    }
  }

  @Test
  void explicitTransportWithoutPortPicksThatTransportsSrv() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution tcp = resolve(resolver, SipLookup.of("example.test", 0, SipTransport.TCP));
      SipResolution tls = resolve(resolver, SipLookup.of("example.test", 0, SipTransport.TLS));

      assertThat(tcp.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("TCP 127.0.0.22:5070");
      assertThat(tls.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("TLS 127.0.0.21:5061");
    }
  }

  @Test
  void withoutNaptrEverySupportedTransportsSrvIsAskedAndTargetsWithoutAddressAreSkipped() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("srvonly.example.test"));

      assertThat(r.targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("UDP 127.0.0.25:5081", "TLS 127.0.0.26:5063");
      assertThat(dns.queries("SRV", "_sip._tcp.srvonly.example.test")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void withoutSrvTheHostsAddressOnTheDefaultPort() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      assertThat(resolve(resolver, SipLookup.of("plain.test")).targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("UDP 127.0.0.40:5060");
      assertThat(resolve(resolver, SipLookup.of("plain.test", 0, SipTransport.TCP)).targets())
          .extracting(t -> t.transport() + ":" + t.port())
          .containsExactly("TCP:5060");
      assertThat(resolve(resolver, new SipLookup("plain.test", 0, null, true)).targets())
          .extracting(t -> t.transport() + ":" + t.port())
          .containsExactly("TLS:5061");
    }
  }

  @Test
  void srvTargetDotMeansNoService() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("gone.test", 0, SipTransport.UDP));

      assertThat(r.isResolved()).isFalse();
      assertThat(r.failureReason()).isEqualTo("dns");
      assertThat(r.failure().kind()).isEqualTo(DnsFailure.Kind.NO_SERVICE);
    }
  }

  @Test
  void unknownNameFailsWithReasonDns() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("nowhere.example.test"));

      assertThat(r.isResolved()).isFalse();
      assertThat(r.targets()).isEmpty();
      assertThat(r.failureReason()).isEqualTo("dns");
      assertThat(r.failure().kind()).isEqualTo(DnsFailure.Kind.NOT_FOUND);
      assertThat(r.failure().detail()).contains("nowhere.example.test");
    }
  }

  @Test
  void aLabelLongerThanDnsAllowsFailsWithReasonDnsWithoutAQuery() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of("a".repeat(64) + ".example.test"));

      assertThat(r.failureReason()).isEqualTo("dns");
      assertThat(r.failure().detail()).contains("not a valid host name");
      assertThat(resolver.queriesSent()).isZero();
    }
  }

  @Test
  void aHostTooLongForAnSrvPrefixIsLookedUpByAddress() {
    // 253 characters: a valid name, but "_sip._udp." in front of it would not be
    String label63 = "a".repeat(63);
    String longest = String.join(".", label63, label63, label63, "a".repeat(48), "example.test");
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      SipResolution r = resolve(resolver, SipLookup.of(longest, 0, SipTransport.UDP));

      assertThat(r.failure().kind()).isEqualTo(DnsFailure.Kind.NOT_FOUND);
      assertThat(r.failure().detail()).isEqualTo("no address for " + longest);
      await().atMost(Duration.ofSeconds(5)).until(() -> dns.queries("A", longest) == 1);
    }
  }

  @Test
  void ipLiteralIsUsedAsIsWithoutAnyQuery() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      assertThat(resolve(resolver, SipLookup.of("127.0.0.9")).targets())
          .extracting(t -> t.transport() + " " + t.address().getHostAddress() + ":" + t.port())
          .containsExactly("UDP 127.0.0.9:5060");
      assertThat(resolve(resolver, SipLookup.of("127.0.0.9", 0, SipTransport.TLS)).targets())
          .extracting(t -> t.port() + " " + t.serverName())
          .containsExactly("5061 127.0.0.9");
      assertThat(resolve(resolver, SipLookup.of("[::1]", 5070, SipTransport.TCP)).targets())
          .extracting(t -> t.address().getHostAddress() + ":" + t.port())
          .containsExactly("0:0:0:0:0:0:0:1:5070");
      assertThat(resolver.queriesSent()).isZero();
    }
  }

  @Test
  void addressFamiliesDecideWhichAddressesAndTheirOrder() {
    DnsSettings base = settings(dns.server());
    SipLookup dual = SipLookup.of("dual.test", 5060, SipTransport.UDP);
    try (SipResolver v4First = resolver(base);
        SipResolver v6First =
            resolver(base.withAddressFamilies(DnsSettings.AddressFamilies.IPV6_FIRST));
        SipResolver v4Only =
            resolver(base.withAddressFamilies(DnsSettings.AddressFamilies.IPV4_ONLY))) {
      assertThat(addresses(resolve(v4First, dual))).containsExactly("127.0.0.50", "::1");
      assertThat(addresses(resolve(v6First, dual))).containsExactly("::1", "127.0.0.50");
      assertThat(addresses(resolve(v4Only, dual))).containsExactly("127.0.0.50");
    }
  }

  private static List<String> addresses(SipResolution r) {
    return r.targets().stream()
        .map(t -> t.address().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"))
        .toList();
  }
}
