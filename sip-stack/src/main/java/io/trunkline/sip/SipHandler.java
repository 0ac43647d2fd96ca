package io.trunkline.sip;

/** The transaction user (TU) of a stack: receives new requests and dialog-level events. */
public interface SipHandler {
  /** A new request (not an ACK, not a CANCEL that matched). */
  void onRequest(ServerTransaction tx);

  /**
   * A CANCEL matched an INVITE server transaction with no final answer: the stack already answered
   * the CANCEL 200; the TU answers the INVITE (487).
   */
  void onCancel(ServerTransaction invite);

  /** The ACK for a 2xx sent on an INVITE server transaction (matched by Call-ID + CSeq + tag). */
  void onAck(SipMessage ack, Endpoint source);

  /** A 2xx got no ACK within 64*T1. */
  void onAckTimeout(ServerTransaction invite);

  /** A response that matched no client transaction. */
  default void onStrayResponse(SipMessage response, Endpoint source) {}

  /**
   * A message the stack could not accept (unparseable, or a request missing a mandatory header): it
   * was dropped, or answered 400 when it was a request with a usable Via. For counting only.
   */
  default void onMalformed(Endpoint source, String why) {}
}
