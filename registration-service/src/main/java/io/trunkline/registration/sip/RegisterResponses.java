package io.trunkline.registration.sip;

import java.time.Duration;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Response;

/** Reads the values a registration needs from a REGISTER response. */
final class RegisterResponses {

  private RegisterResponses() {}

  /**
   * The expiry the response grants (RFC 3261 §10.2.4): the expires of our Contact (the one whose
   * user part is {@code user}), else the Expires header, else null.
   */
  static Integer grantedExpires(Response response, String user) {
    var contacts = response.getHeaders(ContactHeader.NAME);
    while (contacts != null && contacts.hasNext()) {
      ContactHeader c = (ContactHeader) contacts.next();
      boolean ours = c.getAddress().getURI().toString().contains(user == null ? "" : user + "@");
      if (ours && c.getExpires() >= 0) {
        return c.getExpires();
      }
    }
    ExpiresHeader e = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
    return e != null ? e.getExpires() : null;
  }

  /** Min-Expires of a 423, -1 when missing or malformed. */
  static int minExpires(Response response) {
    Header h = response.getHeader(SipConstants.MIN_EXPIRES);
    if (h instanceof MinExpiresHeader m) {
      return m.getExpires();
    }
    if (h instanceof ExtensionHeader e) {
      try {
        return Integer.parseInt(e.getValue().trim());
      } catch (NumberFormatException ex) {
        return -1;
      }
    }
    return -1;
  }

  /** Retry-After (capped at one hour), zero when absent. */
  static Duration retryAfter(Response response) {
    RetryAfterHeader h = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
    return h == null ? Duration.ZERO : Duration.ofSeconds(Math.min(h.getRetryAfter(), 3600));
  }

  /** CSeq number, -1 when missing. */
  static long cseq(Response response) {
    CSeqHeader h = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    return h == null ? -1 : h.getSeqNumber();
  }
}
