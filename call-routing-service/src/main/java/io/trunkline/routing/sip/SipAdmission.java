package io.trunkline.routing.sip;

import io.trunkline.routing.config.RoutingConfig;
import io.trunkline.routing.service.call.CallAdmission;
import io.trunkline.sip.Admission;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.SipMessage;

/**
 * The stack's question before it keeps any state for a new request: which requests get a
 * transaction at all. Only a new INVITE that {@link CallAdmission} accepts (a PBX source) while
 * there is room for its dialogs, and requests inside a dialog this service holds. Everything else
 * is answered statelessly (one datagram back, nothing kept: a stranger's INVITE 403 or nothing, an
 * OPTIONS probe 200, a request for an unknown dialog 481) or dropped. Event loop; constants only.
 */
final class SipAdmission {

  private static final Admission FORBIDDEN = Admission.respond(403, "Forbidden");
  private static final Admission NO_DIALOG =
      Admission.respond(481, SipConstants.CALL_DOES_NOT_EXIST);
  private static final Admission ALIVE = Admission.respond(200, "OK");
  private static final Admission STARTING = Admission.respond(503, "Service Unavailable");

  private final SipContext ctx;
  private final CallAdmission calls;
  private final int maxDialogs;
  private final Admission full;

  SipAdmission(SipContext ctx, CallAdmission calls, RoutingConfig.Sip config) {
    this.ctx = ctx;
    this.calls = calls;
    this.maxDialogs = config.maxDialogs();
    this.full =
        Admission.respond(
            503, "Service Unavailable", (int) Math.max(1, config.retryAfter().toSeconds()));
  }

  Admission admit(SipMessage request, Endpoint source) {
    if (!ctx.isStarted()) {
      return STARTING; // only between binding the sockets and the end of startup
    }
    String method = request.method();
    if (SipMessages.toTag(request) != null) {
      return ctx.legOf(request) != null ? Admission.ACCEPT : NO_DIALOG;
    }
    if (SipConstants.INVITE.equals(method)) {
      return newCall(request, source);
    }
    // outside a dialog OPTIONS is a liveness probe; nothing else is served here
    return SipConstants.OPTIONS.equals(method) ? ALIVE : NO_DIALOG;
  }

  private Admission newCall(SipMessage invite, Endpoint source) {
    CallAdmission.Verdict v =
        calls.newCall(
            source.host(), invite.callId(), () -> SipPbxLeg.dialledOf(invite.requestUri()));
    if (v == CallAdmission.Verdict.IGNORE) {
      return Admission.DROP;
    }
    if (v == CallAdmission.Verdict.REFUSE) {
      return FORBIDDEN;
    }
    if (ctx.pbxLegs.size() + ctx.trunkLegs.size() >= maxDialogs) {
      ctx.metrics.rejected("overload");
      return full;
    }
    return Admission.ACCEPT;
  }
}
