package io.trunkline.registration.domain;

import io.trunkline.platform.sip.DigestChallenge;

/**
 * What a REGISTER answering a challenge must carry: the chosen challenge (from a 407 when {@code
 * proxy}), the digest user, the password and the nonce count of this answer.
 */
public record DigestCredentials(
    boolean proxy, DigestChallenge challenge, String user, String password, int nonceCount) {

  /** Never print the password. */
  @Override
  public String toString() {
    return "DigestCredentials[user=" + user + ", realm=" + challenge.realm() + "]";
  }
}
