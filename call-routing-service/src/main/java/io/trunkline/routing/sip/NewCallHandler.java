package io.trunkline.routing.sip;

import io.trunkline.sip.PeerText;
import io.trunkline.sip.ServerTransaction;
import org.jboss.logging.Logger;

/**
 * A new INVITE (no To tag) from an admitted PBX source: becomes a PBX leg (the stack already sent
 * 100 Trying) and goes to the B2BUA, which answers it now (404, 503...) or later. One it cannot
 * read gets 400.
 */
final class NewCallHandler {

  private static final Logger LOG = Logger.getLogger(NewCallHandler.class);

  private final SipContext ctx;

  NewCallHandler(SipContext ctx) {
    this.ctx = ctx;
  }

  void onInvite(ServerTransaction tx) {
    SipPbxLeg leg;
    try {
      leg = new SipPbxLeg(ctx, tx);
    } catch (RuntimeException e) {
      LOG.debugf("malformed INVITE: %s", PeerText.forLog(e.toString()));
      ctx.metrics.rejected("malformed");
      SipMessages.answer(tx, 400, "Bad Request");
      return;
    }
    tx.attach(leg);
    try {
      ctx.handler.onInvite(leg);
    } catch (RuntimeException e) {
      // The stack keeps an INVITE transaction until the TU answers it: never leave one open.
      LOG.debugf(
          "INVITE %s failed: %s", PeerText.forLog(leg.callId()), PeerText.forLog(e.toString()));
      leg.reject(500, "Server Internal Error", null); // no-op when it was answered already
    }
  }
}
