package io.trunkline.routing.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.message.SIPMessage;
import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one JAIN-SIP listener: dispatches requests by method and answers by the transaction's
 * application data to the legs, which translate to the B2BUA's SIP-free interface. Never blocks the
 * stack's threads.
 */
final class SipDispatcher implements SipListenerExt {

  private static final Logger LOG = Logger.getLogger(SipDispatcher.class);

  private final SipContext ctx;
  private final CallMetrics metrics;

  SipDispatcher(SipContext ctx, CallMetrics metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
  }

  @Override
  public void processRequest(RequestEvent ev) {
    Request req = ev.getRequest();
    try {
      switch (req.getMethod()) {
        case Request.INVITE -> {
          if (ev.getDialog() != null && ev.getDialog().getApplicationData() != null) {
            inDialog(ev);
          } else if (((ToHeader) req.getHeader(ToHeader.NAME)).getTag() != null) {
            stateless(req, 481, "Call/Transaction Does Not Exist");
          } else {
            invite(ev);
          }
        }
        case Request.ACK -> ack(ev);
        case Request.CANCEL -> cancel(ev);
        case Request.BYE -> bye(ev);
        case Request.OPTIONS -> {
          if (ev.getDialog() == null) {
            stateless(req, 200, "OK");
          } else {
            inDialog(ev);
          }
        }
        default -> inDialog(ev);
      }
    } catch (RuntimeException e) {
      LOG.debugf("request %s dropped: %s", req.getMethod(), e.toString());
    }
  }

  private void invite(RequestEvent ev) {
    Request req = ev.getRequest();
    ServerTransaction st;
    try {
      st =
          ev.getServerTransaction() != null
              ? ev.getServerTransaction()
              : ctx.provider.getNewServerTransaction(req);
    } catch (TransactionAlreadyExistsException e) {
      return; // retransmission: the transaction answers it
    } catch (Exception e) {
      metrics.rejected("malformed");
      stateless(req, 400, "Bad Request");
      return;
    }
    String source =
        ((SIPMessage) req).getRemoteAddress() == null
            ? null
            : ((SIPMessage) req).getRemoteAddress().getHostAddress();
    JainPbxLeg leg = new JainPbxLeg(ctx, st, req, source);
    try {
      st.sendResponse(ctx.messages.createResponse(Response.TRYING, req));
    } catch (Exception e) {
      LOG.debugf("cannot send 100: %s", e.toString());
    }
    ctx.handler.onInvite(leg);
  }

  private void ack(RequestEvent ev) {
    Dialog d = ev.getDialog();
    if (d != null && d.getApplicationData() instanceof JainPbxLeg leg && leg.listener() != null) {
      leg.listener().onAck(SipContext.body(ev.getRequest()));
    }
  }

  private void cancel(RequestEvent ev) {
    Request req = ev.getRequest();
    String callId = ((CallIdHeader) req.getHeader(CallIdHeader.NAME)).getCallId();
    JainPbxLeg leg = ctx.pbxLegs.get(callId);
    if (leg == null || leg.answered()) {
      stateless(req, 481, "Call/Transaction Does Not Exist");
      return;
    }
    stateless(req, 200, "OK");
    leg.listener().onCancel();
  }

  private void bye(RequestEvent ev) {
    Dialog d = ev.getDialog();
    Object leg = d == null ? null : d.getApplicationData();
    if (leg == null) {
      respond(ev, 481, "Call/Transaction Does Not Exist");
      return;
    }
    respond(ev, 200, "OK");
    if (leg instanceof JainPbxLeg p && p.listener() != null) {
      p.listener().onBye();
    } else if (leg instanceof JainTrunkLeg t) {
      t.listener().onBye(t);
    }
  }

  private void inDialog(RequestEvent ev) {
    Dialog d = ev.getDialog();
    Object leg = d == null ? null : d.getApplicationData();
    if (leg == null) {
      respond(ev, 481, "Call/Transaction Does Not Exist");
      return;
    }
    ServerTransaction st = serverTx(ev);
    if (st == null) {
      return;
    }
    Request req = ev.getRequest();
    Responder responder = (code, reason, body) -> answer(st, req, code, reason, body);
    InDialogRequest r = new InDialogRequest(req.getMethod(), SipContext.body(req));
    if (leg instanceof JainPbxLeg p && p.listener() != null) {
      p.listener().onRequest(r, responder);
    } else if (leg instanceof JainTrunkLeg t) {
      t.listener().onRequest(t, r, responder);
    } else {
      responder.respond(481, "Call/Transaction Does Not Exist", null);
    }
  }

  private void answer(
      ServerTransaction st,
      Request req,
      int code,
      String reason,
      io.trunkline.routing.service.call.SipBody body) {
    try {
      Response r = ctx.messages.createResponse(code, req);
      if (reason != null) {
        r.setReasonPhrase(reason);
      }
      if (code >= 200 && code < 300 && Request.INVITE.equals(req.getMethod())) {
        r.setHeader(
            ctx.contact(((javax.sip.header.ViaHeader) req.getHeader("Via")).getTransport()));
      }
      ctx.setBody(r, body);
      st.sendResponse(r);
    } catch (Exception e) {
      LOG.debugf("cannot answer %s: %s", req.getMethod(), e.toString());
    }
  }

  private ServerTransaction serverTx(RequestEvent ev) {
    if (ev.getServerTransaction() != null) {
      return ev.getServerTransaction();
    }
    try {
      return ctx.provider.getNewServerTransaction(ev.getRequest());
    } catch (TransactionAlreadyExistsException e) {
      return null;
    } catch (Exception e) {
      LOG.debugf("no server transaction: %s", e.toString());
      return null;
    }
  }

  private void respond(RequestEvent ev, int code, String reason) {
    ServerTransaction st = serverTx(ev);
    if (st != null) {
      answer(st, ev.getRequest(), code, reason, null);
    } else {
      stateless(ev.getRequest(), code, reason);
    }
  }

  private void stateless(Request req, int code, String reason) {
    try {
      Response r = ctx.messages.createResponse(code, req);
      r.setReasonPhrase(reason);
      ctx.provider.sendResponse(r);
    } catch (Exception e) {
      LOG.debugf("cannot answer statelessly: %s", e.toString());
    }
  }

  @Override
  public void processResponse(ResponseEvent ev) {
    ClientTransaction ct = ev.getClientTransaction();
    Response r = ev.getResponse();
    Object app = ct == null ? null : ct.getApplicationData();
    if (app instanceof JainTrunkLeg leg) {
      leg.onResponse(ct, r);
    } else if (app instanceof Relay relay) {
      int code = r.getStatusCode();
      if (code >= 200) {
        if (code < 300 && Request.INVITE.equals(relay.method)) {
          ackReInvite(relay.dialog, r);
        }
        relay.responder.respond(code, r.getReasonPhrase(), SipContext.body(r));
      }
    } else if (ct == null
        && ev.getDialog() != null
        && ev.getDialog().getApplicationData() instanceof JainTrunkLeg leg) {
      leg.onResponse(null, r);
    }
  }

  private void ackReInvite(Dialog d, Response r) {
    try {
      long cseq = ((javax.sip.header.CSeqHeader) r.getHeader("CSeq")).getSeqNumber();
      d.sendAck(d.createAck(cseq));
    } catch (Exception e) {
      LOG.debugf("cannot ACK re-INVITE: %s", e.toString());
    }
  }

  @Override
  public void processTimeout(TimeoutEvent ev) {
    if (ev.isServerTransaction()) {
      return;
    }
    ClientTransaction ct = ev.getClientTransaction();
    Object app = ct == null ? null : ct.getApplicationData();
    if (app instanceof JainTrunkLeg leg && Request.INVITE.equals(ct.getRequest().getMethod())) {
      leg.onTimeout();
    } else if (app instanceof Relay relay) {
      relay.responder.respond(408, "Request Timeout", null);
    }
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent ev) {
    Dialog d = ev.getDialog();
    if (d != null && d.getApplicationData() instanceof JainPbxLeg leg && leg.listener() != null) {
      leg.listener().onFailure("no ACK from the PBX");
    }
  }

  @Override
  public void processIOException(IOExceptionEvent ev) {
    LOG.debugf("SIP I/O error towards %s:%d", ev.getHost(), ev.getPort());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent ev) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent ev) {}
}
