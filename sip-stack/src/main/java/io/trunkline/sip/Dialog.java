package io.trunkline.sip;

import java.util.Collections;
import java.util.List;

/**
 * RFC 3261 section 12 dialog state for one leg: Call-ID, tags, the local and remote addresses, the
 * route set and remote target, and the local CSeq. Builds in-dialog requests (12.2.1.1, loose and
 * strict routing) and the ACK for a 2xx. Not thread-safe: one leg, one thread.
 */
public final class Dialog {
  private final String callId;
  private final String localTag;
  private final String remoteTag;
  private final String localAddress; // From of our requests, with our tag
  private final String remoteAddress; // To of our requests, with their tag
  private final List<String> routeSet;
  private String remoteTarget;
  private long localCseq;
  private String localContact;
  private Endpoint flow; // where the peer's requests come from, when that beats its Contact

  private Dialog(
      String callId,
      String localTag,
      String remoteTag,
      String localAddress,
      String remoteAddress,
      List<String> routeSet,
      String remoteTarget,
      long localCseq) {
    this.callId = callId;
    this.localTag = localTag;
    this.remoteTag = remoteTag;
    this.localAddress = localAddress;
    this.remoteAddress = remoteAddress;
    this.routeSet = routeSet;
    this.remoteTarget = remoteTarget;
    this.localCseq = localCseq;
  }

  /** UAC side (12.1.2): from our INVITE and a 1xx/2xx carrying the To tag. */
  public static Dialog asUac(SipMessage invite, SipMessage response) {
    List<String> routes = response.headers(HeaderNames.RECORD_ROUTE);
    Collections.reverse(routes);
    NameAddr to = response.to();
    return new Dialog(
        invite.callId(),
        invite.from().tag(),
        to.tag(),
        invite.header(HeaderNames.FROM),
        response.header(HeaderNames.TO),
        routes,
        contactUri(response, invite.requestUri()),
        invite.cseq());
  }

  /** UAS side (12.1.1): from the received INVITE and the To tag we answer with. */
  public static Dialog asUas(SipMessage invite, String localTag) {
    NameAddr to = invite.to();
    String local = to.tag() == null ? to.withTag(localTag).toString() : to.toString();
    return new Dialog(
        invite.callId(),
        localTag,
        invite.from().tag(),
        local,
        invite.header(HeaderNames.FROM),
        invite.headers(HeaderNames.RECORD_ROUTE),
        contactUri(invite, invite.from().uriText()),
        0);
  }

  public String callId() {
    return callId;
  }

  public String localTag() {
    return localTag;
  }

  public String remoteTag() {
    return remoteTag;
  }

  public String remoteTarget() {
    return remoteTarget;
  }

  public List<String> routeSet() {
    return Collections.unmodifiableList(routeSet);
  }

  public long localCseq() {
    return localCseq;
  }

  /** Contact added to requests this dialog creates (a target refresh needs one); null: none. */
  public Dialog setLocalContact(String contact) {
    this.localContact = contact;
    return this;
  }

  /** A new in-dialog request: CSeq one above the last, Route set and Request-URI per 12.2.1.1. */
  public SipMessage createRequest(String method) {
    return build(method, ++localCseq);
  }

  /** The ACK for a 2xx: CSeq number of the INVITE, method ACK. */
  public SipMessage createAck(long inviteCseq) {
    return build("ACK", inviteCseq);
  }

  /**
   * Sends this dialog's requests back to where the peer's dialog-creating request came from, when
   * that was over UDP and not the address its Contact names (and no route set exists). A peer
   * behind a NAT writes its private address into Contact, which nobody outside reaches; the mapping
   * its router opened for the INVITE reaches it, as the responses to it already do (RFC 3581). Over
   * TCP the connection is reused anyway.
   */
  public void followSourceBehindNat(Endpoint source) {
    if (source.transport() != Transport.UDP || !routeSet.isEmpty()) {
      return;
    }
    Endpoint contact;
    try {
      contact = Endpoint.of(SipUri.parse(remoteTarget), Transport.UDP);
    } catch (IllegalArgumentException e) {
      flow = source; // a Contact we could not send to anyway
      return;
    }
    if (!contact.host().equals(source.host()) || contact.port() != source.port()) {
      flow = source;
    }
  }

  /**
   * Where to send in-dialog requests: the first route, else the peer's source behind a NAT (see
   * {@link #followSourceBehindNat}), else the remote target.
   */
  public Endpoint nextHop(Transport dflt) {
    if (flow != null && routeSet.isEmpty()) {
      return flow;
    }
    String uri = routeSet.isEmpty() ? remoteTarget : NameAddr.parse(routeSet.get(0)).uriText();
    return Endpoint.of(SipUri.parse(uri), dflt);
  }

  /** Target refresh (12.2): the Contact of a re-INVITE (or UPDATE) or its 2xx. */
  public void updateTarget(SipMessage requestOrResponse) {
    String contact = requestOrResponse.header(HeaderNames.CONTACT);
    if (contact != null) {
      remoteTarget = NameAddr.parse(contact).uriText();
    }
  }

  private SipMessage build(String method, long cseq) {
    boolean strict = !routeSet.isEmpty() && !looseRoute(routeSet.get(0));
    SipMessage m;
    if (strict) { // 12.2.1.1: first route as Request-URI, remote target appended as last route
      m = SipMessage.request(method, NameAddr.parse(routeSet.get(0)).uriText());
      for (int i = 1; i < routeSet.size(); i++) {
        m.addHeader(HeaderNames.ROUTE, routeSet.get(i));
      }
      m.addHeader(HeaderNames.ROUTE, "<" + remoteTarget + ">");
    } else {
      m = SipMessage.request(method, remoteTarget);
      for (String r : routeSet) {
        m.addHeader(HeaderNames.ROUTE, r);
      }
    }
    m.addHeader(HeaderNames.MAX_FORWARDS, "70");
    m.addHeader(HeaderNames.FROM, localAddress);
    m.addHeader(HeaderNames.TO, remoteAddress);
    m.addHeader(HeaderNames.CALL_ID, callId);
    m.addHeader(HeaderNames.CSEQ, cseq + " " + method);
    if (localContact != null && !method.equals("ACK")) {
      m.addHeader(HeaderNames.CONTACT, localContact);
    }
    return m;
  }

  private static boolean looseRoute(String route) {
    return NameAddr.parse(route).uri().param("lr") != null;
  }

  private static String contactUri(SipMessage m, String fallback) {
    String contact = m.header(HeaderNames.CONTACT);
    return contact == null ? fallback : NameAddr.parse(contact).uriText();
  }
}
