package io.trunkline.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile SIP datagrams, fuzzed from valid messages with a seeded random (the same seed gives the
 * same datagrams): truncations, huge and folded headers, bad numbers, NULs, wrong Content-Length,
 * unknown methods, missing and repeated headers, bare LFs and CRs, byte flips, junk. Requests name
 * a number no rule routes, so one that still parses places no call.
 */
public final class HostileDatagrams {

  /** A UDP datagram carries at most 65,507 bytes over IPv4. */
  public static final int MAX = 65_000;

  private static final String[] TEMPLATES = {
    "INVITE sip:5550000@127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "Max-Forwards: 70\r\nFrom: \"Fuzz\" <sip:101@127.0.0.1>;tag=f%N%\r\n"
        + "To: <sip:5550000@127.0.0.1>\r\nCall-ID: fuzz-%N%@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
        + "Contact: <sip:101@127.0.0.1:5999>\r\nContent-Type: application/sdp\r\n"
        + "Content-Length: 31\r\n\r\nv=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n",
    "OPTIONS sip:127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;rport;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=o%N%\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: fuzz-o-%N%\r\nCSeq: 7 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
    "BYE sip:peer@127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=b%N%\r\nTo: <sip:202@127.0.0.1>;tag=t%N%\r\n"
        + "Call-ID: fuzz-b-%N%\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
    "REGISTER sip:127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=r%N%\r\nTo: <sip:101@127.0.0.1>\r\n"
        + "Call-ID: fuzz-r-%N%\r\nCSeq: 1 REGISTER\r\nContact: <sip:101@127.0.0.1:5999>\r\n"
        + "Expires: 3600\r\nContent-Length: 0\r\n\r\n",
    "ACK sip:5550000@127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=f%N%\r\nTo: <sip:5550000@127.0.0.1>;tag=x%N%\r\n"
        + "Call-ID: fuzz-%N%@127.0.0.1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n",
    "CANCEL sip:5550000@127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=f%N%\r\nTo: <sip:5550000@127.0.0.1>\r\n"
        + "Call-ID: fuzz-%N%@127.0.0.1\r\nCSeq: 1 CANCEL\r\nContent-Length: 0\r\n\r\n",
    "INFO sip:peer@127.0.0.1:%PORT% SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fz%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=i%N%\r\nTo: <sip:202@127.0.0.1>;tag=j%N%\r\n"
        + "Call-ID: fuzz-i-%N%\r\nCSeq: 3 INFO\r\nContent-Type: application/dtmf-relay\r\n"
        + "Content-Length: 24\r\n\r\nSignal=5\r\nDuration=160\r\n",
    "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:%PORT%;branch=z9hG4bK%N%;rport\r\n"
        + "From: <sip:101@127.0.0.1>;tag=f%N%\r\nTo: <sip:202@127.0.0.1>;tag=s%N%\r\n"
        + "Call-ID: fuzz-s-%N%\r\nCSeq: 1 INVITE\r\nContact: <sip:202@127.0.0.1:5999>\r\n"
        + "Content-Length: 0\r\n\r\n",
    "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:%PORT%;branch=z9hG4bK%N%\r\n"
        + "From: <sip:101@127.0.0.1>;tag=f%N%\r\nTo: <sip:202@127.0.0.1>;tag=s%N%\r\n"
        + "Call-ID: fuzz-s-%N%\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
  };

  private static final String[] BAD_NUMBERS = {
    "", "-1", "x", "99999999999999999999999", "4294967296", "1.5", "0x10", "1 1", "\u0000", "+7"
  };

  private final Random rnd;
  private final int port;
  private int n;

  /** Datagrams for a SIP service on 127.0.0.1:port; the same seed gives the same sequence. */
  public HostileDatagrams(long seed, int port) {
    this.rnd = new Random(seed);
    this.port = port;
  }

  /** The next datagram: a valid message with one to three mutations, or plain junk. */
  public byte[] next() {
    n++;
    if (rnd.nextInt(50) == 0) {
      return junk();
    }
    String m =
        TEMPLATES[rnd.nextInt(TEMPLATES.length)]
            .replace("%PORT%", Integer.toString(port))
            .replace("%N%", Integer.toString(n));
    int mutations = 1 + rnd.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      m = mutate(m);
    }
    byte[] b = m.getBytes(StandardCharsets.ISO_8859_1);
    return b.length > MAX ? java.util.Arrays.copyOf(b, MAX) : b;
  }

  private String mutate(String m) {
    switch (rnd.nextInt(20)) {
      case 0:
        return m.substring(0, rnd.nextInt(m.length() + 1)); // truncated anywhere
      case 1: // a huge header
        return insertHeader(m, "X-Huge: " + "a".repeat(size(60_000)));
      case 2:
        return insertHeader(m, folded(1 + size(16_000)));
      case 3: // bad numbers where numbers belong
        return m.replaceFirst("CSeq: \\d+", "CSeq: " + bad())
            .replaceFirst("Max-Forwards: \\d+", "Max-Forwards: " + bad());
      case 4:
        return m.replaceFirst("Content-Length: \\d+", "Content-Length: " + bad());
      case 5: // a Content-Length that lies
        return m.replaceFirst(
            "Content-Length: \\d+", "Content-Length: " + (rnd.nextInt(200_000) - 100));
      case 6:
        return m.replaceFirst("127\\.0\\.0\\.1:5999", "127.0.0.1:" + bad());
      case 7: // NULs
        return flip(m, 1 + rnd.nextInt(10), '\u0000');
      case 8: // random bytes
        return flip(m, 1 + rnd.nextInt(30), (char) -1);
      case 9: // unknown, odd or lower-case methods
        String[] methods = {
          "XYZZY", "invite", "INV ITE", "FOO" + "X".repeat(2000), "ÄCK", "SIP/2.0"
        };
        return methods[rnd.nextInt(methods.length)] + m.substring(Math.max(0, m.indexOf(' ')));
      case 10: // a mandatory header missing
        String[] mandatory = {"Via", "From", "To", "Call-ID", "CSeq"};
        return m.replaceFirst(mandatory[rnd.nextInt(mandatory.length)] + ": [^\r]*\r\n", "");
      case 11: // many headers
        return insertHeader(m, "X-Many: 1\r\n".repeat(50 + size(2000)).trim());
      case 12: // a repeated Via, with junk
        return m.replaceFirst(
            "(Via: [^\r]*\r\n)",
            "$1" + "Via: SIP/2.0/UDP [::1;branch=\r\n".repeat(rnd.nextInt(50)));
      case 13:
        return m.replace("\r\n", "\n"); // bare LFs
      case 14:
        return m.replace("\r\n", "\r"); // bare CRs: one line
      case 15: // an endless From
        return m.replaceFirst("From: ", "From: " + "<".repeat(size(8000)) + "\"");
      case 16: // a huge Request-URI
        return m.replaceFirst(" sip:", " sip:" + "9".repeat(size(20_000)));
      case 17: // a status line out of range
        return m.replaceFirst("^SIP/2\\.0 \\d+", "SIP/2.0 " + bad());
      case 18: // a line that is not a header
        return insertHeader(m, "this is not a header" + (rnd.nextBoolean() ? "" : ":::"));
      default: // Via parameters nobody should trust
        return m.replaceFirst(
            ";branch=",
            ";received=" + (rnd.nextBoolean() ? "127.0.0.3" : "evil.example") + ";rport=1;branch=");
    }
  }

  /** A length for something big: mostly modest (under 200), one time in five up to max. */
  private int size(int max) {
    return rnd.nextInt(5) == 0 ? rnd.nextInt(max) : rnd.nextInt(Math.min(200, max));
  }

  private String folded(int lines) {
    StringBuilder sb = new StringBuilder("X-Folded: start");
    for (int i = 0; i < lines && sb.length() < MAX - 2000; i++) {
      sb.append("\r\n ").append((char) ('a' + (i % 26)));
    }
    return sb.toString();
  }

  private static String insertHeader(String m, String header) {
    int at = m.indexOf("\r\n");
    return at < 0 ? m + header : m.substring(0, at + 2) + header + "\r\n" + m.substring(at + 2);
  }

  private String bad() {
    return BAD_NUMBERS[rnd.nextInt(BAD_NUMBERS.length)];
  }

  private String flip(String m, int count, char with) {
    if (m.isEmpty()) {
      return m;
    }
    char[] c = m.toCharArray();
    for (int i = 0; i < count; i++) {
      c[rnd.nextInt(c.length)] = with == (char) -1 ? (char) rnd.nextInt(256) : with;
    }
    return new String(c);
  }

  private byte[] junk() {
    byte[] b = new byte[rnd.nextInt(3000)];
    if (rnd.nextBoolean()) {
      rnd.nextBytes(b);
    } else {
      java.util.Arrays.fill(b, (byte) (rnd.nextBoolean() ? '\n' : '\r'));
    }
    return b;
  }
}
