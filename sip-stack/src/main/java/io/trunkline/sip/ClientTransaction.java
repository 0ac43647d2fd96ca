package io.trunkline.sip;

/** The stack's side of one sent request (RFC 3261 17.1). */
public interface ClientTransaction {
  SipMessage request();

  Endpoint destination();

  /**
   * INVITE only: sends a CANCEL (same branch, RFC 3261 9.1) now if a 1xx came, else as soon as one
   * does; nothing once a final response arrived.
   */
  void cancel();

  Object attachment();

  void attach(Object o);
}
