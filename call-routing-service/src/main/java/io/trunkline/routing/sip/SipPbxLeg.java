package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.Hops;
import io.trunkline.routing.service.call.InDialogRequest;
import io.trunkline.routing.service.call.PbxLeg;
import io.trunkline.routing.service.call.Responder;
import io.trunkline.routing.service.call.SipBody;
import io.trunkline.sip.Dialog;
import io.trunkline.sip.PeerText;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipStack;
import io.trunkline.sip.SipUri;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The PBX leg: the INVITE's server transaction and, once a 101-299 answer is sent, its dialog
 * (created only then, so rejected INVITEs never create one). All answers carry the same To tag.
 */
final class SipPbxLeg extends DialogLeg implements PbxLeg {

  private static final Logger LOG = Logger.getLogger(SipPbxLeg.class);

  private final ServerTransaction tx;
  // The PBX's INVITE, until the final answer: from then on the dialog holds what the call needs,
  // and a call that lasts minutes should not keep the whole request alive.
  private SipMessage invite;
  private final SipBody offer;
  private final Hops hops;
  private final String callId;
  private final String caller;
  private final String dialled;
  private final String calledTo;
  private final String toTag = SipStack.newTag();
  private volatile Listener listener;
  private boolean finalSent;

  /** Reads what the B2BUA needs; IllegalArgumentException when the INVITE is malformed. */
  SipPbxLeg(SipContext ctx, ServerTransaction tx) {
    super(ctx, tx.source().transport());
    this.tx = tx;
    this.invite = tx.request();
    this.callId = invite.callId();
    if (callId == null || invite.from() == null || invite.to() == null || invite.topVia() == null) {
      throw new IllegalArgumentException("INVITE without Call-ID, From, To or Via");
    }
    if (invite.cseq() < 0 || !SipConstants.INVITE.equals(invite.cseqMethod())) {
      throw new IllegalArgumentException("INVITE with a bad CSeq");
    }
    this.caller = callerOf(invite);
    this.dialled = dialledOf(invite.requestUri());
    this.calledTo = toUserOf(invite);
    this.offer = SipMessages.body(invite);
    this.hops = HopHeaders.read(invite);
  }

  /** User part of a sip: From URI; for other URIs the address itself (as JAIN-SIP gave it). */
  private static String callerOf(SipMessage invite) {
    try {
      SipUri uri = invite.from().uri();
      String scheme = uri.scheme() == null ? "" : uri.scheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("sip") || scheme.equals("sips")) {
        return uri.user();
      }
    } catch (RuntimeException e) {
      // not a SIP URI: fall through to the address
    }
    String from = invite.header("From");
    int close = from.indexOf('>');
    int semi = from.indexOf(';');
    return (close >= 0 ? from.substring(0, close + 1) : semi >= 0 ? from.substring(0, semi) : from)
        .trim();
  }

  /** User part of a sip: Request-URI; null for other URIs (the B2BUA answers 404). */
  static String dialledOf(String requestUri) {
    try {
      return SipMessages.sipUser(SipUri.parse(requestUri));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String toUserOf(SipMessage invite) {
    try {
      return SipMessages.sipUser(invite.to().uri());
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public String calledTo() {
    return calledTo;
  }

  Listener listener() {
    return listener;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public String caller() {
    return caller;
  }

  @Override
  public String dialled() {
    return dialled;
  }

  @Override
  public String sourceAddress() {
    return tx.source().host();
  }

  @Override
  public SipBody body() {
    return offer;
  }

  @Override
  public Hops hops() {
    return hops;
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
    ctx.pbxLegs.put(callId, this);
  }

  @Override
  public synchronized void provisional(int code, String reason, SipBody body) {
    if (!finalSent) {
      respond(code, reason, body, null, -1);
    }
  }

  @Override
  public synchronized void answer(int code, String reason, SipBody body) {
    if (!finalSent) {
      finalSent = true;
      respond(code, reason, body, null, -1);
      invite = null;
    }
  }

  @Override
  public synchronized void reject(int code, String reason, String reasonHeader) {
    if (!finalSent) {
      finalSent = true;
      respond(code, reason, null, reasonHeader, -1);
      invite = null;
    }
  }

  @Override
  public synchronized void rejectRetryAfter(int retryAfterSeconds, String reasonHeader) {
    if (!finalSent) {
      finalSent = true;
      respond(503, "Service Unavailable", null, reasonHeader, retryAfterSeconds);
      invite = null;
    }
  }

  /** Whether a final answer went out (a CANCEL after it is too late). */
  synchronized boolean answered() {
    return finalSent;
  }

  private void respond(
      int code, String reason, SipBody body, String reasonHeader, int retryAfterSeconds) {
    try {
      SipMessage r = SipMessages.response(invite, code, reason);
      if (code > 100) {
        SipMessages.tagTo(r, toTag);
      }
      if (code > 100 && code < 300) {
        r.setHeader(
            SipConstants.CONTACT, ctx.contact(transport, SipContext.isSips(invite.requestUri())));
        if (dialog() == null) {
          Dialog d = Dialog.asUas(invite, toTag);
          d.followSourceBehindNat(tx.source()); // a PBX behind NAT: its Contact is private
          setDialog(d);
        }
      } else if (code >= 300) {
        setDialog(null); // a refused INVITE ends its early dialog
      }
      if (reasonHeader != null) {
        r.setHeader(SipConstants.REASON, reasonHeader);
      }
      if (retryAfterSeconds >= 0) {
        r.setHeader(SipConstants.RETRY_AFTER, Integer.toString(retryAfterSeconds));
      }
      SipMessages.setBody(r, body);
      tx.respond(r);
    } catch (RuntimeException e) {
      LOG.debugf(
          "cannot answer %d on PBX leg %s: %s",
          code, PeerText.forLog(callId), PeerText.forLog(e.toString()));
    }
  }

  @Override
  public void bye() {
    Outgoing bye = newRequest(SipConstants.BYE);
    if (bye == null) {
      return;
    }
    end();
    try {
      ctx.stack().sendRequest(bye.request(), bye.nextHop(), SipContext.UNATTENDED);
    } catch (RuntimeException e) {
      LOG.debugf(
          "cannot send BYE on PBX leg %s: %s",
          PeerText.forLog(callId), PeerText.forLog(e.toString()));
    }
  }

  @Override
  public void send(InDialogRequest request, Responder responder) {
    Relay.send(this, request, responder);
  }

  @Override
  public void release() {
    ctx.pbxLegs.remove(callId, this);
  }

  /** A CANCEL matched the INVITE: the call ends unless it was already answered. */
  void onCancel() {
    Listener l = listener;
    if (l != null && !answered()) {
      l.onCancel();
    }
  }

  /** The PBX's ACK for our 2xx (later ACKs, of re-INVITEs, the call ignores). */
  void onAck(SipMessage ack) {
    Listener l = listener;
    if (l != null) {
      l.onAck(SipMessages.body(ack));
    }
  }

  /** A 2xx of ours got no ACK in time. */
  void onAckTimeout() {
    Listener l = listener;
    if (l != null) {
      l.onFailure("no ACK from the PBX");
    }
  }

  @Override
  void onBye() {
    end();
    Listener l = listener;
    if (l != null) {
      l.onBye();
    }
  }

  @Override
  void onRequest(InDialogRequest request, Responder responder) {
    Listener l = listener;
    if (l != null) {
      l.onRequest(request, responder);
    } else {
      responder.respond(481, SipConstants.CALL_DOES_NOT_EXIST, null);
    }
  }
}
