package io.trunkline.registration.sip;

import java.util.Map;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one SIP listener of the stack: dispatches answers and timeouts by method to the session
 * handlers and inbound requests to {@link InboundRequestHandler}. Never blocks the stack threads.
 */
public final class SipEventRouter implements SipListener {

  private static final Logger LOG = Logger.getLogger(SipEventRouter.class);

  private final Map<String, SessionsByCallId> byMethod;
  private final InboundRequestHandler inbound;

  public SipEventRouter(
      SessionsByCallId register, SessionsByCallId options, InboundRequestHandler inbound) {
    this.byMethod = Map.of(Request.REGISTER, register, Request.OPTIONS, options);
    this.inbound = inbound;
  }

  @Override
  public void processRequest(RequestEvent event) {
    inbound.handle(event);
  }

  /**
   * An answer to one of our transactions ({@link EdgeValve} let nothing else through: no stray
   * answers, none from another address than the request went to).
   */
  @Override
  public void processResponse(ResponseEvent event) {
    if (event.getClientTransaction() == null) {
      return;
    }
    Response response = event.getResponse();
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    SessionsByCallId handler = cseq == null ? null : byMethod.get(cseq.getMethod());
    if (handler != null) {
      handler.onResponse(response);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      return;
    }
    Request request = event.getClientTransaction().getRequest();
    SessionsByCallId handler = byMethod.get(request.getMethod());
    if (handler != null) {
      handler.onTimeout(request);
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debugf(
        "SIP I/O error towards %s:%d/%s", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    // nothing to clean up: sessions are keyed by Call-ID, not by transaction
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    // this user agent creates no dialogs
  }
}
