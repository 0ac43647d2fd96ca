package io.trunkline.sip;

/**
 * The transaction user's decision about a new request, taken before the stack keeps any state for
 * it (see {@link SipHandler#admit}): accept it (a server transaction is created and, for an INVITE,
 * 100 Trying goes out), answer it statelessly (one response per datagram, never retransmitted,
 * nothing remembered), or drop it unanswered. Immutable: keep the instances in constants, so that
 * deciding allocates nothing.
 */
public final class Admission {
  /** Create a transaction and hand the request to {@link SipHandler#onRequest}. */
  public static final Admission ACCEPT = new Admission(0, null, 0);

  /** Send nothing, keep nothing. */
  public static final Admission DROP = new Admission(-1, null, 0);

  private final int status;
  private final String reason;
  private final int retryAfterSeconds;

  private Admission(int status, String reason, int retryAfterSeconds) {
    this.status = status;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Answer a final response statelessly (status 200-699). */
  public static Admission respond(int status, String reason) {
    return respond(status, reason, 0);
  }

  /** Answer statelessly with a Retry-After header (seconds; 0 = none), e.g. 503 when overloaded. */
  public static Admission respond(int status, String reason, int retryAfterSeconds) {
    if (status < 200 || status > 699) {
      throw new IllegalArgumentException("a stateless answer must be final: " + status);
    }
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("Retry-After " + retryAfterSeconds);
    }
    return new Admission(status, reason, retryAfterSeconds);
  }

  public boolean accepted() {
    return status == 0;
  }

  public boolean dropped() {
    return status < 0;
  }

  /** The stateless answer's status; meaningful when neither accepted nor dropped. */
  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** Seconds for a Retry-After header, 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public String toString() {
    return accepted() ? "ACCEPT" : dropped() ? "DROP" : "RESPOND " + status + " " + reason;
  }
}
