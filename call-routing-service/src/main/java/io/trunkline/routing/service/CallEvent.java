package io.trunkline.routing.service;

/**
 * What the routing domain tells the rest of the platform about a call: a value of {@code
 * call.events.v1} (docs/contract.md). It lives beside the domain that fills it in; the Kafka
 * adapter only serialises and sends it.
 */
public record CallEvent(
    String schema,
    String callId,
    String direction,
    String type,
    String ruleId,
    String trunkId,
    String dialled,
    String sentNumber,
    Integer code,
    String reason,
    Integer attempt,
    long version,
    String at) {

  /**
   * The contract's schema id carried in every value (docs/contract.md). It names the payload's
   * schema version, not where it is sent: the topic itself comes from configuration.
   */
  public static final String SCHEMA = "call.events.v1";

  /** Which way the call goes: the PBX calling out through a trunk, or a trunk calling the PBX. */
  public enum Direction {
    OUTBOUND,
    INBOUND
  }

  /** What happened to the call: routed, one trunk attempt, answered, failed, ended, rejected. */
  public enum Type {
    ROUTED,
    ATTEMPT,
    ANSWERED,
    FAILED,
    ENDED,
    REJECTED
  }
}
