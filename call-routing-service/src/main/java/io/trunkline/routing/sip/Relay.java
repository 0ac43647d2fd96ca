package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import org.jboss.logging.Logger;

/**
 * An in-dialog request relayed to one leg; the client transaction carries it so that the answer
 * goes back to the other leg's responder.
 */
final class Relay {

  private static final Logger LOG = Logger.getLogger(Relay.class);

  final Responder responder;
  final Dialog dialog;
  final String method;

  private Relay(Responder responder, Dialog dialog, String method) {
    this.responder = responder;
    this.dialog = dialog;
    this.method = method;
  }

  static void send(SipContext ctx, Dialog d, InDialogRequest request, Responder responder) {
    if (d == null || Request.PRACK.equals(request.method())) {
      // PRACK: the trunk leg never offers 100rel, so a PRACK is answered locally.
      responder.respond(
          d == null ? 481 : 200, d == null ? "Call/Transaction Does Not Exist" : "OK", null);
      return;
    }
    try {
      Request r = d.createRequest(request.method());
      ctx.setBody(r, request.body());
      if (Request.INVITE.equals(request.method()) || Request.UPDATE.equals(request.method())) {
        r.setHeader(ctx.contact(((javax.sip.header.ViaHeader) r.getHeader("Via")).getTransport()));
      }
      ClientTransaction ct = ctx.provider.getNewClientTransaction(r);
      ct.setApplicationData(new Relay(responder, d, request.method()));
      d.sendRequest(ct);
    } catch (Exception e) {
      LOG.debugf("cannot relay %s: %s", request.method(), e.toString());
      responder.respond(500, "Server Internal Error", null);
    }
  }
}
