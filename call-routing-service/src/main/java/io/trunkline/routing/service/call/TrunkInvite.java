package io.trunkline.routing.service.call;

import io.trunkline.routing.service.Candidate;
import io.trunkline.routing.service.Trunk;
import io.trunkline.routing.service.TrunkTargets;

/**
 * What the B2BUA asks the SIP layer to send on a trunk leg. The provider sees a call from the
 * trunk, never the PBX's own addressing, so every header that names the caller is rebuilt here:
 * Request-URI {@code sip:<number>@host:port;transport=..}, From and P-Asserted-Identity {@code
 * <callerId>@fromDomain}, {@code X-Trunk-Name}, a fresh Call-ID (made by the SIP layer) and the
 * PBX's body unchanged. outboundProxy ({@code host[:port]}) is where it is sent, when set. hops:
 * the Max-Forwards and loop markers it carries on from the PBX's INVITE. target: the address DNS
 * gave for a trunk (or proxy) named by a domain, sent to instead of the name; null for IP literals.
 * port is 0 when DNS (SRV) chose it, so the Request-URI names none. tlsVerify: over TLS, whether
 * the peer's certificate must chain to the trust store and name the host (or proxy). followSource:
 * the callee is a PBX of an inbound call, which may sit behind a router that forwards the SIP port
 * while its Contact names its private address: in-dialog requests go where it answered from.
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
    TrunkTargets.Target target,
    boolean tlsVerify,
    boolean followSource) {

  /** The INVITE for a routing candidate (its trunk, rewritten number and caller ID). */
  public static TrunkInvite to(Candidate c, SipBody body, Hops hops) {
    return to(c, body, hops, null);
  }

  /** The INVITE for a candidate, sent to one of the addresses DNS gave (null: as configured). */
  public static TrunkInvite to(Candidate c, SipBody body, Hops hops, TrunkTargets.Target target) {
    Trunk t = c.trunk();
    boolean srvPort = target != null && t.port() == ("TLS".equals(t.transport()) ? 5061 : 5060);
    return new TrunkInvite(
        c.number(),
        t.host(),
        srvPort ? 0 : t.port(),
        target != null ? target.transport() : t.transport(),
        t.outboundProxy(),
        c.callerId(),
        t.fromDomain(),
        t.name(),
        body,
        hops,
        target,
        t.tlsVerify(),
        t.isPbxDestination());
  }
}
