package io.trunkline.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports a fixture can bind, so that parallel test runs (and a local cluster on the default ports)
 * never collide. A port is free when asked; the fixture binds it right after.
 */
public final class FreePorts {

  private FreePorts() {}

  /**
   * {@code count} different TCP ports free on every local address: all are held at once while
   * chosen, so two listeners of one fixture never get the same port.
   */
  public static int[] tcp(int count) throws IOException {
    ServerSocket[] held = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        held[i] = new ServerSocket(0);
        ports[i] = held[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : held) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  /**
   * A port free for both UDP and TCP on this address (what a DNS server or a SIP service listens
   * on).
   */
  public static int udpAndTcp(InetAddress address) throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, address)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
          return port;
        } catch (IOException taken) {
          // UDP side in use: try another
        }
      }
    }
    throw new IOException("no free port on " + address);
  }
}
