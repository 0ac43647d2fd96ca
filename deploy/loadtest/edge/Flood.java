import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stranger's INVITE flood for deploy/loadtest/edge/run-edge.sh (java Flood.java ...): INVITEs
 * with fresh Call-IDs and branches at a fixed rate, spread round-robin over SOURCES addresses of
 * 127.0.2.0/23 onwards (none is a PBX source), for SECONDS. Counts the answers by status. Usage:
 * java Flood.java PORT RATE SECONDS SOURCES Prints: sent=N answered=N 403=N 100=N other=N (one
 * line).
 */
public class Flood {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    int rate = Integer.parseInt(a[1]);
    int seconds = Integer.parseInt(a[2]);
    int sources = Integer.parseInt(a[3]);
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
    List<DatagramChannel> channels = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      DatagramChannel c = DatagramChannel.open();
      c.bind(new InetSocketAddress("127.0." + (2 + i / 250) + "." + (1 + i % 250), 0));
      c.configureBlocking(false);
      channels.add(c);
    }
    AtomicLong answered = new AtomicLong();
    AtomicLong forbidden = new AtomicLong();
    AtomicLong trying = new AtomicLong();
    AtomicLong other = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Thread reader =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(65535);
              while (System.nanoTime() < end + 3_000_000_000L) {
                boolean any = false;
                for (DatagramChannel c : channels) {
                  try {
                    buf.clear();
                    if (c.receive(buf) != null) {
                      any = true;
                      answered.incrementAndGet();
                      String s =
                          new String(
                              buf.array(),
                              0,
                              Math.min(buf.position(), 12),
                              StandardCharsets.US_ASCII);
                      if (s.startsWith("SIP/2.0 403")) forbidden.incrementAndGet();
                      else if (s.startsWith("SIP/2.0 100")) trying.incrementAndGet();
                      else other.incrementAndGet();
                    }
                  } catch (Exception e) {
                    return;
                  }
                }
                if (!any) {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            });
    reader.start();
    long sent = 0;
    long start = System.nanoTime();
    ByteBuffer out = ByteBuffer.allocate(2048);
    while (rate > 0 && System.nanoTime() < end) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      while (sent < due) {
        DatagramChannel c = channels.get((int) (sent % sources));
        InetSocketAddress local = (InetSocketAddress) c.getLocalAddress();
        String via = local.getAddress().getHostAddress() + ":" + local.getPort();
        String id = "flood-" + sent + "-" + start;
        String m =
            "INVITE sip:4420712345@127.0.0.1:"
                + port
                + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP "
                + via
                + ";branch=z9hG4bK-"
                + id
                + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:1000@"
                + via
                + ">;tag="
                + id
                + "\r\n"
                + "To: <sip:4420712345@127.0.0.1>\r\nCall-ID: "
                + id
                + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:1000@"
                + via
                + ">\r\nContent-Length: 0\r\n\r\n";
        out.clear();
        out.put(m.getBytes(StandardCharsets.US_ASCII)).flip();
        c.send(out, target);
        sent++;
      }
      Thread.sleep(1);
    }
    reader.join();
    System.out.printf(
        "sent=%d answered=%d 403=%d 100=%d other=%d%n",
        sent, answered.get(), forbidden.get(), trying.get(), other.get());
  }
}
