package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.Challenge;
import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.routing.service.call.SipBody;
import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.routing.service.call.TrunkLeg;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * A trunk leg on JAIN-SIP: a fresh dialog (new Call-ID and tags) with its own INVITE client
 * transaction. The transaction and the dialog carry this leg as application data, so every answer
 * finds it without a lookup table.
 */
final class JainTrunkLeg implements TrunkLeg {

  private static final Logger LOG = Logger.getLogger(JainTrunkLeg.class);

  private final SipContext ctx;
  private final Listener listener;
  private final String transport;
  private Request invite;
  private ClientTransaction tx;
  private Dialog dialog;
  private boolean provisional;
  private boolean finalReceived;
  private boolean cancelPending;
  private long answeredCseq = -1;

  JainTrunkLeg(SipContext ctx, TrunkInvite inv, Listener listener) throws Exception {
    this.ctx = ctx;
    this.listener = listener;
    this.transport = inv.transport() == null ? "udp" : inv.transport().toLowerCase();
    SipURI target = ctx.addresses.createSipURI(inv.number(), inv.host());
    target.setPort(inv.port());
    target.setTransportParam(transport);
    SipURI fromUri = ctx.addresses.createSipURI(inv.callerId(), inv.fromDomain());
    Address fromAddr = ctx.addresses.createAddress(fromUri);
    FromHeader from = ctx.headers.createFromHeader(fromAddr, SipContext.tag());
    ToHeader to =
        ctx.headers.createToHeader(
            ctx.addresses.createAddress(ctx.addresses.createSipURI(inv.number(), inv.host())),
            null);
    CallIdHeader callId = ctx.provider.getNewCallId();
    List<ViaHeader> via = new ArrayList<>();
    via.add(ctx.headers.createViaHeader(ctx.host, ctx.port, transport, null));
    MaxForwardsHeader mf = ctx.headers.createMaxForwardsHeader(SipConstants.MAX_FORWARDS);
    Request r =
        ctx.messages.createRequest(
            target,
            Request.INVITE,
            callId,
            ctx.headers.createCSeqHeader(1L, Request.INVITE),
            from,
            to,
            via,
            mf);
    r.setHeader(ctx.contact(transport));
    r.setHeader(ctx.headers.createHeader(SipConstants.P_ASSERTED_IDENTITY, "<" + fromUri + ">"));
    r.setHeader(ctx.headers.createHeader(SipConstants.X_TRUNK_NAME, inv.trunkName()));
    if (inv.outboundProxy() != null) {
      SipURI proxy = ctx.addresses.createSipURI(null, hostOf(inv.outboundProxy()));
      int port = portOf(inv.outboundProxy());
      if (port > 0) {
        proxy.setPort(port);
      }
      proxy.setLrParam();
      proxy.setTransportParam(transport);
      r.addHeader(ctx.headers.createRouteHeader(ctx.addresses.createAddress(proxy)));
    }
    ctx.setBody(r, inv.body());
    this.invite = r;
  }

  /** Sends the INVITE; separate from the constructor so failures can be reported. */
  void start() throws Exception {
    sendInvite(invite);
  }

  private void sendInvite(Request r) throws Exception {
    ClientTransaction ct = ctx.provider.getNewClientTransaction(r);
    ct.setApplicationData(this);
    Dialog d = ctx.provider.getNewDialog(ct);
    d.setApplicationData(this);
    synchronized (this) {
      tx = ct;
      dialog = d;
      invite = r;
      provisional = false;
    }
    ct.sendRequest();
  }

  void onResponse(ClientTransaction ct, Response r) {
    int code = r.getStatusCode();
    SipBody body = SipContext.body(r);
    if (code < 200) {
      boolean sendCancel;
      synchronized (this) {
        if (ct != tx || finalReceived) {
          return;
        }
        provisional = true;
        sendCancel = cancelPending;
        cancelPending = false;
      }
      if (sendCancel) {
        sendCancel(ct);
        return;
      }
      listener.onProvisional(this, code, r.getReasonPhrase(), body);
      return;
    }
    synchronized (this) {
      if (ct != null && ct != tx) {
        return; // answer to an INVITE we replaced (after a challenge)
      }
      if (finalReceived && code >= 200 && code < 300) {
        // Retransmitted 2xx: the stack re-sends our ACK itself.
        return;
      }
      finalReceived = true;
      if (code < 300) {
        answeredCseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
      }
    }
    Challenge challenge = null;
    if (code == 401 || code == 407) {
      String name = code == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
      javax.sip.header.Header h = r.getHeader(name);
      if (h != null) {
        String value = ((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue().trim();
        challenge =
            new Challenge(
                code == 401 ? "Authorization" : "Proxy-Authorization",
                value,
                Request.INVITE,
                invite.getRequestURI().toString());
      }
    }
    listener.onFinal(this, code, r.getReasonPhrase(), body, challenge);
  }

  void onTimeout() {
    synchronized (this) {
      if (finalReceived) {
        return;
      }
      finalReceived = true;
    }
    listener.onFinal(this, 408, "Request Timeout", null, null);
  }

  Listener listener() {
    return listener;
  }

  @Override
  public void cancel() {
    ClientTransaction ct;
    synchronized (this) {
      if (finalReceived) {
        return;
      }
      if (!provisional) {
        // RFC 3261 9.1: no CANCEL before a provisional; send it when one arrives.
        cancelPending = true;
        return;
      }
      ct = tx;
    }
    sendCancel(ct);
  }

  private void sendCancel(ClientTransaction ct) {
    try {
      ClientTransaction cancel = ctx.provider.getNewClientTransaction(ct.createCancel());
      cancel.sendRequest();
    } catch (Exception e) {
      LOG.debugf("cannot CANCEL trunk leg: %s", e.toString());
    }
  }

  @Override
  public void ack(SipBody body) {
    try {
      Dialog d;
      long cseq;
      synchronized (this) {
        d = dialog;
        cseq = answeredCseq;
      }
      if (d == null || cseq < 0) {
        return;
      }
      Request ack = d.createAck(cseq);
      ctx.setBody(ack, body);
      d.sendAck(ack);
    } catch (Exception e) {
      LOG.debugf("cannot ACK trunk leg: %s", e.toString());
    }
  }

  @Override
  public void bye() {
    try {
      Dialog d;
      synchronized (this) {
        d = dialog;
      }
      Request bye = d.createRequest(Request.BYE);
      ClientTransaction ct = ctx.provider.getNewClientTransaction(bye);
      d.sendRequest(ct);
    } catch (Exception e) {
      LOG.debugf("cannot BYE trunk leg: %s", e.toString());
    }
  }

  @Override
  public void authenticate(String headerName, String headerValue) {
    try {
      Request r;
      synchronized (this) {
        r = (Request) invite.clone();
        finalReceived = false;
      }
      CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
      cseq.setSeqNumber(cseq.getSeqNumber() + 1);
      r.removeHeader(ViaHeader.NAME);
      r.addHeader(ctx.headers.createViaHeader(ctx.host, ctx.port, transport, null));
      r.setHeader(ctx.headers.createHeader(headerName, headerValue));
      sendInvite(r);
    } catch (Exception e) {
      LOG.debugf("cannot resend INVITE with credentials: %s", e.toString());
      onTimeout();
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
    // Nothing held outside the stack's own transaction and dialog objects.
  }

  private static String hostOf(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    return c > 0 && hostPort.indexOf(']') < c ? hostPort.substring(0, c) : hostPort;
  }

  private static int portOf(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    if (c > 0 && hostPort.indexOf(']') < c) {
      try {
        return Integer.parseInt(hostPort.substring(c + 1));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }
}
