package io.trunkline.registration.domain;

/**
 * The SIP side of one trunk's OPTIONS keep-alive: one Call-ID, an OPTIONS sent on request, answers
 * and timeouts handed back to its {@link Listener} on the machines' thread.
 */
public interface ProbeLink {

  /** Sends an OPTIONS to the trunk with this CSeq. */
  void options(TrunkConfig trunk, long cseq) throws LinkFailure;

  /** Stops the retransmissions of the probe in flight, if any (the next one overtook it). */
  void abandon();

  /** Drops the link: answers that still arrive are ignored. */
  void close();

  /** Receives what happened to the probes of a link. */
  interface Listener {

    /** A final answer arrived to the probe with this CSeq. */
    void onAnswer(long cseq, int code);

    /** The probe with this CSeq got no final answer before the transaction timed out. */
    void onTimeout(long cseq);
  }
}
