package io.trunkline.routing.service.call;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Trunk;
import java.util.List;

/**
 * Where a call stands in its candidate list: the candidate tried now, how many attempts were made,
 * and why the last one failed, which the PBX's 503 names once no candidate is left.
 */
final class RouteAttempts {

  private final List<Candidate> candidates;
  private int next;
  private int attempt;
  private Candidate current;
  private boolean authTried;
  private int lastCode = 503;
  private String lastReason = "no trunk available";

  RouteAttempts(List<Candidate> candidates) {
    this.candidates = candidates;
  }

  /**
   * The next candidate whose trunk the hold could take, as a new attempt; null when none is left.
   * Candidates that cannot be tried are passed over.
   */
  Candidate takeNext(TrunkHold hold) {
    while (next < candidates.size()) {
      Candidate c = candidates.get(next++);
      Trunk t = c.trunk();
      String skipped = hold.skipReason(t);
      if (skipped != null || !hold.take(t)) {
        if (skipped != null && attempt == 0) {
          lastReason = skipped; // nothing tried yet: the 503 says why (loop, circuit_open...)
        }
        continue;
      }
      current = c;
      attempt++;
      authTried = false;
      return c;
    }
    return null;
  }

  /**
   * A new attempt on the current candidate (its trunk's next DNS target): the trunk stays held, a
   * challenge may be answered again.
   */
  void again() {
    attempt++;
    authTried = false;
  }

  /** The attempt failed (or could not be made): remembered for the final 503. */
  void failed(int code, String reason) {
    lastCode = code;
    lastReason = reason;
  }

  /**
   * Whether the current attempt may answer a challenge: only its first one, as a second means the
   * credentials were refused.
   */
  boolean mayAnswerChallenge() {
    if (authTried) {
      return false;
    }
    authTried = true;
    return true;
  }

  Candidate current() {
    return current;
  }

  /** The current attempt's number, from 1 (0 before the first). */
  int number() {
    return attempt;
  }

  String lastReason() {
    return lastReason;
  }

  /** The Reason header (RFC 3326) of the 503 sent when every candidate failed. */
  String exhaustedReasonHeader() {
    return "SIP;cause=" + lastCode + ";text=\"" + lastReason.replace('"', '\'') + "\"";
  }
}
