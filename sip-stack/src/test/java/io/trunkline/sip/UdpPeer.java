package io.trunkline.sip;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** A raw UDP SIP peer on 127.0.0.1 for tests: sends text, receives parsed messages. */
final class UdpPeer implements AutoCloseable {
  final DatagramSocket socket;

  UdpPeer() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
  }

  int port() {
    return socket.getLocalPort();
  }

  void send(String text, int toPort) throws IOException {
    byte[] b = text.getBytes(UTF_8);
    socket.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), toPort));
  }

  void send(SipMessage m, int toPort) throws IOException {
    byte[] b = m.encode();
    socket.send(new DatagramPacket(b, b.length, InetAddress.getByName("127.0.0.1"), toPort));
  }

  /** The next message, or null after timeoutMillis. */
  SipMessage receive(long timeoutMillis) throws Exception {
    byte[] buf = new byte[65535];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout((int) Math.max(1, timeoutMillis));
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return SipParser.parse(buf, 0, p.getLength()); // no validation: 400s may lack headers
  }

  /** The next message, failing the test when none comes within timeoutMillis. */
  SipMessage expect(long timeoutMillis) throws Exception {
    SipMessage m = receive(timeoutMillis);
    if (m == null) {
      throw new AssertionError("no message within " + timeoutMillis + " ms");
    }
    return m;
  }

  /** Everything received during the given time. */
  List<SipMessage> collect(long millis) throws Exception {
    List<SipMessage> out = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    long left;
    while ((left = end - System.currentTimeMillis()) > 0) {
      SipMessage m = receive(left);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
