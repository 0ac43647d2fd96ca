package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.Challenge;
import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.routing.service.call.SipBody;
import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.routing.service.call.TrunkLeg;
import io.trunkline.sip.ClientTransaction;
import io.trunkline.sip.Dialog;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.ResponseListener;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.Transport;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * A trunk leg: a fresh dialog (new Call-ID and tags) with its own INVITE client transaction, whose
 * answers come straight to this leg (it is the transaction's listener). The early dialog is made by
 * the first tagged 1xx and replaced by the 2xx's.
 */
final class SipTrunkLeg extends DialogLeg implements TrunkLeg, ResponseListener {

  private static final Logger LOG = Logger.getLogger(SipTrunkLeg.class);

  private final Listener listener;
  private final TrunkInviteFactory factory;
  private final String callId;
  private SipMessage invite;
  private ClientTransaction tx;
  private long cseq = 1;
  private boolean finalReceived;
  private boolean cancelled;
  private long answeredCseq = -1;
  private Outgoing ack;

  SipTrunkLeg(SipContext ctx, TrunkInvite inv, Listener listener) {
    super(ctx, SipMessages.transport(inv.transport()));
    this.listener = listener;
    this.callId = ctx.stack().newCallId();
    this.factory = new TrunkInviteFactory(inv, transport, callId, SipStack.newTag());
  }

  /** Sends the INVITE; separate from the constructor so failures can be reported. */
  void start() {
    send(factory.build(cseq, ctx.contact(transport)));
  }

  /** Under the lock, so that no answer can be taken for one to a replaced INVITE. */
  private synchronized void send(SipMessage r) {
    invite = r;
    finalReceived = false;
    tx = ctx.stack().sendRequest(r, factory.destination(), this);
    ctx.trunkLegs.put(callId, this);
  }

  @Override
  public void onResponse(ClientTransaction ct, SipMessage r) {
    int code = r.status();
    if (code < 200) {
      synchronized (this) {
        if (ct != tx || finalReceived || cancelled) {
          return; // after a CANCEL the call has moved on: 1xx would only confuse it
        }
        if (dialog() == null && SipMessages.toTag(r) != null) {
          setDialog(Dialog.asUac(invite, r));
        }
      }
      listener.onProvisional(this, code, r.reason(), SipMessages.body(r));
      return;
    }
    boolean first = false;
    Outgoing resend = null;
    synchronized (this) {
      if (ct != tx) {
        return; // answer to an INVITE we replaced (after a challenge)
      }
      if (!finalReceived) {
        first = true;
        finalReceived = true;
        accept(ct, r);
      } else if (code < 300 && ack != null && answeredBy(r)) {
        resend = ack; // a retransmitted 2xx: our ACK was lost, send it again
      }
    }
    if (resend != null) {
      ctx.stack().sendStateless(resend.request(), resend.nextHop());
    } else if (first) {
      listener.onFinal(this, code, r.reason(), SipMessages.body(r), challenge(r));
    }
  }

  /** Takes in the final answer: a 2xx confirms the dialog, anything else ends the leg. */
  private void accept(ClientTransaction ct, SipMessage r) {
    if (r.status() < 300) {
      answeredCseq = r.cseq();
      Dialog early = dialog();
      if (early == null || !Objects.equals(early.remoteTag(), SipMessages.toTag(r))) {
        setDialog(Dialog.asUac(invite, r));
      } else {
        early.updateTarget(r);
      }
      if (factory.followSource()) {
        // a PBX reached through its router's port forward answers with its private Contact
        dialog().followSourceBehindNat(ct.sentTo());
      }
    } else {
      setDialog(null);
      ctx.trunkLegs.remove(callId, this);
    }
  }

  /** Whether a 2xx is (a retransmission of) the one that answered this leg. */
  private boolean answeredBy(SipMessage r) {
    Dialog d = dialog();
    return r.cseq() == answeredCseq
        && d != null
        && Objects.equals(d.remoteTag(), SipMessages.toTag(r));
  }

  private Challenge challenge(SipMessage r) {
    int code = r.status();
    if (code != 401 && code != 407) {
      return null;
    }
    String value =
        r.header(code == 401 ? SipConstants.WWW_AUTHENTICATE : SipConstants.PROXY_AUTHENTICATE);
    if (value == null) {
      return null;
    }
    return new Challenge(
        code == 401 ? SipConstants.AUTHORIZATION : SipConstants.PROXY_AUTHORIZATION,
        value.trim(),
        SipConstants.INVITE,
        factory.requestUri());
  }

  @Override
  public void onTimeout(ClientTransaction ct) {
    failed(ct, 408, "Request Timeout");
  }

  @Override
  public void onTransportError(ClientTransaction ct, Throwable cause) {
    LOG.debugf("cannot send INVITE to trunk: %s", cause.toString());
    // Later, never from inside sendRequest: the call must first learn which leg it started.
    ctx.vertx.runOnContext(v -> failed(ct, 503, "Service Unavailable"));
  }

  private void failed(ClientTransaction ct, int code, String reason) {
    synchronized (this) {
      if (ct != tx || finalReceived) {
        return;
      }
      finalReceived = true;
      ctx.trunkLegs.remove(callId, this);
    }
    listener.onFinal(this, code, reason, null, null);
  }

  Listener listener() {
    return listener;
  }

  @Override
  public void cancel() {
    ClientTransaction ct;
    synchronized (this) {
      if (finalReceived || cancelled) {
        return;
      }
      cancelled = true;
      ct = tx;
    }
    // RFC 3261 9.1: the stack sends the CANCEL once a provisional came, not before.
    ct.cancel();
  }

  @Override
  public void ack(SipBody body) {
    Outgoing a;
    synchronized (this) {
      if (answeredCseq < 0 || ack != null) {
        return;
      }
      a = newAck(answeredCseq);
      if (a == null) {
        return;
      }
      SipMessages.setBody(a.request(), body);
      ack = a;
      invite = null; // answered and ACKed: the dialog and the ACK are all the leg needs now
    }
    try {
      ctx.stack().sendStateless(a.request(), a.nextHop());
    } catch (RuntimeException e) {
      LOG.debugf("cannot ACK trunk leg: %s", e.toString());
    }
    // The INVITE transaction lingers 32 s (RFC 6026) to catch 2xx retransmissions; detached, it
    // keeps neither the request nor this leg, and such a 2xx comes to onStrayAnswer, which ACKs.
    detachTransaction();
  }

  @Override
  public void bye() {
    Outgoing bye = newRequest(SipConstants.BYE);
    end();
    ctx.trunkLegs.remove(callId, this);
    detachTransaction();
    if (bye == null) {
      return;
    }
    try {
      ctx.stack().sendRequest(bye.request(), bye.nextHop(), SipContext.UNATTENDED);
    } catch (RuntimeException e) {
      LOG.debugf("cannot BYE trunk leg: %s", e.toString());
    }
  }

  @Override
  public void authenticate(String headerName, String headerValue) {
    try {
      SipMessage r;
      synchronized (this) {
        cseq++;
        finalReceived = false;
        setDialog(null);
        cancelled = false;
        r = factory.build(cseq, ctx.contact(transport));
      }
      r.setHeader(headerName, headerValue);
      send(r);
    } catch (RuntimeException e) {
      LOG.debugf("cannot resend INVITE with credentials: %s", e.toString());
      failed(tx, 408, "Request Timeout");
    }
  }

  /** A 2xx that outlived its transaction: it still gets our ACK again. */
  void onStrayAnswer(SipMessage r) {
    Outgoing resend;
    synchronized (this) {
      resend = ack != null && answeredBy(r) ? ack : null;
    }
    if (resend != null) {
      ctx.stack().sendStateless(resend.request(), resend.nextHop());
    }
  }

  @Override
  public void send(InDialogRequest request, Responder responder) {
    Relay.send(this, request, responder);
  }

  @Override
  public void release() {
    ctx.trunkLegs.remove(callId, this);
    detachTransaction();
  }

  /** The leg ended: its INVITE transaction, lingering 32 s (RFC 6026), need not keep it alive. */
  private void detachTransaction() {
    ClientTransaction ct;
    synchronized (this) {
      ct = tx;
    }
    if (ct != null) {
      ct.detach();
    }
  }

  /**
   * In-dialog requests to the provider over TLS: its Contact is usually an address, so the
   * certificate is checked against the trunk's name (and the connection the INVITE opened, kept
   * under that address and name, is reused).
   */
  @Override
  Endpoint hop(Endpoint nextHop) {
    Endpoint first = factory.destination();
    if (nextHop.transport() != Transport.TLS || first.transport() != Transport.TLS) {
      return nextHop;
    }
    return Endpoint.tls(nextHop.host(), nextHop.port(), first.tlsName(), first.verify());
  }

  @Override
  void onBye() {
    end();
    ctx.trunkLegs.remove(callId, this);
    detachTransaction();
    listener.onBye(this);
  }

  @Override
  void onRequest(InDialogRequest request, Responder responder) {
    listener.onRequest(this, request, responder);
  }
}
