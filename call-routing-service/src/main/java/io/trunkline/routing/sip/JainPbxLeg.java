package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.PbxLeg;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.routing.service.call.SipBody;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The PBX leg on JAIN-SIP: the INVITE's server transaction and, once a dialog-forming answer is
 * sent, its dialog (created only then, so rejected INVITEs never create one).
 */
final class JainPbxLeg implements PbxLeg {

  private static final Logger LOG = Logger.getLogger(JainPbxLeg.class);

  private final SipContext ctx;
  private final ServerTransaction tx;
  private final Request invite;
  private final String callId;
  private final String caller;
  private final String dialled;
  private final String source;
  private final String transport;
  private final String toTag = SipContext.tag();
  private volatile Listener listener;
  private Dialog dialog;
  private boolean finalSent;

  JainPbxLeg(SipContext ctx, ServerTransaction tx, Request invite, String source) {
    this.ctx = ctx;
    this.tx = tx;
    this.invite = invite;
    this.callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
    this.caller =
        from.getAddress().getURI() instanceof SipURI u ? u.getUser() : from.getAddress().toString();
    this.dialled = invite.getRequestURI() instanceof SipURI u ? u.getUser() : null;
    this.source = source;
    this.transport = ((javax.sip.header.ViaHeader) invite.getHeader("Via")).getTransport();
  }

  Listener listener() {
    return listener;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String caller() {
    return caller;
  }

  @Override
  public String dialled() {
    return dialled;
  }

  @Override
  public String sourceAddress() {
    return source;
  }

  @Override
  public SipBody body() {
    return SipContext.body(invite);
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
    ctx.pbxLegs.put(callId, this);
  }

  @Override
  public synchronized void provisional(int code, String reason, SipBody body) {
    if (!finalSent) {
      respond(code, reason, body, null);
    }
  }

  @Override
  public synchronized void answer(int code, String reason, SipBody body) {
    if (!finalSent) {
      finalSent = true;
      respond(code, reason, body, null);
    }
  }

  @Override
  public synchronized void reject(int code, String reason, String reasonHeader) {
    if (!finalSent) {
      finalSent = true;
      respond(code, reason, null, reasonHeader);
    }
  }

  /** Whether a final answer went out (a CANCEL after it is too late). */
  synchronized boolean answered() {
    return finalSent;
  }

  private void respond(int code, String reason, SipBody body, String reasonHeader) {
    try {
      Response r = ctx.messages.createResponse(code, invite);
      if (reason != null) {
        r.setReasonPhrase(reason);
      }
      if (code > 100) {
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(toTag);
      }
      if (code > 100 && code < 300) {
        r.setHeader(ctx.contact(transport));
        if (dialog == null) {
          dialog = ctx.provider.getNewDialog(tx);
          dialog.setApplicationData(this);
        }
      }
      if (reasonHeader != null) {
        r.setHeader(ctx.headers.createHeader(SipConstants.REASON, reasonHeader));
      }
      ctx.setBody(r, body);
      tx.sendResponse(r);
    } catch (Exception e) {
      LOG.debugf("cannot answer %d on PBX leg %s: %s", code, callId, e.toString());
    }
  }

  @Override
  public void bye() {
    try {
      Dialog d;
      synchronized (this) {
        d = dialog;
      }
      if (d == null) {
        return;
      }
      Request bye = d.createRequest(Request.BYE);
      ClientTransaction ct = ctx.provider.getNewClientTransaction(bye);
      d.sendRequest(ct);
    } catch (Exception e) {
      LOG.debugf("cannot send BYE on PBX leg %s: %s", callId, e.toString());
    }
  }

  @Override
  public void send(InDialogRequest request, Responder responder) {
    Dialog d;
    synchronized (this) {
      d = dialog;
    }
    Relay.send(ctx, d, request, responder);
  }

  @Override
  public void release() {
    ctx.pbxLegs.remove(callId, this);
  }

  /** CSeq of the INVITE (to tell a CANCEL's target). */
  long inviteCseq() {
    return ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }
}
