package io.trunkline.routing.sip;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose route for the dialled number points back at call-routing: a stateless proxy (RFC
 * 3261 16.11) on real UDP that sends every request it gets from call-routing back to call-routing
 * (Request-URI rewritten, Max-Forwards decremented, 483 itself at 0, its own Via on top with a
 * branch derived from the request's, so that ACK and CANCEL match) and every response back down its
 * Via. It keeps the headers it does not know, or drops call-routing's loop marker, as providers
 * that strip unknown headers do.
 */
final class BouncingProvider implements AutoCloseable {

  private final DatagramSocket socket;
  private final int target;
  private final boolean dropLoopMarker;
  private final Thread thread;

  /** INVITEs this provider received (each one a pass through the loop). */
  final AtomicInteger invites = new AtomicInteger();

  /** Max-Forwards of each INVITE received, in order. */
  final List<Integer> maxForwards = java.util.Collections.synchronizedList(new ArrayList<>());

  BouncingProvider(int callRoutingPort, boolean dropLoopMarker) throws SocketException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.target = callRoutingPort;
    this.dropLoopMarker = dropLoopMarker;
    this.thread = new Thread(this::run, "bouncing-provider");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void run() {
    byte[] buf = new byte[65536];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        String out = msg.startsWith("SIP/2.0") ? response(msg) : request(msg);
        if (out != null) {
          send(out);
        }
      } catch (Exception e) {
        // closed, or a datagram this little proxy cannot handle: drop it
      }
    }
  }

  private void send(String text) throws java.io.IOException {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), target));
  }

  /** Our Via comes off; the next one is call-routing's, which is where it goes. */
  private String response(String msg) {
    int via = msg.indexOf("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port() + ";");
    if (via < 0) {
      return null;
    }
    return msg.substring(0, via) + msg.substring(msg.indexOf("\r\n", via + 2));
  }

  private String request(String msg) {
    int head = msg.indexOf("\r\n\r\n");
    String[] lines = msg.substring(0, head).split("\r\n");
    String body = msg.substring(head);
    String[] start = lines[0].split(" ");
    String uri = start[1];
    int at = uri.indexOf('@');
    String user = at > 0 ? uri.substring(0, at) : "sip:";
    String method = start[0];
    StringBuilder out = new StringBuilder();
    out.append(method)
        .append(' ')
        .append(user)
        .append(at > 0 ? "@" : "")
        .append("127.0.0.1:")
        .append(target)
        .append(" SIP/2.0\r\n");
    String topBranch = null;
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      String name = l.substring(0, Math.max(0, l.indexOf(':'))).trim();
      if (topBranch == null && name.equalsIgnoreCase("Via")) {
        int b = l.indexOf("branch=");
        topBranch = b < 0 ? l : l.substring(b + 7).split(";")[0];
      }
      if (name.equalsIgnoreCase("Max-Forwards")) {
        int mf = Integer.parseInt(l.substring(l.indexOf(':') + 1).trim());
        if (method.equals("INVITE")) {
          invites.incrementAndGet();
          maxForwards.add(mf);
        }
        if (mf == 0 && !method.equals("ACK")) {
          return tooManyHops(lines);
        }
        l = "Max-Forwards: " + Math.max(0, mf - 1);
      }
      if (dropLoopMarker && name.equalsIgnoreCase(SipConstants.LOOP_MARKER)) {
        continue;
      }
      rest.add(l);
    }
    // The same branch for an INVITE and its ACK/CANCEL: the server transaction matches them.
    out.append("Via: SIP/2.0/UDP 127.0.0.1:")
        .append(port())
        .append(";branch=z9hG4bK-bounce-")
        .append(Integer.toHexString(topBranch == null ? 0 : topBranch.hashCode()))
        .append("\r\n");
    rest.forEach(l -> out.append(l).append("\r\n"));
    return out.append(body.substring(2)).toString();
  }

  /** RFC 3261 16.3: a request with no hop left is answered 483, not forwarded. */
  private String tooManyHops(String[] lines) {
    StringBuilder r = new StringBuilder("SIP/2.0 483 Too Many Hops\r\n");
    for (String l : lines) {
      String name = l.substring(0, Math.max(0, l.indexOf(':'))).trim().toLowerCase();
      if (List.of("via", "from", "to", "call-id", "cseq").contains(name)) {
        r.append(l).append(name.equals("to") && !l.contains("tag=") ? ";tag=bounce" : "");
        r.append("\r\n");
      }
    }
    return r.append("Content-Length: 0\r\n\r\n").toString();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
