package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.Transport;
import org.jboss.logging.Logger;

/**
 * Requests inside a dialog of either leg: BYE is answered here and reported, anything else
 * (re-INVITE, UPDATE, INFO, PRACK, in-dialog OPTIONS...) goes to the call, whose answer comes back
 * through a {@link Responder}. A request that matches no leg gets 481.
 */
final class InDialogHandler {

  private static final Logger LOG = Logger.getLogger(InDialogHandler.class);

  private final SipContext ctx;

  InDialogHandler(SipContext ctx) {
    this.ctx = ctx;
  }

  void onBye(ServerTransaction tx) {
    DialogLeg leg = ctx.legOf(tx.request());
    if (leg == null) {
      SipMessages.answer(tx, 481, SipConstants.CALL_DOES_NOT_EXIST);
      return;
    }
    SipMessages.answer(tx, 200, "OK");
    leg.onBye();
  }

  void onRequest(ServerTransaction tx) {
    SipMessage req = tx.request();
    DialogLeg leg = ctx.legOf(req);
    if (leg == null) {
      SipMessages.answer(tx, 481, SipConstants.CALL_DOES_NOT_EXIST);
      return;
    }
    onRequest(tx, leg);
  }

  /** A request already matched to a leg. */
  void onRequest(ServerTransaction tx, DialogLeg leg) {
    SipMessage req = tx.request();
    String method = req.method();
    if (SipConstants.INVITE.equals(method) || SipConstants.UPDATE.equals(method)) {
      leg.refreshTarget(req);
    }
    if (SipConstants.INVITE.equals(method)) {
      tx.attach(leg); // a 2xx to a PBX re-INVITE that gets no ACK fails the call, as the first
    }
    int maxForwards;
    try {
      maxForwards = HopHeaders.maxForwards(req);
    } catch (IllegalArgumentException e) {
      ctx.metrics.rejected("malformed");
      SipMessages.answer(tx, 400, "Bad Request");
      return;
    }
    leg.onRequest(
        new InDialogRequest(method, SipMessages.body(req), maxForwards),
        responder(tx, leg.transport));
  }

  /** Answers on the request's own transaction; a 2xx to a re-INVITE carries our Contact. */
  private Responder responder(ServerTransaction tx, Transport transport) {
    return (code, reason, body) -> {
      SipMessage req = tx.request();
      try {
        SipMessage r = SipMessages.response(req, code, reason);
        if (code >= 200 && code < 300 && SipConstants.INVITE.equals(req.method())) {
          r.setHeader(
              SipConstants.CONTACT, ctx.contact(transport, SipContext.isSips(req.requestUri())));
        }
        SipMessages.setBody(r, body);
        tx.respond(r);
      } catch (RuntimeException e) {
        LOG.debugf("cannot answer %s: %s", req.method(), e.toString());
      }
    };
  }
}
