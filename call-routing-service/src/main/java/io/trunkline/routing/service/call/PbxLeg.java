package io.trunkline.routing.service.call;

/**
 * The caller's side of a call (server leg), as the SIP layer exposes it: the PBX on an outbound
 * call, the trunk's provider on an inbound one.
 */
public interface PbxLeg {

  /** The PBX leg's Call-ID. */
  String callId();

  /** User part of From. */
  String caller();

  /** User part of the Request-URI. */
  String dialled();

  /** User part of To (where an inbound call's DID may be, see inboundNumberFrom), or null. */
  String calledTo();

  /** Source IP address of the INVITE. */
  String sourceAddress();

  /** The INVITE's body (SDP offer), or null. */
  SipBody body();

  /** The INVITE's Max-Forwards and loop markers. */
  Hops hops();

  /** Receives what the PBX sends next on this leg. */
  void setListener(Listener listener);

  /** Relays a 1xx (101-199). */
  void provisional(int code, String reason, SipBody body);

  /** Answers 2xx; the dialog is confirmed when the PBX's ACK arrives. */
  void answer(int code, String reason, SipBody body);

  /** Answers a final error; reasonHeader (RFC 3326 Reason value) may be null. */
  void reject(int code, String reason, String reasonHeader);

  /** Answers 503 with Retry-After: come back in that many seconds (overload, not a failure). */
  void rejectRetryAfter(int retryAfterSeconds, String reasonHeader);

  /** Hangs up the established call. */
  void bye();

  /** Sends an in-dialog request to the PBX; the PBX's answer goes to the responder. */
  void send(InDialogRequest request, Responder responder);

  /** Forgets the leg's state in the SIP layer. */
  void release();

  /** Events of the PBX leg. */
  interface Listener {
    /** The PBX acknowledged the 2xx (ACK body may carry a late answer). */
    void onAck(SipBody body);

    /** The PBX cancelled before the answer (the SIP layer already said 200 to the CANCEL). */
    void onCancel();

    /** The PBX hung up (the SIP layer already said 200 to the BYE). */
    void onBye();

    /** re-INVITE, UPDATE, INFO, PRACK... from the PBX. */
    void onRequest(InDialogRequest request, Responder responder);

    /** The PBX leg failed (no ACK for the 2xx, transport error). */
    void onFailure(String reason);
  }
}
