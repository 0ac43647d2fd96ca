package io.trunkline.registration.service;

import io.trunkline.registration.event.TrunkConfig;
import java.time.Instant;

/** Where the SIP state machines report what happened; implemented by {@link StatusService}. */
public interface StatusSink {

  /** A REGISTER transaction ended (or the registration changed state). */
  void registration(
      TrunkConfig trunk,
      RegistrationState state,
      Integer code,
      String reason,
      Instant expiresAt,
      String registrar,
      int failures,
      String outcome);

  /** An OPTIONS probe ended; {@code rttMillis} is null for a miss. */
  void reachability(TrunkConfig trunk, Reachability reachability, Long rttMillis);
}
