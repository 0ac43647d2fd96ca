package io.trunkline.platform.dns.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trunkline.platform.dns.DnsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code trunkline.dns.*} keys, written once for both SIP services: how trunk hosts, registrars
 * and probed trunks that are domain names are resolved (RFC 3263: NAPTR, SRV, A/AAAA) through the
 * platform's {@code SipResolver}.
 */
@ConfigMapping(prefix = "trunkline.dns")
public interface DnsConfig {

  /**
   * DNS servers as {@code host[:port]} ({@code [v6]:port} for IPv6 with a port); unset: the
   * system's (resolv.conf), which is what a pod in Kubernetes wants.
   */
  Optional<List<String>> servers();

  /** How long one query waits for one server's answer. */
  @WithDefault("2s")
  Duration timeout();

  /** Attempts per server before a query counts as failed. */
  @WithDefault("2")
  int attempts();

  /** The longest a positive answer is used, whatever its TTL says. */
  @WithDefault("1h")
  Duration maxTtl();

  /** How long "no such name" and "no such record" answers are kept. */
  @WithDefault("30s")
  Duration negativeTtl();

  /** How long a timeout or server error is remembered before asking again. */
  @WithDefault("5s")
  Duration failureTtl();

  /**
   * call-routing only: how often every enabled trunk named by a domain is looked up again in the
   * background, so that calls find fresh answers in the cache and a trunk whose name stopped
   * resolving shows reason {@code dns} before a call tries it. registration-service resolves at
   * each attempt instead and ignores it.
   */
  @WithDefault("10s")
  Duration refreshInterval();

  /** The resolver's settings from these keys. */
  default DnsSettings settings() {
    return DnsSettings.defaults()
        .withServers(servers().orElse(List.of()))
        .withTimeout(timeout(), attempts())
        .withCacheTtls(maxTtl(), negativeTtl(), failureTtl());
  }
}
