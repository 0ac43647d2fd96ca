package io.trunkline.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code trunkline.*} key of the trunk-config-service (docs/contract.md). */
@ConfigMapping(prefix = "trunkline")
public interface TrunklineConfig {

  /** Access to the REST and gRPC APIs. */
  Api api();

  /** Encryption of trunk passwords. */
  Secrets secrets();

  /** The transactional outbox relay to Kafka. */
  Outbox outbox();

  /** Refusing trunks that would send calls straight back to call-routing. */
  Loop loop();

  /** Loop protection at configuration time. */
  interface Loop {
    /**
     * call-routing's own SIP addresses, where it listens and what it advertises, as {@code
     * host[:port]} (port 5060 when left out, IPv6 literals in brackets). A trunk whose host and
     * port, or whose outbound proxy, is one of them is refused with 400: each of its calls would
     * come straight back to call-routing. {@code 0.0.0.0} or {@code [::]} mean call-routing listens
     * on every address of its host: loopback, the unspecified address and {@code localhost} on that
     * port are refused too. Unset: no check.
     */
    Optional<List<String>> ownSipAddresses();
  }

  /** Access settings. */
  interface Api {
    /** Static API keys accepted as {@code Authorization: Bearer <key>} (comma-separated). */
    List<String> keys();
  }

  /** Secret handling. */
  interface Secrets {
    /** Base64 of 32 bytes: the AES-256-GCM key for trunk passwords (shared with the consumers). */
    String encryptionKey();
  }

  /** Outbox relay settings. */
  interface Outbox {
    /** Topic for trunk state (compacted, key = trunk id). */
    @WithDefault("trunk.config.v1")
    String trunkTopic();

    /** Topic for outbound rules (compacted, key = rule id). */
    @WithDefault("routing.rules.v1")
    String rulesTopic();

    /** How often the relay looks for pending rows when nobody woke it up. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Rows published per round. */
    @WithDefault("200")
    int batchSize();

    /** Pause after a failed publish before the relay tries again (broker down). */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long sent rows stay in the outbox table before they are deleted. */
    @WithDefault("1d")
    Duration retention();

    /** Producer delivery.timeout.ms: how long one send may take before it counts as failed. */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** Producer request.timeout.ms. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Producer max.block.ms: how long send() may block waiting for metadata. */
    @WithDefault("5s")
    Duration maxBlock();
  }
}
