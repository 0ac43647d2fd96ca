package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.SipBody;
import io.trunkline.sip.NameAddr;
import io.trunkline.sip.PeerText;
import io.trunkline.sip.ServerTransaction;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipUri;
import io.trunkline.sip.Transport;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Small conversions between the stack's messages and what the B2BUA logic sees. */
final class SipMessages {

  private static final Logger LOG = Logger.getLogger(SipMessages.class);

  private SipMessages() {}

  /** A bodiless answer on a server transaction (To tag: the transaction's own). */
  static void answer(ServerTransaction tx, int code, String reason) {
    try {
      tx.respond(response(tx.request(), code, reason));
    } catch (RuntimeException e) {
      LOG.debugf("cannot answer %s: %s", tx.request().method(), e.toString());
    }
  }

  /** The body of a message, or null; the Content-Type is kept whole (parameters included). */
  static SipBody body(SipMessage m) {
    byte[] raw = m.body();
    if (raw.length == 0) {
      return null;
    }
    String type = m.contentType();
    return new SipBody(type == null ? SipConstants.DEFAULT_CONTENT_TYPE : type.trim(), raw);
  }

  /** Copies a body onto a message, unchanged, so that SDP passes through byte for byte. */
  static void setBody(SipMessage m, SipBody body) {
    if (body == null || body.content() == null || body.content().length == 0) {
      return;
    }
    String type =
        body.contentType() == null ? SipConstants.DEFAULT_CONTENT_TYPE : body.contentType();
    m.setBody(type, body.content());
  }

  /** A response to a request; a null reason becomes the standard phrase of the code. */
  static SipMessage response(SipMessage request, int code, String reason) {
    return request.createResponse(code, reason == null ? SipConstants.reasonPhrase(code) : reason);
  }

  /**
   * Sets the To tag of a response; a To the stack accepted but that does not take a tag is left as
   * it came, so that the request is still answered.
   */
  static void tagTo(SipMessage response, String tag) {
    try {
      response.setHeader(SipConstants.TO, response.to().withTag(tag).toString());
    } catch (RuntimeException e) {
      LOG.debugf("To left untagged: %s", PeerText.forLog(e.toString()));
    }
  }

  /** The tag of a request's To header, or null (also when the header is unreadable). */
  static String toTag(SipMessage m) {
    try {
      NameAddr to = m.to();
      return to == null ? null : to.tag();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The tag of a request's From header, or null (also when the header is unreadable). */
  static String fromTag(SipMessage m) {
    try {
      NameAddr from = m.from();
      return from == null ? null : from.tag();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The user part of a sip:/sips: URI, or null for other schemes and URIs without one. */
  static String sipUser(SipUri uri) {
    if (uri == null || uri.scheme() == null) {
      return null;
    }
    String scheme = uri.scheme().toLowerCase(Locale.ROOT);
    return scheme.equals("sip") || scheme.equals("sips") ? uri.user() : null;
  }

  /** The transport= parameter value for a transport (lower case, as JAIN-SIP wrote it). */
  static String param(Transport t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  /** A trunk's configured transport; null means UDP; anything but UDP/TCP/TLS cannot be sent. */
  static Transport transport(String name) {
    if (name == null || name.isBlank()) {
      return Transport.UDP;
    }
    for (Transport t : Transport.values()) {
      if (t.name().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unsupported transport " + name);
  }

  /** A host as it goes into a URI: IPv6 literals in brackets. */
  static String uriHost(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Our Contact value for a transport; a sips: Contact needs no transport=tls, but keeps it. */
  static String contact(String host, int port, Transport t, boolean sips) {
    return (sips ? "<sips:" : "<sip:")
        + SipConstants.CONTACT_USER
        + '@'
        + uriHost(host)
        + ':'
        + port
        + ";transport="
        + param(t)
        + '>';
  }
}
