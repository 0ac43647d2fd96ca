package io.trunkline.config.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.config.settings.TrunklineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks call-routing which trunks and rules it holds ({@code GET /api/v1/routing/state}), for the
 * reconciliation only: never at start-up, never on a request's path. Blocking; callers run it on a
 * worker thread.
 */
@ApplicationScoped
public class RoutingStateClient {

  /** key -> version of what routing holds; loaded = its initial read of the topics is done. */
  public record Held(boolean loaded, Map<String, Long> trunks, Map<String, Long> rules) {}

  private final TrunklineConfig.Reconciliation config;
  private final ObjectMapper json;
  private final HttpClient http;

  public RoutingStateClient(TrunklineConfig config, ObjectMapper json) {
    this.config = config.reconciliation();
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Empty when no routing URL is configured. */
  public Optional<Held> fetch() throws IOException {
    if (config.routingUrl().isEmpty()) {
      return Optional.empty();
    }
    URI uri = config.routingUrl().get().resolve("/api/v1/routing/state");
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET();
    config.routingApiKey().ifPresent(k -> req.header("Authorization", "Bearer " + k));
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking call-routing", e);
    }
    if (res.statusCode() != 200) {
      throw new IOException("call-routing answered HTTP " + res.statusCode() + " on " + uri);
    }
    JsonNode body = json.readTree(res.body());
    return Optional.of(
        new Held(
            body.path("loaded").asBoolean(),
            versions(body.get("trunks")),
            versions(body.get("rules"))));
  }

  private static Map<String, Long> versions(JsonNode list) {
    Map<String, Long> out = new HashMap<>();
    if (list != null) {
      list.forEach(n -> out.put(n.get("id").asText(), n.get("version").asLong()));
    }
    return out;
  }
}
