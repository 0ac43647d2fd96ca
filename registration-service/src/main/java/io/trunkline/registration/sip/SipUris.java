package io.trunkline.registration.sip;

import gov.nist.javax.sip.address.SipUri;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;

/**
 * The SIP URIs of the requests this service sends, made without JAIN-SIP's text parser where the
 * parser has nothing to check. Its parser turned {@code user@host} back and forth through text
 * three times per REGISTER (Request-URI, To/From, Contact) and ends every parse with an exception
 * it throws and catches itself: about a third of the engine thread's time in a registration burst.
 * A user and a host of plain characters (letters, digits, {@code . - _ + ~ !}, an IPv4 address or a
 * host name) are set directly; anything else still goes through the parser, which accepts or
 * refuses it as before. Fixed URIs (the Contact addresses from the configuration) are parsed once
 * and copied.
 */
final class SipUris {

  /** Besides ASCII letters and digits, what a plain host and a plain user may hold. */
  private static final String HOST_EXTRA = ".-";

  private static final String USER_EXTRA = ".-_+~!";

  private final Supplier<AddressFactory> factory;
  private final Map<String, SipURI> parsed = new ConcurrentHashMap<>();

  /**
   * @param factory the stack's address factory (there once the stack has started)
   */
  SipUris(Supplier<AddressFactory> factory) {
    this.factory = factory;
  }

  /** {@code sip:user@host}, or {@code sip:host} when {@code user} is null. */
  SipURI sipUri(String user, String host) throws ParseException {
    if ((user == null || plain(user, false)) && plain(host, true)) {
      SipUri uri = new SipUri();
      uri.setHost(host);
      if (user != null) {
        uri.setUser(user);
      }
      return uri;
    }
    return factory.get().createSipURI(user, host);
  }

  /** A copy of the SIP URI {@code text} (a configured one: parsed once), free to change. */
  SipURI copyOf(String text) throws ParseException {
    SipURI uri = parsed.get(text);
    if (uri == null) {
      uri = (SipURI) factory.get().createURI(text);
      parsed.put(text, uri);
    }
    return (SipURI) uri.clone();
  }

  /**
   * Whether {@code s} needs no parser: unreserved characters only (a host: letters, digits, dots
   * and dashes, not starting or ending with a dot or dash).
   */
  static boolean plain(String s, boolean host) {
    int n = s.length();
    if (n == 0 || n > 255) {
      return false;
    }
    String extra = host ? HOST_EXTRA : USER_EXTRA;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean asciiLetterOrDigit = c <= 'z' && Character.isLetterOrDigit(c);
      if (!asciiLetterOrDigit && extra.indexOf(c) < 0) {
        return false;
      }
    }
    return !host
        || (HOST_EXTRA.indexOf(s.charAt(0)) < 0 && HOST_EXTRA.indexOf(s.charAt(n - 1)) < 0);
  }
}
