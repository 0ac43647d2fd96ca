package io.trunkline.sip;

/**
 * Answers without a transaction: one response per request datagram, nothing retransmitted, nothing
 * remembered. The To tag is derived from the request (a keyed hash of Call-ID, From tag and
 * branch), so a retransmitted request gets the very same answer, as RFC 3261 8.2.7 asks of a
 * stateless UAS, without any state or random draw.
 */
final class StatelessResponder {
  private final StackCore core;
  private final long secret = RandomIds.nextLong();

  StatelessResponder(StackCore core) {
    this.core = core;
  }

  /** A final answer to a request whose top Via (RFC 3581 applied) is via. */
  void respond(SipMessage request, Via via, Endpoint source, int status, String reason, int retry) {
    SipMessage r = request.createResponse(status, reason);
    NameAddr to = r.to();
    if (to != null && to.tag() == null) {
      r.setHeader(HeaderNames.TO, to.withTag(tag(request, via)).toString());
    }
    if (retry > 0) {
      r.headers.append("Retry-After", Integer.toString(retry));
    }
    core.send(r.encode(), core.responseTarget(via, source), null);
  }

  /** 400 with the reason in a Warning (RFC 3261 20.43), escaped: it may quote the peer. */
  void badRequest(SipMessage request, Via via, Endpoint source, String why) {
    SipMessage r = request.createResponse(400, "Bad Request");
    NameAddr to = toOrNull(r);
    if (to != null && to.tag() == null) {
      r.setHeader(HeaderNames.TO, to.withTag(tag(request, via)).toString());
    }
    String text = SipText.forLog(why).replace("\\", "\\\\"); // a quoted-string
    r.headers.append(
        "Warning", "399 " + SipText.hostForWire(core.options.host()) + " \"" + text + '"');
    core.send(r.encode(), core.responseTarget(via, source), null);
  }

  private static NameAddr toOrNull(SipMessage r) {
    try {
      return r.to();
    } catch (IllegalArgumentException e) {
      return null; // a malformed To is sent back as it came
    }
  }

  private String tag(SipMessage request, Via via) {
    long h = secret;
    h = mix(h, request.headers.first(HeaderNames.CALL_ID));
    h = mix(h, request.headers.first(HeaderNames.FROM));
    h = mix(h, via.branch());
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return Long.toHexString(h);
  }

  /** FNV-1a over the chars. */
  private static long mix(long h, String s) {
    if (s != null) {
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001B3L;
      }
    }
    return h * 0x100000001B3L;
  }
}
