package io.trunkline.registration.domain;

import io.trunkline.platform.sip.Digest;
import io.trunkline.platform.sip.DigestChallenge;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * One trunk's registration (RFC 3261 §10), a state machine UNREGISTERED → REGISTERING → REGISTERED
 * / FAILED: increasing CSeq on one link, digest answers, refresh and retry timing, the
 * classification of failures. Runs only on the scheduler's thread; speaks SIP only through its
 * {@link RegistrarLink}.
 */
public final class RegistrationMachine implements RegistrarLink.Listener {

  private static final Logger LOG = Logger.getLogger(RegistrationMachine.class);
  private static final int MAX_INTERVAL_TOO_BRIEF = 3;

  private final RegistrationContext ctx;
  private final RegistrarLink link;
  private TrunkConfig trunk;
  private String password;
  private RegistrationState state = RegistrationState.UNREGISTERED;
  private long cseq;
  private long pendingCseq = -1;
  private int requestedExpires;
  private int failures;
  private int intervalTooBrief;
  private DigestChallenge challenge;
  private boolean proxyChallenge;
  private int nonceCount;
  private boolean answeringFreshChallenge;
  private boolean everSent;
  private final Unregistration leaving = new Unregistration();
  private boolean stopped;
  private Scheduler.Timer timer;

  public RegistrationMachine(RegistrationContext ctx, TrunkConfig trunk, String password) {
    this.ctx = ctx;
    this.trunk = trunk;
    this.password = password;
    this.requestedExpires = trunk.expiresOrDefault();
    this.link = ctx.links().registrar(this);
  }

  public RegistrationState state() {
    return state;
  }

  /** Starts registering after {@code delay} (spreading at start-up and after a rebalance). */
  public void start(Duration delay) {
    report(RegistrationState.REGISTERING, null, null, null, null);
    timer = ctx.scheduler().schedule(delay, this::sendPaced);
  }

  /** New credentials or expiry for the same AOR and registrar: re-register with them now. */
  public void update(TrunkConfig newTrunk, String newPassword) {
    this.trunk = newTrunk;
    this.password = newPassword;
    this.requestedExpires = newTrunk.expiresOrDefault();
    this.challenge = null;
    this.answeringFreshChallenge = false;
    refreshNow();
  }

  /** A change that does not touch the registration (name, routing fields). */
  public void rename(TrunkConfig newTrunk) {
    this.trunk = newTrunk;
  }

  /** Re-registers now (REST refresh, config change). */
  public void refreshNow() {
    if (stopped || leaving.active) {
      return;
    }
    cancelTimer();
    sendPaced();
  }

  /** Removes the binding (Expires: 0), then calls {@code done}. */
  public void unregister(Runnable done) {
    unregister(done, true);
  }

  /**
   * Removes the binding of a registration that a new one replaces (other registrar or AOR); its
   * outcome is not reported, the trunk's status belongs to the new registration.
   */
  public void retire() {
    unregister(() -> {}, false);
  }

  private void unregister(Runnable done, boolean report) {
    cancelTimer();
    leaving.begin(done, report);
    if (!everSent) {
      finishUnregister(null, null);
      return;
    }
    sendPaced();
  }

  /** Stops all activity without unregistering (partition revoked, shutdown). */
  public void stop() {
    stopped = true;
    cancelTimer();
    link.close();
  }

  private void sendPaced() {
    ctx.scheduler().paced(this::send);
  }

  /** Sends the next REGISTER; false when this registration was stopped meanwhile. */
  private boolean send() {
    if (stopped) {
      return false;
    }
    if (!link.transportAvailable(trunk)) {
      fail(503, "TLS is not enabled on this node (trunkline.sip.tls.listen)", true, "failed");
      return false;
    }
    cseq++;
    int expires = leaving.active ? 0 : requestedExpires;
    DigestCredentials credentials = null;
    if (challenge != null && password != null) {
      nonceCount++;
      credentials =
          new DigestCredentials(
              proxyChallenge, challenge, trunk.digestUser(), password, nonceCount);
    }
    try {
      pendingCseq = cseq;
      link.register(trunk, cseq, expires, credentials);
      everSent = true;
    } catch (LinkFailure e) {
      pendingCseq = -1;
      everSent |= e.attempted();
      fail(e.code(), e.getMessage(), false, "failed");
    }
    return true;
  }

  @Override
  public void onAnswer(RegisterAnswer answer) {
    int code = answer.code();
    if (stopped || answer.cseq() != pendingCseq || code < 200) {
      return;
    }
    pendingCseq = -1;
    boolean freshAnswered = answeringFreshChallenge;
    answeringFreshChallenge = false;
    if (code < 300) {
      onSuccess(answer);
    } else if (code == 401 || code == 407) {
      onChallenge(answer, freshAnswered);
    } else if (code == 403) {
      fail(code, answer.reason(), true, "bad_credentials");
    } else if (code == 423) {
      onIntervalTooBrief(answer);
    } else {
      fail(code, answer.reason(), false, "failed", answer.retryAfter());
    }
  }

  @Override
  public void onTimeout(long seq) {
    if (stopped || seq != pendingCseq) {
      return;
    }
    pendingCseq = -1;
    answeringFreshChallenge = false;
    fail(408, "Request Timeout (no answer from the registrar)", false, "timeout");
  }

  private void onSuccess(RegisterAnswer answer) {
    failures = 0;
    intervalTooBrief = 0;
    if (leaving.active) {
      finishUnregister(answer.code(), answer.reason());
      return;
    }
    int granted = answer.grantedExpires() != null ? answer.grantedExpires() : requestedExpires;
    if (granted <= 0) {
      fail(answer.code(), "registrar granted no expiry", false, "failed");
      return;
    }
    report(
        RegistrationState.REGISTERED,
        answer.code(),
        answer.reason(),
        Instant.now().plusSeconds(granted),
        "registered");
    schedule(Backoff.refreshAfter(granted));
  }

  private void onChallenge(RegisterAnswer answer, boolean freshAnswered) {
    DigestChallenge c = Digest.pick(answer.challenges(), trunk.realm());
    int code = answer.code();
    if (password == null) {
      fail(code, "no usable password for the challenge", true, "bad_credentials");
    } else if (c == null) {
      fail(code, "no supported digest challenge for the trunk's realm", true, "bad_credentials");
    } else if (freshAnswered && !c.stale()) {
      fail(code, answer.reason() + " (credentials rejected)", true, "bad_credentials");
    } else {
      challenge = c;
      proxyChallenge = answer.fromProxy();
      nonceCount = 0;
      answeringFreshChallenge = true;
      sendPaced();
    }
  }

  private void onIntervalTooBrief(RegisterAnswer answer) {
    int min = answer.minExpires();
    if (min > requestedExpires && ++intervalTooBrief <= MAX_INTERVAL_TOO_BRIEF) {
      requestedExpires = min;
      sendPaced();
    } else {
      fail(answer.code(), answer.reason(), false, "failed");
    }
  }

  private void fail(int code, String reason, boolean badCredentials, String outcome) {
    fail(code, reason, badCredentials, outcome, Duration.ZERO);
  }

  private void fail(
      int code, String reason, boolean badCredentials, String outcome, Duration atLeast) {
    if (leaving.active) {
      // The binding expires by itself; do not retry an unregistration.
      finishUnregister(code, reason);
      return;
    }
    failures++;
    challenge = null;
    Duration delay =
        badCredentials ? ctx.backoff().afterBadCredentials() : ctx.backoff().afterFailure(failures);
    if (atLeast.compareTo(delay) > 0) {
      delay = atLeast;
    }
    LOG.infof("trunk %s: REGISTER failed (%d %s), retry in %s", trunk.name(), code, reason, delay);
    report(RegistrationState.FAILED, code, reason, null, outcome);
    schedule(delay);
  }

  private void finishUnregister(Integer code, String reason) {
    stopped = true;
    link.close();
    state = RegistrationState.UNREGISTERED;
    if (everSent && leaving.report) {
      ctx.status()
          .registration(
              trunk,
              new RegistrationReport(
                  state, code, reason, null, trunk.nextHop(), 0, "unregistered"));
    }
    leaving.done.run();
  }

  private void report(
      RegistrationState next, Integer code, String reason, Instant expiresAt, String outcome) {
    state = next;
    ctx.status()
        .registration(
            trunk,
            new RegistrationReport(
                next, code, reason, expiresAt, trunk.nextHop(), failures, outcome));
  }

  private void schedule(Duration delay) {
    cancelTimer();
    timer = ctx.scheduler().schedule(delay, this::sendPaced);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** An unregistration under way: what to run when it ends and whether to report it. */
  private static final class Unregistration {
    boolean active;
    boolean report = true;
    Runnable done = () -> {};

    void begin(Runnable onDone, boolean reportIt) {
      active = true;
      done = onDone;
      report = reportIt;
    }
  }
}
