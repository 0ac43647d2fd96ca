package io.trunkline.registration.sip;

import java.net.InetSocketAddress;
import javax.sip.ClientTransaction;
import javax.sip.SipException;

/**
 * What a trunk's REGISTER and OPTIONS links hold the same way: a Call-ID and From tag of their own
 * for the link's whole life, the walk over the trunk's addresses, and an entry in their method's
 * Call-ID table, which hands them their answers from construction until {@link #close}.
 *
 * @param <L> whom the link tells its answers
 */
abstract class CallIdSession<L> implements SipSession {

  final JainSipLinks sip;
  final L listener;
  final String callId = SecureIds.callId();
  final String fromTag = SecureIds.tag();
  final TargetWalk walk;
  private final SessionsByCallId sessions;
  private boolean closed;

  CallIdSession(JainSipLinks sip, L listener, SessionsByCallId sessions) {
    this.sip = sip;
    this.listener = listener;
    this.walk = new TargetWalk(sip.stack());
    this.sessions = sessions;
    sessions.add(callId, this);
  }

  /** Whether the link was closed: callbacks that arrive later tell nobody. */
  final boolean closed() {
    return closed;
  }

  /**
   * Sends now and returns the transaction, or, when the request goes over TLS ({@code tls} not
   * null), on that destination's lane off the engine thread: then null is returned and {@code
   * later} learns the transaction or why it could not leave.
   */
  final ClientTransaction sendNowOrOnLane(
      InetSocketAddress tls, TlsSendLanes.Send send, TlsSendLanes.Outcome later)
      throws SipException {
    if (tls == null) {
      return send.run();
    }
    sip.tlsSends().send(tls, send, later);
    return null;
  }

  /** Answers to this link's Call-ID are dropped from now on. */
  public final void close() {
    closed = true;
    sessions.remove(callId);
  }
}
