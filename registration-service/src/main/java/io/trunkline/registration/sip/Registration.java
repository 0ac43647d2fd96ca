package io.trunkline.registration.sip;

import io.trunkline.registration.event.TrunkConfig;
import io.trunkline.registration.service.Backoff;
import io.trunkline.registration.service.RegistrationState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * One trunk's registration (RFC 3261 §10), a state machine UNREGISTERED → REGISTERING → REGISTERED
 * / FAILED. Fixed Call-ID, increasing CSeq, digest answers, refresh and retry timing. Runs only on
 * the engine thread.
 */
public final class Registration implements SipSession {

  private static final Logger LOG = Logger.getLogger(Registration.class);
  private static final int MAX_INTERVAL_TOO_BRIEF = 3;

  private final RegistrationContext ctx;
  private final String callId = SecureIds.callId();
  private final String fromTag = SecureIds.tag();
  private TrunkConfig trunk;
  private String password;
  private RegistrationState state = RegistrationState.UNREGISTERED;
  private long cseq;
  private long pendingCseq = -1;
  private int requestedExpires;
  private int failures;
  private int intervalTooBrief;
  private DigestAuthenticator.Challenge challenge;
  private int nonceCount;
  private boolean answeringFreshChallenge;
  private boolean everSent;
  private boolean unregistering;
  private boolean stopped;
  private Runnable onUnregistered = () -> {};
  private boolean reportUnregister = true;
  private ScheduledFuture<?> timer;

  public Registration(RegistrationContext ctx, TrunkConfig trunk, String password) {
    this.ctx = ctx;
    this.trunk = trunk;
    this.password = password;
    this.requestedExpires = trunk.expiresOrDefault();
    ctx.registerSessions().add(callId, this);
  }

  public RegistrationState state() {
    return state;
  }

  public String callId() {
    return callId;
  }

  /** Starts registering after {@code delay} (spreading at start-up and after a rebalance). */
  public void start(Duration delay) {
    report(RegistrationState.REGISTERING, null, null, null, null);
    timer = ctx.engine().schedule(delay, this::sendPaced);
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
    if (stopped || unregistering) {
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
    reportUnregister = report;
    cancelTimer();
    unregistering = true;
    onUnregistered = done;
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
    ctx.registerSessions().remove(callId);
  }

  private void sendPaced() {
    ctx.pacer().submit(this::send);
  }

  /** Sends the next REGISTER; false when this registration was stopped meanwhile. */
  private boolean send() {
    if (stopped) {
      return false;
    }
    if (!ctx.sip().supports(trunk.transportOrDefault())) {
      fail(503, "TLS is not enabled on this node (trunkline.sip.tls-port)", true, "failed");
      return false;
    }
    cseq++;
    int expires = unregistering ? 0 : requestedExpires;
    try {
      Request r = ctx.requests().register(trunk, callId, fromTag, cseq, expires);
      if (challenge != null && password != null) {
        nonceCount++;
        r.addHeader(
            DigestAuthenticator.authorize(
                ctx.sip().headerFactory(),
                challenge,
                Request.REGISTER,
                r.getRequestURI(),
                trunk.digestUser(),
                password,
                nonceCount));
      }
      pendingCseq = cseq;
      everSent = true;
      ctx.sip().send(r);
    } catch (SipException e) {
      pendingCseq = -1;
      fail(503, "transport error: " + e.getMessage(), false, "failed");
    } catch (Exception e) {
      pendingCseq = -1;
      fail(500, "cannot build REGISTER: " + e.getMessage(), false, "failed");
    }
    return true;
  }

  @Override
  public void onResponse(Response response) {
    long seq = RegisterResponses.cseq(response);
    int code = response.getStatusCode();
    if (stopped || seq != pendingCseq || code < 200) {
      return;
    }
    pendingCseq = -1;
    boolean freshAnswered = answeringFreshChallenge;
    answeringFreshChallenge = false;
    if (code >= 200 && code < 300) {
      onSuccess(response);
    } else if (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED) {
      onChallenge(response, freshAnswered);
    } else if (code == Response.FORBIDDEN) {
      fail(code, response.getReasonPhrase(), true, "bad_credentials");
    } else if (code == Response.INTERVAL_TOO_BRIEF) {
      onIntervalTooBrief(response);
    } else {
      fail(
          code,
          response.getReasonPhrase(),
          false,
          "failed",
          RegisterResponses.retryAfter(response));
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

  private void onSuccess(Response response) {
    failures = 0;
    intervalTooBrief = 0;
    if (unregistering) {
      finishUnregister(response.getStatusCode(), response.getReasonPhrase());
      return;
    }
    int granted = RegisterResponses.grantedExpires(response, trunk.username(), requestedExpires);
    if (granted <= 0) {
      fail(response.getStatusCode(), "registrar granted no expiry", false, "failed");
      return;
    }
    report(
        RegistrationState.REGISTERED,
        response.getStatusCode(),
        response.getReasonPhrase(),
        Instant.now().plusSeconds(granted),
        "registered");
    schedule(Backoff.refreshAfter(granted));
  }

  private void onChallenge(Response response, boolean freshAnswered) {
    DigestAuthenticator.Challenge c = DigestAuthenticator.pick(response, trunk.realm());
    int code = response.getStatusCode();
    if (password == null) {
      fail(code, "no usable password for the challenge", true, "bad_credentials");
    } else if (c == null) {
      fail(code, "no supported digest challenge for the trunk's realm", true, "bad_credentials");
    } else if (freshAnswered && !c.stale()) {
      fail(code, response.getReasonPhrase() + " (credentials rejected)", true, "bad_credentials");
    } else {
      challenge = c;
      nonceCount = 0;
      answeringFreshChallenge = true;
      sendPaced();
    }
  }

  private void onIntervalTooBrief(Response response) {
    int min = RegisterResponses.minExpires(response);
    if (min > requestedExpires && ++intervalTooBrief <= MAX_INTERVAL_TOO_BRIEF) {
      requestedExpires = min;
      sendPaced();
    } else {
      fail(response.getStatusCode(), response.getReasonPhrase(), false, "failed");
    }
  }

  private void fail(int code, String reason, boolean badCredentials, String outcome) {
    fail(code, reason, badCredentials, outcome, Duration.ZERO);
  }

  private void fail(
      int code, String reason, boolean badCredentials, String outcome, Duration atLeast) {
    if (unregistering) {
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
    ctx.registerSessions().remove(callId);
    state = RegistrationState.UNREGISTERED;
    if (everSent && reportUnregister) {
      ctx.status()
          .registration(
              trunk,
              state,
              code,
              reason,
              null,
              SipRequestFactory.registrar(trunk),
              0,
              "unregistered");
    }
    onUnregistered.run();
  }

  private void report(
      RegistrationState next, Integer code, String reason, Instant expiresAt, String outcome) {
    state = next;
    ctx.status()
        .registration(
            trunk,
            next,
            code,
            reason,
            expiresAt,
            SipRequestFactory.registrar(trunk),
            failures,
            outcome);
  }

  private void schedule(Duration delay) {
    cancelTimer();
    timer = ctx.engine().schedule(delay, this::sendPaced);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
