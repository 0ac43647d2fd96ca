package io.trunkline.sip;

/** The transaction user (TU) of a stack: receives new requests and dialog-level events. */
public interface SipHandler {
  /** A new request (not an ACK, not a CANCEL that matched) the TU admitted. */
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
   * A message the stack could not accept (unparseable, over a parsing cap, or a request missing a
   * mandatory header): it was dropped, or answered 400 when it was a request with a usable Via. For
   * counting only; {@code why} may quote the peer, escaped ({@link PeerText}).
   */
  default void onMalformed(Endpoint source, String why) {}

  /**
   * Asked for every new request (not ACK or CANCEL, nor a retransmission) before the stack keeps
   * any state for it or sends anything: {@link Admission#ACCEPT} creates the server transaction
   * (and sends 100 Trying for an INVITE); otherwise the request is answered statelessly or dropped.
   * Runs on the event loop for each such request, so it must be quick and should not allocate:
   * return constants.
   */
  default Admission admit(SipMessage request, Endpoint source) {
    return Admission.ACCEPT;
  }

  /**
   * Whether a source IP is exempt from the per-source request rate (a PBX, a trunk). Asked when the
   * rate limiter starts tracking a source and about once a second while it sends, not per packet.
   */
  default boolean isTrustedSource(String ip) {
    return false;
  }

  /** Something the stack shed on its own (rate, caps, wrong response source): for counting. */
  default void onRejected(Endpoint source, Rejection reason) {}
}
