package io.trunkline.registration.domain;

/**
 * The SIP side of one registration: one Call-ID and From tag for its whole life, REGISTERs sent on
 * request, answers and timeouts handed back to its {@link Listener} on the machines' thread.
 */
public interface RegistrarLink {

  /** Whether this node can reach the trunk over its transport (TLS needs a TLS listening point). */
  boolean transportAvailable(TrunkConfig trunk);

  /**
   * Sends a REGISTER of the trunk's AOR with this CSeq and expiry (0 removes the binding), with an
   * (Proxy-)Authorization header when {@code credentials} is not null.
   */
  void register(TrunkConfig trunk, long cseq, int expires, DigestCredentials credentials)
      throws LinkFailure;

  /** Drops the link: answers that still arrive are ignored. */
  void close();

  /** Receives what happened to the REGISTERs of a link. */
  interface Listener {

    /** A final answer (2xx-6xx) arrived. */
    void onAnswer(RegisterAnswer answer);

    /** The REGISTER with this CSeq got no final answer before the transaction timed out. */
    void onTimeout(long cseq);
  }
}
