package io.trunkline.config.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.testsupport.ApiRequests;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The REST API over the JDK's HTTP/1.1 client; every answer goes into the ledger. */
final class Http {

  /** An answer; body null when it had none or was not JSON. */
  record Reply(int status, JsonNode body) {
    long version() {
      return body.get("version").asLong();
    }

    String id() {
      return body.get("id").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = ApiRequests.newClient();
  private final String base;
  private final String key;
  private final Ledger ledger;

  Http(int port, String key, Ledger ledger) {
    this.base = "http://localhost:" + port;
    this.key = key;
    this.ledger = ledger;
  }

  /** Null when the client failed (timeout, reset); that is recorded as status -1. */
  Reply send(String op, String method, String path, String body, String ifMatch) {
    HttpRequest request = ApiRequests.json(base + path, key, method, body, ifMatch);
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      JsonNode json = parse(r.body());
      ledger.answer(op, r.statusCode(), millis, r.statusCode() >= 400 ? r.body() : null);
      return new Reply(r.statusCode(), json);
    } catch (IOException e) {
      ledger.answer(op, -1, (System.nanoTime() - start) / 1_000_000, e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
