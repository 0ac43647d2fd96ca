import io.trunkline.testsupport.ApiRequests;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write throughput of trunk-config-service with N concurrent clients (run by write-bench.sh).
 *
 * <p>Mode "own": each client loops create rule, PATCH it twice (If-Match from the last answer),
 * DELETE it (If-Match): four writes that never conflict. Mode "shared": every client PATCHes one of
 * four shared rules without If-Match, so concurrent writes of one rule race (409 for losers).
 * Prints one line per client count: writes/s (2xx), other answers, p50/p99/max latency.
 *
 * <p>java WriteBench.java base key mode seconds warmupSeconds clients...
 */
public class WriteBench {

  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static String base;
  static String key;
  static String trunk;
  static final List<String> shared = new ArrayList<>();
  static final AtomicInteger names = new AtomicInteger();
  static final String RUN = UUID.randomUUID().toString().substring(0, 6);

  public static void main(String[] args) throws Exception {
    base = args[0];
    key = args[1];
    String mode = args[2];
    int seconds = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    trunk =
        id(
            send(
                    "POST",
                    "/api/v1/trunks",
                    "{\"name\":\"wbench-"
                        + RUN
                        + "\",\"host\":\"127.0.0.1\",\"port\":5999,\"enabled\":false,"
                        + "\"authMode\":\"IP\",\"optionsPing\":false}",
                    null)
                .body());
    for (int i = 0; i < 4; i++) {
      shared.add(id(send("POST", "/api/v1/outbound-rules", rule(), null).body()));
    }
    run(mode, 16, warmup); // not reported: compiles the service's write path, fills its pools
    for (int i = 5; i < args.length; i++) {
      Result r = run(mode, Integer.parseInt(args[i]), seconds);
      System.out.printf(
          "mode=%s clients=%d seconds=%d writes_ok=%d writes_per_s=%.1f other=%s p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
          mode,
          r.clients,
          seconds,
          r.ok,
          r.ok / (double) seconds,
          others(r.other),
          pct(r.nanos, 50),
          pct(r.nanos, 99),
          r.nanos.isEmpty() ? 0 : r.nanos.get(r.nanos.size() - 1) / 1e6);
    }
    for (String id : shared) {
      send("DELETE", "/api/v1/outbound-rules/" + id, null, null);
    }
    send("DELETE", "/api/v1/trunks/" + trunk, null, null);
  }

  record Result(int clients, long ok, Map<Integer, Integer> other, List<Long> nanos) {}

  static Result run(String mode, int clients, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong ok = new AtomicLong();
    Map<Integer, Integer> other = new ConcurrentHashMap<>();
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      pool.execute(
          () -> {
            while (System.nanoTime() < deadline) {
              try {
                if (mode.equals("shared")) {
                  String id = shared.get((client + names.incrementAndGet()) % shared.size());
                  count(
                      timed(
                          nanos,
                          "PATCH",
                          "/api/v1/outbound-rules/" + id,
                          "{\"priority\":" + (1 + names.get() % 2000) + "}",
                          null),
                      ok,
                      other);
                } else {
                  ownCycle(nanos, ok, other);
                }
              } catch (Exception e) {
                other.merge(-1, 1, Integer::sum);
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return new Result(clients, ok.get(), new java.util.TreeMap<>(other), sorted);
  }

  /** Create, two patches, delete: each with the version the previous answer carried. */
  static void ownCycle(List<Long> nanos, AtomicLong ok, Map<Integer, Integer> other)
      throws Exception {
    HttpResponse<String> r = timed(nanos, "POST", "/api/v1/outbound-rules", rule(), null);
    if (!count(r, ok, other)) {
      return;
    }
    String id = id(r.body());
    for (int i = 0; i < 2; i++) {
      r =
          timed(
              nanos,
              "PATCH",
              "/api/v1/outbound-rules/" + id,
              "{\"priority\":" + (10 + i) + "}",
              "\"" + version(r.body()) + "\"");
      if (!count(r, ok, other)) {
        return;
      }
    }
    count(
        timed(
            nanos, "DELETE", "/api/v1/outbound-rules/" + id, null, "\"" + version(r.body()) + "\""),
        ok,
        other);
  }

  static boolean count(HttpResponse<String> r, AtomicLong ok, Map<Integer, Integer> other) {
    if (r.statusCode() / 100 == 2) {
      ok.incrementAndGet();
      return true;
    }
    other.merge(r.statusCode(), 1, Integer::sum);
    return false;
  }

  static HttpResponse<String> timed(
      List<Long> nanos, String method, String path, String body, String ifMatch) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r = send(method, path, body, ifMatch);
    nanos.add(System.nanoTime() - start);
    return r;
  }

  static HttpResponse<String> send(String method, String path, String body, String ifMatch)
      throws Exception {
    return HTTP.send(
        ApiRequests.json(base + path, key, method, body, ifMatch, Duration.ofSeconds(30)),
        HttpResponse.BodyHandlers.ofString());
  }

  static String rule() {
    int n = names.incrementAndGet();
    return "{\"name\":\"wbench-"
        + RUN
        + "-"
        + n
        + "\",\"match\":{\"prefixes\":[\"#6"
        + n
        + "\"]},"
        + "\"routes\":[{\"trunkId\":\""
        + trunk
        + "\"}]}";
  }

  static String id(String json) {
    Matcher m = ID.matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return m.group(1);
  }

  static long version(String json) {
    Matcher m = VERSION.matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** "none", or status:count pairs ("409:172,404:3"; -1 = the client failed). */
  static String others(Map<Integer, Integer> other) {
    if (other.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    other.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append(':').append(v));
    return b.toString();
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }
}
