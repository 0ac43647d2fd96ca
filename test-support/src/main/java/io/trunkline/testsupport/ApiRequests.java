package io.trunkline.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/**
 * Requests to a service's REST API as the concurrent-writes tests send them (trunk-config's own and
 * the end-to-end one): JSON bodies with an API key and an optional If-Match, and clients that go
 * away mid-request.
 */
public final class ApiRequests {

  private ApiRequests() {}

  /** An HTTP/1.1 client that gives up connecting after 5 s. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * A request to {@code url} with {@code Authorization: Bearer apiKey}, a 10 s timeout, the JSON
   * {@code body} (none when null) and {@code If-Match: ifMatch} (none when null).
   */
  public static HttpRequest json(
      String url, String apiKey, String method, String body, String ifMatch) {
    return json(url, apiKey, method, body, ifMatch, Duration.ofSeconds(10));
  }

  /** The same request with its own {@code timeout} (the write benchmark waits longer). */
  public static HttpRequest json(
      String url, String apiKey, String method, String body, String ifMatch, Duration timeout) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Authorization", "Bearer " + apiKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return b.build();
  }

  /**
   * A client that goes away mid-request, over a raw socket to localhost: it sends only part of the
   * request (the headers and some of the body), or all of it, and closes the connection with a
   * reset before reading the answer (at once or a few milliseconds later). The service never learns
   * whether anyone was listening.
   */
  public static void cut(
      int port, String apiKey, String method, String path, String body, Random rnd) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + apiKey
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
