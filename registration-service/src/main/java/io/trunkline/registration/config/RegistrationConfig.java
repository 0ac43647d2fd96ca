package io.trunkline.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How registrations are paced, refreshed and retried: slow enough that thousands of trunks never
 * reach a registrar as one burst, fast enough that a registration is back soon after an outage.
 */
@ConfigMapping(prefix = "trunkline.registration")
public interface RegistrationConfig {

  /**
   * The call-routing service's public SIP address: the Contact of every REGISTER, with the trunk's
   * Contact token as its user part (so that the provider's INVITEs name their trunk).
   */
  String contactUri();

  /**
   * The call-routing service's public SIP over TLS address, e.g. {@code
   * sip:203.0.113.5:5061;transport=tls}: the Contact of REGISTERs to trunks with {@code transport:
   * TLS}, so that their calls come over TLS too. Unset: {@code contact-uri}.
   */
  Optional<String> tlsContactUri();

  /** Most REGISTER requests sent per second, all trunks together (storm control). */
  @WithDefault("50")
  double maxRegisterRate();

  /** Trunks loaded at start-up or after a rebalance start at a random point in this window. */
  @WithDefault("10s")
  Duration initialSpread();

  /** First retry delay after a failure; doubles per failure (with jitter). */
  @WithDefault("5s")
  Duration backoffMin();

  /** Longest retry delay after repeated failures. */
  @WithDefault("10m")
  Duration backoffMax();

  /** Retry delay after bad credentials (401/403 to an answered challenge). */
  @WithDefault("5m")
  Duration badCredentialsRetry();
}
