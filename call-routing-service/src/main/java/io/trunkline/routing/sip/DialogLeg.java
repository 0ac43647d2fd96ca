package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.sip.Dialog;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.Transport;
import java.util.Objects;

/**
 * What both legs share: one RFC 3261 dialog (the stack's {@link Dialog} is not thread-safe, and the
 * B2BUA's timer thread also uses legs, so every use is under the leg's lock) and the transport
 * in-dialog requests default to.
 */
abstract class DialogLeg {

  /** A request built in the dialog and where it goes. */
  record Outgoing(SipMessage request, Endpoint nextHop) {}

  final SipContext ctx;
  final Transport transport;
  private Dialog dialog;
  private boolean ended;

  DialogLeg(SipContext ctx, Transport transport) {
    this.ctx = ctx;
    this.transport = transport;
  }

  /** A BYE came on the dialog (the 200 is already sent). */
  abstract void onBye();

  /** Any other request came on the dialog; the answer goes to the responder. */
  abstract void onRequest(InDialogRequest request, Responder responder);

  /** Whether a received request belongs to this dialog: Call-ID and both tags match. */
  final synchronized boolean inDialog(SipMessage request) {
    return dialog != null
        && !ended
        && dialog.callId().equals(request.callId())
        && Objects.equals(dialog.localTag(), SipMessages.toTag(request))
        && Objects.equals(dialog.remoteTag(), SipMessages.fromTag(request));
  }

  final synchronized boolean hasDialog() {
    return dialog != null && !ended;
  }

  final synchronized Dialog dialog() {
    return dialog;
  }

  final synchronized void setDialog(Dialog d) {
    this.dialog = d;
  }

  /** After a BYE either way: the dialog matches nothing more and builds no more requests. */
  final synchronized void end() {
    ended = true;
  }

  /** A new request in the dialog (CSeq one up), or null when there is none. */
  final synchronized Outgoing newRequest(String method) {
    if (dialog == null || ended) {
      return null;
    }
    return new Outgoing(dialog.createRequest(method), hop(dialog.nextHop(transport)));
  }

  /** The ACK of a 2xx to an INVITE sent in this dialog, or null when there is no dialog. */
  final synchronized Outgoing newAck(long inviteCseq) {
    if (dialog == null) {
      return null;
    }
    return new Outgoing(dialog.createAck(inviteCseq), hop(dialog.nextHop(transport)));
  }

  /** Where an in-dialog request goes; a leg may add what the dialog does not know (TLS peer). */
  Endpoint hop(Endpoint nextHop) {
    return nextHop;
  }

  /** Target refresh (RFC 3261 12.2): a re-INVITE or UPDATE, or the 2xx answering ours. */
  final synchronized void refreshTarget(SipMessage m) {
    if (dialog != null) {
      dialog.updateTarget(m);
    }
  }
}
