package io.trunkline.sip;

/** The stack's side of one sent request (RFC 3261 17.1). */
public interface ClientTransaction {
  /** The request; null once a final response arrived (the transaction only lingers then). */
  SipMessage request();

  Endpoint destination();

  /**
   * Where the request really went: the destination with a host name replaced by the address it
   * resolved to (the destination itself while it resolves). Over UDP answers come only from there,
   * so it is also where the peer answered from.
   */
  Endpoint sentTo();

  /**
   * INVITE only: sends a CANCEL (same branch, RFC 3261 9.1) now if a 1xx came, else as soon as one
   * does; nothing once a final response arrived.
   */
  void cancel();

  /**
   * The TU no longer wants this transaction's events (its leg ended): the transaction drops its
   * listener and attachment, and 2xx retransmissions still arriving go to {@link
   * SipHandler#onStrayResponse}. Lets a lingering transaction (RFC 6026 Accepted, 32 s) hold no
   * call state.
   */
  void detach();

  Object attachment();

  void attach(Object o);
}
