package io.trunkline.registration.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * OPTIONS keep-alive of one trunk: a probe every interval (±10 % jitter), UP after 2 answers in a
 * row, DOWN after 3 misses in a row. A miss is no answer before the transaction timeout or the next
 * probe, or an answer whose code the trunk lists as a failure. Runs on the scheduler's thread;
 * speaks SIP only through its {@link ProbeLink}.
 */
public final class ReachabilityProbe implements ProbeLink.Listener {

  private static final Logger LOG = Logger.getLogger(ReachabilityProbe.class);
  static final int UP_AFTER = 2;
  static final int DOWN_AFTER = 3;

  private final RegistrationContext ctx;
  private final ProbeLink link;
  private TrunkConfig trunk;
  private Reachability reachability = Reachability.UNKNOWN;
  private int hits;
  private int misses;
  private long cseq;
  private long pendingCseq = -1;
  private long sentAt;
  private boolean stopped;
  private Scheduler.Timer timer;

  public ReachabilityProbe(RegistrationContext ctx, TrunkConfig trunk) {
    this.ctx = ctx;
    this.trunk = trunk;
    this.link = ctx.links().probe(this);
  }

  /** Starts probing after {@code delay}. */
  public void start(Duration delay) {
    timer = ctx.scheduler().schedule(delay, this::tick);
  }

  /** Takes new settings (interval, failure codes, target) from the next probe on. */
  public void update(TrunkConfig newTrunk) {
    this.trunk = newTrunk;
  }

  public void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
    link.abandon();
    link.close();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    if (pendingCseq >= 0) {
      pendingCseq = -1;
      link.abandon();
      miss();
    }
    send();
    double jitter = 0.9 + ThreadLocalRandom.current().nextDouble(0.2);
    timer =
        ctx.scheduler()
            .schedule(
                Duration.ofMillis((long) (trunk.optionsIntervalOrDefault() * 1000L * jitter)),
                this::tick);
  }

  private void send() {
    try {
      cseq++;
      pendingCseq = cseq;
      sentAt = System.nanoTime();
      link.options(trunk, cseq);
    } catch (LinkFailure e) {
      LOG.debugf("OPTIONS to trunk %s not sent: %s", trunk.name(), e.getMessage());
      pendingCseq = -1;
      miss();
    }
  }

  @Override
  public void onAnswer(long seq, int code) {
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

  private void miss() {
    hits = 0;
    misses++;
    if (misses >= DOWN_AFTER && reachability != Reachability.DOWN) {
      reachability = Reachability.DOWN;
      ctx.status().reachability(trunk, reachability, null);
    }
  }
}
