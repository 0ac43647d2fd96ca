package io.trunkline.config.concurrency;

import io.trunkline.config.concurrency.Http.Reply;
import io.trunkline.testsupport.ApiRequests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One platform client hammering the REST API: creates, merge-patches (with and without If-Match,
 * the If-Match sometimes stale), replaces and deletes its own and the shared trunks and rules, and
 * records every answer. With {@code cutting}, one request in four is sent over a raw socket that is
 * closed mid-request instead.
 */
final class RestClient implements Runnable {

  private final int index;
  private final Shared shared;
  private final Ledger ledger;
  private final Http http;
  private final int port;
  private final String key;
  private final boolean cutting;
  private final long deadline;
  private final Random rnd;
  private final List<String> myTrunks = new ArrayList<>();
  private final List<String> myRules = new ArrayList<>();
  private final Map<String, Long> seen = new HashMap<>();
  private int created;

  RestClient(
      int index,
      Shared shared,
      Ledger ledger,
      Http http,
      int port,
      String key,
      boolean cutting,
      long deadline) {
    this.index = index;
    this.shared = shared;
    this.ledger = ledger;
    this.http = http;
    this.port = port;
    this.key = key;
    this.cutting = cutting;
    this.deadline = deadline;
    this.rnd = new Random(index * 7919L + System.nanoTime());
  }

  @Override
  public void run() {
    while (System.nanoTime() < deadline) {
      int dice = rnd.nextInt(100);
      if (dice < 8 || myTrunks.isEmpty()) {
        createTrunk();
      } else if (dice < 20 || myRules.isEmpty()) {
        createRule(myName("r"), pickTrunk());
      } else if (dice < 34) {
        String id = shared.sharedTrunk(rnd);
        write(
            "trunk",
            "PATCH",
            "/api/v1/trunks/" + id,
            "{\"maxConcurrentCalls\":" + rnd.nextInt(500) + "}",
            ifMatch(id));
      } else if (dice < 50) {
        String id = shared.rules.get(shared.sharedRuleName(rnd));
        String body =
            "{\"priority\":" + (1 + rnd.nextInt(2000)) + ",\"enabled\":" + rnd.nextBoolean() + "}";
        write("rule", "PATCH", "/api/v1/outbound-rules/" + id, body, ifMatch(id));
      } else if (dice < 56) {
        String name = shared.sharedRuleName(rnd);
        String id = shared.rules.get(name);
        write(
            "rule",
            "PUT",
            "/api/v1/outbound-rules/" + id,
            ruleBody(name, shared.sharedTrunk(rnd)),
            ifMatch(id));
      } else if (dice < 66) {
        String id = myRules.get(rnd.nextInt(myRules.size()));
        write(
            "rule",
            "PATCH",
            "/api/v1/outbound-rules/" + id,
            "{\"routes\":[{\"trunkId\":\"" + pickTrunk() + "\"}]}",
            ifMatch(id));
      } else if (dice < 74) {
        delete("rule", "/api/v1/outbound-rules/", myRules.remove(rnd.nextInt(myRules.size())));
      } else if (dice < 79) {
        delete("trunk", "/api/v1/trunks/", myTrunks.get(rnd.nextInt(myTrunks.size())));
      } else if (dice < 83) {
        String name = shared.sharedRuleName(rnd);
        delete("rule", "/api/v1/outbound-rules/", shared.rules.get(name));
      } else if (dice < 89) {
        createRule(shared.sharedRuleName(rnd), shared.sharedTrunk(rnd)); // 201 or 409: name taken
      } else if (dice < 92) {
        // A version that never existed: always 412, and the shared trunk stays.
        String id = shared.sharedTrunk(rnd);
        send("trunk", id, "DELETE-stale", "DELETE", "/api/v1/trunks/" + id, null, "\"0\"");
      } else {
        String id = shared.rules.get(shared.sharedRuleName(rnd));
        Reply r = send("rule", id, "GET", "GET", "/api/v1/outbound-rules/" + id, null, null);
        if (r != null && r.status() == 200) {
          seen.put(id, r.version());
        }
      }
    }
  }

  private void createTrunk() {
    String body =
        "{\"name\":\"%s\",\"host\":\"127.0.0.1\",\"port\":5999,\"authMode\":\"IP\",\"enabled\":false}"
            .formatted(myName("t"));
    Reply r = send("trunk", null, "POST trunk", "POST", "/api/v1/trunks", body, null);
    if (r != null && r.status() == 201) {
      ledger.acked("trunk", r.id(), r.version(), r.body());
      myTrunks.add(r.id());
      shared.allTrunks.add(r.id());
      seen.put(r.id(), r.version());
    }
  }

  private void createRule(String name, String trunk) {
    Reply r =
        send(
            "rule",
            null,
            "POST rule",
            "POST",
            "/api/v1/outbound-rules",
            ruleBody(name, trunk),
            null);
    if (r != null && r.status() == 201) {
      ledger.acked("rule", r.id(), r.version(), r.body());
      seen.put(r.id(), r.version());
      if (shared.rules.containsKey(name)) {
        shared.rules.put(name, r.id());
      } else {
        myRules.add(r.id());
      }
    }
  }

  private void write(String entity, String method, String path, String body, String ifMatch) {
    String id = path.substring(path.lastIndexOf('/') + 1);
    Reply r = send(entity, id, method + " " + entity, method, path, body, ifMatch);
    if (r != null && r.status() == 200) {
      ledger.acked(entity, id, r.version(), r.body());
      seen.put(id, r.version());
    }
  }

  private void delete(String entity, String base, String id) {
    Reply r = send(entity, id, "DELETE " + entity, "DELETE", base + id, null, ifMatch(id));
    if (r != null && r.status() == 204) {
      ledger.deleted(entity, id);
      myTrunks.remove(id);
    }
  }

  /** Half the writes carry If-Match with the version this client last saw (maybe stale). */
  private String ifMatch(String id) {
    Long v = seen.get(id);
    return v != null && rnd.nextBoolean() ? "\"" + v + "\"" : null;
  }

  private Reply send(
      String entity,
      String id,
      String op,
      String method,
      String path,
      String body,
      String ifMatch) {
    if (cutting && !method.equals("GET") && rnd.nextInt(4) == 0) {
      ApiRequests.cut(port, key, method, path, body, rnd);
      ledger.uncertain(entity, id);
      return null;
    }
    return http.send(op, method, path, body, ifMatch);
  }

  private String pickTrunk() {
    int dice = rnd.nextInt(3);
    if (dice == 0 && !myTrunks.isEmpty()) {
      return myTrunks.get(rnd.nextInt(myTrunks.size()));
    }
    return dice == 1 ? shared.sharedTrunk(rnd) : shared.anyTrunk(rnd);
  }

  private String ruleBody(String name, String trunk) {
    return "{\"name\":\"%s\",\"priority\":%d,\"match\":{\"prefixes\":[\"%s\"]},\"routes\":[{\"trunkId\":\"%s\"}]}"
        .formatted(name, 1 + rnd.nextInt(2000), shared.uniquePrefix(), trunk);
  }

  private String myName(String kind) {
    return shared.run + "-c" + index + "-" + kind + (created++);
  }
}
