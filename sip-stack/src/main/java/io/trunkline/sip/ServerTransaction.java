package io.trunkline.sip;

/** The stack's side of one received request (RFC 3261 17.2). */
public interface ServerTransaction {
  /**
   * The request; null once the transaction only lingers to absorb retransmissions (after its final
   * response, or after the ACK of its 2xx): the TU keeps what it needs of the request itself.
   */
  SipMessage request();

  /** Where the request came from (the packet source: received/rport). */
  Endpoint source();

  /**
   * Sends a response: 1xx any number, then one final. A response without To tag (other than 100)
   * gets the transaction's tag, the same for every response of the transaction.
   */
  void respond(SipMessage response);

  boolean finalSent();

  /** The TU's object; dropped with the request once the transaction only lingers. */
  Object attachment();

  void attach(Object o);
}
