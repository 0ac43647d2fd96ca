package io.trunkline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trunkline.testsupport.ApiRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One platform client writing to the config API while fifteen others do: creates, merge patches
 * (with and without If-Match), full replaces that move a rule to a new prefix, deletes, on shared
 * and own trunks and rules. One write in six goes over a raw socket that is closed mid-request.
 */
final class ConcurrentConfigClient implements Runnable {

  /** One answer: operation, HTTP status (-1: the client failed), time taken. */
  record Answer(String op, int status, long millis) {}

  /** What all clients share: the run, its trunks and rules, every prefix ever sent. */
  static final class Shared {
    final String run;
    final List<String> trunks;
    final Map<String, String> sharedRules = new ConcurrentHashMap<>();
    final Set<String> prefixesSent = ConcurrentHashMap.newKeySet();
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();

    Shared(String run, List<String> trunks) {
      this.run = run;
      this.trunks = trunks;
    }

    /** "#7" and six digits: no other test's rule starts with "#", all of ours are this long. */
    String prefix() {
      String p = "#7" + String.format("%06d", next.incrementAndGet());
      prefixesSent.add(p);
      return p;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = ApiRequests.newClient();

  private final int index;
  private final Shared shared;
  private final long deadline;
  private final Random rnd;
  private final List<String> myTrunks = new ArrayList<>();
  private final List<String> myRules = new ArrayList<>();
  private final Map<String, Long> seen = new HashMap<>();
  private int created;

  ConcurrentConfigClient(int index, Shared shared, long deadline) {
    this.index = index;
    this.shared = shared;
    this.deadline = deadline;
    this.rnd = new Random(index * 31L + System.nanoTime());
  }

  @Override
  public void run() {
    while (System.nanoTime() < deadline) {
      int dice = rnd.nextInt(100);
      if (dice < 8 || myTrunks.isEmpty()) {
        String body =
            "{\"name\":\"%s\",\"host\":\"127.0.0.1\",\"port\":5099,\"authMode\":\"IP\",\"optionsPing\":false}"
                .formatted(name("t"));
        JsonNode t = send("POST", "/api/v1/trunks", body, null, 201);
        if (t != null) {
          myTrunks.add(t.get("id").asText());
        }
      } else if (dice < 22 || myRules.isEmpty()) {
        JsonNode r = send("POST", "/api/v1/outbound-rules", rule(name("r")), null, 201);
        if (r != null) {
          myRules.add(r.get("id").asText());
        }
      } else if (dice < 40) {
        String id = anyRule();
        String body =
            "{\"priority\":%d,\"enabled\":%b}".formatted(1 + rnd.nextInt(2000), rnd.nextBoolean());
        send("PATCH", "/api/v1/outbound-rules/" + id, body, ifMatch(id), 200);
      } else if (dice < 50) {
        String id = anyRule();
        String body =
            "{\"routes\":[{\"trunkId\":\"%s\"},{\"trunkId\":\"%s\"}]}".formatted(trunk(), trunk());
        send("PATCH", "/api/v1/outbound-rules/" + id, body, ifMatch(id), 200);
      } else if (dice < 60) {
        String name =
            new ArrayList<>(shared.sharedRules.keySet())
                .get(rnd.nextInt(shared.sharedRules.size()));
        String id = shared.sharedRules.get(name);
        send("PUT", "/api/v1/outbound-rules/" + id, rule(name), ifMatch(id), 200);
      } else if (dice < 70) {
        String id = shared.trunks.get(rnd.nextInt(shared.trunks.size()));
        send(
            "PATCH",
            "/api/v1/trunks/" + id,
            "{\"maxConcurrentCalls\":" + rnd.nextInt(100) + "}",
            ifMatch(id),
            200);
      } else if (dice < 82) {
        String id = myRules.remove(rnd.nextInt(myRules.size()));
        send("DELETE", "/api/v1/outbound-rules/" + id, null, ifMatch(id), 204);
      } else if (dice < 87) {
        String id = myTrunks.get(rnd.nextInt(myTrunks.size()));
        if (send("DELETE", "/api/v1/trunks/" + id, null, ifMatch(id), 204) != null) {
          myTrunks.remove(id);
        }
      } else {
        String name =
            new ArrayList<>(shared.sharedRules.keySet())
                .get(rnd.nextInt(shared.sharedRules.size()));
        JsonNode r = send("POST", "/api/v1/outbound-rules", rule(name), null, 201); // 409 mostly
        if (r != null) {
          shared.sharedRules.put(name, r.get("id").asText());
        }
      }
    }
  }

  /**
   * Sends one request; the body of the answer when it had the hoped-for status (an empty object for
   * 204), else null. The ETag's version is remembered for later If-Match headers.
   */
  private JsonNode send(String method, String path, String body, String ifMatch, int hoped) {
    if (!method.equals("GET") && rnd.nextInt(6) == 0) {
      cut(method, path, body);
      return null;
    }
    HttpRequest request =
        ApiRequests.json(
            LocalCluster.CONFIG_URL + path, LocalCluster.API_KEY, method, body, ifMatch);
    String op = method + " " + path.replaceAll("/[0-9a-f-]{36}", "/{id}");
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      shared.answers.add(new Answer(op, r.statusCode(), (System.nanoTime() - start) / 1_000_000));
      if (r.statusCode() != hoped) {
        return null;
      }
      JsonNode json = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
      if (json.has("id")) {
        seen.put(json.get("id").asText(), json.get("version").asLong());
      }
      return json;
    } catch (IOException e) {
      shared.answers.add(new Answer(op + " " + e, -1, (System.nanoTime() - start) / 1_000_000));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Writes part or all of the request, then resets the connection without reading. */
  private void cut(String method, String path, String body) {
    ApiRequests.cut(
        URI.create(LocalCluster.CONFIG_URL).getPort(),
        LocalCluster.API_KEY,
        method,
        path,
        body,
        rnd);
    shared.cut.incrementAndGet();
  }

  private String rule(String name) {
    return "{\"name\":\"%s\",\"priority\":%d,\"enabled\":%b,\"match\":{\"prefixes\":[\"%s\"]},\"routes\":[{\"trunkId\":\"%s\"}]}"
        .formatted(name, 1 + rnd.nextInt(2000), rnd.nextInt(4) > 0, shared.prefix(), trunk());
  }

  private String anyRule() {
    if (rnd.nextBoolean() && !myRules.isEmpty()) {
      return myRules.get(rnd.nextInt(myRules.size()));
    }
    return new ArrayList<>(shared.sharedRules.values()).get(rnd.nextInt(shared.sharedRules.size()));
  }

  /** A shared trunk, or one of this client's own (which it may delete meanwhile: then 400). */
  private String trunk() {
    return rnd.nextBoolean() || myTrunks.isEmpty()
        ? shared.trunks.get(rnd.nextInt(shared.trunks.size()))
        : myTrunks.get(rnd.nextInt(myTrunks.size()));
  }

  private String ifMatch(String id) {
    Long v = seen.get(id);
    return v != null && rnd.nextBoolean() ? "\"" + v + "\"" : null;
  }

  private String name(String kind) {
    return shared.run + "-c" + index + "-" + kind + created++;
  }
}
