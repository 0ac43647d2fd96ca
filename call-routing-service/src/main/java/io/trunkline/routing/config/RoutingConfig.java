package io.trunkline.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** All {@code trunkline.*} settings of the call-routing service. */
@ConfigMapping(prefix = "trunkline")
public interface RoutingConfig {

  /** REST/gRPC access. */
  Api api();

  /** Secrets shared with trunk-config-service. */
  Secrets secrets();

  /** The SIP B2BUA's listening address and stack tuning. */
  Sip sip();

  /** Call routing behaviour. */
  Routing routing();

  /** Kafka topic names (DESIGN.md 2). */
  Topics topics();

  /** API access. */
  interface Api {
    /** Static API keys accepted as {@code Authorization: Bearer <key>}. */
    List<String> keys();
  }

  /** Secrets. */
  interface Secrets {
    /** Base64 of the 32-byte AES-256-GCM key that encrypts trunk passwords on the topic. */
    Optional<String> encryptionKey();
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
  }

  /** Topic names. */
  interface Topics {
    /** Compacted trunk configuration topic. */
    String trunkConfig();

    /** Compacted outbound rules topic. */
    String routingRules();

    /** Compacted trunk status topic. */
    String trunkStatus();

    /** Call events topic this service produces. */
    String callEvents();
  }
}
