package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipLookup;
import io.trunkline.registration.domain.LinkFailure;
import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.TrunkConfig;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
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
  private final TargetWalk walk;
  private ClientTransaction pending;
  private boolean closed;

  SipProbeLink(JainSipLinks sip, Listener listener) {
    this.sip = sip;
    this.listener = listener;
    this.walk = new TargetWalk(sip.stack());
    sip.optionsSessions().add(callId, this);
  }

  @Override
  public void options(TrunkConfig trunk, long cseq) throws LinkFailure {
    Request r;
    SipLookup lookup;
    try {
      r = sip.requests().options(trunk, callId, sip.optionsFromUser(), fromTag);
      ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
      lookup = TrunkNames.lookupOf(trunk);
      if (lookup == null) {
        walk.direct(cseq);
        pending = sip.stack().send(r, trunk.tlsVerifyOrDefault());
        return;
      }
    } catch (Exception e) {
      throw LinkFailure.unbuildable("OPTIONS", e.getMessage(), false);
    }
    // a name that does not resolve is a probe without answer: the trunk goes DOWN as when
    // unreachable
    sip.names()
        .resolve(
            lookup,
            resolution -> {
              if (closed) {
                return;
              }
              if (!resolution.isResolved()) {
                LOG.debugf("OPTIONS to %s: %s", lookup.host(), resolution.failure());
                listener.onTimeout(cseq);
                return;
              }
              try {
                pending = walk.start(r, cseq, resolution.targets(), trunk.tlsVerifyOrDefault());
              } catch (SipException | RuntimeException e) {
                LOG.debugf("cannot send OPTIONS: %s", e.getMessage());
                listener.onTimeout(cseq);
              }
            });
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
    long asked = walk.asked(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
    int code = response.getStatusCode();
    if (asked < 0) {
      return; // an answer to a copy the walk moved on from
    }
    if (code >= 200 && walk.skipsTo(code) && nextTarget()) {
      return;
    }
    walk.answered();
    listener.onAnswer(asked, code);
  }

  @Override
  public void onTimeout(long cseq) {
    long asked = walk.asked(cseq);
    if (asked >= 0 && !(walk.skipsTo(408) && nextTarget())) {
      listener.onTimeout(asked);
    }
  }

  /** Probes the trunk's next address; false when it cannot be sent. */
  private boolean nextTarget() {
    try {
      pending = walk.sendNext();
      return true;
    } catch (SipException | RuntimeException e) {
      LOG.debugf("cannot send OPTIONS to the next address: %s", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    sip.optionsSessions().remove(callId);
  }
}
