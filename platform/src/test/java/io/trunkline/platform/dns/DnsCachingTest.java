package io.trunkline.platform.dns;

import static io.trunkline.platform.dns.DnsTestSupport.resolve;
import static io.trunkline.platform.dns.DnsTestSupport.resolver;
import static io.trunkline.platform.dns.DnsTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trunkline.platform.dns.DnsTestSupport.TestClock;
import io.trunkline.testsupport.Dnsmasq;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the cache keeps and for how long, against a real DNS server whose records change: TTLs from
 * the wire (capped), negative answers and failures remembered briefly, one query for many
 * concurrent callers. Time moves by a test clock where the wait would be long, by itself where it
 * is short.
 */
class DnsCachingTest {

  private static final SipLookup TRUNK = SipLookup.of("pbx.cache.test", 0, SipTransport.UDP);

  private Dnsmasq dns;

  @BeforeEach
  void startDns() {
    dns = Dnsmasq.start(records(60, 5080));
  }

  @AfterEach
  void stopDns() {
    dns.close();
  }

  private static Dnsmasq.Records records(int ttl, int port) {
    return new Dnsmasq.Records()
        .domain("cache.test")
        .ttl(ttl)
        .srv("_sip._udp.pbx.cache.test", "sbc.cache.test", port, 10, 10)
        .host("sbc.cache.test", "127.0.0.81");
  }

  @Test
  void aChangedRecordIsPickedUpWhenItsTtlRunsOut() {
    TestClock clock = new TestClock();
    try (SipResolver resolver = resolver(settings(dns.server()), clock)) {
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5080);

      dns.replace(records(60, 5090));
      clock.advance(Duration.ofSeconds(50));
      assertThat(port(resolve(resolver, TRUNK))).as("within the 60 s TTL").isEqualTo(5080);
      assertThat(resolver.cached(TRUNK)).isPresent();

      clock.advance(Duration.ofSeconds(11));
      assertThat(resolver.cached(TRUNK)).as("expired: not served from cache").isEmpty();
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5090);
    }
  }

  @Test
  void eachRecordOfTheChainExpiresByItsOwnTtl() {
    dns.replace(
        new Dnsmasq.Records()
            .domain("cache.test")
            .ttl(600)
            .srv("_sip._udp.pbx.cache.test", "sbc.cache.test", 5080, 10, 10)
            .hostWithTtl("sbc.cache.test", 5, "127.0.0.81"));
    TestClock clock = new TestClock();
    try (SipResolver resolver = resolver(settings(dns.server()), clock)) {
      assertThat(address(resolve(resolver, TRUNK))).isEqualTo("127.0.0.81");
      long queries = resolver.queriesSent();
      dns.replace(
          new Dnsmasq.Records()
              .domain("cache.test")
              .ttl(600)
              .srv("_sip._udp.pbx.cache.test", "sbc.cache.test", 5080, 10, 10)
              .hostWithTtl("sbc.cache.test", 5, "127.0.0.83"));

      clock.advance(Duration.ofSeconds(6));
      assertThat(address(resolve(resolver, TRUNK))).isEqualTo("127.0.0.83");
      // only the A record (5 s) was asked again: the SRV (600 s) and the AAAA "no such record"
      // answer (negative TTL 30 s) were still fresh
      assertThat(resolver.queriesSent()).isEqualTo(queries + 1);
    }
  }

  @Test
  void aOneSecondTtlExpiresInRealTime() {
    dns.replace(records(1, 5080));
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5080);
      dns.replace(records(1, 5091));

      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> port(resolve(resolver, TRUNK)) == 5091);
    }
  }

  @Test
  void longTtlsAreCappedByMaxTtl() {
    dns.replace(records(86400, 5080));
    TestClock clock = new TestClock();
    DnsSettings capped =
        settings(dns.server())
            .withCacheTtls(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5));
    try (SipResolver resolver = resolver(capped, clock)) {
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5080);
      dns.replace(records(86400, 5092));

      clock.advance(Duration.ofSeconds(31));
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5092);
    }
  }

  @Test
  void noSuchNameFailsWithReasonDnsAndIsRememberedForTheNegativeTtl() {
    TestClock clock = new TestClock();
    DnsSettings s =
        settings(dns.server())
            .withCacheTtls(Duration.ofHours(1), Duration.ofSeconds(20), Duration.ofSeconds(5));
    SipLookup newHost = SipLookup.of("new.cache.test", 5060, SipTransport.UDP);
    try (SipResolver resolver = resolver(s, clock)) {
      SipResolution first = resolve(resolver, newHost);
      assertThat(first.failureReason()).isEqualTo("dns");
      assertThat(first.failure().kind()).isEqualTo(DnsFailure.Kind.NOT_FOUND);

      await().atMost(Duration.ofSeconds(5)).until(() -> dns.queries("A", "new.cache.test") == 1);
      dns.replace(records(60, 5080).host("new.cache.test", "127.0.0.82"));
      long queries = resolver.queriesSent();
      assertThat(resolve(resolver, newHost).failureReason()).isEqualTo("dns");
      assertThat(resolver.cached(newHost))
          .hasValueSatisfying(r -> assertThat(r.isResolved()).isFalse());
      assertThat(resolver.queriesSent()).as("answered from the cache").isEqualTo(queries);
      assertThat(dns.queries("A", "new.cache.test")).as("not asked again").isEqualTo(1);

      clock.advance(Duration.ofSeconds(21));
      SipResolution later = resolve(resolver, newHost);
      assertThat(later.isResolved()).isTrue();
      assertThat(later.targets().get(0).address().getHostAddress()).isEqualTo("127.0.0.82");
    }
  }

  @Test
  void aDeadServerFailsWithReasonDnsAndIsNotAskedAgainForTheFailureTtl() {
    TestClock clock = new TestClock();
    DnsSettings s =
        settings(dns.server())
            .withTimeout(Duration.ofMillis(500), 1)
            .withCacheTtls(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10));
    try (SipResolver resolver = resolver(s, clock)) {
      dns.stop();
      SipResolution down = resolve(resolver, TRUNK);
      assertThat(down.failureReason()).isEqualTo("dns");
      // a closed UDP port on loopback answers "port unreachable" at once: not a timeout
      assertThat(down.failure().kind()).isEqualTo(DnsFailure.Kind.SERVER_ERROR);

      dns.start();
      long queries = resolver.queriesSent();
      assertThat(resolve(resolver, TRUNK).failureReason()).isEqualTo("dns");
      assertThat(resolver.queriesSent()).as("the failure is remembered").isEqualTo(queries);

      clock.advance(Duration.ofSeconds(11));
      assertThat(port(resolve(resolver, TRUNK))).isEqualTo(5080);
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeout() throws Exception {
    try (DatagramSocket blackHole = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      DnsSettings s =
          settings("127.0.0.1:" + blackHole.getLocalPort()).withTimeout(Duration.ofMillis(300), 1);
      try (SipResolver resolver = resolver(s)) {
        SipResolution r = resolve(resolver, TRUNK);

        assertThat(r.failureReason()).isEqualTo("dns");
        assertThat(r.failure().kind()).isEqualTo(DnsFailure.Kind.TIMEOUT);
        assertThat(r.failure().detail()).contains("_sip._udp.pbx.cache.test");
      }
    }
  }

  @Test
  void concurrentLookupsOfOneNameShareOneQueryPerRecord() throws Exception {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      int callers = 40;
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<SipResolution>> results = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        CompletableFuture<SipResolution> result = new CompletableFuture<>();
        results.add(result);
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                    resolver.resolve(TRUNK).whenComplete((r, e) -> result.complete(r));
                  } catch (InterruptedException e) {
                    result.completeExceptionally(e);
                  }
                });
        threads.add(t);
        t.start();
      }
      go.countDown();
      for (CompletableFuture<SipResolution> r : results) {
        assertThat(port(r.get(20, TimeUnit.SECONDS))).isEqualTo(5080);
      }

      // SRV, then A and AAAA of its target: three records, one query each
      assertThat(resolver.queriesSent()).isEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> dns.queries("SRV", "_sip._udp.pbx.cache.test") >= 1);
      assertThat(dns.queries("SRV", "_sip._udp.pbx.cache.test")).isEqualTo(1);
      assertThat(dns.queries("A", "sbc.cache.test")).isEqualTo(1);
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  @Test
  void cachedAnswersOnlyFromTheCache() {
    try (SipResolver resolver = resolver(settings(dns.server()))) {
      assertThat(resolver.cached(TRUNK)).isEmpty();
      assertThat(resolver.queriesSent()).isZero();

      SipResolution resolved = resolve(resolver, TRUNK);
      assertThat(resolver.cached(TRUNK)).contains(resolved);
      assertThat(resolver.queriesSent()).isEqualTo(3);
    }
  }

  private static String address(SipResolution r) {
    assertThat(r.isResolved()).as("%s", r).isTrue();
    return r.targets().get(0).address().getHostAddress();
  }

  private static int port(SipResolution r) {
    assertThat(r.isResolved()).as("%s", r).isTrue();
    return r.targets().get(0).port();
  }
}
