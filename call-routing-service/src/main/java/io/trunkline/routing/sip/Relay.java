package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.sip.ClientTransaction;
import io.trunkline.sip.ResponseListener;
import io.trunkline.sip.SipMessage;
import org.jboss.logging.Logger;

/**
 * An in-dialog request relayed to one leg: listens to its client transaction and gives the final
 * answer to the other leg's responder. A 2xx to a re-INVITE is ACKed here at once (the other leg's
 * ACK is not waited for), and again for each retransmission of it.
 */
final class Relay implements ResponseListener {

  private static final Logger LOG = Logger.getLogger(Relay.class);

  private final DialogLeg leg;
  private final String method;
  private final Responder responder;
  private boolean answered;

  private Relay(DialogLeg leg, String method, Responder responder) {
    this.leg = leg;
    this.method = method;
    this.responder = responder;
  }

  static void send(DialogLeg leg, InDialogRequest request, Responder responder) {
    if (!leg.hasDialog()) {
      responder.respond(481, SipConstants.CALL_DOES_NOT_EXIST, null);
      return;
    }
    if (SipConstants.PRACK.equals(request.method())) {
      // The trunk leg never offers 100rel, so a PRACK is answered locally.
      responder.respond(200, "OK", null);
      return;
    }
    try {
      DialogLeg.Outgoing out = leg.newRequest(request.method());
      if (out == null) {
        responder.respond(481, SipConstants.CALL_DOES_NOT_EXIST, null);
        return;
      }
      SipMessage r = out.request();
      // Relaying is forwarding: the hop count goes on from the request as it arrived (RFC 7332).
      r.setHeader(SipConstants.MAX_FORWARDS_HEADER, Integer.toString(request.maxForwards()));
      SipMessages.setBody(r, request.body());
      if (isTargetRefresh(request.method())) {
        r.setHeader(
            SipConstants.CONTACT,
            leg.ctx.contact(leg.transport, SipContext.isSips(r.requestUri())));
      }
      leg.ctx.stack().sendRequest(r, out.nextHop(), new Relay(leg, request.method(), responder));
    } catch (RuntimeException e) {
      LOG.debugf("cannot relay %s: %s", request.method(), e.toString());
      responder.respond(500, "Server Internal Error", null);
    }
  }

  private static boolean isTargetRefresh(String method) {
    return SipConstants.INVITE.equals(method) || SipConstants.UPDATE.equals(method);
  }

  @Override
  public void onResponse(ClientTransaction tx, SipMessage r) {
    int code = r.status();
    if (code < 200) {
      return;
    }
    if (code < 300 && SipConstants.INVITE.equals(method)) {
      ack(r);
    }
    synchronized (this) {
      if (answered) {
        return;
      }
      answered = true;
    }
    if (code < 300 && isTargetRefresh(method)) {
      leg.refreshTarget(r);
    }
    responder.respond(code, r.reason(), SipMessages.body(r));
  }

  private void ack(SipMessage ok) {
    try {
      DialogLeg.Outgoing a = leg.newAck(ok.cseq());
      if (a != null) {
        leg.ctx.stack().sendStateless(a.request(), a.nextHop());
      }
    } catch (RuntimeException e) {
      LOG.debugf("cannot ACK re-INVITE: %s", e.toString());
    }
  }

  @Override
  public void onTimeout(ClientTransaction tx) {
    answerOnce(408, "Request Timeout");
  }

  @Override
  public void onTransportError(ClientTransaction tx, Throwable cause) {
    LOG.debugf("cannot relay %s: %s", method, cause.toString());
    // JAIN-SIP failed such sends inside sendRequest, which answered 500.
    answerOnce(500, "Server Internal Error");
  }

  private void answerOnce(int code, String reason) {
    synchronized (this) {
      if (answered) {
        return;
      }
      answered = true;
    }
    responder.respond(code, reason, null);
  }
}
