package io.trunkline.routing.service.call;

import io.trunkline.platform.sip.Digest;
import io.trunkline.platform.sip.DigestChallenge;

/** Answers a trunk's 401/407 to an INVITE with the platform's digest computation. */
public final class DigestAuth {

  private DigestAuth() {}

  /**
   * The Authorization / Proxy-Authorization value for a challenge, or null when the challenge
   * cannot be answered (not Digest, unknown algorithm, realm other than the required one, no
   * credentials).
   */
  public static String answer(
      Challenge challenge, String username, String password, String requiredRealm) {
    DigestChallenge c = DigestChallenge.parse(challenge.value());
    if (c == null || username == null || password == null || !c.answerable(requiredRealm)) {
      return null;
    }
    // One INVITE per challenge (a second challenge fails the trunk), so the nonce count is 1.
    return Digest.answer(
            c,
            challenge.method(),
            challenge.requestUri(),
            username,
            password,
            1,
            Digest.newCnonce())
        .toHeaderValue();
  }
}
