package io.trunkline.sip;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw TCP connection for tests; incoming bytes are framed with the stack's own framer. */
final class TcpPeer implements AutoCloseable {
  final Socket socket;
  final BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
  private final StreamFramer framer =
      new StreamFramer(
          65535,
          (buf, off, len) -> {
            try {
              received.add(SipParser.parse(buf, off, len));
            } catch (SipParseException e) {
              throw new IllegalStateException(e);
            }
          });
  volatile int pongBytes;

  TcpPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(50);
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(UTF_8));
    socket.getOutputStream().flush();
  }

  void send(SipMessage m) throws IOException {
    socket.getOutputStream().write(m.encode());
    socket.getOutputStream().flush();
  }

  /** Reads until a message is framed or the time is up; null then. */
  SipMessage receive(long timeoutMillis) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    while (received.isEmpty() && System.currentTimeMillis() < end) {
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        continue;
      }
      if (n < 0) {
        break;
      }
      int start = 0;
      while (start < n && buf[start] == '\r' && framer.buffered() == 0) {
        pongBytes++; // a CRLF pong (or keep-alive) from the stack
        start += n - start >= 2 ? 2 : 1;
      }
      framer.feed(buf, start, n - start);
    }
    return received.poll(0, TimeUnit.MILLISECONDS);
  }

  SipMessage expect(long timeoutMillis) throws Exception {
    SipMessage m = receive(timeoutMillis);
    if (m == null) {
      throw new AssertionError("no message within " + timeoutMillis + " ms");
    }
    return m;
  }

  /** True when the other side closed the connection within the time. */
  boolean closedWithin(long millis) throws IOException {
    long end = System.currentTimeMillis() + millis;
    byte[] buf = new byte[1024];
    while (System.currentTimeMillis() < end) {
      try {
        if (socket.getInputStream().read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // keep waiting
      } catch (IOException e) {
        return true; // reset
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
