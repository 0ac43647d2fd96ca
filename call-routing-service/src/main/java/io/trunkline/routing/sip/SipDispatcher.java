package io.trunkline.routing.sip;

import io.trunkline.sip.Endpoint;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipHandler;
import io.trunkline.sip.SipMessage;
import org.jboss.logging.Logger;

/**
 * The stack's one handler: dispatches requests by method to {@link NewCallHandler} and {@link
 * InDialogHandler}, and CANCEL, ACK and ACK timeouts to the PBX leg they concern. Runs on the
 * stack's event loop, so it never blocks: the B2BUA's call state is quick to lock and its event
 * publishing is asynchronous.
 */
final class SipDispatcher implements SipHandler {

  private static final Logger LOG = Logger.getLogger(SipDispatcher.class);

  private final SipContext ctx;
  private final NewCallHandler newCalls;
  private final InDialogHandler inDialog;

  SipDispatcher(SipContext ctx) {
    this.ctx = ctx;
    this.newCalls = new NewCallHandler(ctx);
    this.inDialog = new InDialogHandler(ctx);
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipMessage req = tx.request();
    try {
      if (!ctx.isStarted()) {
        // Only in the moment between binding the sockets and the end of startup.
        SipMessages.answer(tx, 503, "Service Unavailable");
        return;
      }
      switch (req.method()) {
        case SipConstants.INVITE -> {
          if (SipMessages.toTag(req) == null) {
            newCalls.onInvite(tx);
          } else {
            inDialog.onRequest(tx); // re-INVITE; 481 when its dialog is unknown
          }
        }
        case SipConstants.BYE -> inDialog.onBye(tx);
        case SipConstants.OPTIONS -> options(tx);
        // A CANCEL the stack did not match to an unanswered INVITE.
        case SipConstants.CANCEL -> SipMessages.answer(tx, 481, SipConstants.CALL_DOES_NOT_EXIST);
        default -> inDialog.onRequest(tx);
      }
    } catch (RuntimeException e) {
      // A header the stack parses lazily may still be unreadable: drop like JAIN-SIP did.
      LOG.debugf("request %s dropped: %s", req.method(), e.toString());
    }
  }

  /** Outside a dialog OPTIONS is a liveness probe: 200 at once; inside one it is relayed. */
  private void options(ServerTransaction tx) {
    DialogLeg leg = ctx.legOf(tx.request());
    if (leg == null) {
      SipMessages.answer(tx, 200, "OK");
    } else {
      inDialog.onRequest(tx, leg);
    }
  }

  @Override
  public void onCancel(ServerTransaction invite) {
    if (invite.attachment() instanceof SipPbxLeg leg) {
      leg.onCancel();
    }
  }

  @Override
  public void onAck(SipMessage ack, Endpoint source) {
    try {
      SipPbxLeg leg = ack.callId() == null ? null : ctx.pbxLegs.get(ack.callId());
      if (leg != null && leg.inDialog(ack)) {
        leg.onAck(ack);
      }
    } catch (RuntimeException e) {
      LOG.debugf("ACK dropped: %s", e.toString());
    }
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    if (invite.attachment() instanceof SipPbxLeg leg) {
      leg.onAckTimeout();
    }
  }

  @Override
  public void onStrayResponse(SipMessage response, Endpoint source) {
    if (response.status() >= 200
        && response.status() < 300
        && SipConstants.INVITE.equals(response.cseqMethod())
        && response.callId() != null) {
      SipTrunkLeg leg = ctx.trunkLegs.get(response.callId());
      if (leg != null) {
        leg.onStrayAnswer(response);
      }
    }
  }

  @Override
  public void onMalformed(Endpoint source, String why) {
    ctx.metrics.rejected("malformed");
  }
}
