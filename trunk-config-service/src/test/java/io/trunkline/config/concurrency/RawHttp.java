package io.trunkline.config.concurrency;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A client that goes away mid-request, over a raw socket: it sends only part of the request (the
 * headers and some of the body), or all of it, and closes the connection before reading the answer
 * (at once or a few milliseconds later). The service never learns whether anyone was listening.
 */
final class RawHttp {

  private RawHttp() {}

  static void cut(int port, String key, String method, String path, String body, Random rnd) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + payload.length
            + "\r\n\r\n";
    try (Socket s = new Socket("localhost", port)) {
      s.setSoLinger(true, 0); // close with a reset, as a crashed or killed client does
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      int mode = rnd.nextInt(3);
      if (mode == 0 && payload.length > 1) {
        out.write(payload, 0, 1 + rnd.nextInt(payload.length - 1)); // part of the body only
      } else {
        out.write(payload);
      }
      out.flush();
      if (mode == 2) {
        Thread.sleep(rnd.nextInt(20));
      }
    } catch (IOException e) {
      // the point is to go away; a refused write changes nothing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
