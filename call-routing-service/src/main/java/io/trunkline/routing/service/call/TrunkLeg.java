package io.trunkline.routing.service.call;

/** A trunk side of a call (client leg), as the SIP layer exposes it. */
public interface TrunkLeg {

  /** Cancels the INVITE (CANCEL once a provisional came, else just stops waiting). */
  void cancel();

  /** Acknowledges the 2xx (body: the PBX's ACK body, may be null). */
  void ack(SipBody body);

  /** Hangs up the established call. */
  void bye();

  /** Sends the INVITE again with the credentials header answering a challenge. */
  void authenticate(String headerName, String headerValue);

  /** Sends an in-dialog request to the trunk; its answer goes to the responder. */
  void send(InDialogRequest request, Responder responder);

  /** Forgets the leg's state in the SIP layer. */
  void release();

  /** Events of a trunk leg. */
  interface Listener {
    /** A 1xx from the trunk. */
    void onProvisional(TrunkLeg leg, int code, String reason, SipBody body);

    /**
     * A final answer; challenge is set for 401/407. Transport failures and the stack's own timeouts
     * arrive as 408 / 503.
     */
    void onFinal(TrunkLeg leg, int code, String reason, SipBody body, Challenge challenge);

    /** The trunk hung up (the SIP layer already said 200 to the BYE). */
    void onBye(TrunkLeg leg);

    /** re-INVITE, UPDATE, INFO, PRACK... from the trunk. */
    void onRequest(TrunkLeg leg, InDialogRequest request, Responder responder);
  }
}
