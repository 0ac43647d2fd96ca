package io.trunkline.routing.event;

/** A value of {@code call.events.v1} (docs/contract.md). */
public record CallEvent(
    String schema,
    String callId,
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

  /** The event types of DESIGN.md 7. */
  public enum Type {
    ROUTED,
    ATTEMPT,
    ANSWERED,
    FAILED,
    ENDED,
    REJECTED
  }
}
