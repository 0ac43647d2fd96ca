package io.trunkline.registration.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.trunkline.registration.service.RegistrationMetrics;
import java.net.InetAddress;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * JAIN-SIP's first look at every parsed message, before its transaction layer: a response is let in
 * only when it belongs to one of our client transactions and comes from the address and port its
 * request was sent to. Checked later (in the listener) a forged final answer would already have
 * ended the transaction, and the registrar's real answer would then be absorbed as a
 * retransmission. (Requests were rate-limited before parsing, by the {@link DatagramGate}.)
 */
final class EdgeValve implements SIPMessageValve {

  private final RegistrationMetrics metrics;
  private SIPTransactionStack stack;

  EdgeValve(RegistrationMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(SipStack sipStack) {
    this.stack = (SIPTransactionStack) sipStack;
  }

  @Override
  public boolean processRequest(SIPRequest request, MessageChannel channel) {
    return true;
  }

  @Override
  public boolean processResponse(Response response, MessageChannel channel) {
    SIPTransaction tx = stack.findTransaction((SIPMessage) response, false);
    if (tx == null) {
      metrics.rejected("stray_response"); // its transaction ended, or never was
      return false;
    }
    InetAddress source = channel.getPeerPacketSourceAddress();
    if (source == null
        || channel.getPeerPacketSourcePort() != tx.getPeerPort()
        || !source.getHostAddress().equals(tx.getPeerAddress())) {
      metrics.rejected("response_source"); // aimed at our branch from elsewhere
      return false;
    }
    return true;
  }

  @Override
  public void destroy() {}
}
