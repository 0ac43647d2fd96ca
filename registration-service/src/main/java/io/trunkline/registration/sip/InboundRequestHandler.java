package io.trunkline.registration.sip;

import gov.nist.javax.sip.RequestEventExt;
import javax.sip.RequestEvent;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * Requests sent to this user agent: OPTIONS from a provider checking us is answered 200; anything
 * else gets 405 (this service places no calls; inbound calls go to the call-routing service).
 * Always statelessly (no transaction, nothing kept; {@link EdgeValve} already dropped what a source
 * sent over its rate), and always to the packet's real source: a received= the sender wrote in its
 * Via is replaced (JAIN-SIP would answer there).
 */
public final class InboundRequestHandler {

  private static final Logger LOG = Logger.getLogger(InboundRequestHandler.class);
  private final JainSipStack sip;

  public InboundRequestHandler(JainSipStack sip) {
    this.sip = sip;
  }

  public void handle(RequestEvent event) {
    Request request = event.getRequest();
    String ip = event instanceof RequestEventExt x ? x.getRemoteIpAddress() : null;
    if (ip == null) {
      return; // cannot tell where it came from: nowhere to answer safely
    }
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
      answerToSource(response, ip, ((RequestEventExt) event).getRemotePort());
      sip.provider().sendResponse(response);
    } catch (Exception e) {
      LOG.debugf("cannot answer %s: %s", request.getMethod(), e.getClass().getSimpleName());
    }
  }

  /** RFC 3581: received = the real source, always; rport = its port when the client asked. */
  private static void answerToSource(Response response, String ip, int port) throws Exception {
    ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
    via.setReceived(ip);
    if (via.getParameter("rport") != null || via.getRPort() > 0) {
      via.setParameter("rport", Integer.toString(port));
    }
  }
}
