package io.trunkline.routing.service.call;

/** What the SIP layer calls for each new INVITE from outside (the B2BUA logic). */
public interface InviteHandler {

  /**
   * A new call from the PBX (its source was admitted by {@link CallAdmission} before the SIP layer
   * kept any state); the handler must answer it (now or later) and set a listener.
   */
  void onInvite(PbxLeg leg);
}
