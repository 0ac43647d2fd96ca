package io.trunkline.registration.sip;

import io.trunkline.registration.event.TrunkConfig;
import io.trunkline.registration.service.Reachability;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * OPTIONS keep-alive of one trunk: a probe every interval (±10 % jitter), UP after 2 answers in a
 * row, DOWN after 3 misses in a row. A miss is no answer before the transaction timeout or the next
 * probe, or an answer whose code the trunk lists as a failure. Runs on the engine thread.
 */
public final class OptionsProbe implements SipSession {

  private static final Logger LOG = Logger.getLogger(OptionsProbe.class);
  static final int UP_AFTER = 2;
  static final int DOWN_AFTER = 3;

  private final RegistrationContext ctx;
  private final String callId = SecureIds.callId();
  private final String fromTag = SecureIds.tag();
  private TrunkConfig trunk;
  private Reachability reachability = Reachability.UNKNOWN;
  private int hits;
  private int misses;
  private long cseq;
  private long pendingCseq = -1;
  private long sentAt;
  private boolean stopped;
  private ScheduledFuture<?> timer;
  private ClientTransaction pending;

  public OptionsProbe(RegistrationContext ctx, TrunkConfig trunk) {
    this.ctx = ctx;
    this.trunk = trunk;
    ctx.optionsSessions().add(callId, this);
  }

  /** Starts probing after {@code delay}. */
  public void start(Duration delay) {
    timer = ctx.engine().schedule(delay, this::tick);
  }

  /** Takes new settings (interval, failure codes, target) from the next probe on. */
  public void update(TrunkConfig newTrunk) {
    this.trunk = newTrunk;
  }

  public void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
    abandon();
    ctx.optionsSessions().remove(callId);
  }

  private void tick() {
    if (stopped) {
      return;
    }
    if (pendingCseq >= 0) {
      pendingCseq = -1;
      abandon();
      miss();
    }
    send();
    double jitter = 0.9 + ThreadLocalRandom.current().nextDouble(0.2);
    timer =
        ctx.engine()
            .schedule(
                Duration.ofMillis((long) (trunk.optionsIntervalOrDefault() * 1000L * jitter)),
                this::tick);
  }

  private void send() {
    try {
      cseq++;
      Request r = ctx.requests().options(trunk, callId, ctx.optionsFromUser(), fromTag);
      ((javax.sip.header.CSeqHeader) r.getHeader("CSeq")).setSeqNumber(cseq);
      pendingCseq = cseq;
      sentAt = System.nanoTime();
      pending = ctx.sip().send(r);
    } catch (Exception e) {
      LOG.debugf("OPTIONS to trunk %s not sent: %s", trunk.name(), e.getMessage());
      pendingCseq = -1;
      miss();
    }
  }

  @Override
  public void onResponse(Response response) {
    long seq = ((javax.sip.header.CSeqHeader) response.getHeader("CSeq")).getSeqNumber();
    int code = response.getStatusCode();
    if (stopped || seq != pendingCseq || code < 200) {
      return;
    }
    pendingCseq = -1;
    if (trunk.isFailoverCode(code)) {
      miss();
      return;
    }
    long rtt = (System.nanoTime() - sentAt) / 1_000_000;
    misses = 0;
    hits++;
    Reachability next = hits >= UP_AFTER ? Reachability.UP : reachability;
    reachability = next;
    ctx.status().reachability(trunk, next, rtt);
  }

  @Override
  public void onTimeout(long seq) {
    if (stopped || seq != pendingCseq) {
      return;
    }
    pendingCseq = -1;
    miss();
  }

  /** A probe overtaken by the next one is dead: stop its retransmissions. */
  private void abandon() {
    if (pending != null) {
      try {
        pending.terminate();
      } catch (Exception e) {
        LOG.debugf("cannot terminate OPTIONS transaction: %s", e.getMessage());
      }
      pending = null;
    }
  }

  private void miss() {
    hits = 0;
    misses++;
    if (misses >= DOWN_AFTER && reachability != Reachability.DOWN) {
      reachability = Reachability.DOWN;
      ctx.status().reachability(trunk, reachability, null);
    }
  }
}
