package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.TrunkInvite;
import io.trunkline.sip.Endpoint;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.Transport;

/**
 * Builds a trunk leg's INVITE as {@link TrunkInvite} describes it, header for header what the
 * JAIN-SIP adapter sent: Request-URI {@code sip:<number>@host:port;transport=..}, From and
 * P-Asserted-Identity {@code <sip:callerId@fromDomain>}, To {@code <sip:number@host>},
 * X-Trunk-Name, our Contact, a loose Route to the outbound proxy when there is one, the PBX's body,
 * and the Max-Forwards and loop markers carried on from the PBX's INVITE. A trunk named by a domain
 * is sent to the address DNS resolved it to; the headers keep the name.
 */
final class TrunkInviteFactory {

  private final TrunkInvite inv;
  private final Transport transport;
  private final String callId;
  private final String fromTag;
  private final String requestUri;
  private final String fromUri;
  private final Endpoint destination;
  private final String route;

  TrunkInviteFactory(TrunkInvite inv, Transport transport, String callId, String fromTag) {
    if (inv.host() == null || inv.fromDomain() == null) {
      throw new IllegalArgumentException("trunk without host or from domain");
    }
    this.inv = inv;
    this.transport = transport;
    this.callId = callId;
    this.fromTag = fromTag;
    String t = SipMessages.param(transport);
    String port = inv.port() > 0 ? ":" + inv.port() : "";
    this.requestUri = uri(inv.number(), inv.host()) + port + ";transport=" + t;
    this.fromUri = uri(inv.callerId(), inv.fromDomain());
    if (inv.outboundProxy() == null) {
      this.destination = destination(bare(inv.host()), inv.port());
      this.route = null;
    } else {
      String host = hostOf(inv.outboundProxy());
      int proxyPort = portOf(inv.outboundProxy());
      this.destination = destination(bare(host), proxyPort);
      this.route =
          "<sip:"
              + SipMessages.uriHost(host)
              + (proxyPort > 0 ? ":" + proxyPort : "")
              + ";lr;transport="
              + t
              + '>';
    }
  }

  /**
   * A next hop: the address DNS gave for a domain-named trunk or proxy, else the host and port
   * configured. Over TLS its certificate must be for the name configured (also the SNI; for an SRV
   * target still the domain, not the target's name), unless the trunk has certificate checks off.
   */
  private Endpoint destination(String host, int port) {
    if (inv.target() != null) {
      return new Endpoint(
          transport, inv.target().address(), inv.target().port(), host, inv.tlsVerify());
    }
    int p = port > 0 ? port : transport.defaultPort();
    return new Endpoint(transport, host, p, host, inv.tlsVerify());
  }

  /** Whether in-dialog requests follow where the callee answered from (see TrunkInvite). */
  boolean followSource() {
    return inv.followSource();
  }

  /** Where the INVITE goes: the outbound proxy when set, else the trunk. */
  Endpoint destination() {
    return destination;
  }

  /** The Request-URI, which a digest answer also covers. */
  String requestUri() {
    return requestUri;
  }

  /** A new INVITE with the given CSeq (the first is 1; a challenge answer takes the next). */
  SipMessage build(long cseq, String contact) {
    SipMessage r = SipMessage.request(SipConstants.INVITE, requestUri);
    r.addHeader("Call-ID", callId);
    r.addHeader("CSeq", cseq + " " + SipConstants.INVITE);
    r.addHeader("From", "<" + fromUri + ">;tag=" + fromTag);
    r.addHeader(SipConstants.TO, "<" + uri(inv.number(), inv.host()) + ">");
    HopHeaders.write(r, inv.hops());
    r.addHeader(SipConstants.CONTACT, contact);
    r.addHeader(SipConstants.P_ASSERTED_IDENTITY, "<" + fromUri + ">");
    r.addHeader(SipConstants.X_TRUNK_NAME, inv.trunkName());
    if (route != null) {
      r.addHeader(SipConstants.ROUTE, route);
    }
    SipMessages.setBody(r, inv.body());
    return r;
  }

  private static String uri(String user, String host) {
    return "sip:" + (user == null || user.isEmpty() ? "" : user + "@") + SipMessages.uriHost(host);
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  static String hostOf(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    return c > 0 && hostPort.indexOf(']') < c && isPort(hostPort, c)
        ? hostPort.substring(0, c)
        : hostPort;
  }

  static int portOf(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    if (c > 0 && hostPort.indexOf(']') < c && isPort(hostPort, c)) {
      return Integer.parseInt(hostPort.substring(c + 1));
    }
    return -1;
  }

  /** Whether what follows the last colon is a port (not the tail of a bare IPv6 literal). */
  private static boolean isPort(String hostPort, int colon) {
    if (hostPort.indexOf(':') != colon && !hostPort.startsWith("[")) {
      return false; // several colons, no brackets: a bare IPv6 address
    }
    String p = hostPort.substring(colon + 1);
    return !p.isEmpty() && p.length() <= 5 && p.chars().allMatch(Character::isDigit);
  }
}
