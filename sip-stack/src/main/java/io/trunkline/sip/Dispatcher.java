package io.trunkline.sip;

/**
 * Entry of every received message, cheapest checks first: the start line tells a request from a
 * response, and a request from a source over its rate is dropped before anything else is read; then
 * the capped, linear parse; RFC 3581 on requests; transaction matching per RFC 3261 17.1.3
 * (responses: branch + CSeq method, and only from where the request went) and 17.2.3 (requests:
 * branch + sent-by + method; ACK and CANCEL look for the INVITE). Requests from RFC 2543 peers (no
 * magic cookie) are keyed by Call-ID, CSeq number, From tag and sent-by instead. A new request gets
 * a transaction only once the TU admitted it and the caps allow it; otherwise it is answered
 * statelessly or dropped, and leaves nothing behind.
 */
final class Dispatcher {
  final StackCore core;
  private final StatelessResponder stateless;
  private final Admission overloaded;

  Dispatcher(StackCore core) {
    this.core = core;
    this.stateless = core.stateless;
    this.overloaded =
        Admission.respond(
            503, "Service Unavailable", (int) Math.max(1, core.limits.retryAfter().toSeconds()));
  }

  void onMessage(byte[] data, int off, int len, Endpoint source) {
    int start = firstLine(data, off, off + len);
    if (start < 0) {
      return; // only CRLFs: a keep-alive
    }
    boolean response = SipText.startsWith(data, start, off + len, "SIP/2.0 ");
    if (!response && !core.rates.allow(source.host())) {
      core.rejected(source, Rejection.RATE); // counted, never logged: it may be a flood
      return;
    }
    SipMessage m;
    try {
      m = SipParser.parse(data, off, len, core.limits);
    } catch (SipParseException e) {
      if (e.partial != null && e.partial.isRequest) {
        rejectMalformed(e.partial, source, e.getMessage()); // over a cap: 400 if its Via came
      } else {
        StackCore.LOG.debugf("dropping unparseable message from %s: %s", source, e.getMessage());
        malformed(source, e.getMessage());
      }
      return;
    }
    Via via;
    try {
      SipParser.validate(m);
      via = m.topVia();
      if (m.isRequest) {
        m.from(); // syntax checked here, not in the TU
        m.to();
      }
    } catch (SipParseException | IllegalArgumentException e) {
      rejectMalformed(m, source, e.getMessage());
      return;
    }
    if (m.isRequest) {
      onRequest(m, applyRport(m, via, source), source);
    } else {
      onResponse(m, via, source);
    }
  }

  private void onRequest(SipMessage m, Via via, Endpoint source) {
    String method = m.method;
    if (method.equals("ACK")) {
      onAck(m, via, source);
      return;
    }
    String key = serverKey(m, via, method);
    AbstractServerTransaction existing = core.servers.get(key);
    if (existing != null) {
      existing.onRetransmission();
      return;
    }
    byte[] linger = core.lingering.get(key);
    if (linger != null) { // a retransmission of a request already answered
      if (linger.length > 0) {
        core.send(linger, core.responseTarget(via, source), null);
      }
      return;
    }
    if (method.equals("CANCEL")) {
      onCancel(m, via, source, key);
      return;
    }
    Admission a = admit(m, source);
    boolean newCall = method.equals("INVITE") && m.to().tag() == null;
    if (a.accepted() && core.overloaded(newCall)) {
      core.rejected(source, Rejection.OVERLOAD);
      a = overloaded;
    }
    if (a.dropped()) {
      return;
    }
    if (!a.accepted()) {
      stateless.respond(m, via, source, a.status(), a.reason(), a.retryAfterSeconds());
      return;
    }
    if (method.equals("INVITE")) {
      InviteServerTransaction tx = new InviteServerTransaction(core, key, m, source);
      tx.start();
      core.onRequest(tx);
      return;
    }
    NonInviteServerTransaction tx = new NonInviteServerTransaction(core, key, m, source);
    tx.start();
    core.onRequest(tx);
  }

  /**
   * RFC 3261 9.2: a CANCEL is answered by the stack. Only one that matches a live INVITE gets a
   * transaction (and the TU hears of it); the others are answered statelessly: 200 when the INVITE
   * was answered and ACKed (it lingers), else 481.
   */
  private void onCancel(SipMessage m, Via via, Endpoint source, String key) {
    String inviteKey = serverKey(m, via, "INVITE");
    AbstractServerTransaction invite = core.servers.get(inviteKey);
    if (!(invite instanceof InviteServerTransaction) || invite.terminated) {
      if (core.lingering.get(inviteKey) != null) {
        stateless.respond(m, via, source, 200, "OK", 0);
      } else {
        stateless.respond(m, via, source, 481, "Call/Transaction Does Not Exist", 0);
      }
      return;
    }
    NonInviteServerTransaction tx = new NonInviteServerTransaction(core, key, m, source);
    tx.start();
    tx.respond(m.createResponse(200, "OK"));
    if (!invite.finalSent) {
      core.onCancel(invite);
    }
  }

  private Admission admit(SipMessage m, Endpoint source) {
    try {
      Admission a = core.handler.admit(m, source);
      return a == null ? Admission.ACCEPT : a;
    } catch (RuntimeException | AssertionError e) {
      StackCore.LOG.debug("SipHandler.admit threw", e);
      return Admission.respond(500, "Server Internal Error");
    }
  }

  /**
   * An ACK: for a non-2xx final it matches the INVITE transaction by branch; for a 2xx it matches
   * by Call-ID, CSeq and To tag and goes to the TU once; a repeated one is absorbed.
   */
  private void onAck(SipMessage m, Via via, Endpoint source) {
    String inviteKey = serverKey(m, via, "INVITE");
    AbstractServerTransaction tx = core.servers.get(inviteKey);
    if (tx instanceof InviteServerTransaction) {
      ((InviteServerTransaction) tx).onAck(m, source);
      return;
    }
    String ackKey = InviteServerTransaction.ackKey(m.callId(), m.cseq(), m.to().tag());
    InviteServerTransaction accepted = core.accepted.get(ackKey);
    if (accepted != null) {
      accepted.onAck2xx(m, source);
    } // else a repeat of an ACK already delivered, or a stray one: never the TU's
  }

  private void onResponse(SipMessage m, Via via, Endpoint source) {
    String branch = via.branch();
    AbstractClientTransaction tx =
        branch == null ? null : core.clients.get(branch + '|' + m.cseqMethod());
    if (tx == null) {
      core.onStrayResponse(m, source);
    } else if (tx.answeredFrom(source)) {
      tx.onResponse(m);
    } else {
      core.rejected(source, Rejection.RESPONSE_SOURCE); // someone aiming at our branch
    }
  }

  /**
   * RFC 3581 / RFC 3261 18.2.1: the stack alone says where responses go. A received= the sender put
   * in its Via is removed (it would make us answer wherever it points), received= is set to the
   * packet's source when that differs from the sent-by host (always with rport), rport= is filled
   * with the source port when asked for.
   */
  private static Via applyRport(SipMessage m, Via via, Endpoint source) {
    String rport = via.param("rport");
    boolean differs = !via.host().equals(source.host());
    if (rport == null && !differs) {
      if (via.param("received") == null) {
        return via;
      }
      Via v = via.withoutParam("received");
      m.setTopVia(v);
      return v;
    }
    Via v = via.withParam("received", source.host());
    if (rport != null) {
      v = v.withParam("rport", Integer.toString(source.port()));
    }
    m.setTopVia(v);
    return v;
  }

  static String serverKey(SipMessage m, Via via, String method) {
    String branch = via.branch();
    int port = via.port() < 0 ? 5060 : via.port();
    // one concatenation: a single exactly sized array (a builder and its copy were two)
    String id =
        branch != null && branch.startsWith(Via.MAGIC_COOKIE)
            ? branch
            : "2543|" + m.callId() + '|' + m.cseq() + '|' + m.from().tag() + '|' + branch;
    return id + '|' + via.host() + ':' + port + '|' + method;
  }

  /** A request we could read but not accept: 400 when its Via allows an answer (never to ACK). */
  private void rejectMalformed(SipMessage m, Endpoint source, String why) {
    malformed(source, why);
    if (!m.isRequest || m.method.equals("ACK")) {
      StackCore.LOG.debugf("dropping malformed message from %s: %s", source, why);
      return;
    }
    try {
      Via via = m.topVia();
      if (via == null) {
        StackCore.LOG.debugf("malformed request without Via from %s: %s", source, why);
        return;
      }
      stateless.badRequest(m, applyRport(m, via, source), source, why);
    } catch (RuntimeException e) {
      StackCore.LOG.debugf("cannot answer malformed request from %s: %s (%s)", source, why, e);
    }
  }

  private void malformed(Endpoint source, String why) {
    try {
      core.handler.onMalformed(source, why);
    } catch (RuntimeException e) {
      StackCore.LOG.debugf("handler failed on a malformed message: %s", e.toString());
    }
  }

  /** Start of the first line (leading CRLFs skipped, RFC 3261 7.5), -1 when there is none. */
  private static int firstLine(byte[] d, int p, int end) {
    while (p < end && (d[p] == '\r' || d[p] == '\n')) {
      p++;
    }
    return p < end ? p : -1;
  }
}
