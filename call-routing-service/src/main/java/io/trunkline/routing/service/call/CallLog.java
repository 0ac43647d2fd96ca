package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.CallEvents;
import io.trunkline.routing.service.Candidate;
import java.time.Instant;

/**
 * The call events of one call. Each carries the call's direction, rule and dialled number, and a
 * version one higher than the last, so a consumer can keep the newest state of a call.
 */
final class CallLog {

  private final CallEvents events;
  private final String callId;
  private final CallEvent.Direction direction;
  private final String ruleId;
  private final String dialled;
  private long version;

  CallLog(
      CallEvents events,
      String callId,
      CallEvent.Direction direction,
      String ruleId,
      String dialled) {
    this.events = events;
    this.callId = callId;
    this.direction = direction;
    this.ruleId = ruleId;
    this.dialled = dialled;
  }

  /**
   * The one event of a call refused before it had a session (no rule, loop, unknown trunk...).
   * trunkId may be null.
   */
  static void rejected(
      CallEvents events,
      String callId,
      CallEvent.Direction direction,
      String trunkId,
      String dialled,
      int code,
      String reason) {
    new CallLog(events, callId, direction, null, dialled)
        .publish(CallEvent.Type.REJECTED, trunkId, null, code, reason, null);
  }

  /** An event about the candidate c (null: about no trunk in particular). */
  void event(CallEvent.Type type, Candidate c, Integer code, String reason, Integer attempt) {
    publish(
        type, c == null ? null : c.trunkId(), c == null ? null : c.number(), code, reason, attempt);
  }

  private void publish(
      CallEvent.Type type,
      String trunkId,
      String sent,
      Integer code,
      String reason,
      Integer attempt) {
    if (!events.enabled()) {
      return; // no event, no timestamp string built for nothing
    }
    events.publish(
        new CallEvent(
            CallEvent.SCHEMA,
            callId,
            direction.name(),
            type.name(),
            ruleId,
            trunkId,
            dialled,
            sent,
            code,
            reason,
            attempt,
            ++version,
            Instant.now().toString()));
  }
}
