package io.trunkline.registration.domain;

/** Where the state machines report what happened to a trunk (its published status, metrics). */
public interface StatusSink {

  /** Sets the status of a trunk this replica starts handling, or that no longer registers. */
  void track(TrunkConfig trunk, RegistrationState initial);

  /** A REGISTER transaction ended (or the registration changed state). */
  void registration(TrunkConfig trunk, RegistrationReport report);

  /** An OPTIONS probe ended; {@code rttMillis} is null for a miss. */
  void reachability(TrunkConfig trunk, Reachability reachability, Long rttMillis);

  /** Stops tracking a trunk this replica no longer handles (revocation): nothing is published. */
  void forget(String trunkId);

  /** The trunk was deleted. */
  void deleted(String trunkId);
}
