package io.trunkline.registration.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * Requests sent to this user agent: OPTIONS from a provider checking us is answered 200; anything
 * else gets 405 (this service places no calls; inbound calls go to the call-routing service).
 */
public final class InboundRequestHandler {

  private static final Logger LOG = Logger.getLogger(InboundRequestHandler.class);
  private final SipStackManager sip;

  public InboundRequestHandler(SipStackManager sip) {
    this.sip = sip;
  }

  public void handle(RequestEvent event) {
    Request request = event.getRequest();
    if (Request.ACK.equals(request.getMethod())) {
      return;
    }
    try {
      int code =
          Request.OPTIONS.equals(request.getMethod()) ? Response.OK : Response.METHOD_NOT_ALLOWED;
      Response response = sip.messageFactory().createResponse(code, request);
      if (code == Response.METHOD_NOT_ALLOWED) {
        response.addHeader(sip.headerFactory().createAllowHeader(Request.OPTIONS));
      }
      ServerTransaction tx = event.getServerTransaction();
      if (tx == null) {
        sip.provider().sendResponse(response);
      } else {
        tx.sendResponse(response);
      }
    } catch (Exception e) {
      LOG.debugf("cannot answer %s: %s", request.getMethod(), e.getMessage());
    }
  }
}
