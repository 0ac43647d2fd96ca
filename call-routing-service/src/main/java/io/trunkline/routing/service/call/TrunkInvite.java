package io.trunkline.routing.service.call;

/**
 * What the B2BUA asks the SIP layer to send on a trunk leg (DESIGN.md 7 step 4): Request-URI {@code
 * sip:<number>@host:port;transport=..}, From and P-Asserted-Identity {@code <callerId>@fromDomain},
 * {@code X-Trunk-Name}, a fresh Call-ID (made by the SIP layer) and the PBX's body unchanged.
 * outboundProxy ({@code host[:port]}) is where it is sent, when set.
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
    SipBody body) {}
