package io.trunkline.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trunkline.platform.crypto.config.SecretKeyringConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** All {@code trunkline.*} settings of the call-routing service. */
@ConfigMapping(prefix = "trunkline")
public interface RoutingConfig {

  /** The key ring that decrypts trunk passwords (shared with trunk-config-service). */
  SecretKeyringConfig secrets();

  /** The SIP B2BUA's listening address and stack tuning. */
  Sip sip();

  /** Call routing behaviour. */
  Routing routing();

  /** Kafka topic names (the contract's defaults are set in application.properties). */
  Topics topics();

  /** Loop protection: Max-Forwards, own addresses, the loop marker. */
  Loop loop();

  /** Ceilings on new calls, so that a storm cannot take the router. */
  Overload overload();

  /** The per-trunk circuit breaker against failure storms. */
  Breaker breaker();

  /** What the SIP edge does with an INVITE from a source that is neither a PBX nor a trunk. */
  enum RejectUnknown {
    /** Answer 403 statelessly: one datagram back per datagram in, nothing kept. */
    RESPOND,
    /** Send nothing at all (a scanner learns nothing; a misconfigured PBX sees a timeout). */
    DROP
  }

  /** SIP listening point and stack tuning. */
  interface Sip {
    /** Address the B2BUA binds to (UDP and TCP). */
    String host();

    /** Port the B2BUA binds to (UDP and TCP); 0 picks a port free for both (tests). */
    int port();

    /** Largest SIP message accepted (TCP, and UDP datagrams), in bytes; bigger ones are dropped. */
    @WithDefault("65536")
    int maxMessageSize();

    /** UDP receive buffer (SO_RCVBUF) of the stack, in bytes. */
    @WithDefault("4194304")
    int receiveBufferSize();

    /**
     * Ignored since the move off JAIN-SIP (kept so existing configuration still loads): the SIP
     * stack runs every callback on one Vert.x event loop.
     */
    @WithDefault("8")
    int threads();

    /**
     * RFC 3261 timer T1 (round-trip estimate); retransmissions start at it and transactions end
     * 64*T1 after their final answer (32 s at the RFC's 500 ms). Tests shorten it.
     */
    @WithDefault("500ms")
    Duration t1();

    /** An INVITE from a source that is not a PBX: RESPOND (403, statelessly) or DROP. */
    @WithDefault("RESPOND")
    RejectUnknown rejectUnknown();

    /**
     * Call legs (PBX and trunk dialogs) held at most; above it new INVITEs get 503 with Retry-After
     * while the calls in progress go on. Two legs per call.
     */
    @WithDefault("100000")
    int maxDialogs();

    /** Transactions the stack holds at most; above it new INVITEs get 503 with Retry-After. */
    @WithDefault("50000")
    int maxTransactions();

    /**
     * Answered transactions kept (as 64-bit keys, 32 s each) to absorb retransmissions; above it
     * new INVITEs get 503 with Retry-After. 1,000 calls/s keep about 100,000.
     */
    @WithDefault("500000")
    int maxLingering();

    /** The Retry-After of those 503s. */
    @WithDefault("10s")
    Duration retryAfter();

    /** Parsing caps. */
    Parse parse();

    /** Per-source request rate. */
    RateLimit rateLimit();

    /** TCP connection caps and timeouts. */
    Tcp tcp();
  }

  /**
   * Caps on one SIP message; over one, a request is answered 400 (when its Via allows) or dropped.
   */
  interface Parse {
    /** Header lines in one message. */
    @WithDefault("128")
    int maxHeaders();

    /** Bytes of the start line and of one header (with its folded continuations). */
    @WithDefault("8192")
    int maxLineLength();

    /** Folded continuation lines in one message (0 refuses folding). */
    @WithDefault("64")
    int maxFoldedLines();
  }

  /**
   * Requests per second per source IP, checked before a message is parsed; PBX sources are exempt.
   * A source over it is banned (every request dropped unanswered) for the ban time.
   */
  interface RateLimit {
    /** Requests per second one source may send. */
    @WithDefault("100")
    int perSource();

    /** How long a source over its rate is ignored. */
    @WithDefault("60s")
    Duration banTime();

    /** Sources tracked at once: a fixed table, so spoofed sources cost no memory. */
    @WithDefault("16384")
    int sources();
  }

  /** Inbound TCP connections. */
  interface Tcp {
    /** Inbound connections open at once. */
    @WithDefault("1024")
    int maxConnections();

    /** Inbound connections open at once from one IP. */
    @WithDefault("32")
    int maxConnectionsPerSource();

    /** A connection is closed when it holds an incomplete message (or none yet) this long. */
    @WithDefault("5s")
    Duration messageTimeout();

    /** A connection without any traffic (CRLF keep-alives count) this long is closed. */
    @WithDefault("180s")
    Duration idleTimeout();
  }

  /** Routing behaviour. */
  interface Routing {
    /** CIDRs whose INVITEs are routed (the PBXs); anything else gets 403. */
    List<String> pbxCidrs();

    /** Time to wait for any provisional answer from a trunk before failing over. */
    @WithDefault("8s")
    Duration noProvisionalTimeout();

    /** Time to wait for a final answer after a provisional one before failing over. */
    @WithDefault("60s")
    Duration finalAnswerTimeout();

    /**
     * Longest an answered call may last; then both legs get a BYE and the call ends with reason
     * "max call duration". The backstop for a call whose BYE was lost or whose PBX vanished (there
     * are no RFC 4028 session timers), so its trunk capacity comes back. 0 = no limit.
     */
    @WithDefault("4h")
    Duration maxCallDuration();

    /** Whether each call's events are published to call.events.v1. */
    @WithDefault("true")
    boolean publishEvents();

    /**
     * REJECTED events for INVITEs from strangers published per second at most; the others are only
     * counted (sip_rejected_total{reason="source"}), so a flood costs no Kafka traffic.
     */
    @WithDefault("10")
    int rejectedEventsPerSecond();
  }

  /** Loop protection. */
  interface Loop {
    /**
     * This service's SIP addresses besides the one it binds ({@code trunkline.sip.host/port},
     * always included): advertised addresses, Service or load-balancer names, as {@code
     * host[:port]} (port 5060 when left out, IPv6 literals in brackets). A route to a trunk whose
     * host and port or outbound proxy is one of them is skipped with reason {@code loop}. {@code
     * 0.0.0.0} / {@code [::]} (also as the bind address) stand for every address of this host.
     */
    Optional<List<String>> ownSipAddresses();

    /**
     * Id of this cluster in the loop marker it adds to the INVITEs it sends ({@code 1-64} of {@code
     * [A-Za-z0-9._-]}); an INVITE that comes back carrying it gets 482. Replicas of one cluster
     * share it; two clusters must never share one. Unset: a random id per process, which never
     * collides (a loop through several replicas then ends once the call is back at any of them).
     */
    Optional<String> clusterId();

    /**
     * Whether this service adds, carries over and checks the loop marker. Off, only Max-Forwards
     * ends loops: for calls that legitimately come back through a provider that keeps headers.
     */
    @WithDefault("true")
    boolean marker();
  }

  /** Call-rate ceilings, checked before a call is set up (503 with Retry-After above them). */
  interface Overload {
    /** New calls per second this service takes in total; 0 = no ceiling. */
    @WithDefault("10000")
    int maxCallsPerSecond();

    /**
     * New calls per second on any one trunk (a trunk's own lower maxCallsPerSecond still applies);
     * 0 = no ceiling.
     */
    @WithDefault("6000")
    int maxCallsPerSecondPerTrunk();

    /** The Retry-After of a 503 above a ceiling (whole seconds, at least 1). */
    @WithDefault("1s")
    Duration retryAfter();
  }

  /** Per-trunk circuit breaker: a trunk whose attempts keep failing is skipped for a while. */
  interface Breaker {
    /**
     * Failed attempts (5xx, 408 or no answer in time, 482, 483, cannot send) within the window that
     * open the breaker; 0 turns the breaker off.
     */
    @WithDefault("20")
    int failures();

    /** Share of failed attempts among the window's finished attempts needed to open it (0-1). */
    @WithDefault("0.5")
    double failureRatio();

    /** The sliding window failures are counted in (whole seconds). */
    @WithDefault("10s")
    Duration window();

    /** How long an open trunk is skipped before one call may try it again (half-open). */
    @WithDefault("10s")
    Duration openFor();
  }

  /** Topic names. */
  interface Topics {
    /** Compacted trunk configuration topic. */
    String trunkConfig();

    /** Compacted outbound rules topic. */
    String routingRules();

    /** Compacted trunk status topic. */
    String trunkStatus();

    /** Compacted inbound rules topic (trunk to PBX routing). */
    @WithDefault("inbound.rules.v1")
    String inboundRules();

    /** Call events topic this service produces. */
    String callEvents();
  }
}
