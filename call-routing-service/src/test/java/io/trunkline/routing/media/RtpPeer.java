package io.trunkline.routing.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media endpoint of the tests: a UDP socket that sends PCMA packets (plain, or SRTP when given a
 * key) every 20 ms to where an SDP says, and counts the packets it receives that are audio from the
 * far peer: RTP with payload type 8 and the far peer's fill byte (decrypted and authenticated first
 * when a receive key is set). What arrives at this socket is what reached the endpoint.
 */
public final class RtpPeer implements AutoCloseable {

  private final DatagramSocket socket;
  private final byte fill;
  private final byte expectedFill;
  private volatile Srtp sendKey;
  private volatile Srtp receiveKey;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger rejected = new AtomicInteger();
  private final Thread receiver;
  private Thread sender;

  /** fill: this peer's payload byte; expectedFill: the far peer's. */
  public RtpPeer(String address, byte fill, byte expectedFill) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
    this.fill = fill;
    this.expectedFill = expectedFill;
    this.receiver = new Thread(this::receive, "rtp-peer-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public void sendKey(Srtp key) {
    this.sendKey = key;
  }

  public void receiveKey(Srtp key) {
    this.receiveKey = key;
  }

  /** Audio packets from the far peer received so far. */
  public int received() {
    return received.get();
  }

  /** Packets that were not the far peer's audio (e.g. SRTP that does not authenticate). */
  public int rejected() {
    return rejected.get();
  }

  /** Sends {@code count} packets, 20 ms apart, in the background, to the SDP's address. */
  public void play(String sdp, int count) {
    InetSocketAddress to = target(sdp);
    int ssrc = 0x10000 + port();
    sender =
        new Thread(
            () -> {
              for (int seq = 1; seq <= count && !socket.isClosed(); seq++) {
                byte[] rtp = Srtp.pcma(ssrc, seq, fill);
                Srtp k = sendKey;
                byte[] out = k == null ? rtp : k.protect(rtp);
                try {
                  socket.send(new DatagramPacket(out, out.length, to));
                  Thread.sleep(20);
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
            },
            "rtp-play-" + port());
    sender.setDaemon(true);
    sender.start();
  }

  /** c= and m=audio of an SDP. */
  public static InetSocketAddress target(String sdp) {
    String host =
        sdp.lines()
            .filter(l -> l.startsWith("c=IN IP4 "))
            .map(l -> l.substring(9).trim())
            .reduce((a, b) -> b)
            .orElseThrow();
    int port =
        sdp.lines()
            .filter(l -> l.startsWith("m=audio "))
            .map(l -> Integer.parseInt(l.split(" ")[1]))
            .findFirst()
            .orElseThrow();
    return new InetSocketAddress(host, port);
  }

  private void receive() {
    byte[] buf = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] rtp = buf;
      int length = p.getLength();
      Srtp k = receiveKey;
      if (k != null) {
        rtp = k.unprotect(buf, length);
        length = rtp == null ? 0 : rtp.length;
      }
      if (rtp != null && length >= 13 && (rtp[1] & 0x7f) == 8 && rtp[12] == expectedFill) {
        received.incrementAndGet();
      } else {
        rejected.incrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
