package io.trunkline.registration.sip;

import io.trunkline.platform.dns.SipLookup;
import io.trunkline.registration.domain.TrunkConfig;
import java.text.ParseException;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Builds the REGISTER and OPTIONS requests sent to a trunk. */
public final class SipRequestFactory {

  private final JainSipStack sip;
  private final String contactUri;
  private final String tlsContactUri;
  private final UnaryOperator<String> contactTokenOf;
  private final SipUris uris;

  /**
   * @param contactUri the call-routing service's public SIP address, the Contact of every REGISTER
   * @param contactTokenOf a trunk id's Contact token (the key ring's, under its current key)
   */
  public SipRequestFactory(
      JainSipStack sip, String contactUri, UnaryOperator<String> contactTokenOf) {
    this(sip, contactUri, contactUri, contactTokenOf);
  }

  /**
   * @param tlsContactUri the Contact of REGISTERs to trunks with {@code transport: TLS}:
   *     call-routing's public TLS address
   */
  public SipRequestFactory(
      JainSipStack sip,
      String contactUri,
      String tlsContactUri,
      UnaryOperator<String> contactTokenOf) {
    this.sip = sip;
    this.contactUri = contactUri;
    this.tlsContactUri = tlsContactUri;
    this.contactTokenOf = contactTokenOf;
    this.uris = new SipUris(sip::addressFactory);
  }

  /**
   * The user part of the Contact this service registers for the trunk: the trunk's Contact token,
   * so that call-routing tells which trunk an INVITE to that Contact belongs to even when several
   * trunks share the provider's addresses (and the same username).
   */
  public String contactUser(TrunkConfig t) {
    return contactTokenOf.apply(t.id());
  }

  /**
   * REGISTER for the trunk's AOR {@code sip:username@host} with our Contact (call-routing's TLS
   * address for a TLS trunk) whose user part is {@code contactUser} (the trunk's {@link
   * #contactUser}). The Request-URI is {@code sip:} with {@code transport=tls}, as call-routing's
   * requests to TLS trunks: {@code sips:} would ask for TLS on every hop behind the provider too
   * (RFC 3261 §26.2), which a provider's registrar need not offer.
   */
  public Request register(
      TrunkConfig t, String contactUser, String callId, String fromTag, long cseq, int expires)
      throws ParseException, InvalidArgumentException {
    AddressFactory af = sip.addressFactory();
    HeaderFactory hf = sip.headerFactory();
    SipURI requestUri = targetUri(t);
    Address aor = af.createAddress(uris.sipUri(t.username(), t.host()));
    boolean tls = SipConstants.TLS.equals(t.transportOrDefault());
    SipURI contact = uris.copyOf(tls ? tlsContactUri : contactUri);
    contact.setUser(contactUser);
    Request r =
        sip.messageFactory()
            .createRequest(
                requestUri,
                Request.REGISTER,
                callIdHeader(hf, callId),
                hf.createCSeqHeader(cseq, Request.REGISTER),
                hf.createFromHeader(aor, fromTag),
                hf.createToHeader(aor, null),
                List.of(via(t)),
                hf.createMaxForwardsHeader(SipConstants.MAX_FORWARDS));
    r.addHeader(hf.createContactHeader(af.createAddress(contact)));
    r.addHeader(hf.createExpiresHeader(expires));
    addCommon(t, r);
    return r;
  }

  /** OPTIONS keep-alive to the trunk, in a dialog of its own. */
  public Request options(TrunkConfig t, String callId, String fromUser, String fromTag)
      throws ParseException, InvalidArgumentException {
    AddressFactory af = sip.addressFactory();
    HeaderFactory hf = sip.headerFactory();
    SipURI requestUri = targetUri(t);
    Address from = af.createAddress(uris.sipUri(fromUser, sip.host(t.transportOrDefault())));
    Request r =
        sip.messageFactory()
            .createRequest(
                requestUri,
                Request.OPTIONS,
                callIdHeader(hf, callId),
                hf.createCSeqHeader(1L, Request.OPTIONS),
                hf.createFromHeader(from, fromTag),
                hf.createToHeader(af.createAddress(requestUri), null),
                List.of(via(t)),
                hf.createMaxForwardsHeader(SipConstants.MAX_FORWARDS));
    addCommon(t, r);
    return r;
  }

  private SipURI targetUri(TrunkConfig t) throws ParseException {
    SipURI uri = uris.sipUri(null, t.host());
    SipLookup lookup = SipLookup.forTrunk(t.host(), t.portOrDefault(), t.transportOrDefault());
    if (!lookup.needsDns() || lookup.port() != 0) {
      uri.setPort(
          t.portOrDefault()); // a domain on its default port: SRV chooses, the URI names none
    }
    if (!SipConstants.UDP.equals(t.transportOrDefault())) {
      uri.setTransportParam(t.transportOrDefault().toLowerCase());
    }
    return uri;
  }

  private ViaHeader via(TrunkConfig t) throws ParseException, InvalidArgumentException {
    String transport = t.transportOrDefault();
    // our own branch: JAIN-SIP would draw one from java.util.Random
    ViaHeader via =
        sip.headerFactory()
            .createViaHeader(
                sip.host(transport), sip.port(transport), transport, SecureIds.branch());
    // RFC 3581: answers come back to where we sent from, whatever a NAT on the way made of it
    via.setRPort();
    return via;
  }

  private static CallIdHeader callIdHeader(HeaderFactory hf, String callId) throws ParseException {
    return hf.createCallIdHeader(callId);
  }

  private void addCommon(TrunkConfig t, Request r) throws ParseException {
    HeaderFactory hf = sip.headerFactory();
    if (t.outboundProxy() != null && !t.outboundProxy().isBlank()) {
      SipURI proxy = (SipURI) sip.addressFactory().createURI("sip:" + t.outboundProxyWithPort());
      proxy.setLrParam();
      proxy.setTransportParam(t.transportOrDefault().toLowerCase());
      r.addHeader(hf.createRouteHeader(sip.addressFactory().createAddress(proxy)));
    }
    r.addHeader(hf.createUserAgentHeader(List.of(SipConstants.USER_AGENT)));
  }
}
