package io.trunkline.registration.sip;

import io.trunkline.registration.domain.LinkFailure;
import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.TrunkConfig;
import javax.sip.ClientTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/** One trunk's OPTIONS probes over JAIN-SIP, on a Call-ID of their own. */
final class SipProbeLink implements ProbeLink, SipSession {

  private static final Logger LOG = Logger.getLogger(SipProbeLink.class);

  private final JainSipLinks sip;
  private final Listener listener;
  private final String callId = SecureIds.callId();
  private final String fromTag = SecureIds.tag();
  private ClientTransaction pending;

  SipProbeLink(JainSipLinks sip, Listener listener) {
    this.sip = sip;
    this.listener = listener;
    sip.optionsSessions().add(callId, this);
  }

  @Override
  public void options(TrunkConfig trunk, long cseq) throws LinkFailure {
    try {
      Request r = sip.requests().options(trunk, callId, sip.optionsFromUser(), fromTag);
      ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
      pending = sip.stack().send(r);
    } catch (Exception e) {
      throw LinkFailure.unbuildable("OPTIONS", e.getMessage(), false);
    }
  }

  /** A probe overtaken by the next one is dead: stop its retransmissions. */
  @Override
  public void abandon() {
    if (pending != null) {
      try {
        pending.terminate();
      } catch (Exception e) {
        LOG.debugf("cannot terminate OPTIONS transaction: %s", e.getMessage());
      }
      pending = null;
    }
  }

  @Override
  public void onResponse(Response response) {
    long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
    listener.onAnswer(seq, response.getStatusCode());
  }

  @Override
  public void onTimeout(long cseq) {
    listener.onTimeout(cseq);
  }

  @Override
  public void close() {
    sip.optionsSessions().remove(callId);
  }
}
