package io.trunkline.routing.sip;

import io.trunkline.routing.service.CallMetrics;
import io.trunkline.routing.service.call.InviteHandler;
import io.trunkline.sip.ClientTransaction;
import io.trunkline.sip.ResponseListener;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.Transport;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What the SIP handlers and legs share: the stack, the B2BUA, and the live legs by Call-ID (the
 * stack keeps transactions, not dialogs, so in-dialog requests are matched to legs here).
 */
final class SipContext {

  private static final Logger LOG = Logger.getLogger(SipContext.class);

  /** For requests whose answers nobody waits for (BYE, which JAIN-SIP also sent unattended). */
  static final ResponseListener UNATTENDED =
      new ResponseListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipMessage response) {}

        @Override
        public void onTimeout(ClientTransaction tx) {
          LOG.debugf("no answer to %s", tx.request().method());
        }

        @Override
        public void onTransportError(ClientTransaction tx, Throwable cause) {
          LOG.debugf("cannot send %s: %s", tx.request().method(), cause.toString());
        }
      };

  final Vertx vertx;
  final InviteHandler handler;
  final CallMetrics metrics;

  /** PBX legs the B2BUA took on (from setListener to release); their count is a metric. */
  final Map<String, SipPbxLeg> pbxLegs = new ConcurrentHashMap<>();

  /** Trunk legs from their INVITE until they are released, hung up or finally refused. */
  final Map<String, SipTrunkLeg> trunkLegs = new ConcurrentHashMap<>();

  private volatile SipStack stack;

  SipContext(Vertx vertx, InviteHandler handler, CallMetrics metrics) {
    this.vertx = vertx;
    this.handler = handler;
    this.metrics = metrics;
  }

  /** Set once the stack listens; requests that arrive before are refused with 503. */
  void started(SipStack s) {
    this.stack = s;
  }

  SipStack stack() {
    SipStack s = stack;
    if (s == null) {
      throw new IllegalStateException("SIP stack not started");
    }
    return s;
  }

  boolean isStarted() {
    return stack != null;
  }

  /** Our Contact for a transport: the advertised address when one is configured. */
  String contact(Transport t) {
    return contact(t, false);
  }

  /**
   * Our Contact for a transport (the advertised address when one is configured, else the bound one,
   * on that transport's listener port), and for a request or dialog whose Request-URI is sips: (RFC
   * 3261 8.1.1.8, 12.1.1): then the Contact must be sips: too.
   */
  String contact(Transport t, boolean sips) {
    java.net.InetSocketAddress a = stack().sentBy(t);
    return SipMessages.contact(a.getHostString(), a.getPort(), t, sips);
  }

  /** Whether a Request-URI is a sips: URI. */
  static boolean isSips(String requestUri) {
    return requestUri != null && requestUri.regionMatches(true, 0, "sips:", 0, 5);
  }

  /** The leg whose dialog a request belongs to (Call-ID and both tags), or null. */
  DialogLeg legOf(SipMessage request) {
    String callId = request.callId();
    if (callId == null) {
      return null;
    }
    DialogLeg pbx = pbxLegs.get(callId);
    if (pbx != null && pbx.inDialog(request)) {
      return pbx;
    }
    DialogLeg trunk = trunkLegs.get(callId);
    return trunk != null && trunk.inDialog(request) ? trunk : null;
  }
}
