package io.trunkline.registration.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trunkline.platform.crypto.AesGcmSecretCipher;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds trunks into {@code trunk.config.v1} as the config service would (JSON of docs/contract.md,
 * password encrypted with the shared key) and records every value that appears on {@code
 * trunk.status.v1}.
 */
public final class TrunkFeed implements AutoCloseable {

  /** The %test key of application.properties. */
  public static final String TEST_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong VERSION = new AtomicLong(System.currentTimeMillis());
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread poller;
  private volatile boolean running = true;

  /** trunk id → status values in arrival order (null = tombstone). */
  public final Map<String, List<JsonNode>> statuses = new ConcurrentHashMap<>();

  public TrunkFeed(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(p);
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-status-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(c);
    consumer.subscribe(List.of("trunk.status.v1"));
    poller = new Thread(this::poll, "test-status-poller");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    try {
      while (running) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode value = r.value() == null ? null : JSON.readTree(r.value());
          statuses.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>()).add(value);
        }
      }
    } catch (Exception e) {
      if (running) {
        throw new IllegalStateException(e);
      }
    } finally {
      consumer.close();
    }
  }

  /** The status values of a trunk seen so far. */
  public List<JsonNode> statusesOf(String trunkId) {
    return statuses.getOrDefault(trunkId, List.of());
  }

  /** The latest status value of a trunk, or null. */
  public JsonNode lastStatus(String trunkId) {
    List<JsonNode> all = statusesOf(trunkId);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** A trunk built from the contract example, pointing at a registrar on 127.0.0.1. */
  public static ObjectNode trunk(String username, int registrarPort, String password) {
    try (InputStream in = TrunkFeed.class.getResourceAsStream("/trunk-config-example.json")) {
      ObjectNode t = (ObjectNode) JSON.readTree(in);
      t.put("id", UUID.randomUUID().toString());
      t.put("name", "trunk-" + username);
      t.put("host", "127.0.0.1");
      t.put("port", registrarPort);
      t.put("username", username);
      t.put("authUsername", username);
      t.put(
          "passwordEncrypted",
          password == null ? null : AesGcmSecretCipher.fromBase64Key(TEST_KEY).encrypt(password));
      return t;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Publishes a trunk with a fresh, higher version. */
  public void publish(ObjectNode trunk) {
    trunk.put("version", VERSION.incrementAndGet());
    trunk.put("at", Instant.now().toString());
    send(trunk.get("id").asText(), trunk.toString());
  }

  /** Publishes a trunk again as it is, version included (what a re-encryption does). */
  public void publishSameVersion(ObjectNode trunk) {
    send(trunk.get("id").asText(), trunk.toString());
  }

  /** Publishes many trunks at once (asynchronously, one flush). */
  public void publishAll(List<ObjectNode> trunks) {
    for (ObjectNode t : trunks) {
      t.put("version", VERSION.incrementAndGet());
      t.put("at", Instant.now().toString());
      producer.send(new ProducerRecord<>("trunk.config.v1", t.get("id").asText(), t.toString()));
    }
    producer.flush();
  }

  /** Publishes the tombstone of a trunk. */
  public void delete(String trunkId) {
    send(trunkId, null);
  }

  private void send(String key, String value) {
    try {
      producer.send(new ProducerRecord<>("trunk.config.v1", key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      poller.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
