package io.trunkline.routing.service.call;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Trunk;

/**
 * What the B2BUA asks the SIP layer to send on a trunk leg. The provider sees a call from the
 * trunk, never the PBX's own addressing, so every header that names the caller is rebuilt here:
 * Request-URI {@code sip:<number>@host:port;transport=..}, From and P-Asserted-Identity {@code
 * <callerId>@fromDomain}, {@code X-Trunk-Name}, a fresh Call-ID (made by the SIP layer) and the
 * PBX's body unchanged. outboundProxy ({@code host[:port]}) is where it is sent, when set. hops:
 * the Max-Forwards and loop markers it carries on from the PBX's INVITE. tlsVerify: over TLS,
 * whether the peer's certificate must chain to the trust store and name the host (or proxy).
 */
public record TrunkInvite(
    String number,
    String host,
    int port,
    String transport,
    String outboundProxy,
    String callerId,
    String fromDomain,
    String trunkName,
    SipBody body,
    Hops hops,
    boolean tlsVerify) {

  /** The INVITE for a routing candidate (its trunk, rewritten number and caller ID). */
  public static TrunkInvite to(Candidate c, SipBody body, Hops hops) {
    Trunk t = c.trunk();
    return new TrunkInvite(
        c.number(),
        t.host(),
        t.port(),
        t.transport(),
        t.outboundProxy(),
        c.callerId(),
        t.fromDomain(),
        t.name(),
        body,
        hops,
        t.tlsVerify());
  }
}
