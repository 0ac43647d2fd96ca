package io.trunkline.registration.domain;

import io.trunkline.platform.sip.DigestChallenge;
import java.time.Duration;
import java.util.List;

/**
 * A final answer to a REGISTER, reduced to what the state machine decides on.
 *
 * @param cseq the CSeq of the request answered
 * @param code status code (200-699)
 * @param reason reason phrase
 * @param grantedExpires the expiry granted to our Contact, else the Expires header; null when the
 *     answer has neither (the asked expiry then holds)
 * @param minExpires Min-Expires of a 423, -1 when missing or malformed
 * @param retryAfter Retry-After (capped at one hour), zero when absent
 * @param challenges the digest challenges of a 401/407 (WWW- or Proxy-Authenticate by the code)
 */
public record RegisterAnswer(
    long cseq,
    int code,
    String reason,
    Integer grantedExpires,
    int minExpires,
    Duration retryAfter,
    List<DigestChallenge> challenges) {

  /** Whether this answer is a challenge from a proxy (407) rather than the registrar (401). */
  public boolean fromProxy() {
    return code == 407;
  }
}
