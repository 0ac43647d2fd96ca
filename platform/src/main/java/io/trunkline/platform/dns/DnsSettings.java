package io.trunkline.platform.dns;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a {@link SipResolver} queries and caches. Services fill it from their configuration; {@link
 * #defaults()} is what an unconfigured service uses.
 *
 * @param servers DNS servers as {@code host[:port]} ({@code [v6]:port} for IPv6 with a port);
 *     empty: the system's (resolv.conf)
 * @param timeout how long one attempt waits for one server's answer
 * @param attempts attempts per server before the query fails (servers are tried in turn)
 * @param maxTtl the longest a positive answer is kept, whatever its TTL says
 * @param negativeTtl how long "no such name" and "no such record" answers are kept (shorter when
 *     the zone's SOA says so)
 * @param failureTtl how long a timeout or server error is remembered before asking again, so that a
 *     dead DNS server does not cost every call a timeout
 * @param maxEntries the most cached answers kept (expired ones go first)
 * @param transports the transports the service can use; NAPTR and SRV records for others are
 *     ignored
 * @param addressFamilies which address records to use, and in which order
 */
public record DnsSettings(
    List<String> servers,
    Duration timeout,
    int attempts,
    Duration maxTtl,
    Duration negativeTtl,
    Duration failureTtl,
    int maxEntries,
    Set<SipTransport> transports,
    AddressFamilies addressFamilies) {

  /** Which of A and AAAA are queried for a name, and whose addresses come first. */
  public enum AddressFamilies {
    IPV4_ONLY,
    IPV4_FIRST,
    IPV6_FIRST,
    IPV6_ONLY
  }

  public DnsSettings {
    servers = List.copyOf(servers);
    transports = Set.copyOf(transports);
    requirePositive("timeout", timeout);
    requirePositive("maxTtl", maxTtl);
    requireNotNegative("negativeTtl", negativeTtl);
    requireNotNegative("failureTtl", failureTtl);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("transports must name at least one transport");
    }
    if (addressFamilies == null) {
      throw new IllegalArgumentException("addressFamilies is required");
    }
  }

  /**
   * The system's DNS servers, 2 s per attempt, 2 attempts, TTLs capped at one hour, negative
   * answers kept 30 s, failures 5 s, 10,000 answers, UDP/TCP/TLS, IPv4 addresses before IPv6.
   */
  public static DnsSettings defaults() {
    return new DnsSettings(
        List.of(),
        Duration.ofSeconds(2),
        2,
        Duration.ofHours(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        10_000,
        EnumSet.allOf(SipTransport.class),
        AddressFamilies.IPV4_FIRST);
  }

  public DnsSettings withServers(List<String> servers) {
    Changed c = new Changed(this);
    c.servers = servers;
    return c.settings();
  }

  public DnsSettings withTimeout(Duration timeout, int attempts) {
    Changed c = new Changed(this);
    c.timeout = timeout;
    c.attempts = attempts;
    return c.settings();
  }

  public DnsSettings withCacheTtls(Duration maxTtl, Duration negativeTtl, Duration failureTtl) {
    Changed c = new Changed(this);
    c.maxTtl = maxTtl;
    c.negativeTtl = negativeTtl;
    c.failureTtl = failureTtl;
    return c.settings();
  }

  public DnsSettings withTransports(Set<SipTransport> transports) {
    Changed c = new Changed(this);
    c.transports = transports;
    return c.settings();
  }

  public DnsSettings withAddressFamilies(AddressFamilies addressFamilies) {
    Changed c = new Changed(this);
    c.addressFamilies = addressFamilies;
    return c.settings();
  }

  /** A copy of settings whose fields the {@code with...} methods change; checked when built. */
  private static final class Changed {
    private List<String> servers;
    private Duration timeout;
    private int attempts;
    private Duration maxTtl;
    private Duration negativeTtl;
    private Duration failureTtl;
    private final int maxEntries;
    private Set<SipTransport> transports;
    private AddressFamilies addressFamilies;

    private Changed(DnsSettings s) {
      servers = s.servers;
      timeout = s.timeout;
      attempts = s.attempts;
      maxTtl = s.maxTtl;
      negativeTtl = s.negativeTtl;
      failureTtl = s.failureTtl;
      maxEntries = s.maxEntries;
      transports = s.transports;
      addressFamilies = s.addressFamilies;
    }

    private DnsSettings settings() {
      return new DnsSettings(
          servers,
          timeout,
          attempts,
          maxTtl,
          negativeTtl,
          failureTtl,
          maxEntries,
          transports,
          addressFamilies);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }
}
