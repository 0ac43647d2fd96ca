package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.InviteHandler;
import io.trunkline.routing.service.call.SipBody;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;

/** What the SIP handlers share: the provider, factories and the live PBX legs. */
final class SipContext {

  final SipProvider provider;
  final AddressFactory addresses;
  final HeaderFactory headers;
  final MessageFactory messages;
  final String host;
  final int port;
  final InviteHandler handler;

  /** PBX legs by Call-ID, to match CANCELs; entries leave when the call ends. */
  final Map<String, JainPbxLeg> pbxLegs = new ConcurrentHashMap<>();

  SipContext(
      SipProvider provider,
      AddressFactory addresses,
      HeaderFactory headers,
      MessageFactory messages,
      String host,
      int port,
      InviteHandler handler) {
    this.provider = provider;
    this.addresses = addresses;
    this.headers = headers;
    this.messages = messages;
    this.host = host;
    this.port = port;
    this.handler = handler;
  }

  /** Our Contact for a transport. */
  ContactHeader contact(String transport) throws java.text.ParseException {
    SipURI uri = addresses.createSipURI(SipConstants.CONTACT_USER, host);
    uri.setPort(port);
    uri.setTransportParam(transport.toLowerCase());
    return headers.createContactHeader(addresses.createAddress(uri));
  }

  /** Copies a body onto a message, unchanged. */
  void setBody(Message m, SipBody body) throws java.text.ParseException {
    if (body == null || body.content() == null || body.content().length == 0) {
      return;
    }
    String ct = body.contentType() == null ? "application/sdp" : body.contentType();
    // The full value (parameters included) is kept so that the body passes through unchanged.
    ContentTypeHeader h = (ContentTypeHeader) headers.createHeader(ContentTypeHeader.NAME, ct);
    m.setContent(body.content(), h);
  }

  /** The body of a message, or null. */
  static SipBody body(Message m) {
    byte[] raw = m.getRawContent();
    if (raw == null || raw.length == 0) {
      return null;
    }
    ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
    String type =
        ct == null
            ? "application/sdp"
            : ((gov.nist.javax.sip.header.SIPHeader) ct).getHeaderValue().trim();
    return new SipBody(type, raw);
  }

  /** A random tag. */
  static String tag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }
}
