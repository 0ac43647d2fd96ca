package io.trunkline.config.reconciliation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stands in for call-routing's {@code GET /api/v1/routing/state} (same path, bearer key and JSON):
 * the test sets which trunk and rule versions "routing" holds.
 */
final class FakeRouting {

  static final String KEY = "routing-test-key";
  static final FakeRouting INSTANCE = new FakeRouting();

  private final HttpServer server;
  private volatile String body = "{\"loaded\":true,\"trunks\":[],\"rules\":[]}";

  private FakeRouting() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/v1/routing/state",
        exchange -> {
          boolean ok =
              ("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] out = (ok ? body : "{}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(ok ? 200 : 401, out.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What routing holds from now on: id -> version per topic. */
  void holds(Map<String, Long> trunks, Map<String, Long> rules) {
    body = "{\"loaded\":true,\"trunks\":" + list(trunks) + ",\"rules\":" + list(rules) + "}";
  }

  private static String list(Map<String, Long> versions) {
    return versions.entrySet().stream()
        .map(e -> "{\"id\":\"" + e.getKey() + "\",\"version\":" + e.getValue() + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
