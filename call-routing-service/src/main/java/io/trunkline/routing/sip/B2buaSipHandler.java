package io.trunkline.routing.sip;

import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.call.CallAdmission;
import io.trunkline.sip.Admission;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.PeerText;
import io.trunkline.sip.Rejection;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipHandler;
import io.trunkline.sip.SipMessage;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The stack's one handler: decides which new requests get a transaction ({@link SipAdmission}),
 * dispatches the admitted ones by method to {@link NewCallHandler} and {@link InDialogHandler}, and
 * CANCEL, ACK and ACK timeouts to the PBX leg they concern; counts what the stack shed. Runs on the
 * stack's event loop, so it never blocks: the B2BUA's call state is quick to lock and its event
 * publishing is asynchronous.
 */
final class B2buaSipHandler implements SipHandler {

  private static final Logger LOG = Logger.getLogger(B2buaSipHandler.class);

  private final SipContext ctx;
  private final CallAdmission calls;
  private final SipAdmission admission;
  private final NewCallHandler newCalls;
  private final InDialogHandler inDialog;

  B2buaSipHandler(SipContext ctx, CallAdmission calls, RoutingConfig.Sip config) {
    this.ctx = ctx;
    this.calls = calls;
    this.admission = new SipAdmission(ctx, calls, config);
    this.newCalls = new NewCallHandler(ctx);
    this.inDialog = new InDialogHandler(ctx);
  }

  @Override
  public Admission admit(SipMessage request, Endpoint source) {
    return admission.admit(request, source);
  }

  @Override
  public boolean isTrustedSource(String ip) {
    return calls.trusted(ip);
  }

  @Override
  public void onRejected(Endpoint source, Rejection reason) {
    ctx.metrics.rejected(reason.label());
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
        default -> inDialog.onRequest(tx);
      }
    } catch (RuntimeException e) {
      // A header the stack parses lazily may still be unreadable: drop like JAIN-SIP did.
      LOG.debugf("request %s dropped: %s", req.method(), PeerText.forLog(e.toString()));
    }
  }

  /** An OPTIONS inside a dialog is relayed (outside one SipAdmission answers it statelessly). */
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
    toPbxLeg(invite, SipPbxLeg::onCancel);
  }

  @Override
  public void onAck(SipMessage ack, Endpoint source) {
    try {
      SipPbxLeg leg = ack.callId() == null ? null : ctx.pbxLegs.get(ack.callId());
      if (leg != null && leg.inDialog(ack)) {
        leg.onAck(ack);
      }
    } catch (RuntimeException e) {
      LOG.debugf("ACK dropped: %s", PeerText.forLog(e.toString()));
    }
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    toPbxLeg(invite, SipPbxLeg::onAckTimeout);
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

  /** Hands an INVITE's event to the PBX leg it belongs to; none: it ended already. */
  private static void toPbxLeg(ServerTransaction invite, Consumer<SipPbxLeg> event) {
    if (invite.attachment() instanceof SipPbxLeg leg) {
      event.accept(leg);
    }
  }
}
