package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipLookup;
import io.trunkline.registration.domain.LinkFailure;
import io.trunkline.registration.domain.ProbeLink;
import io.trunkline.registration.domain.TrunkConfig;
import java.net.InetSocketAddress;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/** One trunk's OPTIONS probes over JAIN-SIP, on a Call-ID of their own. */
final class SipProbeLink extends CallIdSession<ProbeLink.Listener> implements ProbeLink {

  private static final Logger LOG = Logger.getLogger(SipProbeLink.class);

  private ClientTransaction pending;
  private long probing = -1; // the probe whose send may still be under way on a TLS lane

  SipProbeLink(JainSipLinks sip, Listener listener) {
    super(sip, listener, sip.optionsSessions());
  }

  @Override
  public void options(TrunkConfig trunk, long cseq) throws LinkFailure {
    Request r;
    SipLookup lookup;
    try {
      r = sip.requests().options(trunk, callId, sip.optionsFromUser(), fromTag);
      ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
      lookup = TrunkNames.lookupOf(trunk);
      probing = cseq;
      if (lookup == null) {
        walk.direct(cseq);
        boolean verify = trunk.tlsVerifyOrDefault();
        transmit(sip.stack().tlsDestination(r), cseq, () -> sip.stack().send(r, verify));
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
              if (closed()) {
                return;
              }
              if (!resolution.isResolved()) {
                LOG.debugf("OPTIONS to %s: %s", lookup.host(), resolution.failure());
                listener.onTimeout(cseq);
                return;
              }
              try {
                TargetWalk.Copy first =
                    walk.start(r, cseq, resolution.targets(), trunk.tlsVerifyOrDefault());
                transmit(first.tlsDestination(), cseq, first::send);
              } catch (SipException | RuntimeException e) {
                LOG.debugf("cannot send OPTIONS: %s", e.getMessage());
                listener.onTimeout(cseq);
              }
            });
  }

  /**
   * Sends now, or when it goes over TLS ({@code tls} not null) on that destination's lane, off the
   * engine thread: a send that fails there is a probe without answer, as when a name does not
   * resolve; one that ends after its probe was overtaken is stopped at once.
   */
  private void transmit(InetSocketAddress tls, long cseq, TlsSendLanes.Send send)
      throws SipException {
    ClientTransaction direct =
        sendNowOrOnLane(
            tls,
            send,
            (tx, failure) -> {
              if (closed() || cseq != probing) {
                terminate(tx);
              } else if (failure != null) {
                LOG.debugf("cannot send OPTIONS over TLS: %s", failure.getMessage());
                listener.onTimeout(cseq);
              } else {
                pending = tx;
              }
            });
    if (tls == null) {
      pending = direct;
    }
  }

  /** A probe overtaken by the next one is dead: stop its retransmissions. */
  @Override
  public void abandon() {
    probing = -1;
    terminate(pending);
    pending = null;
  }

  private static void terminate(ClientTransaction tx) {
    if (tx != null) {
      try {
        tx.terminate();
      } catch (Exception e) {
        LOG.debugf("cannot terminate OPTIONS transaction: %s", e.getMessage());
      }
    }
  }

  @Override
  public void onResponse(Response response) {
    long asked = walk.asked(((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
    int code = response.getStatusCode();
    if (asked < 0) {
      return; // an answer to a copy the walk moved on from
    }
    if (code >= 200 && walk.skipsTo(code) && nextTarget(asked)) {
      return;
    }
    walk.answered();
    listener.onAnswer(asked, code);
  }

  @Override
  public void onTimeout(long cseq) {
    long asked = walk.asked(cseq);
    if (asked >= 0 && !(walk.skipsTo(408) && nextTarget(asked))) {
      listener.onTimeout(asked);
    }
  }

  /** Probes the trunk's next address; false when it cannot be sent. */
  private boolean nextTarget(long asked) {
    try {
      TargetWalk.Copy copy = walk.next();
      transmit(copy.tlsDestination(), asked, copy::send);
      return true;
    } catch (SipException | RuntimeException e) {
      LOG.debugf("cannot send OPTIONS to the next address: %s", e.getMessage());
      return false;
    }
  }
}
