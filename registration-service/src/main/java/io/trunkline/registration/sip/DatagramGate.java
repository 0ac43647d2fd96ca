package io.trunkline.registration.sip;

import io.trunkline.registration.service.RegistrationMetrics;
import io.trunkline.sip.SipMessage;
import io.trunkline.sip.SipParseException;
import java.net.DatagramPacket;

/**
 * What a datagram must pass before JAIN-SIP parses it, on the socket's receive thread: a request
 * from a source over its rate is dropped unread; then the lean stack's parser (linear, capped, no
 * control characters, the mandatory headers and their syntax) must accept it. JAIN-SIP's own
 * parsing of hostile input throws from places that log whole packets at ERROR per datagram, and no
 * log line may be a peer's doing. Counted: {@code sip_rejected_total{reason="rate"}}, {@code
 * {reason="malformed"}}.
 */
final class DatagramGate {

  private final RegistrationMetrics metrics;
  private final SourceRateLimiter limiter;
  private final int maxMessageSize;

  DatagramGate(RegistrationMetrics metrics, int ratePerSource, long banMillis, int maxMessageSize) {
    this.metrics = metrics;
    this.limiter = new SourceRateLimiter(ratePerSource, banMillis, 4096);
    this.maxMessageSize = maxMessageSize;
  }

  /** Whether JAIN-SIP may have this datagram. */
  boolean admit(DatagramPacket packet) {
    byte[] d = packet.getData();
    int off = packet.getOffset();
    int len = packet.getLength();
    if (len >= maxMessageSize) { // it filled JAIN-SIP's buffer: cut short, unusable
      metrics.rejected("malformed");
      return false;
    }
    if (!isResponse(d, off, off + len)
        && !limiter.allow(packet.getAddress().getHostAddress(), System.nanoTime() / 1_000_000)) {
      metrics.rejected("rate");
      return false;
    }
    if (!hasEmptyLine(d, off, off + len)) { // cut short: JAIN-SIP stumbles on what is left
      metrics.rejected("malformed");
      return false;
    }
    try {
      SipMessage m = SipMessage.parse(d, off, len);
      m.topVia(); // the headers JAIN-SIP dereferences without a check, parsed once here
      m.from();
      m.to();
      return true;
    } catch (SipParseException | IllegalArgumentException e) {
      metrics.rejected("malformed");
      return false;
    }
  }

  /** Whether the header section ends with the empty line RFC 3261 7 requires (CRLF or bare LF). */
  private static boolean hasEmptyLine(byte[] d, int p, int end) {
    for (int i = p + 1; i < end; i++) {
      if (d[i] == '\n' && (d[i - 1] == '\n' || (d[i - 1] == '\r' && i >= 2 && d[i - 2] == '\n'))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isResponse(byte[] d, int p, int end) {
    while (p < end && (d[p] == '\r' || d[p] == '\n')) {
      p++;
    }
    String prefix = "SIP/2.0 ";
    if (end - p < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (d[p + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
