package io.trunkline.routing.sip;

import io.trunkline.routing.service.call.Hops;
import io.trunkline.routing.service.call.LoopGuard;
import io.trunkline.sip.SipMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Hops} travel in SIP: Max-Forwards, and the loop markers as one {@value
 * SipConstants#LOOP_MARKER} header listing cluster ids oldest first. Every leg the B2BUA starts or
 * relays onto, in either direction, reads and writes them here.
 */
final class HopHeaders {

  /** Markers read from one request at most: what a peer sends must not cost more. */
  private static final int MAX_MARKS_READ = 32;

  private HopHeaders() {}

  /** The hops of a received request; IllegalArgumentException when Max-Forwards is not a number. */
  static Hops read(SipMessage m) {
    int mf = maxForwards(m);
    List<String> marks = new ArrayList<>();
    for (String value : m.headers(SipConstants.LOOP_MARKER)) {
      // One header with a comma list, or several headers: both mean the same (RFC 3261 7.3.1).
      for (String v : value.split(",", MAX_MARKS_READ + 1)) {
        String mark = v.trim();
        if (marks.size() < MAX_MARKS_READ && LoopGuard.MARK.matcher(mark).matches()) {
          marks.add(mark);
        }
      }
    }
    return new Hops(mf, marks);
  }

  /** Max-Forwards of a received request (70 when absent, as a proxy would add it). */
  static int maxForwards(SipMessage m) {
    String v = m.header(SipConstants.MAX_FORWARDS_HEADER);
    if (v == null) {
      return Hops.INITIAL;
    }
    String s = v.trim();
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("bad Max-Forwards");
    }
    return Integer.parseInt(s);
  }

  /** Writes the hops onto a request this B2BUA sends. */
  static void write(SipMessage m, Hops hops) {
    m.setHeader(SipConstants.MAX_FORWARDS_HEADER, Integer.toString(hops.maxForwards()));
    if (hops.marks().isEmpty()) {
      m.removeHeader(SipConstants.LOOP_MARKER);
    } else {
      m.setHeader(SipConstants.LOOP_MARKER, String.join(", ", hops.marks()));
    }
  }
}
