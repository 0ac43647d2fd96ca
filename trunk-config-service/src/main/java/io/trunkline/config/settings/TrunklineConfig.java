package io.trunkline.config.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trunkline.platform.crypto.config.SecretKeyringConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code trunkline.*} key of the trunk-config-service (docs/contract.md). */
@ConfigMapping(prefix = "trunkline")
public interface TrunklineConfig {

  /** The key ring that encrypts trunk passwords (shared with the consumers). */
  SecretKeyringConfig secrets();

  /** The topics this service publishes to. */
  Topics topics();

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

  /** How the API uses PostgreSQL. */
  Database database();

  /** The check of database, topics and call-routing against each other. */
  Reconciliation reconciliation();

  /** Topic names; every value's {@code schema} is its topic's name. */
  interface Topics {
    /** Trunk state (compacted, key = trunk id). */
    @WithDefault("trunk.config.v1")
    String trunkConfig();

    /** Outbound rules (compacted, key = rule id). */
    @WithDefault("routing.rules.v1")
    String routingRules();

    /** Inbound rules, calls from trunks to the PBX (compacted, key = rule id). */
    @WithDefault("inbound.rules.v1")
    String inboundRules();
  }

  /** Outbox relay settings. */
  interface Outbox {
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

    /**
     * The largest record (value and key, in bytes) a change may produce; larger changes are refused
     * with 400 before they are stored. Keep it below the broker's message.max.bytes and the
     * producer's max.request.size (both about 1 MiB by default).
     */
    @WithDefault("1000000")
    int maxRecordBytes();
  }

  /** Database use by API requests. */
  interface Database {
    /**
     * Longest time a request waits for its transaction before it is answered 503 (the statement and
     * lock timeouts of quarkus.datasource.reactive.additional-properties end it on the server).
     */
    @WithDefault("10s")
    Duration transactionTimeout();
  }

  /** The reconciliation check ({@code /api/v1/reconciliation}). */
  interface Reconciliation {
    /** Base URL of call-routing's API, whose held state is compared too; unset: not compared. */
    Optional<URI> routingUrl();

    /** API key for call-routing's API (its {@code trunkline.api.keys}). */
    Optional<String> routingApiKey();

    /** Time limit for reading the topics and asking call-routing. */
    @WithDefault("20s")
    Duration timeout();

    /**
     * Pause before a difference is confirmed by a second look: a change committed while the check
     * read its sources shows up as a difference in the first look only.
     */
    @WithDefault("2s")
    Duration settle();
  }
}
