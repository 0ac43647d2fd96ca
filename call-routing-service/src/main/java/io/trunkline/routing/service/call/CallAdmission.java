package io.trunkline.routing.service.call;

import io.trunkline.routing.service.CallEvent;
import io.trunkline.routing.service.CallEvents;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.SourceClass;
import io.trunkline.routing.service.SourceClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Who may start a call (a PBX source, or a trunk's source for an inbound call), decided before the
 * SIP layer keeps any state for the INVITE. A refused INVITE is counted ({@code
 * sip_rejected_total{reason="source"}}) and answered 403 or ignored ({@code
 * trunkline.sip.reject-unknown}).
 *
 * <p>Its REJECTED call event is sampled: at most {@code
 * trunkline.routing.rejected-events-per-second} of them a second (default 10) reach call.events.v1,
 * the rest are only counted. An event costs JSON, a Kafka record and broker space, far more than
 * the datagram that caused it; under a flood of strangers the counter tells the size of the attack
 * and the events show samples of it.
 */
@ApplicationScoped
public class CallAdmission {

  /** What to do with a new INVITE. */
  public enum Verdict {
    ACCEPT,
    /** Answer 403, statelessly. */
    REFUSE,
    /** Send nothing. */
    IGNORE
  }

  static final String SOURCE = "source";

  private final SourceClassifier classifier;
  private final CallMetrics metrics;
  private final CallEvents events;
  private final Verdict forStrangers;
  private final int eventsPerSecond;
  private final boolean publish;
  private long window = Long.MIN_VALUE;
  private int published;

  public CallAdmission(
      SourceClassifier classifier,
      CallMetrics metrics,
      CallEvents events,
      AdmissionSettings settings) {
    this.classifier = classifier;
    this.metrics = metrics;
    this.events = events;
    this.forStrangers = settings.ignoreStrangers() ? Verdict.IGNORE : Verdict.REFUSE;
    this.eventsPerSecond = settings.rejectedEventsPerSecond();
    this.publish = settings.publishEvents();
  }

  /**
   * A new INVITE (no To tag) from sourceIp: accepted from a PBX, else refused or ignored. The
   * dialled number is only read when an event is published.
   */
  public Verdict newCall(String sourceIp, String callId, Supplier<String> dialled) {
    if (classifier.classify(sourceIp) != SourceClass.UNKNOWN) {
      return Verdict.ACCEPT; // a PBX calling out, or a trunk calling in (identified later)
    }
    metrics.rejected(SOURCE);
    if (publish && takeEventBudget()) {
      boolean answered = forStrangers == Verdict.REFUSE;
      events.publish(
          new CallEvent(
              CallEvent.SCHEMA,
              callId,
              CallEvent.Direction.OUTBOUND.name(),
              CallEvent.Type.REJECTED.name(),
              null,
              null,
              dialled.get(),
              null,
              answered ? 403 : null,
              answered ? "source not allowed" : "source not allowed (dropped)",
              null,
              1L,
              Instant.now().toString()));
    }
    return forStrangers;
  }

  /** Whether a source is a PBX or a trunk: exempt from the per-source request rate. */
  public boolean trusted(String ip) {
    return classifier.classify(ip) != SourceClass.UNKNOWN;
  }

  /** At most eventsPerSecond per wall-clock second; lock held for a few instructions. */
  private synchronized boolean takeEventBudget() {
    long second = System.nanoTime() / 1_000_000_000L;
    if (second != window) {
      window = second;
      published = 0;
    }
    return published++ < eventsPerSecond;
  }
}
