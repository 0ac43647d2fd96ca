import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Benchmark of trunk-config-service on the local cluster: create-trunk throughput over REST and
 * change -> event latency (from sending the POST to the record arriving on trunk.config.v1). Run by
 * bench.sh: java -cp <kafka-clients, jackson> ConfigBench.java base key bootstrap n conc
 */
public class ConfigBench {

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String key = args[1];
    String bootstrap = args[2];
    int n = Integer.parseInt(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    String run = UUID.randomUUID().toString().substring(0, 8);
    ObjectMapper json = new ObjectMapper();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> latencyNanos = new ConcurrentHashMap<>();

    KafkaConsumer<String, String> consumer = consumer(bootstrap);
    List<TopicPartition> parts =
        consumer.partitionsFor("trunk.config.v1").stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position); // fix the start before the first create
    Thread reader =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted() && latencyNanos.size() < n) {
                for (var r : consumer.poll(Duration.ofMillis(50))) {
                  long now = System.nanoTime();
                  if (r.value() == null) {
                    continue;
                  }
                  try {
                    String name = json.readTree(r.value()).get("name").asText();
                    Long start = sentAt.get(name);
                    if (start != null) {
                      latencyNanos.putIfAbsent(name, now - start);
                    }
                  } catch (Exception e) {
                    // not ours
                  }
                }
              }
            });
    reader.start();

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Long> requestNanos = Collections.synchronizedList(new ArrayList<>());
    // Warm-up (not measured).
    for (int i = 0; i < 50; i++) {
      post(http, base, key, "bench-warm-" + run + "-" + i);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String name = "bench-" + run + "-" + i;
      pool.execute(
          () -> {
            long s = System.nanoTime();
            sentAt.put(name, s);
            try {
              int code = post(http, base, key, name);
              requestNanos.add(System.nanoTime() - s);
              (code == 201 ? ok : failed).incrementAndGet();
            } catch (Exception e) {
              failed.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long deadline = System.currentTimeMillis() + 60_000;
    while (latencyNanos.size() < ok.get() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    reader.interrupt();
    reader.join(5_000);

    List<Long> lat = new ArrayList<>(latencyNanos.values());
    Collections.sort(lat);
    List<Long> req = new ArrayList<>(requestNanos);
    Collections.sort(req);
    System.out.printf(
        "trunks=%d concurrency=%d ok=%d failed=%d%n", n, concurrency, ok.get(), failed.get());
    System.out.printf("throughput_per_s=%.1f%n", ok.get() / seconds);
    System.out.printf("request_ms_p50=%.1f request_ms_p99=%.1f%n", pct(req, 50), pct(req, 99));
    System.out.printf(
        "event_ms_p50=%.1f event_ms_p99=%.1f events=%d%n", pct(lat, 50), pct(lat, 99), lat.size());
  }

  private static int post(HttpClient http, String base, String key, String name) throws Exception {
    String body =
        // Disabled DIGEST trunks on 127.0.0.1: the password is encrypted as usual, but the
        // registration service neither registers nor pings them (no SIP traffic leaves the host).
        "{\"name\":\""
            + name
            + "\",\"host\":\"127.0.0.1\",\"port\":5999,\"enabled\":false,\"authMode\":\"DIGEST\","
            + "\"optionsPing\":false,\"username\":\"1001\",\"password\":\"bench-pw\"}";
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/trunks"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p);
  }
}
