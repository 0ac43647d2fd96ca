package io.trunkline.sip;

/** Receives what happens to a request sent with {@link SipStack#sendRequest}. */
public interface ResponseListener {
  /**
   * Each 1xx and the final response; for INVITE also 2xx retransmissions and forked 2xx (RFC 6026
   * Accepted state, 64*T1), so that each one gets its ACK.
   */
  void onResponse(ClientTransaction tx, SipMessage response);

  /** Timer B / F fired: no final response (also: no final 64*T1 after a CANCEL). */
  void onTimeout(ClientTransaction tx);

  /** The request could not be sent (connection refused, DNS failure, send error). */
  void onTransportError(ClientTransaction tx, Throwable cause);
}
