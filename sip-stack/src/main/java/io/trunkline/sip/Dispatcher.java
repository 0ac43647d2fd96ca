package io.trunkline.sip;

/**
 * Entry of every received message: parse, RFC 3581 on requests, then transaction matching per RFC
 * 3261 17.1.3 (responses: branch + CSeq method) and 17.2.3 (requests: branch + sent-by + method;
 * ACK and CANCEL look for the INVITE). Requests from RFC 2543 peers (no magic cookie) are keyed by
 * Call-ID, CSeq number, From tag and sent-by instead.
 */
final class Dispatcher {
  private final StackCore core;

  Dispatcher(StackCore core) {
    this.core = core;
  }

  void onMessage(byte[] data, int off, int len, Endpoint source) {
    SipMessage m;
    try {
      m = SipParser.parse(data, off, len);
    } catch (SipParseException e) {
      StackCore.LOG.debugf("dropping unparseable message from %s: %s", source, e.getMessage());
      malformed(source, e.getMessage());
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
    ServerTx existing = core.servers.get(key);
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
    if (method.equals("INVITE")) {
      InviteServerTx tx = new InviteServerTx(core, key, m, source);
      tx.start();
      core.onRequest(tx);
      return;
    }
    NonInviteServerTx tx = new NonInviteServerTx(core, key, m, source);
    tx.start();
    if (!method.equals("CANCEL")) {
      core.onRequest(tx);
      return;
    }
    // RFC 3261 9.2: a CANCEL is answered by the stack; the TU hears only of a live INVITE.
    String inviteKey = serverKey(m, via, "INVITE");
    ServerTx invite = core.servers.get(inviteKey);
    if (!(invite instanceof InviteServerTx) || invite.terminated) {
      boolean answered = core.lingering.get(inviteKey) != null;
      tx.respond(
          answered // the INVITE was answered and ACKed: 200, and nothing more (RFC 3261 9.2)
              ? m.createResponse(200, "OK")
              : m.createResponse(481, "Call/Transaction Does Not Exist"));
      return;
    }
    tx.respond(m.createResponse(200, "OK"));
    if (!invite.finalSent) {
      core.onCancel(invite);
    }
  }

  /**
   * An ACK: for a non-2xx final it matches the INVITE transaction by branch; for a 2xx it matches
   * by Call-ID, CSeq and To tag and goes to the TU once; a repeated one is absorbed.
   */
  private void onAck(SipMessage m, Via via, Endpoint source) {
    String inviteKey = serverKey(m, via, "INVITE");
    ServerTx tx = core.servers.get(inviteKey);
    if (tx instanceof InviteServerTx) {
      ((InviteServerTx) tx).onAck(m, source);
      return;
    }
    String ackKey = InviteServerTx.ackKey(m.callId(), m.cseq(), m.to().tag());
    InviteServerTx accepted = core.accepted.get(ackKey);
    if (accepted != null) {
      accepted.onAck2xx(m, source);
    } else { // a repeat of an ACK already delivered, or a stray one: never the TU's
      StackCore.LOG.debugf("dropping ACK matching no live transaction: %s", m.callId());
    }
  }

  private void onResponse(SipMessage m, Via via, Endpoint source) {
    String branch = via.branch();
    ClientTx tx = branch == null ? null : core.clients.get(branch + '|' + m.cseqMethod());
    if (tx != null) {
      tx.onResponse(m);
    } else {
      core.onStrayResponse(m, source);
    }
  }

  /**
   * RFC 3581 / RFC 3261 18.2.1: received= when the source differs from the sent-by host (always
   * with rport), rport= filled with the source port when asked for.
   */
  private static Via applyRport(SipMessage m, Via via, Endpoint source) {
    String rport = via.param("rport");
    boolean differs = !via.host().equals(source.host());
    if (rport == null && !differs) {
      return via;
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
    StringBuilder sb = new StringBuilder(96);
    if (branch != null && branch.startsWith(Via.MAGIC_COOKIE)) {
      sb.append(branch);
    } else {
      sb.append("2543|").append(m.callId()).append('|').append(m.cseq()).append('|');
      sb.append(m.from().tag()).append('|').append(branch);
    }
    return sb.append('|')
        .append(via.host())
        .append(':')
        .append(port)
        .append('|')
        .append(method)
        .toString();
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
      via = applyRport(m, via, source);
      SipMessage r = m.createResponse(400, "Bad Request");
      String text = why == null ? "" : why.replace("\\", "\\\\").replace("\"", "\\\"");
      r.addHeader("Warning", "399 " + core.options.host() + " \"" + text + "\"");
      core.send(r.encode(), core.responseTarget(via, source), null);
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
}
